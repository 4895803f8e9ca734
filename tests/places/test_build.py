"""Tests of the pure helpers of geoclaims.places.build (no full build here).

The session ``gazetteer`` fixture builds an artifact when none is configured; that is
the only build the suite runs.
"""



from __future__ import annotations

import pytest

from geoclaims.errors import InputError
from geoclaims.places.build import (
    ADMIN_TYPE_WORDS,
    _compose_regions,
    admin_base_names,
    keep_alternate,
    region_id,
)
from geoclaims.text.normalize import normalize_name


@pytest.mark.parametrize(
    ("name", "kind", "kept"),
    [
        # Ordinary exonyms and transliterations are kept.
        ("Sudscha", "populated_place", True),
        ("Kyiv", "populated_place", True),
        ("  Kyiv  ", "populated_place", True),
        ("al-Raqqa", "populated_place", True),
        ("'s-Hertogenbosch", "populated_place", True),
        ("d'Ivoire", "country", True),
        ("LOS ANGELES", "populated_place", True),
        ("Ab", "populated_place", True),
        # Other scripts have no case: lowercase is how they are written.
        ("суджа", "populated_place", True),
        ("Суджа", "populated_place", True),
        ("京都", "populated_place", True),
        # Lowercase Latin machine transliterations are dropped.
        ("dwntsk", "populated_place", False),
        ("ab", "populated_place", False),
        # Short all-caps codes are dropped, except for countries.
        ("DOK", "populated_place", False),
        ("NYC", "populated_place", False),
        ("KRS", "admin1", False),
        ("DPRK", "country", True),
        ("USA", "country", True),
        # Too short, digits, or no letters at all.
        ("A", "populated_place", False),
        ("Kyiv2", "populated_place", False),
        ("Sector 7", "populated_place", False),
        ("--", "populated_place", False),
        ("", "populated_place", False),
    ],
)
def test_build_keep_alternate(name: str, kind: str, kept: bool) -> None:
    assert keep_alternate(name, kind=kind) is kept


@pytest.mark.parametrize(
    ("names", "bases"),
    [
        (["Bryansk Oblast"], {"Bryansk"}),
        (
            ["Kursk vilayəti", "Курск област", "Kurskaya oblast'"],
            {"Kursk", "Курск", "Kurskaya"},
        ),
        (["Kurskaya oblastʹ"], {"Kurskaya"}),
        (["Kherson Oblast", "Херсонская область"], {"Kherson", "Херсонская"}),
        (["Донецкая обл."], {"Донецкая"}),
        (["Krasnodar Krai", "Krasnodarskiy kray"], {"Krasnodar", "Krasnodarskiy"}),
        (["Rostov region", "ROSTOV REGION"], {"Rostov", "ROSTOV"}),
        (["New York State"], {"New York"}),
        (["Orange County"], {"Orange"}),
        ([" Lviv  Oblast "], {"Lviv"}),
        # A republic named as a noun, inverted or with a prefix; not the adjective.
        (["Dagestan, Respublika"], {"Dagestan"}),
        (["Republic of Tatarstan", "Respublika Tatarstan"], {"Tatarstan"}),
        (["Chechen Republic", "Chechenskaya Respublika"], set()),
        # Only the last type word is stripped.
        (["Kursk Oblast Region"], {"Kursk Oblast"}),
        # No type word, a bare type word, or a base shorter than 3 letters.
        (["Texas", "Bavaria"], set()),
        (["Oblast", "Region"], set()),
        (["Ab Region"], set()),
        (["Regional Park"], set()),
        ([], set()),
    ],
)
def test_build_admin_base_names(names: list[str], bases: set[str]) -> None:
    assert admin_base_names(names) == bases


def test_build_admin_type_words_are_stripped_in_any_case() -> None:
    for word in ADMIN_TYPE_WORDS:
        assert admin_base_names([f"Kursk {word}", f"Kursk {word.upper()}"]) == {"Kursk"}


@pytest.mark.parametrize(
    ("name", "key"),
    [
        # Accents removed, case folded.
        ("Sudža", "sudza"),
        ("Île-de-France", "ile de france"),
        ("São Paulo", "sao paulo"),
        ("Zürich", "zurich"),
        ("Kraków", "krakow"),
        ("İstanbul", "istanbul"),
        ("Ḩalab", "halab"),
        ("STRAßE", "strasse"),
        ("Αθήνα", "αθηνα"),
        # Apostrophes and dashes unified.
        ("Donets’k", "donets'k"),
        ("Donets‘k", "donets'k"),
        ("Donetsʼk", "donets'k"),
        ("Donetsʹk", "donets'k"),
        ("Donets`k", "donets'k"),
        ("Ivano–Frankivsk", "ivano frankivsk"),
        ("Ivano—Frankivsk", "ivano frankivsk"),
        # Whitespace collapsed and stripped.
        ("  New   York ", "new york"),
        ("New\tYork\n", "new york"),
        # Cyrillic keeps its letters, including й, ё and ї.
        ("Суджа", "суджа"),
        ("СУДЖА", "суджа"),
        ("Йошкар-Ола", "йошкар ола"),
        ("Бийск", "бийск"),
        ("Ёлкино", "ёлкино"),
        ("Київ", "київ"),
        ("", ""),
    ],
)
def test_build_normalize_name(name: str, key: str) -> None:
    assert normalize_name(name) == key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("й", "и"),
        ("Й", "И"),
        ("Бийск", "Бииск"),
        ("Мирный", "Мирнын"),
        ("ё", "е"),
        ("ї", "і"),
    ],
)
def test_build_normalize_name_keeps_cyrillic_letters_distinct(a: str, b: str) -> None:
    assert normalize_name(a) != normalize_name(b)


@pytest.mark.parametrize(
    "name",
    ["Sudža", "Donets’k", "Йошкар-Ола", "  São   Paulo ", "Київ", "Ivano–Frankivsk"],
)
def test_build_normalize_name_is_idempotent(name: str) -> None:
    key = normalize_name(name)
    assert normalize_name(key) == key


@pytest.mark.parametrize(
    ("composed", "decomposed"),
    [
        ("Київ", "Ки\u0456\u0308в"),
        ("Йошкар", "И\u0306ошкар"),
        ("Sudža", "Sudz\u030ca"),
    ],
)
def test_build_normalize_name_ignores_unicode_composition(
    composed: str, decomposed: str
) -> None:
    assert normalize_name(composed) == normalize_name(decomposed)


def test_build_region_ids_are_negative_stable_and_distinct() -> None:
    names = ["Donbas", "Darfur", "European Union", "Middle East", "Caucasus"]
    ids = [region_id(n) for n in names]
    assert all(i < 0 for i in ids)
    assert len(set(ids)) == len(ids)
    assert ids == [region_id(n) for n in names]


def test_build_region_with_unknown_member_names_the_line_and_code() -> None:
    with pytest.raises(InputError, match=r"regions\.csv line 12: 'Atlantis' names 'XX-YY'"):
        _compose_regions([(12, "Atlantis", [], ["XX-YY"])], {}, {}, {})
