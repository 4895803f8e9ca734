"""Footprints for the spatial language of real reports (issue 15): containment found
from the place mentions, containers for places the gazetteer lacks, anaphoric and
implicit anchors, distances without an anchor, parts of regions, borders."""

from __future__ import annotations

import pytest
import shapely

from geoclaims.geometry import geodesic
from geoclaims.geometry.containers import CONTAINER_RULE
from geoclaims.geometry.footprints import RULES
from geoclaims.pipeline import analyze


def _only(report, phrase):  # type: ignore[no-untyped-def]
    """The footprint whose expression is ``phrase``."""
    found = [f for f in report.footprints
             if f.expression is not None and f.expression.text == phrase]
    assert len(found) == 1, [(f.expression.text, f.rule) for f in report.footprints
                             if f.expression is not None]
    return found[0]


def _polygon_of(gazetteer, code):  # type: ignore[no-untyped-def]
    return gazetteer.polygon(gazetteer.country(code).geonameid)


@pytest.mark.parametrize(("text", "phrase", "code"), [
    ("Artillery fire was reported in Lebanon overnight.", "in Lebanon", "LB"),
    ("The drones flew deep into Ukraine before dawn.", "deep into Ukraine", "UA"),
    ("Aid convoys moved into Somalia from the coast.", "into Somalia", "SO"),
    ("Saboteurs operated on Russian territory for a week.", "on Russian territory", "RU"),
])
def test_containment_in_a_country(text, phrase, code, gazetteer):  # type: ignore[no-untyped-def]
    fp = _only(analyze(text, gazetteer=gazetteer), phrase)
    assert fp.relation == "in_region"
    country = _polygon_of(gazetteer, code)
    assert shapely.difference(fp.geometry, country.buffer(1e-6)).area < 1e-9
    assert fp.geometry.area > 0.9 * country.area


def test_containment_in_a_list_of_countries(gazetteer):  # type: ignore[no-untyped-def]
    fp = _only(analyze("Aid convoys crossed into Somalia and Kenya.", gazetteer=gazetteer),
               "into Somalia and Kenya")
    both = shapely.union(_polygon_of(gazetteer, "SO"), _polygon_of(gazetteer, "KE"))
    assert len(fp.anchors) == 2
    assert shapely.symmetric_difference(fp.geometry, both).area < 1e-6 * both.area


def test_containment_in_a_town_is_no_expression(gazetteer):  # type: ignore[no-untyped-def]
    report = analyze("Two houses burned in Sudzha on Monday.", gazetteer=gazetteer)
    assert not [e for e in report.expressions if e.text == "in Sudzha"]


def test_containment_with_a_part_reaches_past_the_centre(gazetteer):  # type: ignore[no-untyped-def]
    fp = _only(analyze("Strikes hit targets in occupied southern Ukraine.",
                       gazetteer=gazetteer), "in occupied southern Ukraine")
    assert fp.rule == RULES["in_region"].key
    assert fp.expression is not None and fp.expression.qualifier == "S"
    ukraine = _polygon_of(gazetteer, "UA")
    assert fp.geometry.contains(shapely.Point(32.62, 46.8))        # north of Kherson
    assert not fp.geometry.contains(shapely.Point(30.52, 50.45))   # Kyiv
    # the southern part holds the centre too: where "south" starts is vague
    assert fp.geometry.buffer(1e-6).contains(ukraine.centroid)
    assert fp.geometry.area < 0.75 * ukraine.area


def test_central_part_is_the_middle(gazetteer):  # type: ignore[no-untyped-def]
    fp = _only(analyze("Fighting spread in central Mali this week.", gazetteer=gazetteer),
               "in central Mali")
    mali = _polygon_of(gazetteer, "ML")
    assert fp.geometry.buffer(1e-6).contains(mali.centroid)
    assert fp.geometry.area < 0.5 * mali.area


def test_town_area_is_near(gazetteer):  # type: ignore[no-untyped-def]
    fp = _only(analyze("Russian units attacked in the Pokrovsk area.", gazetteer=gazetteer),
               "in the Pokrovsk area")
    assert fp.relation == "near" and fp.rule == RULES["near"].key


def test_region_list_with_region_word(gazetteer):  # type: ignore[no-untyped-def]
    fp = _only(analyze("Floods hit homes in the Bay, Bakool and Gedo regions.",
                       gazetteer=gazetteer), "in the Bay, Bakool and Gedo regions")
    assert fp.relation == "in_region" and len(fp.anchors) == 3


