"""Russian and Ukrainian spatial expressions and their footprints, on the real gazetteer,
the real Cyrillic recogniser and real geometry (sentences of our own)."""

from __future__ import annotations

import math

import pytest
from shapely.geometry import Point

from geoclaims.pipeline import analyze
from geoclaims.places.coherence import haversine_km as _haversine_radians
from geoclaims.text.spatial_cyrillic import RULES, find_cyrillic_expressions
from geoclaims.text.spatial_places import PlaceSpan

SUDZHA = (51.19, 35.27)  # lat, lon
POKROVSK = (48.28, 37.18)


def haversine_km(lat: float, lon: float, lat2: float, lon2: float) -> float:
    return float(_haversine_radians(*map(math.radians, (lat, lon, lat2, lon2))))


def _footprints(text, gazetteer):  # type: ignore[no-untyped-def]
    report = analyze(text, gazetteer=gazetteer)
    return {f.expression.text: f for f in report.footprints if f.expression is not None}


@pytest.mark.parametrize(
    ("text", "phrase", "relation"),
    [
        ("Бои продолжаются в Курской области, сообщил губернатор.", "в Курской области",
         "in_region"),
        ("Бої тривають на Сумщині, повідомила ОВА.", "на Сумщині", "in_region"),
        ("Бои идут под Суджей, заявили военные.", "под Суджей", "near"),
        ("Російські війська наступають поблизу Покровська.", "поблизу Покровська", "near"),
        ("Бои идут к югу от Суджи, заявили военные.", "к югу от Суджи", "direction_from"),
        ("Бої тривають на південний захід від Покровська.", "на південний захід від Покровська",
         "direction_from"),
        ("Бои идут в 10 километрах от Суджи, заявили военные.",
         "в 10 километрах от Суджи", "distance_from"),
    ],
)
def test_cyrillic_expression_relation(text, phrase, relation, gazetteer):  # type: ignore[no-untyped-def]
    found = _footprints(text, gazetteer)
    assert phrase in found, sorted(found)
    assert found[phrase].relation == relation


def test_cyrillic_direction_lies_on_its_side(gazetteer):  # type: ignore[no-untyped-def]
    found = _footprints("Бои идут к югу от Суджи, заявили военные.", gazetteer)
    centre = found["к югу от Суджи"].geometry.representative_point()
    assert centre.y < SUDZHA[0]  # south of Sudzha
    assert haversine_km(centre.y, centre.x, *SUDZHA) < 60


def test_cyrillic_distance_is_measured_from_the_anchor(gazetteer):  # type: ignore[no-untyped-def]
    found = _footprints("Бої тривають за 20 кілометрів від Покровська.", gazetteer)
    (footprint,) = [f for t, f in found.items() if "20 кілометрів" in t]
    ring = footprint.geometry
    assert not ring.contains(Point(POKROVSK[1], POKROVSK[0]))  # a band, not a disc
    point = ring.representative_point()
    assert 10 < haversine_km(point.y, point.x, *POKROVSK) < 30


def test_cyrillic_region_is_its_polygon(gazetteer):  # type: ignore[no-untyped-def]
    found = _footprints("Обстрелы продолжаются в Курской области, сообщил губернатор.",
                        gazetteer)
    assert found["в Курской области"].geometry.contains(Point(SUDZHA[1], SUDZHA[0]))


def test_cyrillic_border_band_and_country_adjectives(gazetteer):  # type: ignore[no-untyped-def]
    text = ("Суджа находится в Курской области. Бои идут в 5 километрах от "
            "российско-украинской границы, заявили военные.")
    found = _footprints(text, gazetteer)
    (footprint,) = [f for t, f in found.items() if "границы" in t]
    assert footprint.relation == "distance_from"
    assert footprint.rule.startswith("from_border")


@pytest.mark.parametrize(
    ("text", "place", "phrase", "relation"),
    [
        # The outskirts governed by a verb before them, past an adjective.
        ("Штурмовики вышли до окраин рабочего поселка Коренево.", "Коренево",
         "окраин рабочего поселка Коренево", "near"),
        # A front sector named by a lower-case town adjective.
        ("Бои идут на курском направлении.", None, "на курском направлении", "near"),
        # An anaphoric region: no name, the container is the document's.
        ("Войска действуют в различных частях региона.", None, "в различных частях региона",
         "in_region"),
        # A country's territory by its adjective.
        ("Дроны залетели вглубь российской территории.", None, "вглубь российской территории",
         "in_region"),
    ],
)
def test_cyrillic_rules_without_a_cue_or_a_name(text, place, phrase, relation):  # type: ignore[no-untyped-def]
    spans = [PlaceSpan(text.index(place), text.index(place) + len(place), "settlement")] \
        if place else []
    found = {text[e.start:e.end]: e.relation
             for e in find_cyrillic_expressions(text, spans, "ru")}
    assert found == {phrase: relation}


def test_cyrillic_town_containment_is_no_expression():  # type: ignore[no-untyped-def]
    text = "Губернатор сказал, что в Судже спокойно."
    at = text.index("Судже")
    assert find_cyrillic_expressions(text, [PlaceSpan(at, at + 5, "settlement")], "ru") == []


def test_cyrillic_other_language_gives_nothing():  # type: ignore[no-untyped-def]
    text = "Бои идут в Курской области."
    assert find_cyrillic_expressions(text, [PlaceSpan(11, 18, "region")], "en") == []


def test_cyrillic_rules_are_documented():  # type: ignore[no-untyped-def]
    import geoclaims.text.spatial_cyrillic as module

    assert module.__doc__ is not None
    for name in RULES:
        assert f"``{name}``" in module.__doc__


def test_cyrillic_long_text_is_linear():  # type: ignore[no-untyped-def]
    import time

    sentence = "Бои идут в 10 километрах от Суджи и под Рыльском. "

    def run(n: int) -> float:
        text = sentence * n
        spans = []
        for k in range(n):
            base = k * len(sentence)
            for name in ("Суджи", "Рыльском"):
                at = base + sentence.index(name)
                spans.append(PlaceSpan(at, at + len(name), "settlement"))
        t0 = time.perf_counter()
        find_cyrillic_expressions(text, spans, "ru")
        return time.perf_counter() - t0

    run(50)  # warm the morphology caches
    small, large = run(200), run(1600)
    assert large < small * 8 * 4  # eight times the text, far from sixty-four times
