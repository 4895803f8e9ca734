"""Benchmark the geoparser: accuracy on every eval corpus, speed on one core, baseline.

Three sections, as one markdown report on stdout (and ``--out FILE``, atomic):

1. accuracy on each ``*.jsonl`` corpus of the eval directory (``../shared/eval``):
   resolution with gold spans and, where recognition is annotated exhaustively,
   end to end (recognition P/R/F1, acc@161 with missed = wrong), next to the
   published reference figures quoted in the eval README;
2. speed on one pinned core: end-to-end words/s (best of N after a warm-up),
   gazetteer open time (fresh subprocess, median of 5) and peak RSS;
3. the flashgeotext dictionary tagger (the ``bench`` extra) on the same texts:
   words/s, recognition P/R/F1 and the speed ratio.

Timed work runs in subprocesses of this script (``--worker``), pinned with
``os.sched_setaffinity`` to the first CPU the benchmark may use. Progress goes
to stderr. Run from the repository root::

    python benchmarks/geoparse_bench.py --quick
    python benchmarks/geoparse_bench.py --out BENCHMARKS.geoparse.md
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.metadata
import json
import os
import platform
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_EVAL_DIR = REPO.parent / "shared" / "eval"
#: Corpus order of the eval README; other ``*.jsonl`` files follow alphabetically.
KNOWN_ORDER = (
    "lgl",
    "geovirus",
    "wiktor",
    "geocorpora",
    "tudloc2013",
    "wotr_test",
    "ju2016",
    "hu2014",
    "toporesolve_usnews",
    "news_dev",
)
#: Only target toponyms are annotated here, so recognition is not scored (eval README).
RESOLUTION_ONLY = frozenset({"wiktor", "ju2016", "hu2014", "toporesolve_usnews"})
QUICK_CORPORA = ("lgl", "geovirus", "news_dev")
#: Published acc@161 from the eval README table, by corpus and mode. The README
#: does not give the setting of the population baseline and CLAVIN rows; they are
#: listed with the gold-span rows, Edinburgh (end to end) with the end-to-end rows.
PUBLISHED_ACC: dict[str, dict[str, str]] = {
    "lgl": {
        "gold": "CamCoder 0.76; Mordecai 3 0.827†; CLAVIN 0.71; population 0.70",
        "e2e": "Edinburgh 0.76",
    },
    "geovirus": {
        "gold": "CamCoder 0.82; population 0.80; CLAVIN 0.79",
        "e2e": "Edinburgh 0.78",
    },
    "wiktor": {
        "gold": "CamCoder 0.65; Edinburgh 0.42 (e2e); population 0.22; "
        "CLAVIN 0.16; Mordecai 3 0.980† (own split)",
    },
}
PUBLISHED_RECOGNITION = {
    "lgl": "~0.71 best (Topocluster, StanfordNER+gaz.); Edinburgh 0.62; CLAVIN 0.57",
}
LOOKUP_NAME = "London"
#: Geoparsed once after the open, to show any cost deferred to the first call.
FIRST_TEXT = "Shelling was reported near Sudzha in the Kursk region, 8 km from Ukraine."
OPEN_REPEATS = 5


# -- helpers -----------------------------------------------------------------------


def log(message: str) -> None:
    """Print a progress line to stderr."""
    print(
        f"[geoparse_bench {time.strftime('%H:%M:%S')}] {message}",
        file=sys.stderr,
        flush=True,
    )


def read_docs(path: Path) -> list[dict[str, Any]]:
    """Read a corpus with line-numbered errors."""
    from geoclaims._io import iter_jsonl

    return list(iter_jsonl(path, required=("doc_id", "text")))


def read_docs_plain(path: Path) -> list[dict[str, Any]]:
    """Read a corpus without importing geoclaims (for the baseline's memory)."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def library_state(extra: Iterable[Path] = ()) -> dict[str, tuple[int, int]]:
    """(mtime_ns, size) of every geoclaims/ file and of ``extra`` files.

    Another developer may be editing the library while this runs; comparing the
    state at the start and the end tells whether all sections saw the same code.
    """
    files = [p for p in (REPO / "geoclaims").rglob("*") if p.is_file()]
    state = {}
    for p in [*files, *extra]:
        if "__pycache__" in p.parts:
            continue
        with contextlib.suppress(OSError):
            st = p.stat()
            state[str(p.relative_to(REPO) if p.is_relative_to(REPO) else p)] = (
                st.st_mtime_ns,
                st.st_size,
            )
    return state


def count_words(docs: Iterable[dict[str, Any]]) -> int:
    """Whitespace-split tokens, the unit of every words/s figure here."""
    return sum(len(d["text"].split()) for d in docs)


def with_progress(items: list[Any], label: str) -> Iterator[Any]:
    """Yield items, logging about ten progress lines to stderr."""
    total, step, start = len(items), max(1, len(items) // 10), time.perf_counter()
    for i, item in enumerate(items, start=1):
        yield item
        if i % step == 0 or i == total:
            elapsed = time.perf_counter() - start
            eta = elapsed / i * (total - i)
            log(f"{label}: {i}/{total} docs, {elapsed:.1f} s, ETA {eta:.0f} s")


def cell(text: object) -> str:
    """Return ``text`` as a markdown table cell: one line, pipes escaped."""
    return " ".join(str(text).replace("|", r"\|").split())


RECOGNITION_KEYS = (
    "strict_precision", "strict_recall", "strict_f1",
    "overlap_precision", "overlap_recall", "overlap_f1",
)  # fmt: skip
RECOGNITION_HEADER = (
    "strict P | strict R | strict F1 | overlap P | overlap R | overlap F1"
)


def recognition_cells(rec: dict[str, Any]) -> str:
    """Return the six P/R/F1 cells of a recognition result, 3 decimals."""
    return " | ".join(f"{rec[key]:.3f}" for key in RECOGNITION_KEYS)


def pin_to_cpu(cpu: int) -> list[int]:
    """Pin this process to ``cpu``; return the affinity actually in force."""
    os.sched_setaffinity(0, {cpu})
    return sorted(os.sched_getaffinity(0))


def maxrss_mb() -> float:
    """Peak resident set size of this process, MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def flashgeotext_spans(result: dict[str, Any]) -> list[tuple[int, int]]:
    """Spans of a ``GeoText.extract`` result, cities and countries merged.

    The result maps lookup ("cities", "countries") -> canonical name ->
    ``{"count", "span_info": [(start, end), ...], "found_as"}``; offsets index the
    input text, end exclusive. The two lookups run independently, so a string can
    match in both (e.g. a city-state): keep the longest of overlapping spans.
    """
    spans = {
        (int(s), int(e))
        for lookup in result.values()
        for meta in lookup.values()
        for s, e in meta.get("span_info", ())
    }
    kept: list[tuple[int, int]] = []
    for s, e in sorted(spans, key=lambda se: (se[0] - se[1], se[0])):
        if all(e <= ks or s >= ke for ks, ke in kept):
            kept.append((s, e))
    return sorted(kept)


# -- workers (run in a pinned subprocess, print one JSON line) ------------------------


def worker_open(args: argparse.Namespace) -> dict[str, Any]:
    """Time the import, then ``Gazetteer.open()`` plus one name lookup."""
    cpus = pin_to_cpu(args.cpu)
    t0 = time.perf_counter()
    from geoclaims.places.gazetteer import Gazetteer

    t1 = time.perf_counter()
    gaz = Gazetteer.open()
    hits = gaz.by_name(LOOKUP_NAME)
    t2 = time.perf_counter()
    from geoclaims.places.geoparse import geoparse

    t3 = time.perf_counter()
    geoparse(FIRST_TEXT, gazetteer=gaz)
    t4 = time.perf_counter()
    return {
        "import_s": t1 - t0,
        "open_s": t2 - t1,
        "first_geoparse_s": t4 - t3,
        "hits": len(hits),
        "cpus": cpus,
        "maxrss_mb": maxrss_mb(),
    }


def timed_runs(parse: Any, docs: list[dict[str, Any]], runs: int) -> dict[str, Any]:
    """Time ``parse(docs)`` (-> toponyms found): one warm-up, then ``runs`` runs."""
    times, cpu_times, n_toponyms = [], [], 0
    for _ in range(runs + 1):
        t0, c0 = time.perf_counter(), time.process_time()
        n_toponyms = parse(docs)
        times.append(time.perf_counter() - t0)
        cpu_times.append(time.process_time() - c0)
    return {
        "warmup_s": times[0],
        "times_s": times[1:],
        "cpu_times_s": cpu_times[1:],
        "toponyms": n_toponyms,
        "words": count_words(docs),
        "docs": len(docs),
        "maxrss_mb": maxrss_mb(),
    }


def worker_geoclaims(args: argparse.Namespace) -> dict[str, Any]:
    """Geoparse a corpus end to end; with ``--runs 0`` this is the memory probe."""
    cpus = pin_to_cpu(args.cpu)
    from geoclaims.places.gazetteer import Gazetteer
    from geoclaims.places.geoparse import geoparse_corpus

    docs = read_docs(Path(args.corpus))
    rss_loaded = maxrss_mb()
    gaz = Gazetteer.open()
    rss_open = maxrss_mb()

    def parse(docs: list[dict[str, Any]]) -> int:
        return sum(len(r["toponyms"]) for r in geoparse_corpus(docs, gazetteer=gaz))

    return {**timed_runs(parse, docs, args.runs), "cpus": cpus,
            "maxrss_loaded_mb": rss_loaded, "maxrss_open_mb": rss_open}  # fmt: skip


def worker_flashgeotext(args: argparse.Namespace) -> dict[str, Any]:
    """Run flashgeotext's demo-data ``GeoText().extract`` over a corpus."""
    cpus = pin_to_cpu(args.cpu)
    docs = read_docs_plain(Path(args.corpus))
    t0 = time.perf_counter()
    from flashgeotext.geotext import GeoText

    geotext = GeoText()
    init_s = time.perf_counter() - t0

    def parse(docs: list[dict[str, Any]]) -> int:
        results = [geotext.extract(input_text=d["text"]) for d in docs]
        return sum(len(flashgeotext_spans(r)) for r in results)

    return {**timed_runs(parse, docs, args.runs), "cpus": cpus, "init_s": init_s}


WORKERS = {
    "open": worker_open,
    "geoclaims": worker_geoclaims,
    "flashgeotext": worker_flashgeotext,
}


def run_worker(
    name: str, cpu: int, corpus: Path | None = None, runs: int = 0
) -> dict[str, Any]:
    """Run ``--worker name`` in a fresh interpreter; its last stdout line is JSON."""
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        name,
        "--cpu",
        str(cpu),
        "--runs",
        str(runs),
    ]
    if corpus is not None:
        cmd += ["--worker-corpus", str(corpus)]
    # One core means one thread: keep BLAS/OpenMP pools from spawning more.
    env = {
        **os.environ,
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr.strip().splitlines() or ["(no stderr)"])[-1]
        raise RuntimeError(f"worker {name!r} exited {proc.returncode}: {tail}")
    return dict(json.loads(lines[-1]))


# -- report sections ------------------------------------------------------------------


class Report:
    """Markdown lines plus the problems met on the way."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.problems: list[str] = []

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def problem(self, where: str, err: BaseException) -> str:
        message = f"{where}: {type(err).__name__}: {err}"
        self.problems.append(message)
        log(f"ERROR {message}")
        traceback.print_exc(file=sys.stderr)
        return message

    def text(self) -> str:
        return "\n".join(self.lines).rstrip() + "\n"


def git_state() -> str:
    """Commit, and the uncommitted library files the numbers depend on."""

    def git(*a: str) -> str:
        out = subprocess.run(
            ["git", "-C", str(REPO), *a], capture_output=True, text=True, check=False
        )
        return out.stdout

    head = git("rev-parse", "--short", "HEAD").strip() or "unknown"
    porcelain = git("status", "--porcelain", "--", "geoclaims")
    dirty = [line[3:] for line in porcelain.splitlines() if line.strip()]
    if dirty:
        return f"{head} + uncommitted changes to {', '.join(dirty)}"
    return f"{head} (clean geoclaims/)"


def cpu_model() -> str:
    """CPU model name from /proc/cpuinfo."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def version_of(dist: str) -> str:
    """Installed version of a distribution, or "not installed"."""
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def header(report: Report, argv: list[str]) -> None:
    """Reproduce command, machine, versions and gazetteer provenance."""
    data = os.environ.get("GEOCLAIMS_DATA")
    prefix = f"GEOCLAIMS_DATA={shlex.quote(data)} " if data else ""
    command = shlex.join(["python", "benchmarks/geoparse_bench.py", *argv])
    report.add(
        "# geoclaims geoparsing benchmark",
        "",
        "Reproduce (from the repository root, in the project venv):",
        "",
        "```",
        f"{prefix}{command}",
        "```",
        "",
        f"- date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- machine: {platform.platform()}; {cpu_model()}; {os.cpu_count()} CPUs "
        f"({len(os.sched_getaffinity(0))} usable); load average "
        f"{load_average()} at start",
        f"- python {platform.python_version()}; geoclaims {version_of('geoclaims')} at "
        f"{git_state()}; flashgeotext {version_of('flashgeotext')}",
    )
    try:
        from geoclaims.places.gazetteer import Gazetteer

        info = Gazetteer.open().info()
        sources = json.loads(info.get("sources", "{}"))
        report.add(
            f"- gazetteer: version {info.get('version')}, built {info.get('built')}, "
            f"{info.get('size_mb')} MB at `{info.get('path')}`",
            f"  - sources: {', '.join(f'{k} {v}' for k, v in sorted(sources.items()))}",
            f"  - admin1 source: {info.get('admin1_source')}; polygons "
            f"{', '.join(f'{k} {v}' for k, v in info.get('polygons', {}).items())}",
            f"  - {sum(info.get('places', {}).values())} places "
            f"({', '.join(f'{k} {v}' for k, v in info.get('places', {}).items())}), "
            f"{info.get('names')} names",
        )
    except Exception as err:  # report, don't crash: the lead reruns this
        report.add(f"- gazetteer: **{report.problem('gazetteer info', err)}**")
    report.add("")


def evaluate_corpus(path: Path, mode: str, gaz: Any) -> tuple[dict[str, Any], float]:
    from geoclaims.evaluation.toponyms import evaluate_predictions
    from geoclaims.places.geoparse import geoparse_corpus

    docs = read_docs(path)
    gold = mode == "gold"
    start = time.perf_counter()
    label = f"{path.stem} ({'gold spans' if gold else 'end to end'})"
    preds = {
        r["doc_id"]: r["toponyms"]
        for r in geoparse_corpus(
            with_progress(docs, label), gazetteer=gaz, gold_spans=gold
        )
    }
    elapsed = time.perf_counter() - start
    return evaluate_predictions(path, preds, gold_spans=gold), elapsed


def with_language_subsets(
    corpora: list[Path], tmp: Path
) -> Iterator[tuple[str, Path]]:
    """Yield ``(name, path)`` for each corpus and, after a corpus whose documents are
    in more than one ``lang``, for each language's documents (written under ``tmp``).

    The gold ``lang`` only splits the report; the geoparser never sees it.
    """
    for path in corpora:
        yield path.stem, path
        by_lang: dict[str, list[str]] = {}
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    lang = json.loads(line).get("lang")
                    by_lang.setdefault(str(lang), []).append(line.rstrip("\n"))
        if len(by_lang) < 2:
            continue
        for lang, records in sorted(by_lang.items()):
            subset = tmp / f"{path.stem}.{lang}.jsonl"
            subset.write_text("\n".join(records) + "\n", encoding="utf-8")
            yield f"{path.stem} ({lang})", subset


def accuracy_section(report: Report, corpora: list[Path]) -> dict[str, Any]:
    with contextlib.ExitStack() as stack:
        return _accuracy_section(report, corpora, stack)


def _accuracy_section(
    report: Report, corpora: list[Path], stack: contextlib.ExitStack
) -> dict[str, Any]:
    from geoclaims.evaluation.tables import MARKDOWN_HEADER, format_markdown_row
    from geoclaims.places.gazetteer import Gazetteer

    report.add(
        "## 1 Accuracy",
        "",
        "Resolution with gold spans (`geoparse_corpus(..., gold_spans=True)`: only the "
        "gold spans are resolved) and, for corpora whose toponyms are annotated "
        "exhaustively, end to end (recognition + resolution; acc@161 over all gold "
        "toponyms, a missed toponym counts as wrong). Metrics from "
        "`geoclaims.evaluation.toponyms` (Gritta et al. 2020); AUC lower is better; n = gold "
        "toponyms with coordinates, resolved = how many of them got coordinates.",
        "",
    )
    head, rule = MARKDOWN_HEADER.splitlines()
    rows = [
        head + " resolved | published acc@161 (eval README) | time s |",
        rule + "---:|---|---:|",
    ]
    recog: list[str] = []
    results: dict[str, Any] = {}
    try:
        gaz = Gazetteer.open()
    except Exception as err:
        report.add(f"**{report.problem('accuracy: Gazetteer.open()', err)}**", "")
        return results
    tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="geoparse-bench-"))
    for name, path in with_language_subsets(corpora, Path(tmp)):
        modes = ["gold"] if name in RESOLUTION_ONLY else ["gold", "e2e"]
        for mode in modes:
            label = f"{name} · {'gold spans' if mode == 'gold' else 'end to end'}"
            try:
                result, elapsed = evaluate_corpus(path, mode, gaz)
            except Exception as err:
                msg = report.problem(f"accuracy {label}", err)
                rows.append(f"| {cell(label)} | {cell('error: ' + msg)} |" + " |" * 9)
                continue
            results[f"{name}:{mode}"] = result
            res, rec = result["resolution"], result["recognition"]
            published = PUBLISHED_ACC.get(name, {}).get(mode, "")
            rows.append(
                f"{format_markdown_row(label, result)} {res['n_predicted']} | "
                f"{cell(published)} | {elapsed:.1f} |"
            )
            if rec is not None:
                recog.append(
                    f"| {name} | {recognition_cells(rec)} | {rec['n_gold']} | "
                    f"{rec['n_pred']} | {cell(PUBLISHED_RECOGNITION.get(name, ''))} |"
                )
    report.add(*rows, "")
    report.add(
        "† Mordecai 3 (README, retrained 2025): scored on its own held-out split, "
        "trained on parts of LGL; not directly comparable. All published figures are "
        "quoted from the eval README, not re-run here; their evaluation settings "
        "differ from ours.",
        "",
    )
    if recog:
        report.add(
            "Recognition (end to end; strict = identical span, overlap = any shared "
            "character, one to one):",
            "",
            f"| corpus | {RECOGNITION_HEADER} | gold | predicted "
            "| published strict F1 |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
            *recog,
            "",
        )
    return results