def test_container_named_with_the_anchor(gazetteer):  # type: ignore[no-untyped-def]
    report = analyze("Troops advanced near the village of Zorvatovka in Kursk Oblast.",
                     gazetteer=gazetteer)
    fp = _only(report, "near the village of Zorvatovka")
    assert fp.rule == CONTAINER_RULE.key and fp.relation == "near"
    assert fp.params["step"] == "named with the anchor"
    assert "did not resolve" in fp.params["reason"]
    kursk = gazetteer.polygon(538555)
    assert shapely.difference(fp.geometry, kursk.buffer(1e-6)).area < 1e-9


def test_container_from_the_towns_of_the_sentence(gazetteer):  # type: ignore[no-untyped-def]
    report = analyze("Heavy fighting went on near Zorvatovka, south of Bakhmut.",
                     gazetteer=gazetteer)
    fp = _only(report, "near Zorvatovka")
    assert fp.rule == CONTAINER_RULE.key
    assert fp.params["step"] == "the towns its sentence names"
    assert fp.geometry.contains(shapely.Point(38.0, 48.6))  # Bakhmut


@pytest.mark.parametrize("text", [
    "The family gathered around Christmas near Zorvatovka.",
    "Armies massed between the Pakistani and Indian posts near Lahore.",
])
def test_no_container_for_words_that_are_no_place(text, gazetteer):  # type: ignore[no-untyped-def]
    report = analyze(text, gazetteer=gazetteer)
    assert not [f for f in report.footprints
                if f.rule == CONTAINER_RULE.key and f.expression is not None
                and ("Christmas" in f.expression.text or "Pakistani" in f.expression.text)]


def test_no_container_without_a_place_in_the_text(gazetteer):  # type: ignore[no-untyped-def]
    report = analyze("The patrol stopped near Zorvatovka.", gazetteer=gazetteer)
    expr = next(e for e in report.expressions if e.text == "near Zorvatovka")
    assert not report.footprints
    assert any("names no region" in p for p in expr.problems)


def test_sea_is_never_its_land_namesake(gazetteer):  # type: ignore[no-untyped-def]
    report = analyze("A tanker was hit in the Gulf of Aden and in the Red Sea, then another "
                     "in the Strait of Hormuz.", gazetteer=gazetteer)
    by_text = {r.mention.text: r for r in report.resolutions}
    assert "Aden" not in by_text  # the feature is the mention, not the town in it
    for sea in ("Gulf of Aden", "Red Sea"):
        place = by_text[sea].place
        assert place is not None and place.feature_class == "H", sea
    # a sea the gazetteer lacks stays unresolved, and gets no container on land
    assert by_text["Strait of Hormuz"].place is None
    assert by_text["Strait of Hormuz"].method == "no water body of that name"
    fp = _only(report, "in the Gulf of Aden")
    assert fp.geometry.contains(shapely.Point(48.2, 12.9))
    assert not fp.geometry.contains(shapely.Point(44.2, 15.35))  # Sanaa
    assert fp.location_precision == 7
    assert not [f for f in report.footprints if "Hormuz" in f.expression.text]


def test_near_a_sea_is_the_sea_grown(gazetteer):  # type: ignore[no-untyped-def]
    fp = _only(analyze("A drone boat hit a ship on the Black Sea.", gazetteer=gazetteer),
               "on the Black Sea")
    assert fp.relation == "near"
    assert fp.geometry.contains(shapely.Point(33.8, 44.1))
    assert fp.geometry.contains(shapely.Point(30.0, 43.0))   # far from its centre


def test_anaphoric_anchor_the_city(gazetteer):  # type: ignore[no-untyped-def]
    report = analyze("Troops entered Kharkiv on Monday. Shelling continued north of the city.",
                     gazetteer=gazetteer)
    fp = _only(report, "north of the city")
    assert fp.relation == "direction_from" and fp.anchors == ("706483",)


def test_implicit_anchor_of_a_bare_direction(gazetteer):  # type: ignore[no-untyped-def]
    report = analyze("Fighting raged in Pokrovsk, with attacks from the south.",
                     gazetteer=gazetteer)
    fp = _only(report, "from the south")
    pokrovsk = next(r.place for r in report.resolutions if r.mention.text == "Pokrovsk")
    assert fp.anchors == (str(pokrovsk.geonameid),)
    assert fp.params["bearing_deg"] == 180.0


