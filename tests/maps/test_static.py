"""Static briefs: real gazetteer, real pipeline, real matplotlib output files."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import matplotlib.image
import pandas as pd
import pytest
import shapely
from pyproj import Geod

from geoclaims.errors import ConfigurationError, GeometryError, InputError
from geoclaims.maps import style
from geoclaims.maps._cartography import (
    LocalProjection,
    local_projection,
    nice_distance_m,
    north_angle_deg,
    scale_bar_span,
)
from geoclaims.maps.static import PAGE_SIZE_IN, PNG_DPI, brief_figures, render_brief
from geoclaims.pipeline import analyze
from geoclaims.places.gazetteer import Gazetteer
from geoclaims.store.frames import to_geodataframe

GEOD = Geod(ellps="WGS84")

#: Short wire items written for these tests: (doc_id, outlet, published, text).
DOCUMENTS = [
    (
        "wire-a",
        "Kyiv Test Wire",
        "2024-10-15",
        "Ukraine's General Staff said its forces struck an ammunition depot "
        "near Sudzha on Monday. The Kremlin denied that any depot in Kursk "
        "region was hit. Local residents reported explosions 10 km north of "
        "Sumy, but the report could not be independently verified.",
    ),
    (
        "wire-b",
        "Test Daily",
        "2024-10-16",
        "Russian officials said air defences shot down drones over Belgorod "
        "on Tuesday. A Western diplomat, citing intelligence officials, said "
        "North Korean soldiers may be deployed in Kursk region.",
    ),
]
DENIAL = "The Kremlin denied that any depot in Kursk region was hit."
HOSTILE = (
    "Officials said a drone costing $x$ and $\\frac{1}{2 hit "
    "<script>alert(1)</script> near Sudzha."
)


@pytest.fixture(scope="module")
def claims(gazetteer: Gazetteer) -> gpd.GeoDataFrame:
    reports = [
        analyze(
            text, doc_id=doc_id, outlet=outlet, published=published, gazetteer=gazetteer
        )
        for doc_id, outlet, published, text in DOCUMENTS
    ]
    return to_geodataframe(reports)


@pytest.fixture(scope="module")
def hostile_claims(gazetteer: Gazetteer) -> gpd.GeoDataFrame:
    report = analyze(
        HOSTILE,
        doc_id="h",
        outlet="W$ire <b>",
        published="2024-10-01",
        gazetteer=gazetteer,
    )
    return to_geodataframe(report)


@pytest.fixture(scope="module")
def briefs(
    claims: gpd.GeoDataFrame,
    gazetteer: Gazetteer,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, list[Path]]:
    """Each format rendered twice from the same claims, into separate directories."""
    out: dict[str, list[Path]] = {}
    for fmt in ("png", "pdf", "svg"):
        paths = []
        for run in range(2 if fmt != "png" else 1):
            target = tmp_path_factory.mktemp(f"brief-{fmt}-{run}") / f"brief.{fmt}"
            assert (
                render_brief(claims, target, title="Test brief", gazetteer=gazetteer)
                == target
            )
            paths.append(target)
        out[fmt] = paths
    return out


def svg_texts(path: Path) -> list[str]:
    """The text of every <text> element of an SVG (which must parse as XML)."""
    root = ET.parse(path).getroot()
    return ["".join(el.itertext()) for el in root.iter() if el.tag.endswith("}text")]


# -- sanity of the test data ----------------------------------------------------


def test_static_fixture_has_mixed_grades_and_geometry(claims: gpd.GeoDataFrame) -> None:
    grades = set(claims["confidence"].astype(str))
    assert {"denied", "unverified"} <= grades
    assert not {"confirmed", "disputed"} & grades
    assert claims.geometry.notna().all()


# -- files ----------------------------------------------------------------------


def test_static_png_is_a4_at_200_dpi(briefs: dict[str, list[Path]]) -> None:
    path = briefs["png"][0]
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    pixels = matplotlib.image.imread(path)
    width_in, height_in = PAGE_SIZE_IN
    assert pixels.shape[:2] == (round(height_in * PNG_DPI), round(width_in * PNG_DPI))
    # A real drawing, not a blank page: many distinct colours.
    flat = (pixels[..., :3] * 255).astype("uint8").reshape(-1, 3)
    assert len({tuple(p) for p in flat[::97]}) > 50


def test_static_pdf_has_map_page_and_table_page(briefs: dict[str, list[Path]]) -> None:
    data = briefs["pdf"][0].read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data)) == 2
    assert b"/CreationDate" not in data


@pytest.mark.parametrize("fmt", ["pdf", "svg"])
def test_static_output_is_deterministic(
    briefs: dict[str, list[Path]], fmt: str
) -> None:
    first, second = briefs[fmt]
    assert first.read_bytes() == second.read_bytes()


def test_static_svg_holds_statements_legend_and_credits(
    briefs: dict[str, list[Path]],
) -> None:
    texts = svg_texts(briefs["svg"][0])
    joined = " ".join(texts)
    assert DENIAL in joined
    assert "Test brief" in texts
    assert "Kyiv Test Wire → Kremlin" in joined
    legend = [t for t in texts if re.fullmatch(r"[A-Z][a-z]+ \(\d+\)", t)]
    assert {t.split(" (")[0] for t in legend} == {"Reported", "Unverified", "Denied"}
    assert "Basemap: Natural Earth; places: GeoNames (CC BY 4.0)" in joined
    assert "published 2024-10-15 to 2024-10-16" in joined
    # Places linked by claims are labelled on the map, each once.
    assert texts.count("Belgorod") == 2  # map label and table cell
    assert "Sudzha" in texts


def test_static_place_labels_are_not_repeated(
    claims: gpd.GeoDataFrame, gazetteer: Gazetteer
) -> None:
    doubled = pd.concat([claims, claims.assign(doc_id="copy")], ignore_index=True)
    (page,) = brief_figures(
        gpd.GeoDataFrame(doubled, crs=claims.crs), gazetteer=gazetteer
    )
    map_ax = page.axes[0]
    labels = [t.get_text() for t in map_ax.texts if t.get_color() != "white"]
    assert labels.count("Sudzha") == 1
    assert labels.count("Belgorod") == 1
    # Every claim is numbered on the map: 5 claims twice over.
    numbers = {t.get_text() for t in map_ax.texts if t.get_text().isdigit()}
    assert {str(n) for n in range(1, 11)} <= numbers


#: Claims all at one place, so that every number crowds the same spot: three grades.
CO_LOCATED = (
    "Shelling hit Sudzha on Monday, officials said. ",
    "Troops reportedly crossed into Sudzha overnight with armour. ",
    "The Kremlin denied that any depot near Sudzha was hit. ",
)
#: Texts the placer may make per claim number (one to measure, one if it must be made
#: again at another spot) and per place name (one per candidate spot and its halo).
MADE_PER_TAG, MADE_PER_LABEL = 2, 8
#: Python-level box tests allowed per claim number: none pairwise, boxes are tested
#: in arrays. Testing every candidate spot against every taken box one by one is
#: quadratic in the claims.
BOX_TESTS_PER_TAG = 1


def test_static_crowded_tags_are_placed_in_bounded_work(
    gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import matplotlib.axes
    import matplotlib.path
    import matplotlib.transforms

    n = 60
    text = "".join(CO_LOCATED[i % 3] for i in range(n))
    frame = to_geodataframe(analyze(text, outlet="Wire", published="2024-10-15",
                                    gazetteer=gazetteer))
    assert len(frame) == n
    counts = {"made": 0, "box tests": 0}

    def counted(cls: type, name: str, key: str) -> None:
        original = getattr(cls, name)

        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            counts[key] += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(cls, name, wrapper)

    counted(matplotlib.axes.Axes, "annotate", "made")
    counted(matplotlib.transforms.BboxBase, "overlaps", "box tests")
    counted(matplotlib.path.Path, "intersects_bbox", "box tests")
    (page,) = brief_figures(frame, gazetteer=gazetteer)
    texts = page.axes[0].texts
    numbers = [t for t in texts if t.get_bbox_patch() is not None]  # in their discs
    names = [t for t in texts if t.get_bbox_patch() is None]
    assert len(numbers) == n  # every claim is numbered, crowded or not
    assert counts["made"] <= MADE_PER_TAG * n + MADE_PER_LABEL * len(names)
    assert counts["box tests"] <= BOX_TESTS_PER_TAG * n


def test_static_hostile_text_is_literal(
    hostile_claims: gpd.GeoDataFrame, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    svg = render_brief(
        hostile_claims,
        tmp_path / "h.svg",
        title="Costs $x$ <script>",
        gazetteer=gazetteer,
    )
    png = render_brief(
        hostile_claims,
        tmp_path / "h.png",
        title="Costs $x$ <script>",
        gazetteer=gazetteer,
    )
    assert png.stat().st_size > 10_000  # mathtext would have failed on "$\frac{1}{2"
    raw = svg.read_bytes()
    assert b"<script" not in raw
    root = ET.parse(svg).getroot()
    assert not [el for el in root.iter() if el.tag.split("}")[-1] == "script"]
    joined = " ".join(svg_texts(svg))
    assert HOSTILE in joined
    assert "Costs $x$ <script>" in joined
    assert "W$ire <b> → unnamed official" in joined  # the canonical source


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("none", "No claims were found in the input."),
        ("unmapped", "No claim could be placed on a map."),
    ],
)
def test_static_empty_input_still_renders_a_page(
    claims: gpd.GeoDataFrame,
    gazetteer: Gazetteer,
    tmp_path: Path,
    rows: str,
    message: str,
) -> None:
    frame = (
        to_geodataframe([])
        if rows == "none"
        else claims.head(2).set_geometry(gpd.GeoSeries([None, None], crs=claims.crs))
    )
    path = render_brief(frame, tmp_path / "empty.svg", gazetteer=gazetteer)
    texts = svg_texts(path)
    assert message in texts
    if rows == "unmapped":
        assert "(not mapped)" in " ".join(texts)


def test_static_pdf_table_continues_on_more_pages(
    claims: gpd.GeoDataFrame, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    extra = pd.concat(
        [claims.assign(claim_id=f"x{k}", geometry=None) for k in range(12)],
        ignore_index=True,
    )
    frame = gpd.GeoDataFrame(
        pd.concat([claims, extra], ignore_index=True),
        geometry="geometry",
        crs=claims.crs,
    )
    data = render_brief(frame, tmp_path / "long.pdf", gazetteer=gazetteer).read_bytes()
    assert len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data)) >= 3


def test_static_inputs_are_read_like_read_claims(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    doc = tmp_path / "wire.txt"
    doc.write_text(DOCUMENTS[0][3], encoding="utf-8")
    pages = render_brief(
        [doc], gazetteer=gazetteer, outlet="Kyiv Test Wire", published="2024-10-15"
    )
    assert isinstance(pages, list) and len(pages) == 1
    texts = [t.get_text() for ax in pages[0].axes for t in ax.texts]
    assert any(DENIAL in t for t in texts)


# -- errors ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kwargs", "error", "words"),
    [
        ("brief.jpg", {}, InputError, ["'.jpg'", ".png, .pdf, .svg"]),
        ("brief", {}, InputError, ["(none)"]),
        ("missing/brief.png", {}, InputError, ["output directory does not exist"]),
        ("brief.png", {"fmt": "tiff"}, ConfigurationError, ["'tiff'"]),
        ("brief.png", {"table": "pages"}, ConfigurationError, ["PDF"]),
    ],
)
def test_static_bad_output_is_a_clear_error(
    claims: gpd.GeoDataFrame,
    gazetteer: Gazetteer,
    tmp_path: Path,
    name: str,
    kwargs: dict[str, str],
    error: type[Exception],
    words: list[str],
) -> None:
    with pytest.raises(error) as info:
        render_brief(claims, tmp_path / name, gazetteer=gazetteer, **kwargs)
    for word in words:
        assert word in str(info.value)
    assert list(tmp_path.rglob("*")) == []


def test_static_failed_render_leaves_existing_file(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    target = tmp_path / "brief.png"
    target.write_bytes(b"old")
    frame = gpd.GeoDataFrame(
        {"text": ["no statement column"]},
        geometry=[shapely.Point(35, 51)],
        crs="EPSG:4326",
    )
    with pytest.raises(InputError, match="'statement'"):
        render_brief(frame, target, gazetteer=gazetteer)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.png"]


# -- projection, scale bar, north arrow ------------------------------------------------


@pytest.mark.parametrize(
    ("definition", "lon", "lat", "length_m"),
    [
        ("aeqd-centre", 35.3, 51.2, 50_000),
        ("aeqd-offset", 39.0, 48.0, 100_000),  # 300 km from the centre
        ("EPSG:3857", 30.0, 60.0, 20_000),  # Mercator: scale factor about 2
        (
            "+proj=lcc +lat_1=45 +lat_2=55 +lon_0=30 +datum=WGS84 +units=m",
            38.0,
            47.0,
            200_000,
        ),
        ("EPSG:32636", 33.0, 50.0, 5_000),  # UTM 36N, 0.9996 at the meridian
    ],
)
def test_static_scale_bar_matches_geodesic_length(
    definition: str, lon: float, lat: float, length_m: float
) -> None:
    if definition.startswith("aeqd"):
        projection = local_projection(35.3, 51.2)
    else:
        projection = LocalProjection.from_proj(definition)
    x, y = projection.forward.transform(lon, lat)
    span = scale_bar_span(projection, x, y, length_m)
    lon0, lat0 = projection.inverse.transform(x, y)
    lon1, lat1 = projection.inverse.transform(x + span, y)
    _, _, true_m = GEOD.inv(lon0, lat0, lon1, lat1)
    assert true_m == pytest.approx(length_m, rel=0.01)
    if definition == "EPSG:3857":
        # The bar is about twice as long on the map as in projected metres at 60°N.
        assert span / length_m == pytest.approx(1.99, abs=0.02)


@pytest.mark.parametrize(
    ("limit_m", "expected_m"),
    [(73_000, 50_000), (199_999, 100_000), (200_000, 200_000), (999, 500), (3.2, 2)],
)
def test_static_nice_distance_rounds_down_to_1_2_5(
    limit_m: float, expected_m: float
) -> None:
    assert nice_distance_m(limit_m) == expected_m


@pytest.mark.parametrize("bad", [0.0, -5.0, float("nan"), float("inf")])
def test_static_scale_bar_rejects_bad_lengths(bad: float) -> None:
    projection = local_projection(35.0, 50.0)
    with pytest.raises(GeometryError):
        scale_bar_span(projection, 0.0, 0.0, bad)
    with pytest.raises(GeometryError):
        nice_distance_m(bad)


@pytest.mark.parametrize(("lon", "lat"), [(30.0, 50.0), (40.0, 58.0), (21.0, 44.0)])
def test_static_north_angle_is_the_meridian_convergence(lon: float, lat: float) -> None:
    import pyproj

    definition = "+proj=lcc +lat_1=45 +lat_2=55 +lon_0=30 +datum=WGS84 +units=m"
    projection = LocalProjection.from_proj(definition)
    x, y = projection.forward.transform(lon, lat)
    angle = north_angle_deg(projection, x, y)
    factors = pyproj.Proj(definition).get_factors(lon, lat)
    # Convergence is the angle from grid north to true north; ours is measured
    # clockwise, so east of the central meridian north leans left (negative).
    assert abs(angle) == pytest.approx(abs(factors.meridian_convergence), abs=0.05)
    assert (angle < 0) == (lon > 30.0) or lon == 30.0


def test_static_local_projection_keeps_distances_from_its_centre() -> None:
    projection = local_projection(35.3, 51.2)
    for lon, lat in [(36.2, 51.7), (30.5, 50.4), (37.6, 55.8)]:
        x, y = projection.forward.transform(lon, lat)
        _, _, true_m = GEOD.inv(35.3, 51.2, lon, lat)
        assert (x**2 + y**2) ** 0.5 == pytest.approx(true_m, rel=1e-6)


# -- shared style ---------------------------------------------------------------


def test_style_palette_covers_every_grade_once() -> None:
    from geoclaims.claims.model import Confidence

    assert list(style.CONFIDENCE_COLOURS) == [c.value for c in Confidence]
    colours = list(style.CONFIDENCE_COLOURS.values())
    assert len(set(colours)) == len(colours)
    assert all(re.fullmatch(r"#[0-9A-F]{6}", c) for c in colours)
    assert set(style.PRECISION_STYLES) == {1, 2, 3}
    assert style.PRECISION_STYLES[1].dash is None
    assert style.PRECISION_STYLES[3].hatch


@pytest.mark.parametrize(("iso", "expect_polygon"), [("RU-KRS", True), ("UA", False)])
def test_static_region_only_claim_is_drawn_as_its_region(
    gazetteer: Gazetteer, iso: str, expect_polygon: bool
) -> None:
    from geoclaims.maps._content import collect_brief

    region = gazetteer.by_iso(iso)
    assert region is not None
    frame = to_geodataframe([]).reindex([0])
    frame = frame.assign(
        statement="Troops were seen somewhere in the region.",
        confidence=pd.Categorical(
            ["reported"], categories=list(style.CONFIDENCE_COLOURS)
        ),
        precision_class=3,
        geonameids=[[region.geonameid]],
        geometry=[shapely.Point(region.lon, region.lat)],
    ).set_crs("EPSG:4326", allow_override=True)
    (mark,) = collect_brief(frame, gazetteer).marks
    if expect_polygon:
        assert mark.geometry.geom_type in {"Polygon", "MultiPolygon"}
        assert shapely.equals(mark.geometry, gazetteer.polygon(region.geonameid))
    else:  # a country stays a point: its outline would swamp the map
        assert mark.geometry.geom_type == "Point"


@pytest.mark.parametrize("words", [3, 60])
def test_static_title_fits_the_page(
    claims: gpd.GeoDataFrame, gazetteer: Gazetteer, words: int
) -> None:
    title = " ".join(["Border"] * words)
    (page,) = brief_figures(claims, title=title, gazetteer=gazetteer)
    renderer = page.canvas.get_renderer()
    (heading,) = [t for t in page.texts if t.get_text().startswith("Border")]
    assert heading.get_window_extent(renderer).width <= 0.94 * page.bbox.width
    if words == 3:
        assert heading.get_text() == title and heading.get_fontsize() == 17
    else:
        assert heading.get_text().endswith(" …")


def test_static_table_keeps_the_written_place_form(gazetteer: Gazetteer) -> None:
    from geoclaims.maps._content import collect_brief

    report = analyze("Губернатор заявил, что беспилотники атаковали Суджу.", doc_id="ru",
                     gazetteer=gazetteer)
    (row,) = collect_brief(to_geodataframe(report), gazetteer).rows
    assert row.places == "Sudzha (Суджу)"
    english = analyze("The governor said drones struck Sudzha.", gazetteer=gazetteer)
    (row,) = collect_brief(to_geodataframe(english), gazetteer).rows
    assert row.places == "Sudzha"
