"""The Places table of the shared example holds (../shared/examples/*.expected.md)."""

from __future__ import annotations

import pytest

from geoclaims.places.geoparse import geoparse


@pytest.fixture(scope="module")
def resolved(example_article, gazetteer):  # type: ignore[no-untyped-def]
    res = geoparse(str(example_article["text"]), gazetteer=gazetteer)
    return {r.mention.start: r for r in res}


@pytest.mark.parametrize(
    ("offset", "surface", "accepted"),
    [
        (115, "Kursk", {538555}),
        (829, "Sudzha", {486816}),
        (840, "Kursk", {538560, 538555}),
        (1392, "Kursk", {538555}),
        (1402, "Bryansk", {571473}),
        (4176, "Donetsk", {709717}),
    ],
)
def test_example_places_resolve(resolved, gazetteer, offset, surface, accepted):  # type: ignore[no-untyped-def]
    res = resolved.get(offset)
    assert res is not None, f"no mention at {offset} ({surface})"
    assert res.mention.text == surface
    assert res.place is not None and res.place.geonameid in accepted
    if res.place.kind == "admin1":
        assert gazetteer.polygon(res.place.geonameid) is not None


@pytest.mark.parametrize(
    ("surface", "country"), [("Russia", "RU"), ("Ukraine", "UA"), ("North Korea", "KP")]
)
def test_example_places_countries(resolved, surface, country):  # type: ignore[no-untyped-def]
    hits = [r for r in resolved.values() if r.mention.text == surface]
    assert hits, surface
    assert all(r.place is not None and r.place.kind == "country" for r in hits)
    assert {r.place.country_code for r in hits if r.place} == {country}


@pytest.mark.parametrize(
    "not_a_place",
    ["North Koreans", "Ukrainian", "Russian", "Buryat", "White House", "Kremlin", "South"],
)
def test_example_places_not_places(resolved, example_article, not_a_place):  # type: ignore[no-untyped-def]
    text = str(example_article["text"])
    assert not_a_place in text
    for res in resolved.values():
        assert res.mention.text != not_a_place
        # nor a mention that is a prefix of the non-place ("North" of "North Koreans")
        following = text[res.mention.start : res.mention.start + len(not_a_place)]
        assert not (following == not_a_place and res.mention.text != not_a_place and
                    not_a_place.startswith(res.mention.text + " "))
