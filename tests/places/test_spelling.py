"""Spelling variants of romanised names (rule ``spelling_variant``), on the real gazetteer."""

from __future__ import annotations

import sqlite3

import pytest

from geoclaims.places.geoparse import geoparse
from geoclaims.places.spelling import add_variants, spelling_key


@pytest.mark.parametrize(
    ("a", "b"),
    [("Hodeidah", "Al Hudaydah"), ("Hiraan", "Hiiraan"), ("Quneitra", "Al Qunaytirah"),
     ("Kupyansk", "Kupiansk"), ("Zaporizhzhya", "Zaporizhzhia"), ("Qandahar", "Kandahar")],
)
def test_spelling_key_joins_romanisations(a, b):  # type: ignore[no-untyped-def]
    assert spelling_key(a) is not None
    assert spelling_key(a) == spelling_key(b)


@pytest.mark.parametrize(("a", "b"), [("Kharkiv", "Kherson"), ("Sumy", "Sami"),
                                      ("Donetsk", "Dnipro")])
def test_spelling_key_keeps_other_names_apart(a, b):  # type: ignore[no-untyped-def]
    assert spelling_key(a) != spelling_key(b) or spelling_key(a) is None


def _resolved(text, gazetteer):  # type: ignore[no-untyped-def]
    return {r.mention.text: r.place for r in geoparse(text, gazetteer=gazetteer)}


def test_variant_in_a_country_the_text_names(gazetteer):  # type: ignore[no-untyped-def]
    if not gazetteer.variant_hits([spelling_key("Hudaydah") or ""]):
        pytest.fail("the gazetteer has no variants table: rebuild it")
    places = _resolved("A ship was attacked off Hodeidah in Yemen on Tuesday.", gazetteer)
    assert places["Hodeidah"] is not None
    assert places["Hodeidah"].country_code == "YE"


def test_no_variant_without_the_country(gazetteer):  # type: ignore[no-untyped-def]
    places = _resolved("A ship was attacked off Hodeidah on Tuesday.", gazetteer)
    assert places.get("Hodeidah") is None


def test_a_common_word_or_given_name_is_no_variant(gazetteer):  # type: ignore[no-untyped-def]
    places = _resolved("In Yemen, Hadi said the Market was open.", gazetteer)
    assert places.get("Market") is None


def test_add_variants_keys_regions_and_towns(tmp_path):  # type: ignore[no-untyped-def]
    con = sqlite3.connect(tmp_path / "g.sqlite")
    con.executescript(
        "CREATE TABLE places (geonameid INTEGER, kind TEXT, population INTEGER);"
        "CREATE TABLE names (key TEXT, geonameid INTEGER, flags INTEGER);"
        "INSERT INTO places VALUES (1, 'admin1', 0), (2, 'populated_place', 700000),"
        " (3, 'populated_place', 200);"
        "INSERT INTO names VALUES ('al hudaydah', 1, 1), ('al hudaydah', 2, 1),"
        " ('hudaydah', 2, 2), ('hadidah', 3, 1);"
    )
    assert add_variants(con) == 2  # the region and the city, once each; not the hamlet
    rows = con.execute("SELECT key, geonameid FROM variants ORDER BY geonameid").fetchall()
    assert rows == [(spelling_key("Hodeidah"), 1), (spelling_key("Hodeidah"), 2)]