def speed_row(label: str, r: dict[str, Any]) -> tuple[str, dict[str, float]]:
    """Return a SPEED_HEADER row and the best words/s by wall clock and CPU time.

    CPU share = CPU time / wall time of the fastest run: well below 1 means the
    pinned core was shared with other processes and the wall figure is contended.
    """
    k = min(range(len(r["times_s"])), key=r["times_s"].__getitem__)
    best = r["times_s"][k]
    rates = {
        "wall": r["words"] / best,
        "cpu": r["words"] / max(min(r["cpu_times_s"]), 1e-9),
        "share": r["cpu_times_s"][k] / best,
    }
    runs = ", ".join(f"{t:.2f}" for t in r["times_s"])
    row = (
        f"| {label} | {rates['wall']:,.0f} | {rates['cpu']:,.0f} | "
        f"{r['docs'] / best:,.1f} | {best:.2f} | {runs} | {rates['share']:.0%} | "
        f"{r['warmup_s']:.2f} | {r['toponyms']} | {r['maxrss_mb']:.0f} |"
    )
    return row, rates


SPEED_HEADER = (
    "| system | words/s (best) | words/CPU-s (best) | docs/s | best s | "
    "timed runs s | CPU share | warm-up s | toponyms out | peak RSS MB |",
    "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|",
)
CONTENDED_SHARE = 0.9


