"""Corpus extraction: parallel runs equal serial ones, resume after kill, error log."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from geoclaims import config
from geoclaims.corpus import ERRORS_FILENAME, extract_corpus
from geoclaims.errors import ConfigurationError, InputError, StoreError
from geoclaims.places.gazetteer import Gazetteer
from geoclaims.store.dataset import MANIFEST, read_store, stored_doc_ids

# Synthetic wire copy written for these tests: towns near the Russia-Ukraine border,
# attributed statements, denials and hedges, so that every document yields claims
# with places, footprints and several confidence grades.
TOWNS = [
    ("Sudzha", "Kursk"),
    ("Vovchansk", "Kharkiv"),
    ("Shebekino", "Belgorod"),
    ("Kupiansk", "Kharkiv"),
    ("Pokrovsk", "Donetsk"),
    ("Nikopol", "Dnipropetrovsk"),
    ("Okhtyrka", "Sumy"),
    ("Klintsy", "Bryansk"),
    ("Kherson", "Kherson"),
    ("Izium", "Kharkiv"),
]
SOURCES = [
    "Governor Anna Koval",
    "The regional military administration",
    "A spokesman for the border guard",
    "Local officials",
    "The defence ministry",
]
N_DOCS = 24


def wire_text(i: int, repeat: int) -> str:
    """A news-like document; ``repeat`` makes it longer (slower to analyse)."""
    town, region = TOWNS[i % len(TOWNS)]
    other, other_region = TOWNS[(i * 3 + 1) % len(TOWNS)]
    source, second = SOURCES[i % len(SOURCES)], SOURCES[(i + 2) % len(SOURCES)]
    sentences = [
        f"{source} said drones struck a fuel depot near {town} in the {region} "
        "region on Tuesday.",
        f"Shelling damaged houses about {5 + i % 17} km from the border, "
        f"according to {second}.",
        "The claim could not be independently verified.",
        f"{second} denied reports that troops had entered {other}.",
        f"Residents of {other} in the {other_region} region reported explosions "
        "overnight, local media said.",
        f"Two people were wounded in {town}, the head of the {region} "
        "administration wrote on Telegram.",
    ]
    return " ".join(sentences * repeat)


def write_corpus(
    path: Path, n: int = N_DOCS, *, repeat: int = 1, extra: list[dict] | None = None
) -> Path:
    """JSONL of ``n`` wire documents (one without any claim), then ``extra`` records."""
    records: list[dict] = [
        {
            "doc_id": f"wire-{i:03d}",
            "text": wire_text(i, repeat),
            "outlet": "Test Wire",
            "published": "2024-10-16",
        }
        for i in range(n - 1)
    ]
    records.append({"doc_id": "quiet", "text": "Nothing happened today."})
    records.extend(extra or [])
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def run_cli(
    gazetteer: Gazetteer, *args: str, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m geoclaims ARGS`` with GEOCLAIMS_DATA set; output captured."""
    return subprocess.run(
        [sys.executable, "-m", "geoclaims", *args],
        env={**os.environ, config.DATA_ENV: str(gazetteer.path.parent)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=cwd,
    )


def flat(text: str) -> str:
    """Undo rich's line wrapping."""
    return " ".join(text.split())


def rows(store: Path) -> pd.DataFrame:
    """The store's rows in a canonical order (documents by id, rows as written)."""
    frame = read_store(store)
    return frame.sort_values(["doc_id", "claim_id"], kind="stable").reset_index(
        drop=True
    )


def assert_same_rows(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert len(got) == len(expected) > 0
    pd.testing.assert_frame_equal(
        pd.DataFrame(got.drop(columns="geometry")),
        pd.DataFrame(expected.drop(columns="geometry")),
    )
    assert got.geometry.isna().equals(expected.geometry.isna())
    present = got.geometry.notna()
    assert got.geometry[present].geom_equals_exact(expected.geometry[present], 0).all()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "wire.jsonl", repeat=6)


@pytest.fixture(scope="module")
def serial(
    corpus: Path, gazetteer: Gazetteer, tmp_path_factory: pytest.TempPathFactory
) -> pd.DataFrame:
    """Rows of an uninterrupted in-process run (jobs=1): the reference."""
    store = tmp_path_factory.mktemp("serial") / "store"
    result = extract_corpus(
        [corpus], store=store, jobs=1, data=gazetteer.path, progress=False
    )
    assert (result.done, result.skipped, result.failed) == (N_DOCS, 0, 0)
    assert result.rows == len(read_store(store)) > N_DOCS
    return rows(store)


@pytest.mark.parametrize("jobs", [2])
def test_corpus_processes_equal_serial(
    corpus: Path, serial: pd.DataFrame, gazetteer: Gazetteer, tmp_path: Path, jobs: int
) -> None:
    store = tmp_path / "store"
    result = extract_corpus(
        [corpus], store=store, jobs=jobs, data=gazetteer.path, progress=False
    )
    assert (result.done, result.failed, result.rows) == (N_DOCS, 0, len(serial))
    assert_same_rows(rows(store), serial)
    # A document without claims is stored too, so a rerun skips every document.
    again = extract_corpus(
        [corpus], store=store, jobs=jobs, data=gazetteer.path, progress=False
    )
    assert (again.done, again.skipped, again.rows) == (0, N_DOCS, 0)
    assert "quiet" in stored_doc_ids(store)


def _descendants(pid: int) -> set[int]:
    """Pids of the processes below ``pid`` (from /proc), workers and resource tracker."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found |= frontier
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize(
    ("sig", "jobs"),
    [(signal.SIGKILL, 1), (signal.SIGINT, 1), (signal.SIGKILL, 2), (signal.SIGTERM, 2),
     (signal.SIGTERM, 1)],
    ids=["kill", "ctrl-c", "kill-jobs2", "term-jobs2", "term"],
)
def test_corpus_killed_run_resumes_without_loss_or_duplicates(
    corpus: Path,
    serial: pd.DataFrame,
    gazetteer: Gazetteer,
    tmp_path: Path,
    sig: signal.Signals,
    jobs: int,
) -> None:
    store = tmp_path / "store"
    args = ["extract", str(corpus), "--store", str(store), "--jobs", str(jobs)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "geoclaims", *args],
        env={**os.environ, config.DATA_ENV: str(gazetteer.path.parent)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    children: set[int] = set()
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        children |= _descendants(proc.pid)
        if len(list(store.glob("doc-*.parquet"))) >= 2:
            children |= _descendants(proc.pid)
            proc.send_signal(sig)
            break
        time.sleep(0.005)
    _, stderr = proc.communicate(timeout=60)
    stored = stored_doc_ids(store)
    assert 0 < len(stored) < N_DOCS, "the run was not stopped half-way"
    if jobs > 1:
        assert len(children) >= jobs, "the workers were not seen"
    # No worker and no resource tracker outlives the run, however it ended.
    deadline = time.monotonic() + 10
    while _alive(children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(children), f"orphans left running: {sorted(_alive(children))}"
    if sig == signal.SIGKILL:
        # kill -9 may leave a temporary file, never a partial document file:
        # stored_doc_ids above read every document file.
        assert proc.returncode == -signal.SIGKILL
    else:
        assert proc.returncode == 128 + sig  # 130 Ctrl-C, 143 SIGTERM
        reported = re.search(r"(\d+) documents stored by this run", flat(stderr))
        assert reported and int(reported[1]) == len(stored), stderr
        assert "rerun the same command to resume" in flat(stderr)
        assert not list(store.glob(".*.tmp")), "a temporary file was left behind"

    resumed = run_cli(gazetteer, *args)
    assert resumed.returncode == 0, resumed.stderr
    summary = flat(resumed.stderr)
    assert f"{N_DOCS - len(stored)} documents stored" in summary
    assert f"{len(stored)} already in the store" in summary
    assert_same_rows(rows(store), serial)


# `python -m geoclaims ARGS`, run only once the file GO exists: processes started
# together, released together (the slow imports done before the barrier).
AT_GO = """
import os, runpy, sys, time
import geoclaims.cli, geoclaims.corpus, geoclaims.places.gazetteer, geoclaims.store.io
go, args = sys.argv[1], sys.argv[2:]
while not os.path.exists(go):
    time.sleep(0.0005)
sys.argv = ["geoclaims", *args]
runpy.run_module("geoclaims", run_name="__main__")
"""


def test_corpus_two_runs_started_together_both_create_the_store(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "wire.jsonl", n=2)
    go = tmp_path / "go"
    stores = [tmp_path / f"store-{i}" for i in range(2)]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", AT_GO, str(go), "extract", str(corpus),
             "--store", str(store)],
            env={**os.environ, config.DATA_ENV: str(gazetteer.path.parent)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for store in stores
        for _ in range(3)
    ]
    time.sleep(8)  # let every interpreter start and wait at the barrier
    go.touch()
    stderrs = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * len(procs), stderrs
    for store in stores:
        assert stored_doc_ids(store) == {"wire-000", "quiet"}
        assert not list(store.glob(".*.tmp"))


BAD_DATE = {
    "doc_id": "bad-date",
    "text": "Drones hit Sudzha.",
    "published": "2024-13-45",
}


def test_corpus_failed_document_is_logged_and_the_run_goes_on(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    twin = {"doc_id": "wire-001", "text": "Drones hit Kursk."}
    corpus = write_corpus(tmp_path / "wire.jsonl", n=4, extra=[BAD_DATE, twin])
    store = tmp_path / "store"
    result = extract_corpus([corpus], store=store, data=gazetteer.path, progress=False)
    assert (result.done, result.failed) == (4, 2)
    assert stored_doc_ids(store) == {"wire-000", "wire-001", "wire-002", "quiet"}
    log = store / ERRORS_FILENAME
    assert result.errors_path == log and str(log) in result.summary()
    entries = [
        json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()
    ]
    assert [(e["doc_id"], e["origin"], e["error"]) for e in entries] == [
        ("bad-date", f"{corpus}:5", "InputError"),
        ("wire-001", f"{corpus}:6", "DuplicateDocId"),
    ]
    assert "2024-13-45" in entries[0]["message"]
    assert f"{corpus}:2" in entries[1]["message"]
    # A rerun retries the failures only, and the log describes this run alone.
    again = extract_corpus([corpus], store=store, data=gazetteer.path, progress=False)
    assert (again.done, again.skipped, again.failed) == (0, 4, 2)
    assert len(log.read_text(encoding="utf-8").splitlines()) == 2


def test_corpus_cli_errors_option_and_summary(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "wire.jsonl", n=3, extra=[BAD_DATE])
    log = tmp_path / "failed.jsonl"
    store = tmp_path / "store"
    proc = run_cli(
        gazetteer, "extract", str(corpus), "--store", str(store), "--errors", str(log)
    )
    assert proc.returncode == 0, proc.stderr
    summary = flat(proc.stderr)
    assert "3 documents stored" in summary and "1 failed" in summary
    assert str(log) in "".join(proc.stderr.split())
    assert [json.loads(x)["doc_id"] for x in log.read_text().splitlines()] == [
        "bad-date"
    ]
    assert not (tmp_path / "store" / ERRORS_FILENAME).exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--jobs", "2", "-o", "out.geojson"], "--store DIR alone"),
        (
            ["--scheduler", "tcp://127.0.0.1:1", "-o", "out.geojson"],
            "--store DIR alone",
        ),
        (["--store", "missing/store"], "parent directory does not exist"),
        (["--store", "wire.jsonl"], "wire.jsonl is a file, not a store directory"),
        (["--store", "store", "--errors", "missing/err.jsonl"], "does not exist"),
        (
            ["--store", "store", "--jobs", "2", "--scheduler", "tcp://127.0.0.1:1"],
            "not both",
        ),
    ],
)
def test_corpus_cli_bad_arguments_exit_one(
    gazetteer: Gazetteer, tmp_path: Path, args: list[str], message: str
) -> None:
    corpus = write_corpus(tmp_path / "wire.jsonl", n=2)
    proc = run_cli(gazetteer, "extract", str(corpus), *args, cwd=tmp_path)
    assert proc.returncode == 1
    assert message in flat(proc.stderr)
    assert "Traceback" not in proc.stderr
    assert not list(tmp_path.glob("store/doc-*.parquet"))


@pytest.mark.parametrize("jobs", [0, -1, 1.5, True])
def test_corpus_bad_jobs(gazetteer: Gazetteer, tmp_path: Path, jobs: object) -> None:
    corpus = write_corpus(tmp_path / "wire.jsonl", n=2)
    with pytest.raises(ConfigurationError, match="jobs must be an integer"):
        extract_corpus([corpus], store=tmp_path / "s", jobs=jobs, data=gazetteer.path)  # type: ignore[arg-type]


def test_corpus_refuses_a_store_of_another_version(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "wire.jsonl", n=2)
    store = tmp_path / "store"
    store.mkdir()
    (store / MANIFEST).write_text(json.dumps({"format": 99}), encoding="utf-8")
    with pytest.raises(StoreError, match=r"format 99.*format 1"):
        extract_corpus([corpus], store=store, data=gazetteer.path, progress=False)
    assert not list(store.glob("doc-*"))


def test_corpus_dask_cluster_equals_serial(
    corpus: Path, serial: pd.DataFrame, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    distributed = pytest.importorskip("distributed")
    store = tmp_path / "store"
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        result = extract_corpus(
            [corpus],
            store=store,
            scheduler=cluster.scheduler_address,
            data=gazetteer.path,
            progress=False,
        )
    assert (result.done, result.failed, result.rows) == (N_DOCS, 0, len(serial))
    assert_same_rows(rows(store), serial)


def test_corpus_missing_input_is_an_input_error(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    with pytest.raises(InputError, match=r"nope\.jsonl: no such file"):
        extract_corpus(
            [tmp_path / "nope.jsonl"],
            store=tmp_path / "s",
            data=gazetteer.path,
            progress=False,
        )
    assert not (tmp_path / "s").exists(), "nothing is created for a bad input"
