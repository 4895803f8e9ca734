"""Unresolved beats wrong (issue 16, item 3): a settlement the text puts in a region
("X, Y province", "the villages of X and Z in Y Oblast") never resolves to a namesake
outside it, and a sea never to a land namesake."""

from __future__ import annotations

import pytest

from geoclaims.places.geoparse import geoparse


def _by_text(text, gazetteer):  # type: ignore[no-untyped-def]
    return {r.mention.text: r for r in geoparse(text, gazetteer=gazetteer)}


def test_stated_region_without_the_place_leaves_it_unresolved(gazetteer):  # type: ignore[no-untyped-def]
    res = _by_text("Militants attacked Bani, Seno province, on Sunday.", gazetteer)
    assert res["Seno"].place is not None and res["Seno"].place.country_code == "BF"
    assert res["Bani"].place is None
    assert res["Bani"].method == "contradicts the region the text puts it in"
    assert res["Bani"].candidates  # the namesakes are kept, for who wants to look


def test_stated_region_holds_for_every_member_of_a_list(gazetteer):  # type: ignore[no-untyped-def]
    res = _by_text("Russian troops took the villages of Zaporizke and Novoheorhiivka in "
                   "Dnipropetrovsk Oblast.", gazetteer)
    oblast = res["Dnipropetrovsk Oblast"].place
    assert oblast is not None
    for name in ("Zaporizke", "Novoheorhiivka"):
        place = res[name].place
        assert place is None or place.admin1_code == oblast.admin1_code, name


@pytest.mark.parametrize(("text", "name", "admin1"), [
    ("Shelling hit Mykolaivka, Sumy region.", "Mykolaivka", "21"),
    # a big city keeps its reading: the Kursk region is where the fighting is
    ("Troops were fighting for Moscow in the Kursk region.", "Moscow", "48"),
])
def test_stated_region_keeps_a_place_inside_or_a_strong_prior(text, name, admin1, gazetteer):  # type: ignore[no-untyped-def]
    place = _by_text(text, gazetteer)[name].place
    assert place is not None and place.admin1_code == admin1


def test_a_list_without_a_stated_region_is_no_container(gazetteer):  # type: ignore[no-untyped-def]
    res = _by_text("Shelling hit Kursk, Bryansk and Belgorod regions.", gazetteer)
    assert all(r.place is not None for r in res.values())


def test_a_weak_reading_far_from_the_document_is_dropped(gazetteer):  # type: ignore[no-untyped-def]
    # "Wagner" (the group) is no village in Brazil in a Mali story.
    res = _by_text("Fighters of the Wagner group attacked villages near Niono and Segou "
                   "in central Mali.", gazetteer)
    assert "Wagner" not in res or res["Wagner"].place is None
    if "Wagner" in res:
        assert res["Wagner"].method == "a weak reading far from the document's other places"
        assert res["Wagner"].candidates  # kept for who wants to look
    assert res["Mali"].place is not None


def test_a_small_place_abroad_near_the_others_is_kept(gazetteer):  # type: ignore[no-untyped-def]
    res = _by_text("Shelling hit Sudzha and Kursk, and drones flew over Sumy.", gazetteer)
    assert all(r.place is not None for r in res.values())


def test_a_village_name_of_many_oblasts_needs_its_oblast_in_the_text(gazetteer):  # type: ignore[no-untyped-def]
    # Bohdanivka is a village of nineteen oblasts in Ukraine's register: in a story
    # that names no place of the oblast the gazetteer's one is in, it stays unresolved.
    res = _by_text("Russian troops attacked Bohdanivka near Kupiansk, officials said.",
                   gazetteer)
    assert res["Kupiansk"].place is not None
    assert res["Bohdanivka"].place is None
    assert res["Bohdanivka"].method.startswith("a village name of")
    assert res["Bohdanivka"].candidates  # kept for who wants to look


def test_a_village_name_of_many_oblasts_in_its_oblast_is_kept(gazetteer):  # type: ignore[no-untyped-def]
    oblast = next(p for p in gazetteer.by_name("Bohdanivka") if p.country_code == "UA")
    region = next(p for p in gazetteer.by_name("Dnipropetrovsk Oblast") if p.kind == "admin1")
    assert oblast.admin1_code == region.admin1_code  # the gazetteer's one is there
    res = _by_text("Fighting continued in Dnipropetrovsk Oblast near Bohdanivka.", gazetteer)
    assert res["Bohdanivka"].place is not None


def test_a_river_is_no_town_of_its_name(gazetteer):  # type: ignore[no-untyped-def]
    res = _by_text("Heavy rains fell in parts of the Juba and Shabelle river basins.", gazetteer)
    assert res["Juba"].place is None  # not the capital of South Sudan
    res = _by_text("Juba is the capital of South Sudan.", gazetteer)
    assert res["Juba"].place is not None and res["Juba"].place.country_code == "SS"
