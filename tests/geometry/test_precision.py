"""Location precision codes (UCDP GED): one test row per row of the code table."""

from __future__ import annotations

import dataclasses

import pytest
import shapely

from geoclaims.claims.extract import extract_claims
from geoclaims.geometry import geodesic
from geoclaims.geometry.context import DocumentPlaces
from geoclaims.geometry.footprints import footprint_anchor_places, with_location_precision
from geoclaims.geometry.precision import (
    LOCATION_PRECISION,
    POINT_REACH_KM,
    ROWS,
    claim_precision,
    evidence_of,
    footprint_precision,
    matching_row,
    place_precision,
    size_precision,
)
from geoclaims.geometry.record import Footprint, make_footprint
from geoclaims.pipeline import analyze
from geoclaims.places.gazetteer import Place
from geoclaims.places.resolve import Resolution
from geoclaims.text.mentions import Mention

SUDZHA, KHARKIV, SUDZHA_DISTRICT = 486816, 706483, 486813

#: (table row, text, the expression's text, code of its footprint)
FOOTPRINT_CASES = [
    ("near_point", "Drones struck a depot near Sudzha on Monday.", "near Sudzha", 2),
    ("near_point", "Drones struck a depot 12 km from Sudzha on Monday.",
     "12 km from Sudzha", 2),
    ("far_from_point", "Drones struck a depot 40 km from Kharkiv on Monday.",
     "40 km from Kharkiv", 3),
    ("far_from_point", "Drones struck a depot 30 km north of Kharkiv on Monday.",
     "30 km north of Kharkiv", 3),
    ("line", "Drones struck a depot close to the Ukrainian border in Kursk region on Monday.",
     "close to the Ukrainian border", 5),
    ("line", "Shelling hit a village 7 km from the Ukrainian border in Belgorod region.",
     "7 km from the Ukrainian border", 5),
    ("line", "Shelling hit villages between Sumy and Kharkiv on Monday.",
     "between Sumy and Kharkiv", 5),
    ("near_point", "Fighting went on in the Pokrovsk area on Monday.",
     "in the Pokrovsk area", 2),
    ("settlement_area", "Fighting went on in northern Pokrovsk on Monday.",
     "in northern Pokrovsk", 2),
    ("admin1", "Drones struck a depot in Kursk Oblast on Monday.", "in Kursk Oblast", 4),
    ("admin1", "Drones struck a depot in northern Kursk region on Monday.",
     "in northern Kursk region", 4),
    ("part_of_country", "Drones struck a depot in northern Ukraine on Monday.",
     "in northern Ukraine", 5),
]

#: (table row, text, the claim's code) for places named without an expression.
PLACE_CASES = [
    ("settlement", "Drones struck a depot in Sudzha on Monday.", 1),
    ("metropolis", "Shelling hit Kharkiv on Monday, officials said.", 2),
    # no containment phrase: "in Russia" would be an expression with a footprint
    ("named_region", "Shelling hit Donbas on Monday, officials said.", 5),
    ("country", "Missiles hit targets from Russia on Monday, officials said.", 6),
    ("country", "Storms hit the Middle East on Monday, officials said.", 6),
]


def _footprint(report, text):  # type: ignore[no-untyped-def]
    found = [f for f in report.footprints
             if f.expression is not None and f.expression.text.startswith(text)]
    assert found, f"no footprint of {text!r}: {[f.expression for f in report.footprints]}"
    return found[0]


@pytest.mark.parametrize(("row", "text", "phrase", "code"), FOOTPRINT_CASES)
def test_precision_footprint_rows(gazetteer, row, text, phrase, code):  # type: ignore[no-untyped-def]
    report = analyze(text, gazetteer=gazetteer)
    fp = _footprint(report, phrase)
    assert fp.location_precision == code, (row, fp.relation, fp.area_km2)
    places = footprint_anchor_places(fp, DocumentPlaces(text, report.resolutions, gazetteer))
    expr = fp.expression
    ev = evidence_of(fp.relation, places, area_km2=fp.area_km2, geometry=fp.geometry,
                     part=fp.relation == "in_region" and bool(expr.qualifier), rule=fp.rule)
    matched = matching_row(ev)
    assert matched is not None and matched.name == row
    # The claim of the sentence takes its most precise footprint's code ("close to
    # the border in Kursk region": the region's 4 before the border's 5).
    (claim,) = report.claims
    assert claim.location_precision == min(
        report.footprints[i].location_precision for i in claim.footprints)
    assert claim.location_precision <= code


@pytest.mark.parametrize(("row", "text", "code"), PLACE_CASES)
def test_precision_bare_place_rows(gazetteer, row, text, code):  # type: ignore[no-untyped-def]
    report = analyze(text, gazetteer=gazetteer)
    assert report.footprints == ()
    (claim,) = report.claims
    assert claim.places, row
    assert claim.location_precision == code
    places = [r.place for r in report.resolutions if r.place is not None]
    assert [matching_row(evidence_of("place", [p])).name for p in places] == [row]