def test_distance_inland_is_from_the_border(gazetteer):  # type: ignore[no-untyped-def]
    report = analyze("Drones hit a depot in Russia's Belgorod region, 10 kilometers inland.",
                     gazetteer=gazetteer)
    fp = _only(report, "10 kilometers inland")
    assert fp.rule == RULES["from_border"].key
    points = geodesic.sample_points(fp.geometry, 200, seed=3)
    lon, lat = points[:, 0], points[:, 1]
    km = geodesic.distance_to_geometry_m(lon, lat, gazetteer.border("RU", "UA")) / 1000
    assert km.min() >= 5.0 and km.max() <= 15.5


def test_compound_number_words(gazetteer):  # type: ignore[no-untyped-def]
    report = analyze("A ship was hit forty-two kilometres north of Kharkiv.",
                     gazetteer=gazetteer)
    expr = next(e for e in report.expressions if "forty-two" in e.text)
    assert expr.distance_m == 42_000.0 and expr.bearing_deg == 0.0


def test_border_named_by_both_countries(gazetteer):  # type: ignore[no-untyped-def]
    report = analyze("Gunmen attacked a patrol along the Guyana-Venezuela border in Guyana.",
                     gazetteer=gazetteer)
    fp = _only(report, "along the Guyana-Venezuela border")
    assert {fp.params["home"], fp.params["other_side"]} == {"GY", "VE"}


def test_border_areas_of_a_region_with_one_neighbour(gazetteer):  # type: ignore[no-untyped-def]
    report = analyze("Shelling hit villages of Kharkiv Oblast in the border areas.",
                     gazetteer=gazetteer)
    fp = _only(report, "border areas")
    assert fp.params["home"] == "UA" and fp.params["other_side"] == "RU"


def test_relative_anchor_is_the_earlier_footprint(gazetteer):  # type: ignore[no-untyped-def]
    report = analyze("Troops deserted near Sudzha. They were found 60 kilometers from their "
                     "desertion point.", gazetteer=gazetteer)
    near = _only(report, "near Sudzha")
    fp = _only(report, "60 kilometers from their desertion point")
    assert fp.rule == RULES["relative_distance"].key
    assert fp.params["from_expression"] == "near Sudzha"
    assert not fp.geometry.intersects(near.geometry)


def test_relative_anchor_without_an_earlier_place_says_why(gazetteer):  # type: ignore[no-untyped-def]
    report = analyze("They were found 60 kilometers from their desertion point.",
                     gazetteer=gazetteer)
    (expr,) = report.expressions
    assert not report.footprints and "no earlier place" in expr.problems[0]


@pytest.mark.parametrize(("text", "reason"), [
    ("Debris fell 1e9 km from Kharkiv.", "exceeds"),
    ("Troops moved 0 km from Kharkiv.", "positive"),
    ("The camp lies 30 km south of Zorvatovka Station.", "names no region"),
    ("Fires burned near the border in Australia.", "no neighbour of AU"),
])
def test_bad_spatial_input_gets_a_reason(text, reason, gazetteer):  # type: ignore[no-untyped-def]
    report = analyze(text, gazetteer=gazetteer)
    problems = [p for e in report.expressions for p in e.problems]
    assert any(reason in p for p in problems), problems


def test_vague_distance_is_wide(gazetteer):  # type: ignore[no-untyped-def]
    report = analyze("Missiles flew thousands of kilometers from Kharkiv.", gazetteer=gazetteer)
    (fp,) = report.footprints
    assert fp.expression is not None and fp.expression.hedge == "approx"
    assert fp.params["high_m"] - fp.params["low_m"] > 1_000_000


def test_cross_border_between_the_neighbours_of_its_sentence(gazetteer):  # type: ignore[no-untyped-def]
    report = analyze("Israeli jets struck Gaza again. In the north, Hezbollah and Israel "
                     "traded cross-border fire as strikes hit southern Lebanon.",
                     gazetteer=gazetteer)
    fp = _only(report, "cross-border")
    assert {fp.params["home"], fp.params["other_side"]} == {"IL", "LB"}


