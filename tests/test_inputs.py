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
