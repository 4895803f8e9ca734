"""Reports round-trip through JSON losslessly, from Python and from the CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from geoclaims.errors import InputError
from geoclaims.pipeline import analyze
from geoclaims.report_io import read_reports, report_from_dict, report_to_dict, write_reports

TEXT = (
    "Regional governor Anna Koval said on Monday that drones hit a depot about 12 km from "
    "the border in Russia's Belgorod region. Officials in Kharkiv denied the report."
)


@pytest.fixture(scope="module")
def report(gazetteer):  # type: ignore[no-untyped-def]
    return analyze(TEXT, doc_id="t1", outlet="Test Wire", published="2024-10-16",
                   gazetteer=gazetteer)


def test_report_io_roundtrip_in_memory(report):  # type: ignore[no-untyped-def]
    assert report.footprints and report.claims and report.resolutions
    again = report_from_dict(json.loads(json.dumps(report_to_dict(report))))
    assert again == report
    assert again.footprints[0].geometry.equals_exact(report.footprints[0].geometry, 0)


def test_report_io_roundtrip_file(report, tmp_path):  # type: ignore[no-untyped-def]
    path = tmp_path / "out.json"
    write_reports([report, report], path)
    assert read_reports(path) == [report, report]


@pytest.mark.parametrize(
    ("content", "message"),
    [("{", "malformed JSON"), ('{"format": 99, "reports": []}', "format"), ("[]", "format")],
)
def test_report_io_bad_files(tmp_path, content, message):  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_reports(path)


def test_report_io_cli_extract_json(gazetteer, tmp_path):  # type: ignore[no-untyped-def]
    doc = tmp_path / "note.txt"
    doc.write_text(TEXT, encoding="utf-8")
    (tmp_path / "note.meta.json").write_text(
        json.dumps({"outlet": "Test Wire", "published": "2024-10-16"}), encoding="utf-8"
    )
    out = tmp_path / "out.json"
    env_data = str(gazetteer.path.parent)
    proc = subprocess.run(
        [sys.executable, "-m", "geoclaims", "extract", str(doc), "-o", str(out),
         "--data", env_data],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    (again,) = read_reports(out)
    assert again == analyze(TEXT, doc_id="note", outlet="Test Wire", published="2024-10-16",
                            gazetteer=gazetteer)
    lines = tmp_path / "claims.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "geoclaims", "extract", str(doc), "-o", str(lines),
         "--data", env_data],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    record = json.loads(lines.read_text(encoding="utf-8"))
    assert record["doc_id"] == "note"
    assert {c["confidence"] for c in record["claims"]} >= {"reported", "denied"}
    for c in record["claims"]:
        assert TEXT[c["start"] : c["end"]] == c["statement"]


def test_report_io_html_input_is_reduced_to_article(gazetteer, tmp_path):  # type: ignore[no-untyped-def]
    from geoclaims._io import read_document_text

    body = " ".join([TEXT] * 3)
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>t</title><script>var x = 1;</script></head><body>"
        "<nav>Home | World | Sport</nav><article><h1>Depot hit</h1>"
        f"<p>{body}</p></article><footer>Copyright</footer></body></html>",
        encoding="utf-8",
    )
    text = read_document_text(page)
    assert "Anna Koval" in text
    assert "var x" not in text and "Home | World" not in text
    empty = tmp_path / "empty.html"
    empty.write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="no article text"):
        read_document_text(empty)


@pytest.mark.parametrize(
    ("line", "message"),
    [('{"doc_id": "a"}', "text"), ('{"doc_id": "a", "text": ', "malformed")],
)
def test_report_io_jsonl_errors_name_the_line(gazetteer, tmp_path, line, message):  # type: ignore[no-untyped-def]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"doc_id": "ok", "text": "Troops moved."}\n' + line + "\n",
                      encoding="utf-8")
    out = tmp_path / "o.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "geoclaims", "extract", str(corpus), "-o", str(out),
         "--data", str(gazetteer.path.parent)],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 1
    assert "c.jsonl:2" in proc.stderr.replace("\n", "")
    assert message in proc.stderr
    assert not out.exists(), "nothing half written"


@pytest.mark.parametrize("suffix", [".geojson", ".gpkg", ".parquet", ".csv"])
def test_report_io_cli_extract_tables(gazetteer, tmp_path, suffix):  # type: ignore[no-untyped-def]
    from geoclaims.store.io import read_frame

    doc = tmp_path / "note.txt"
    doc.write_text(TEXT, encoding="utf-8")
    out = tmp_path / f"claims{suffix}"
    proc = subprocess.run(
        [sys.executable, "-m", "geoclaims", "extract", str(doc), "-o", str(out),
         "--outlet", "Test Wire", "--published", "2024-10-16",
         "--data", str(gazetteer.path.parent)],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    frame = read_frame(out)
    assert len(frame) >= 2
    assert set(frame["confidence"].astype(str)) >= {"reported", "denied"}
    assert frame.crs is None or frame.crs.to_epsg() == 4326


def _sources(data):  # type: ignore[no-untyped-def]
    """Every encoded Source record of report JSON data."""
    if isinstance(data, dict):
        if data.get("__type__") == "Source":
            yield data
        for value in data.values():
            yield from _sources(value)
    elif isinstance(data, list):
        for value in data:
            yield from _sources(value)


def test_report_io_sources_keep_their_affiliation(gazetteer):  # type: ignore[no-untyped-def]
    report = analyze("Kremlin spokesperson Dmitry Peskov said the talks in Minsk had failed.",
                     doc_id="p", outlet="Test Wire", gazetteer=gazetteer)
    data = json.loads(json.dumps(report_to_dict(report)))
    speaker = [s for s in _sources(data) if s["name"] == "Kremlin spokesperson Dmitry Peskov"]
    assert speaker and speaker[0]["affiliation"] == "Kremlin"
    assert speaker[0]["person"] == "Dmitry Peskov"
    assert report_from_dict(data) == report
    # JSON written before the fields existed still loads, without them.
    for source in _sources(data):
        del source["affiliation"], source["person"]
    old = report_from_dict(data)
    assert [(s.affiliation, s.person) for s in old.claims[0].sources] == [(None, None)] * 2