def test_depth_into_a_region_is_a_band_from_the_border_inside_it(gazetteer):  # type: ignore[no-untyped-def]
    report = analyze("Ukrainian troops pushed up to 10 kilometers deep into Kursk, the "
                     "general said.", gazetteer=gazetteer)
    fp = _only(report, "up to 10 kilometers deep into Kursk")
    assert fp.rule == RULES["from_border"].key and fp.params["clipped_to"] == [538555]
    kursk = gazetteer.polygon(538555)
    assert shapely.difference(fp.geometry, kursk.buffer(1e-6)).area < 1e-9
    points = geodesic.sample_points(fp.geometry, 300, seed=7)
    km = geodesic.distance_to_geometry_m(points[:, 0], points[:, 1],
                                         gazetteer.border("RU", "UA")) / 1000
    assert km.max() <= 10.1


def test_district_adjectives_are_the_districts(gazetteer):  # type: ignore[no-untyped-def]
    report = analyze("Shelling hit villages in the Sudzhansky and Korenevsky districts of "
                     "Kursk region.", gazetteer=gazetteer)
    fp = _only(report, "in the Sudzhansky and Korenevsky districts")
    districts = [gazetteer.by_id(int(a)) for a in fp.anchors]
    assert [p.kind for p in districts] == ["admin2", "admin2"]
    assert {p.admin1_code for p in districts} == {gazetteer.by_id(538555).admin1_code}
    # no district polygons in the default gazetteer: a district-sized disc each
    assert 2 * 900 < fp.area_km2 < 2 * 1400


@pytest.mark.parametrize("text", [
    "Ukrainian troops massed in a village just across the border from Kursk.",
    "Shelling hit villages of Sumy region, which lies across from Russia's Kursk region.",
])
def test_across_the_border_from_a_region(text, gazetteer):  # type: ignore[no-untyped-def]
    report = analyze(text, gazetteer=gazetteer)
    (fp,) = [f for f in report.footprints if f.relation == "border_zone"]
    assert (fp.params["home"], fp.params["other_side"]) == ("UA", "RU")
    # on the Ukrainian side, along the stretch facing Kursk Oblast
    ukraine = _polygon_of(gazetteer, "UA")
    assert shapely.difference(fp.geometry, ukraine.buffer(1e-6)).area < 1e-9
    kursk, belgorod = gazetteer.polygon(538555), gazetteer.polygon(578071)
    assert fp.geometry.distance(kursk) < 0.01
    # the stretch facing Kursk Oblast, not the whole border
    assert fp.geometry.centroid.distance(kursk) < fp.geometry.centroid.distance(belgorod)
    whole = geodesic.area_km2(shapely.intersection(
        geodesic.geodesic_buffer(gazetteer.border("RU", "UA"), 15_000), ukraine))
    assert fp.area_km2 < 0.3 * whole


def test_territory_adjacent_to_the_border(gazetteer):  # type: ignore[no-untyped-def]
    report = analyze("Troops massed on the territory adjacent to the state border with "
                     "Ukraine in Bryansk region.", gazetteer=gazetteer)
    fp = _only(report, "adjacent to the state border with Ukraine")
    assert fp.params["clipped_to"] == [571473]


@pytest.mark.parametrize(("text", "expressions"), [
    ("Sources in Ukraine's Military Intelligence said the unit had left.", []),
    ("Officials in Russia's western allies said so.", []),
    ("Airstrikes hit villages in Myanmar's western-most state.",
     [("in Myanmar's western-most state", "W")]),
])
def test_a_possessive_place_is_no_containment(text, expressions, gazetteer):  # type: ignore[no-untyped-def]
    report = analyze(text, gazetteer=gazetteer)
    assert [(e.text, e.qualifier) for e in report.expressions] == expressions


@pytest.mark.parametrize(("text", "phrase"), [
    ("Indian and Pakistani troops exchanged fire along the Line of Control in Kashmir.",
     "along the Line of Control"),
    ("Shells fell across LoC near Poonch, India.", "across LoC"),
])
def test_named_border_line(text, phrase, gazetteer):  # type: ignore[no-untyped-def]
    fp = _only(analyze(text, gazetteer=gazetteer), phrase)
    assert fp.relation == "border_zone"
    assert {fp.params["home"], fp.params["other_side"]} == {"IN", "PK"}


def test_container_from_ukraines_register(gazetteer):  # type: ignore[no-untyped-def]
    fp = _only(analyze("Ukrainian troops advanced on the approaches to Robotyne.",
                       gazetteer=gazetteer), "on the approaches to Robotyne")
    assert fp.rule == CONTAINER_RULE.key
    assert fp.params["step"] == "Ukraine's register of settlements"
    assert fp.geometry.contains(shapely.Point(35.83, 47.45))  # Robotyne
    assert fp.location_precision == 4