def contention_note(rates: dict[str, float]) -> list[str]:
    """A warning line when the pinned core was shared, else nothing."""
    if rates["share"] >= CONTENDED_SHARE:
        return []
    return [
        f"⚠ The measured process got {rates['share']:.0%} of its core in the best "
        "run (other load on the machine, or hypervisor steal): the wall-clock "
        "rate is contended, "
        "words/CPU-s is the fairer figure. Rerun on a quiet machine.",
        "",
    ]


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, for judging timing noise."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def speed_section(
    report: Report, corpus: Path, cpu: int, runs: int
) -> dict[str, float] | None:
    report.add(
        f"## 2 Speed on one core ({corpus.stem})",
        "",
        f"Every measurement runs in a fresh subprocess pinned with "
        f"`os.sched_setaffinity(0, {{{cpu}}})` (the first usable CPU), with "
        "`OMP_NUM_THREADS=1`. Words = whitespace-split tokens of the texts. "
        "Wall-clock words/s is the headline figure; words per CPU-second (process "
        "time) is less sensitive to other load on the machine (load average "
        f"{load_average()} when this section started).",
        "",
    )
    rates: dict[str, float] | None = None
    try:
        docs = read_docs(corpus)
        report.add(
            f"Input: {len(docs)} documents, {count_words(docs):,} words, "
            f"{sum(len(d['text']) for d in docs):,} characters.",
            "",
        )
    except Exception as err:
        report.add(f"**{report.problem(f'speed: reading {corpus}', err)}**", "")
        return None
    try:
        log(f"speed: geoclaims end to end on {corpus.stem}, 1 warm-up + {runs} runs")
        r = run_worker("geoclaims", cpu, corpus, runs)
        row, rates = speed_row("geoclaims end to end (`geoparse_corpus`)", r)
        report.add(
            f"End-to-end geoparsing (recognition + resolution), best of {runs} "
            f"runs after one warm-up run, same process and gazetteer "
            f"(affinity in the worker: {r['cpus']}):",
            "",
            *SPEED_HEADER,
            row,
            "",
            *contention_note(rates),
        )
    except Exception as err:
        report.add(f"**{report.problem('speed: geoclaims', err)}**", "")
    try:
        log(
            f"speed: Gazetteer.open() + by_name({LOOKUP_NAME!r}), "
            f"{OPEN_REPEATS} subprocesses"
        )
        opens = [run_worker("open", cpu) for _ in range(OPEN_REPEATS)]
        o = [x["open_s"] * 1000 for x in opens]
        imp = [x["import_s"] * 1000 for x in opens]
        first = statistics.median(x["first_geoparse_s"] * 1000 for x in opens)
        report.add(
            f"- gazetteer open: **{statistics.median(o):.1f} ms** median of "
            f"{OPEN_REPEATS} fresh subprocesses (`Gazetteer.open()` + "
            f"`by_name({LOOKUP_NAME!r})`, {opens[0]['hits']} hits; runs "
            f"{', '.join(f'{x:.1f}' for x in o)} ms); not counted: "
            "`import geoclaims.places.gazetteer` "
            f"{statistics.median(imp):.0f} ms median. OS file cache warm. The first "
            f"`geoparse()` of a one-sentence text right after: {first:.0f} ms median "
            "(includes any lazy loading)",
        )
    except Exception as err:
        report.add(
            f"- gazetteer open: **{report.problem('speed: gazetteer open', err)}**"
        )
    try:
        log(f"memory: open + geoparse {corpus.stem} end to end in a subprocess")
        m = run_worker("geoclaims", cpu, corpus, runs=0)
        report.add(
            f"- peak memory (`ru_maxrss` of a subprocess that opens the gazetteer and "
            f"geoparses {corpus.stem} end to end once): **{m['maxrss_mb']:.0f} MB**; "
            f"{m['maxrss_loaded_mb']:.0f} MB after imports and reading the corpus, "
            f"{m['maxrss_open_mb']:.0f} MB after `Gazetteer.open()`",
        )
    except Exception as err:
        report.add(f"- peak memory: **{report.problem('speed: peak memory', err)}**")
    report.add("")
    return rates


