"""Claim scope: which places named in a sentence a claim is about."""

from __future__ import annotations

import pytest

from geoclaims.pipeline import analyze

WASHINGTON, EUROPE, UKRAINE = 4140963, 6255148, 690791
SUDZHA, KURSK_OBLAST = 486816, 538555
VOVCHANSK, LYPTSI, KHARKIV_CITY, VESELE_DONETSK = 689304, 702989, 706483, 689702


@pytest.mark.parametrize(
    ("text", "kept", "left_out"),
    [
        # "approval from <capital>": the capital stands for its government.
        ("Governor Ivan Sirko said drones hit a depot, days after approval from "
         "Washington for the strikes.", set(), {WASHINGTON}),
        # A trailing appositive describes a noun; its places are not the claim's.
        ("Officials said troops hold the Sudzha gas station - a hub for gas transit "
         "to Europe.", {SUDZHA}, {EUROPE}),
        # A dateline dash is no appositive.
        ("KYIV - A missile hit a school in Kharkiv on Monday, officials said.",
         {KHARKIV_CITY}, set()),
        # A front sector named after a town is a scope, dropped when towns are named.
        ("The army said it shelled Vovchansk and Lyptsi in the Kharkiv direction.",
         {VOVCHANSK, LYPTSI}, {KHARKIV_CITY}),
        # A namesake resolved outside the region the text names is not the place meant.
        ("The army said drones hit Vesele and Lyptsi in the Kharkiv region.",
         {LYPTSI}, {VESELE_DONETSK}),
        # A place describing the source ("Ukraine's public broadcaster") is not the claim's.
        ("According to Ukraine's public broadcaster, Suspilne, troops left the Kursk "
         "region.", {KURSK_OBLAST}, {UKRAINE}),
        # A regional official who names no other place speaks of their own region.
        ("The head of the Kursk region, which borders Ukraine, said that shelling "
         "wounded six people.", {KURSK_OBLAST}, set()),
        # ... but a place the claim names is where it happened.
        ("The head of the Kursk region said that shelling hit Sudzha.",
         {SUDZHA}, {KURSK_OBLAST}),
    ],
)
def test_scope_claim_places(text, kept, left_out, gazetteer):  # type: ignore[no-untyped-def]
    claims = analyze(text, gazetteer=gazetteer, outlet="Test Wire").claims
    assert len(claims) == 1
    places = set(claims[0].places)
    assert kept <= places
    assert not left_out & places


KHARKIV_CITY_ID, KHERSON, BRYANSK_CITY, RUSSIA, KYIV = 706483, 706448, 571476, 2017370, 703448


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The same speaker goes on about the place just named.
        ("Governor Oleh Syniehubov said drones struck a depot in Kharkiv. "
         "He added that two workers were hurt in the fire.", {KHARKIV_CITY_ID}),
        # Another speaker's statement without a place has none.
        ("Governor Oleh Syniehubov said drones struck a depot in Kharkiv. "
         "Mayor Ihor Terekhov said that markets reopened on Friday.", set()),
        # A definite reference to a reported event takes the event's place.
        ("Ukrainian troops launched an incursion into the Kursk region in August. "
         "Officials said the incursion aimed to divert Russian forces.", {KURSK_OBLAST}),
        # A spokeswoman of the ministry just named speaks for it.
        ("Kherson's regional health ministry said a hospital in Kherson was shelled. "
         "On Monday, ministry spokeswoman Olha Koval told reporters that three nurses "
         "were hurt.", {KHERSON}),
        # "the Russian ministry" is the ministry named before.
        ("Moscow's Ministry of Defense said two drones were downed over Bryansk. "
         "The Russian ministry reported that debris hit a warehouse.", {BRYANSK_CITY}),
    ],
)
def test_scope_continued_places(text, expected, gazetteer):  # type: ignore[no-untyped-def]
    claims = analyze(text, gazetteer=gazetteer, outlet="Test Wire").claims
    assert len(claims) == 2
    assert set(claims[1].places) == expected


@pytest.mark.parametrize(
    ("text", "kept", "left_out"),
    [
        # A capital or country owning an act stands for its government ...
        ("Officials said one of Kyiv's aims is to stretch Russian lines near Kursk.",
         set(), {KYIV}),
        # ... but owning territory it is a place.
        ("Officials said troops crossed into Russia's territory overnight.", {RUSSIA}, set()),
    ],
)
def test_scope_possessive_metonymy(text, kept, left_out, gazetteer):  # type: ignore[no-untyped-def]
    places = set(analyze(text, gazetteer=gazetteer, outlet="Test Wire").claims[0].places)
    assert kept <= places
    assert not left_out & places


#: Three sentences with places and a footprint; windows on and across their edges.
INDEXED = (
    "Shelling hit Kursk, Sudzha and Bryansk, officials said. "
    "Drones hit a depot 12 km from the border in Belgorod region, the governor said. "
    "Kharkiv was quiet."
)


@pytest.mark.parametrize(
    ("start", "end"),
    [(0, len(INDEXED)), (0, 56), (13, 18), (13, 17), (14, 18), (56, 136), (57, 136),
     (136, len(INDEXED)), (0, 0), (len(INDEXED), len(INDEXED))],
)
def test_scope_document_places_finds_a_windows_own(start, end, gazetteer):  # type: ignore[no-untyped-def]
    from geoclaims.claims.scope import PlaceIndex

    report = analyze(INDEXED, gazetteer=gazetteer)
    index = PlaceIndex.build(report.resolutions, report.footprints)
    assert index.resolutions_within(start, end) == [
        r for r in report.resolutions
        if r.place is not None and start <= r.mention.start and r.mention.end <= end
    ]
    assert index.footprints_within(start, end) == [
        (i, f) for i, f in enumerate(report.footprints)
        if f.expression is not None and start <= f.expression.start < end
    ]