def test_precision_every_row_has_a_case() -> None:
    named = {case[0] for case in FOOTPRINT_CASES + PLACE_CASES} | {
        "admin2", "at_sea", "site"}  # tested below, on places the text cannot name yet
    assert named == {row.name for row in ROWS}


def test_precision_admin2_place_through_extraction(gazetteer):  # type: ignore[no-untyped-def]
    """A district is 3; the geoparser resolves none yet, so the mention is given."""
    text = "Shelling hit villages in Sudzhansky District on Monday, officials said."
    start = text.index("Sudzhansky District")
    place = gazetteer.by_id(SUDZHA_DISTRICT)
    assert place is not None and place.kind == "admin2"
    mention = Mention(start=start, end=start + len("Sudzhansky District"),
                      text="Sudzhansky District")
    claims = extract_claims(text, outlet=None, published=None,
                            resolutions=[Resolution(mention=mention, place=place)])
    assert [c.location_precision for c in claims] == [3]
    assert place_precision(place) == 3


def _record(**fields):  # type: ignore[no-untyped-def]
    base = {"country_code": "", "admin1_code": "", "admin2_code": "", "population": 0,
            "iso_code": "", "n_names": 1, "gazetteer_version": "test"}
    return Place(**{**base, **fields})


@pytest.mark.parametrize(("place", "code"), [
    # GeoNames 630673, feature class H (hydrographic), code SEA.
    (_record(geonameid=630673, name="Black Sea", kind="feature", feature_class="H",
             feature_code="SEA", lon=34.0, lat=43.0), 7),
    (_record(geonameid=1, name="a power plant", kind="feature", feature_class="S",
             feature_code="PS", country_code="UA", lon=34.6, lat=47.5), 1),
])
def test_precision_kinds_this_gazetteer_lacks(place, code) -> None:  # type: ignore[no-untyped-def]
    assert place_precision(place) == code


def test_precision_unknown_relation_is_coded_by_size(gazetteer):  # type: ignore[no-untyped-def]
    """A relation that no row names (a rule added later) still gets a code."""
    sudzha = gazetteer.by_id(SUDZHA)
    doc = DocumentPlaces("", [], gazetteer)
    point = shapely.Point(sudzha.lon, sudzha.lat)
    small = make_footprint(geodesic.geodesic_buffer(point, 3000.0), None, [str(SUDZHA)],
                           relation="along_road", rule="along_road.v1", values={})
    assert with_location_precision(small, doc).location_precision == 2  # ~28 km²
    # A thin strip 60 km long: small in area, yet reaching far beyond 25 km.
    far = shapely.LineString([(sudzha.lon, sudzha.lat), (sudzha.lon + 0.9, sudzha.lat)])
    strip = make_footprint(geodesic.geodesic_buffer(far, 100.0), None, [str(SUDZHA)],
                           relation="along_road", rule="along_road.v1", values={})
    assert strip.area_km2 < 3.14 * POINT_REACH_KM**2
    assert with_location_precision(strip, doc).location_precision == 3


def test_precision_footprint_record_codes_itself() -> None:
    """Built outside build_footprints (or read from an older file): relation and area."""
    fp = make_footprint(shapely.box(35.0, 50.0, 36.0, 51.0), None, [], relation="in_region",
                        rule="in_region.v1", values={})
    assert fp.location_precision == size_precision(fp.area_km2) == 3
    band = make_footprint(shapely.box(35.0, 50.0, 36.0, 51.0), None, ["RU-UA"],
                          relation="border_zone", rule="border_zone.v1", values={})
    assert band.location_precision == 5
    with pytest.raises(ValueError, match="location_precision"):
        dataclasses.replace(fp, location_precision=8)
    assert isinstance(fp, Footprint)


@pytest.mark.parametrize(("footprints", "places", "code"), [
    ([4, 2], [1], 2),  # its footprints, even when a place is finer
    ([], [6, 4], 4),
    ([], [], None),
])
def test_precision_claim_takes_its_most_precise_evidence(footprints, places, code) -> None:  # type: ignore[no-untyped-def]
    assert claim_precision(footprints, places) == code


def test_precision_far_distance_is_not_code_2(gazetteer):  # type: ignore[no-untyped-def]
    kharkiv = gazetteer.by_id(KHARKIV)
    ring = geodesic.distance_band(shapely.Point(kharkiv.lon, kharkiv.lat), 30_000.0, 1_000.0)
    area = geodesic.area_km2(ring)
    assert area < 3.14 * POINT_REACH_KM**2  # small enough for 2 by area alone
    assert footprint_precision("distance_from", [kharkiv], area_km2=area, geometry=ring) == 3
    assert sorted(LOCATION_PRECISION) == list(range(1, 8))