def baseline_section(
    report: Report,
    corpus: Path,
    cpu: int,
    runs: int,
    geoclaims_rates: dict[str, float] | None,
    results: dict[str, Any],
) -> None:
    report.add(
        "## 3 Baseline: flashgeotext dictionary tagger",
        "",
        "flashgeotext (`pip install -e .[bench]`) with its bundled demo lookup data "
        "(cities and countries), `GeoText().extract(input_text=...)`: recognition only "
        "(canonical names, no coordinates), so it is compared on recognition and "
        "speed. "
        "Spans come from `span_info`; city and country matches are merged, the longest "
        "of overlapping spans kept. Its worker process does not import geoclaims.",
        "",
    )
    version = version_of("flashgeotext")
    if version == "not installed":
        report.add(
            "**flashgeotext is not installed** (`pip install flashgeotext`); "
            "baseline skipped.",
            "",
        )
        report.problems.append("baseline: flashgeotext not installed")
        return
    try:
        log(
            f"baseline: flashgeotext {version} on {corpus.stem}, "
            f"1 warm-up + {runs} runs"
        )
        r = run_worker("flashgeotext", cpu, corpus, runs)
        row, frates = speed_row(f"flashgeotext {version} `extract`", r)
        report.add(
            f"Speed on {corpus.stem}, same protocol and pinning as section 2 "
            f"(lookup build `GeoText()`: {r['init_s']:.2f} s, not timed):",
            "",
            *SPEED_HEADER,
            row,
            "",
        )
        if geoclaims_rates:
            g, f = geoclaims_rates, frates
            report.add(
                *contention_note(f),
                f"**Speed ratio geoclaims / flashgeotext: {g['wall'] / f['wall']:.3f} "
                f"by wall clock** ({g['wall']:,.0f} vs {f['wall']:,.0f} words/s), "
                f"{g['cpu'] / f['cpu']:.3f} by CPU time ({g['cpu']:,.0f} vs "
                f"{f['cpu']:,.0f} words/CPU-s): flashgeotext is about "
                f"{f['cpu'] / g['cpu']:.0f} times faster. geoclaims also resolves "
                "every mention, flashgeotext only matches names.",
                "",
            )
    except Exception as err:
        report.add(
            f"**flashgeotext speed failed: {report.problem('baseline speed', err)}**",
            "",
        )
    try:
        from flashgeotext.geotext import GeoText

        from geoclaims.evaluation.toponyms import evaluate_predictions

        geotext = GeoText()
        docs = read_docs(corpus)
        preds = {
            d["doc_id"]: [
                {"start": s, "end": e}
                for s, e in flashgeotext_spans(geotext.extract(input_text=d["text"]))
            ]
            for d in docs
        }
        rows = [("flashgeotext", evaluate_predictions(corpus, preds, gold_spans=False))]
        if f"{corpus.stem}:e2e" in results:
            rows.append(("geoclaims", results[f"{corpus.stem}:e2e"]))
        lines = []
        for name, res in rows:
            rec = res["recognition"]
            lines.append(f"| {name} | {recognition_cells(rec)} | {rec['n_pred']} |")
        report.add(
            f"Recognition on {corpus.stem} ({rows[0][1]['recognition']['n_gold']} "
            "gold toponyms):",
            "",
            f"| system | {RECOGNITION_HEADER} | predicted |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
            *lines,
            "",
        )
    except Exception as err:
        report.add(
            f"**flashgeotext recognition failed: "
            f"{report.problem('baseline recognition', err)}**",
            "",
        )


