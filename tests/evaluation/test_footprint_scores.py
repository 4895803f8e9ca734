"""Footprint scoring (geoclaims.evaluation.footprints) on invented gold documents and
the footprints real runs build for them."""

from __future__ import annotations

from typing import Any

import pytest

from geoclaims.evaluation.footprints import FootprintScore, score_document
from geoclaims.pipeline import analyze


def _gold(text: str, phrase: str, kind: str, toponyms: list[dict[str, Any]] | None = None,
          distance_km: float | None = None) -> dict[str, Any]:
    start = text.index(phrase)
    return {
        "doc_id": "t1", "text": text, "toponyms": toponyms or [],
        "spatial_expressions": [{"start": start, "end": start + len(phrase), "text": phrase,
                                 "type": kind, "anchor": "", "distance_km": distance_km,
                                 "direction": None}],
    }


def _toponym(text: str, name: str, lat: float, lon: float,
             kind: str = "country") -> dict[str, Any]:
    start = text.index(name)
    return {"start": start, "end": start + len(name), "name": name, "kind": kind,
            "lat": lat, "lon": lon}


def _score(doc: dict[str, Any], gazetteer) -> FootprintScore:  # type: ignore[no-untyped-def]
    report = analyze(doc["text"], gazetteer=gazetteer)
    return score_document(doc, report.footprints)


TEXT = "Artillery fire was reported in Lebanon overnight."


def test_score_found_and_sensible(gazetteer):  # type: ignore[no-untyped-def]
    doc = _gold(TEXT, "in Lebanon", "in_region", [_toponym(TEXT, "Lebanon", 33.85, 35.86)])
    score = _score(doc, gazetteer)
    assert score.to_dict()["recall"] == 1.0 and score.to_dict()["sensible"] == 1.0
    assert not score.misses and not score.extras


def test_score_wrong_relation_is_found_not_sensible(gazetteer):  # type: ignore[no-untyped-def]
    doc = _gold(TEXT, "in Lebanon", "near", [_toponym(TEXT, "Lebanon", 33.85, 35.86)])
    d = _score(doc, gazetteer).to_dict()
    assert (d["recall"], d["relation_accuracy"], d["sensible"]) == (1.0, 0.0, 0.0)


def test_score_anchor_far_from_footprint(gazetteer):  # type: ignore[no-untyped-def]
    doc = _gold(TEXT, "in Lebanon", "in_region", [_toponym(TEXT, "Lebanon", 0.0, 0.0)])
    score = _score(doc, gazetteer)
    assert score.to_dict()["sensible"] == 0.0
    assert "km from the footprint" in score.misses[0][3]


@pytest.mark.parametrize(("gold_km", "sensible"), [(42.0, 1.0), (200.0, 0.0)])
def test_score_stated_distance(gold_km, sensible, gazetteer):  # type: ignore[no-untyped-def]
    text = "A depot burned forty-two kilometres north of Kharkiv."
    doc = _gold(text, "forty-two kilometres north of Kharkiv", "distance_from",
                [_toponym(text, "Kharkiv", 49.98, 36.25, "populated_place")], gold_km)
    assert _score(doc, gazetteer).to_dict()["sensible"] == sensible


def test_score_border_country_is_no_anchor_point(gazetteer):  # type: ignore[no-untyped-def]
    text = "Shelling hit villages in Belgorod region near the border with Ukraine."
    doc = _gold(text, "near the border with Ukraine", "border_zone",
                [_toponym(text, "Ukraine", 49.0, 32.0)])
    assert _score(doc, gazetteer).to_dict()["sensible"] == 1.0


def test_score_not_found_and_extras(gazetteer):  # type: ignore[no-untyped-def]
    doc = _gold(TEXT, "overnight", "near")
    score = _score(doc, gazetteer)
    assert score.to_dict()["recall"] == 0.0
    assert score.misses == [("t1", "overnight", "near", "not found")]
    assert score.extras == [("t1", "in Lebanon", "in_region.v2")]


def test_score_add_merges_counts(gazetteer):  # type: ignore[no-untyped-def]
    good = _gold(TEXT, "in Lebanon", "in_region", [_toponym(TEXT, "Lebanon", 33.85, 35.86)])
    bad = _gold(TEXT, "overnight", "in_region")
    total = FootprintScore()
    for doc in (good, bad):
        total.add(_score(doc, gazetteer))
    d = total.to_dict()
    assert d["expressions"] == 2 and d["footprints"] == 2
    assert d["recall"] == 0.5 and d["by_type"]["in_region"]["n"] == 2
