"""geoclaims.inputs: every accepted input becomes the same claims frame."""

from __future__ import annotations

import pytest

from geoclaims.errors import InputError
from geoclaims.inputs import to_claims_frame
from geoclaims.pipeline import analyze
from geoclaims.store.frames import to_geodataframe
from geoclaims.store.io import write_frame

TEXT = "Drones hit a depot near Sudzha on Monday, the governor said."


@pytest.mark.parametrize("kind", ["report", "reports", "frame", "document", "export",
                                  "projected"])
def test_inputs_every_kind_gives_the_claims_frame(kind, gazetteer, tmp_path):  # type: ignore[no-untyped-def]
    report = analyze(TEXT, doc_id="n", outlet="Wire", published="2024-10-15",
                     gazetteer=gazetteer)
    expected = to_geodataframe(report)
    doc = tmp_path / "n.txt"
    doc.write_text(TEXT, encoding="utf-8")
    (tmp_path / "n.meta.json").write_text('{"outlet": "Wire", "published": "2024-10-15"}',
                                          encoding="utf-8")
    export = tmp_path / "n.geojson"
    write_frame(expected, export)
    given = {"report": report, "reports": [report], "frame": expected, "document": doc,
             "export": [export], "projected": expected.to_crs("EPSG:3857")}[kind]
    frame = to_claims_frame(given, gazetteer=gazetteer)
    assert frame.crs.equals("EPSG:4326")
    assert list(frame["statement"]) == list(expected["statement"])
    assert frame.geometry.iloc[0].equals_exact(expected.geometry.iloc[0], 1e-6)


@pytest.mark.parametrize("bad", [42, [1, 2], {"statement": "x"}, ["a.txt", 3]])
def test_inputs_refuses_other_things(bad):  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="must be a claims GeoDataFrame"):
        to_claims_frame(bad)


SPEAKER = "Kremlin spokesperson Dmitry Peskov said drones hit a depot near Sudzha on Monday."


def _old_input(kind, report, tmp_path):  # type: ignore[no-untyped-def]
    """``report`` saved as geoclaims wrote it before claims carried source_affiliations."""
    import json

    from geoclaims.report_io import report_to_dict
    from geoclaims.store.dataset import MANIFEST, STORE_FORMAT, write_document

    old = to_geodataframe(report).drop(columns=["source_affiliations"])
    if kind == "reports":
        data = report_to_dict(report)
        for claim in data["report"]["claims"]["__tuple__"]:
            for source in claim["sources"]["__tuple__"]:
                del source["affiliation"], source["person"]
        path = tmp_path / "old.json"
        path.write_text(json.dumps({"format": data["format"], "reports": [data["report"]]}),
                        encoding="utf-8")
        return path
    if kind == "store":
        path = tmp_path / "old.store"
        path.mkdir()
        (path / MANIFEST).write_text(json.dumps({"format": STORE_FORMAT}), encoding="utf-8")
        write_document(path, "p", old)
        return path
    path = tmp_path / f"old.{kind}"
    write_frame(old, path)
    return path


@pytest.mark.parametrize("kind", ["reports", "geojson", "csv", "parquet", "store"])
def test_inputs_older_files_get_source_affiliations(kind, gazetteer, tmp_path):  # type: ignore[no-untyped-def]
    from geoclaims.inputs import read_claims_file

    report = analyze(SPEAKER, doc_id="p", outlet="Wire", gazetteer=gazetteer)
    path = _old_input(kind, report, tmp_path)
    expected = list(to_geodataframe(report)["source_affiliations"])
    assert expected == [["Kremlin"]] * len(expected)
    if kind == "store":  # the store reads None where its files lack the column
        from geoclaims.store.dataset import read_store

        assert read_store(path)["source_affiliations"].isna().all()
    for frame in (to_claims_frame(path), read_claims_file(path)):  # map and brief; query
        assert list(frame["source_affiliations"]) == expected
        columns = list(frame.columns)
        assert columns.index("source_affiliations") == columns.index("cited_sources") + 1


def test_inputs_keep_recorded_source_affiliations(gazetteer):  # type: ignore[no-untyped-def]
    """A frame that carries the column is read as it is, never recomputed."""
    report = analyze(SPEAKER, doc_id="p", outlet="Wire", gazetteer=gazetteer)
    frame = to_geodataframe(report)
    frame["source_affiliations"] = [["Recorded Org"]] * len(frame)
    assert to_claims_frame(frame) is frame
    assert list(to_claims_frame(frame)["source_affiliations"]) == [["Recorded Org"]] * len(frame)
