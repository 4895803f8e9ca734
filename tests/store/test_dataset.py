"""The claims store: idempotent appends, read-back, version and corruption errors, CLI."""

from __future__ import annotations

import json
import subprocess
import sys
import threading

import pytest

from geoclaims.errors import StoreError
from geoclaims.pipeline import analyze
from geoclaims.store.dataset import (
    MANIFEST,
    append_reports,
    open_store,
    read_store,
    stored_doc_ids,
)
from geoclaims.store.frames import CLAIM_COLUMNS

TEXTS = {
    "a": "Governor Anna Koval said on Monday that drones hit a depot near Belgorod.",
    "b": "Officials in Kharkiv said shelling hit the outskirts of Vovchansk overnight.",
}


@pytest.fixture(scope="module")
def reports(gazetteer):  # type: ignore[no-untyped-def]
    return [analyze(t, doc_id=k, outlet="Test Wire", published="2024-10-16", gazetteer=gazetteer)
            for k, t in TEXTS.items()]


def test_dataset_append_is_idempotent(reports, tmp_path):  # type: ignore[no-untyped-def]
    store = tmp_path / "store"
    first = append_reports(store, reports)
    again = append_reports(store, reports)
    assert first == again > 0
    frame = read_store(store)
    assert len(frame) == first
    assert stored_doc_ids(store) == {"a", "b"}
    assert list(frame.columns) == list(CLAIM_COLUMNS)
    assert frame.crs.to_epsg() == 4326


def test_dataset_incompatible_version(reports, tmp_path):  # type: ignore[no-untyped-def]
    store = tmp_path / "store"
    append_reports(store, reports[:1])
    (store / MANIFEST).write_text(json.dumps({"format": 99}), encoding="utf-8")
    with pytest.raises(StoreError, match=r"format 99.*format 1"):
        read_store(store)


def test_dataset_corrupted_file_is_named_and_others_survive(reports, tmp_path):  # type: ignore[no-untyped-def]
    store = tmp_path / "store"
    append_reports(store, reports)
    victim = sorted(store.glob("doc-*.parquet"))[0]
    victim.write_bytes(b"not parquet")
    with pytest.raises(StoreError, match=victim.name):
        stored_doc_ids(store)
    # re-adding the documents repairs the store; nothing else was lost
    append_reports(store, reports)
    assert stored_doc_ids(store) == {"a", "b"}


def test_dataset_not_a_store(tmp_path):  # type: ignore[no-untyped-def]
    (tmp_path / "x.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(StoreError, match="not a geoclaims store"):
        read_store(tmp_path)


def test_dataset_query_cli(reports, gazetteer, tmp_path):  # type: ignore[no-untyped-def]
    store = tmp_path / "store"
    append_reports(store, reports)
    out = tmp_path / "near.geojson"
    proc = subprocess.run(
        [sys.executable, "-m", "geoclaims", "query", str(store), "--near", "Belgorod",
         "--km", "30", "-o", str(out), "--data", str(gazetteer.path.parent)],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert features and all(f["properties"]["doc_id"] == "a" for f in features)
    bad = subprocess.run(
        [sys.executable, "-m", "geoclaims", "query", str(store), "--within", "Atlantis",
         "-o", str(tmp_path / "x.geojson"), "--data", str(gazetteer.path.parent)],
        capture_output=True, text=True, check=False,
    )
    assert bad.returncode == 1
    assert "Atlantis" in bad.stderr and "close matches" in bad.stderr


@pytest.mark.parametrize("creators", [2, 4])
def test_dataset_concurrent_creators_all_get_the_store(tmp_path, creators):  # type: ignore[no-untyped-def]
    # Threads released together on new stores; a short switch interval makes them
    # interleave inside open_store (stat, mkdir, listing, manifest write).
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        for attempt in range(20):
            store = tmp_path / f"store-{attempt}"
            barrier = threading.Barrier(creators)
            errors: list[BaseException] = []

            def create(store=store, barrier=barrier, errors=errors):  # type: ignore[no-untyped-def]
                barrier.wait()
                try:
                    open_store(store, create=True)
                except BaseException as err:
                    errors.append(err)

            threads = [threading.Thread(target=create) for _ in range(creators)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert errors == []
            assert [p.name for p in store.iterdir()] == [MANIFEST]
            assert open_store(store) == store
    finally:
        sys.setswitchinterval(old)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("notes.txt", "is not empty and is not a geoclaims store"),
        (f".{MANIFEST}.backup", "is not empty"),
    ],
)
def test_dataset_create_refuses_a_foreign_directory(tmp_path, entry, message):  # type: ignore[no-untyped-def]
    store = tmp_path / "store"
    store.mkdir()
    (store / entry).write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match=message):
        open_store(store, create=True)
    assert not (store / MANIFEST).exists()


@pytest.mark.parametrize("create", [True, False])
def test_dataset_a_file_is_not_a_store(tmp_path, create):  # type: ignore[no-untyped-def]
    path = tmp_path / "claims.jsonl"
    path.write_text("{}\n", encoding="utf-8")
    with pytest.raises(StoreError, match=r"claims\.jsonl is a file, not a store directory"):
        open_store(path, create=create)
    assert path.read_text(encoding="utf-8") == "{}\n"