# -- main -----------------------------------------------------------------------------


def find_corpora(eval_dir: Path, wanted: list[str] | None) -> list[Path]:
    found = {p.stem: p for p in eval_dir.glob("*.jsonl")}
    if wanted is not None:
        unknown = [w for w in wanted if w not in found]
        if unknown:
            raise SystemExit(
                f"unknown corpus {', '.join(unknown)} in {eval_dir}; "
                f"available: {', '.join(sorted(found))}"
            )
        names = wanted
    else:
        # Every corpus with toponyms (the attribution corpora, PolNeAR, have none).
        found = {n: p for n, p in found.items() if _has_toponyms(p)}
        names = [n for n in KNOWN_ORDER if n in found]
        names += sorted(set(found) - set(names))
    return [found[n] for n in names]


def _has_toponyms(path: Path) -> bool:
    """True when the first record of a JSONL corpus has a ``toponyms`` list."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                return isinstance(json.loads(line).get("toponyms"), list)
    return False


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--eval-dir",
        type=Path,
        default=DEFAULT_EVAL_DIR,
        help="directory of *.jsonl gold corpora (default: %(default)s)",
    )
    p.add_argument(
        "--corpora",
        help="comma-separated corpus names for section 1 "
        "(default: every *.jsonl in --eval-dir)",
    )
    p.add_argument(
        "--quick",
        action="store_true",
        help=f"accuracy on {','.join(QUICK_CORPORA)} only (speed as usual)",
    )
    p.add_argument(
        "--speed-corpus",
        default="lgl",
        help="corpus for sections 2 and 3 (default: %(default)s)",
    )
    p.add_argument(
        "--runs",
        type=int,
        default=3,
        help="timed runs after one warm-up (default: %(default)s)",
    )
    p.add_argument(
        "--skip",
        default="",
        help="comma-separated sections to skip: accuracy, speed, baseline",
    )
    p.add_argument("--out", type=Path, help="also write the report here (atomic)")
    p.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    p.add_argument("--worker-corpus", dest="corpus", help=argparse.SUPPRESS)
    p.add_argument("--cpu", type=int, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.runs < 1 and not args.worker:
        p.error("--runs must be at least 1")
    args.skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    if bad := args.skip - {"accuracy", "speed", "baseline"}:
        p.error(f"--skip: unknown section(s) {', '.join(sorted(bad))}")
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.worker:
        print(json.dumps(WORKERS[args.worker](args)))
        return 0
    if not args.eval_dir.is_dir():
        raise SystemExit(f"eval directory not found: {args.eval_dir} (use --eval-dir)")
    wanted = (
        [c.strip() for c in args.corpora.split(",") if c.strip()]
        if args.corpora
        else list(QUICK_CORPORA)
        if args.quick
        else None
    )
    corpora = find_corpora(args.eval_dir, wanted)
    speed_corpus = find_corpora(args.eval_dir, [args.speed_corpus])[0]
    cpu = min(os.sched_getaffinity(0))
    started = time.perf_counter()
    gazetteer_file: list[Path] = []
    with contextlib.suppress(Exception):
        from geoclaims.config import gazetteer_path

        gazetteer_file.append(Path(gazetteer_path()))
    state_at_start = library_state(gazetteer_file)

    report = Report()
    header(report, argv)
    results: dict[str, Any] = {}
    if "accuracy" not in args.skip:
        results = accuracy_section(report, corpora)
    geoclaims_rates = None
    if "speed" not in args.skip:
        geoclaims_rates = speed_section(report, speed_corpus, cpu, args.runs)
    if "baseline" not in args.skip:
        baseline_section(report, speed_corpus, cpu, args.runs, geoclaims_rates, results)
    state_at_end = library_state(gazetteer_file)
    changed = sorted(
        name
        for name in state_at_start.keys() | state_at_end.keys()
        if state_at_start.get(name) != state_at_end.get(name)
    )
    if changed:
        report.problems.append(
            "library or gazetteer files changed during the run, so sections may "
            f"have measured different code: {', '.join(changed)}"
        )
    if report.problems:
        report.add("## Problems", "", *(f"- {cell(p)}" for p in report.problems), "")
    report.add(f"_Total benchmark time {time.perf_counter() - started:.0f} s._")

    text = report.text()
    sys.stdout.write(text)
    sys.stdout.flush()
    if args.out:
        from geoclaims._io import atomic_write

        with atomic_write(args.out) as handle:
            handle.write(text)
        log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
