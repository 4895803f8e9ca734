"""Tests of geoclaims.places.resolve: choosing the gazetteer entry of each mention."""

from __future__ import annotations

import pytest

from geoclaims.places.gazetteer import Gazetteer
from geoclaims.places.geoparse import geoparse

BURN_BAN = (
    "The burn ban issued for Walker County was lifted Monday after a meeting of the "
    "Huntsville fire chief and the Walker County judge. Residents of Huntsville may "
    "burn again."
)


def readings(text: str, gazetteer: Gazetteer) -> dict[str, set[int]]:
    """Mention text -> the geonameids its mentions resolved to."""
    out: dict[str, set[int]] = {}
    for res in geoparse(text, gazetteer=gazetteer):
        out.setdefault(res.mention.text, set()).add(
            res.place.geonameid if res.place else 0
        )
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Each name alone leans to Alabama's namesake; the re-ranking rounds used to
        # swap them for ever and stop on a mismatched pair.
        (BURN_BAN, {"Walker County": {4739690}, "Huntsville": {4699540}}),
    ],
)
def test_resolve_breaks_a_cycle_of_swapping_names(
    gazetteer: Gazetteer, text: str, expected: dict[str, set[int]]
) -> None:
    got = readings(text, gazetteer)
    for name, ids in expected.items():
        assert got[name] == ids, name


@pytest.mark.parametrize(
    ("text", "name", "geonameid"),
    [
        # Texas context pulls toward Mexico, Missouri, but a bare country name is
        # the country.
        (
            "A club from Mexico will play in Arlington and Dallas in July.",
            "Mexico",
            3996063,
        ),
        # Unless the text pins the town down.
        ("Residents of Jordan, Minnesota, voted on Tuesday.", "Jordan", 5032106),
        (
            "The mayor of Lebanon, Pa., spoke to reporters in Harrisburg.",
            "Lebanon",
            5197517,
        ),
    ],
)
def test_resolve_country_name_means_the_country_unless_pinned(
    gazetteer: Gazetteer, text: str, name: str, geonameid: int
) -> None:
    assert readings(text, gazetteer)[name] == {geonameid}


@pytest.mark.parametrize(
    ("text", "town", "county"),
    [
        # Portland, Indiana lies in Jay County, 20 km from the county's label point.
        (
            "Officials in Portland said the Jay County fair would open on Friday.",
            4925037,
            4922013,
        ),
    ],
)
def test_resolve_county_and_its_town_back_each_other(
    gazetteer: Gazetteer, text: str, town: int, county: int
) -> None:
    # A county backs the towns inside it (and they back it) wherever its label
    # point is, as a state or a country does.
    support = {
        c.place.geonameid: c.features.get("pair_support")
        for res in geoparse(text, gazetteer=gazetteer)
        for c in res.candidates
    }
    assert support[town] == pytest.approx(1.0)
    assert support[county] == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # GeoNames lists "Centerville" among the alternate names of Fremont,
        # California (a former town now inside it); the towns called Centerville
        # come first.
        ("Police in Centerville said the road was closed.", "Centerville"),
    ],
)
def test_resolve_own_name_before_another_towns_alternate(
    gazetteer: Gazetteer, text: str, name: str
) -> None:
    (res,) = geoparse(text, gazetteer=gazetteer)
    assert res.place is not None
    assert res.place.name == name


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        # Given spans that stop before the period of an abbreviation.
        (
            "She grew up in Athens, Ga. and moved to the U.S. capital.",
            [(15, 21), (23, 25), (44, 47)],
            {"Athens": 4180386, "Ga": 4197000, "U.S": 6252001},
        ),
    ],
)
def test_resolve_given_span_short_of_an_abbreviation_period(
    gazetteer: Gazetteer,
    text: str,
    spans: list[tuple[int, int]],
    expected: dict[str, int],
) -> None:
    got = {
        r.mention.text: r.place.geonameid if r.place else 0
        for r in geoparse(text, gazetteer=gazetteer, spans=spans)
    }
    assert got == expected


@pytest.mark.parametrize(
    ("text", "name", "geonameid"),
    [
        # Georgia context leans to Washington, Ga.; "D.C." names the capital again.
        (
            "Police in Grovetown and Harlem in Columbia County said she called her "
            "mother in Washington, D.C. from Newton County, Ga.",
            "Washington",
            4140963,
        ),
    ],
)
def test_resolve_settlement_named_again_after_a_comma(
    gazetteer: Gazetteer, text: str, name: str, geonameid: int
) -> None:
    assert readings(text, gazetteer)[name] == {geonameid}


@pytest.mark.parametrize(
    ("text", "name", "geonameid"),
    [
        # The city (710,000 people) has the spelling only as an alternate; a village
        # of 656 bears it as its own and must not make it a former name of the city.
        ("Russian missiles hit Zaporizhzhia overnight, officials said.",
         "Zaporizhzhia", 687700),
        # A curated alias: GeoNames also lists this spelling among Nikopol's names.
        ("Fighting continued near Sloviansk on Monday.", "Sloviansk", 693468),
    ],
)
def test_resolve_city_spelling_beats_a_hamlet_namesake(
    gazetteer: Gazetteer, text: str, name: str, geonameid: int
) -> None:
    assert readings(text, gazetteer)[name] == {geonameid}
