"""Interactive maps: payload, escaping, layers, determinism, offline mode, files."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, box

from geoclaims.errors import InputError
from geoclaims.maps._layers import KIND_GROUPS
from geoclaims.maps.interactive import (
    SOURCE_GROUPS,
    build_payload,
    check_map_path,
    render_map,
    save_map,
)
from geoclaims.pipeline import analyze
from geoclaims.store.frames import CLAIM_COLUMNS, CONFIDENCE_ORDER, to_geodataframe

#: Hostile strings that must reach the page only as text.
HOSTILE = {
    "script": "<script>alert(1)</script>",
    "img": "<img src=x onerror=alert(2)>",
    "close": "</script><script>alert(3)</script>",
    "template": "${alert(4)}`",
    "quotes": "\"'><svg onload=alert(5)>",
}

DOCUMENTS = [
    ("raid", "Ukraine's General Staff said on Monday that drones hit an oil depot near "
             "Sudzha. Russian officials denied that any depot was hit."),
    ("band", "Shelling was reported about 10 km from the border in Belgorod region, "
             "according to the regional governor."),
]


def _payload_of(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="[^"]+">(.*?)</script>', html, re.S)
    assert found, "no payload element"
    return json.loads(found.group(1))


@pytest.fixture(scope="module")
def reports(gazetteer):  # type: ignore[no-untyped-def]
    return [analyze(text, doc_id=doc_id, outlet="Test Wire", published="2024-10-15",
                    gazetteer=gazetteer) for doc_id, text in DOCUMENTS]


@pytest.fixture(scope="module")
def hostile_report(gazetteer):  # type: ignore[no-untyped-def]
    text = (f"Officials said that {HOSTILE['script']} drones hit Sudzha {HOSTILE['img']}. "
            f"The governor of Kursk region said {HOSTILE['close']} and {HOSTILE['template']} "
            f"were seen near Kursk {HOSTILE['quotes']}.")
    return analyze(text, doc_id="hostile <b>doc</b>", outlet=HOSTILE["quotes"],
                   url="javascript:alert(6)", gazetteer=gazetteer)


def test_interactive_hostile_text_is_never_markup(hostile_report, gazetteer):  # type: ignore[no-untyped-def]
    html = render_map(hostile_report, title=HOSTILE["img"], gazetteer=gazetteer
                      ).get_root().render()
    for needle in ("<script>alert", "<img src=x", "<svg onload", "</script><script>alert"):
        assert needle not in html
    payload = _payload_of(html)
    statements = " ".join(c["s"] for c in payload["claims"])
    assert HOSTILE["script"] in statements  # kept as text, shown literally by textContent
    assert payload["title"] == HOSTILE["img"]
    assert all("u" not in c for c in payload["claims"])  # javascript: never a link
    assert HOSTILE["quotes"] in payload["groups"][0]["names"]


@pytest.mark.parametrize("offline", [False, True])
def test_interactive_same_input_same_bytes(reports, gazetteer, offline):  # type: ignore[no-untyped-def]
    first = render_map(reports, gazetteer=gazetteer, offline=offline).get_root().render()
    second = render_map(reports, gazetteer=gazetteer, offline=offline).get_root().render()
    assert first == second
    other = render_map(reports[:1], gazetteer=gazetteer, offline=offline).get_root().render()
    assert other != first


def test_interactive_layers_list_every_source_and_grade(reports):  # type: ignore[no-untyped-def]
    gdf = to_geodataframe(reports)
    payload = build_payload(gdf)
    present = set(gdf["confidence"].astype(str))
    assert payload["grades"] == [g for g in CONFIDENCE_ORDER if g in present]
    groups = {g["key"]: g["names"] for g in payload["groups"]}
    assert [key for key, _ in SOURCE_GROUPS] == list(groups)
    assert set(groups["outlet"]) == {"Test Wire"}
    # every canonical source is a layer in the group of its kind
    for names, kinds in zip(gdf["canonical_sources"], gdf["source_kinds"], strict=True):
        for name, kind in zip(names, kinds, strict=True):
            assert name in groups[KIND_GROUPS[kind][0]]
    # every claim points at its own names in every group
    for claim in payload["claims"]:
        assert len(claim["k"]) == len(groups)
        for ids, names in zip(claim["k"], groups.values(), strict=True):
            assert all(0 <= i < len(names) for i in ids)


def test_interactive_speaking_for_is_the_claims_field(gazetteer):  # type: ignore[no-untyped-def]
    report = analyze("Kremlin spokesperson Dmitry Peskov said drones hit a depot near "
                     "Sudzha on Monday.", doc_id="p", outlet="Test Wire", gazetteer=gazetteer)
    gdf = to_geodataframe(report)

    def speaking_for(frame):  # type: ignore[no-untyped-def]
        payload = build_payload(frame)
        names = {g["key"]: g["names"] for g in payload["groups"]}["organisation"]
        index = [key for key, _ in SOURCE_GROUPS].index("organisation")
        return names, [[names[i] for i in c["k"][index]] for c in payload["claims"]]

    assert speaking_for(gdf) == (["Kremlin"], [["Kremlin"]])
    # The map shows what extraction recorded; it does not read the names again.
    recorded = gdf.assign(source_organisations=[["Presidential Office"]] * len(gdf))
    assert speaking_for(recorded) == (["Presidential Office"], [["Presidential Office"]])
    # A frame of an older export, without the columns, still has its group.
    older = gdf.drop(columns=["source_affiliations", "source_organisations"])
    assert speaking_for(older) == (["Kremlin"], [["Kremlin"]])
    # So do the counted circles of a large input.
    many = gpd.GeoDataFrame(pd.concat([recorded] * 3, ignore_index=True), crs="EPSG:4326")
    circles = build_payload(many, detail_limit=2)
    assert "aggregated" in circles["summary"]
    assert {g["key"]: g["names"] for g in circles["groups"]}["organisation"] == [
        "Presidential Office"]


def test_interactive_geometry_shared_once(gazetteer):  # type: ignore[no-untyped-def]
    region = box(35.0, 51.0, 36.0, 52.0)
    rows = []
    for i in range(5):
        row = dict.fromkeys(CLAIM_COLUMNS)
        row.update(claim_id=f"c{i}", doc_id="d", statement=f"claim {i}", confidence="reported",
                   source_chain=["Wire"], cited_sources=[], cues=[], quantities=[],
                   place_names=[], geonameids=[], precision_class=3,
                   footprint_relation="in_region", uncertainty_km=50.0, geometry=region)
        rows.append(row)
    gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    payload = build_payload(gdf)
    assert len(payload["features"]) == 5
    assert len(payload["geoms"]) == 1


def test_interactive_aggregates_large_inputs():  # type: ignore[no-untyped-def]
    rows = []
    for i in range(400):
        row = dict.fromkeys(CLAIM_COLUMNS)
        row.update(claim_id=f"c{i}", doc_id=f"d{i % 7}", statement=f"claim {i}",
                   confidence=("reported", "denied")[i % 2], outlet=f"Outlet {i % 3}",
                   reporting_source=None, source_chain=[f"Outlet {i % 3}"], cited_sources=[],
                   cues=[], quantities=[], place_names=[], geonameids=[], precision_class=1,
                   footprint_relation="place", uncertainty_km=None,
                   geometry=Point(30 + (i % 10) * 0.01, 50 + (i % 4) * 0.01))
        rows.append(row)
    gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    payload = build_payload(gdf, detail_limit=100)
    assert len(payload["features"]) < 400 / 10
    assert sum(c["n"] for c in payload["claims"]) == 400
    assert payload["counts"]["grade"] == {"reported": 200, "denied": 200}
    assert "aggregated" in payload["summary"]


def test_interactive_offline_needs_no_network(reports, gazetteer):  # type: ignore[no-untyped-def]
    html = render_map(reports, gazetteer=gazetteer, offline=True).get_root().render()
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+href=\"https?:", html)
    assert "tile.openstreetmap" not in html
    payload = _payload_of(html)
    assert payload["base"]["countries"], "offline basemap drawn from the gazetteer"
    assert "tiles" not in payload


def test_interactive_online_map_loads_no_script_from_elsewhere(reports, gazetteer):  # type: ignore[no-untyped-def]
    """Libraries are inlined online too: only the tile server is contacted."""
    online = render_map(reports, gazetteer=gazetteer).get_root().render()
    assert not re.search(r"<script[^>]+src=", online)
    assert not re.search(r"<link[^>]+href=", online)
    payload = _payload_of(online)
    # The tile URL is data for our script, not a folium TileLayer in a template.
    assert online.count("tile.openstreetmap.org") == 1
    assert payload["tiles"]["url"].startswith("https://tile.openstreetmap.org/")
    assert "OpenStreetMap" in payload["tiles"]["attribution"]
    assert "base" not in payload


def test_interactive_location_precision_in_popups_and_legend(reports, gazetteer):  # type: ignore[no-untyped-def]
    from geoclaims.geometry.precision import LOCATION_PRECISION

    html = render_map(reports, gazetteer=gazetteer, offline=True).get_root().render()
    payload = _payload_of(html)
    assert payload["location_precision"] == {str(k): v for k, v in LOCATION_PRECISION.items()}
    gdf = to_geodataframe(reports)
    located = gdf[gdf.geometry.notna()]
    # every drawn feature carries its row's code: "near Sudzha" 2, Belgorod region 4
    assert sorted(f[5] for f in payload["features"]) == sorted(located["location_precision"])
    assert {2, 4} <= {f[5] for f in payload["features"]}
    assert "Location precision (UCDP GED)" in html  # the legend's title, in our script


def test_interactive_stance_takes_the_place_it_answers(reports):  # type: ignore[no-untyped-def]
    gdf = to_geodataframe(reports[0])
    denial = gdf[gdf["confidence"].astype(str) == "denied"]
    assert len(denial), "the denial is a claim"
    assert denial.geometry.notna().all()


@pytest.mark.parametrize(
    ("name", "message"),
    [("map.png", "written as .html"), ("missing/map.html", "does not exist")],
)
def test_interactive_output_path_checked(tmp_path, name, message):  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match=message):
        check_map_path(tmp_path / name)


def test_interactive_save_is_atomic(reports, gazetteer, tmp_path):  # type: ignore[no-untyped-def]
    target = tmp_path / "map.html"
    save_map(render_map(reports, gazetteer=gazetteer), target)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_interactive_cli_writes_offline_map(tmp_path, gazetteer):  # type: ignore[no-untyped-def]
    doc = tmp_path / "note.txt"
    doc.write_text(DOCUMENTS[1][1], encoding="utf-8")
    (tmp_path / "note.meta.json").write_text('{"outlet": "Test Wire"}', encoding="utf-8")
    out = tmp_path / "note.html"
    env = {"GEOCLAIMS_DATA": str(Path(gazetteer.path).parent), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "geoclaims", "map", str(doc), "-o", str(out),
                           "--offline", "--title", "Border shelling"],
                          capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    payload = _payload_of(out.read_text(encoding="utf-8"))
    assert payload["title"] == "Border shelling"
    assert payload["features"]
    bad = subprocess.run([sys.executable, "-m", "geoclaims", "map", str(doc), "-o",
                          str(tmp_path / "nowhere" / "x.html")],
                         capture_output=True, text=True, env=env, check=False)
    assert bad.returncode == 1
    assert "does not exist" in bad.stderr


def test_interactive_shared_example_draws_its_footprints(example_article, gazetteer):  # type: ignore[no-untyped-def]
    report = analyze(str(example_article["text"]), doc_id="example",
                     outlet=str(example_article["outlet"]),
                     published=str(example_article["published"]), gazetteer=gazetteer)
    first = render_map(report, gazetteer=gazetteer).get_root().render()
    assert first == render_map(report, gazetteer=gazetteer).get_root().render()
    payload = _payload_of(first)
    strings = payload["strings"]
    drawn = {(strings[f[3]], tuple(sorted(p[1] for p in payload["claims"][f[0]].get("p", []))))
             for f in payload["features"]}
    relations = {relation for relation, _ in drawn}
    assert {"distance_from", "in_region", "near"} <= relations, relations
    in_region_ids = {g for relation, ids in drawn if relation == "in_region" for g in ids}
    assert {538555, 571473} <= in_region_ids  # Kursk and Bryansk oblasts
    near_ids = {g for relation, ids in drawn if relation == "near" for g in ids}
    assert 709717 in near_ids  # Donetsk, Ukraine


@pytest.mark.parametrize("suffix", [".json", ".geojson", ".parquet", ".gpkg"])
def test_interactive_reads_saved_extractions(reports, gazetteer, tmp_path, suffix):  # type: ignore[no-untyped-def]
    from geoclaims.report_io import write_reports
    from geoclaims.store.io import write_frame

    path = tmp_path / f"saved{suffix}"
    if suffix == ".json":
        write_reports(reports, path)
    else:
        write_frame(to_geodataframe(reports), path)
    from_file = build_payload(_frame_of(path, gazetteer))
    direct = build_payload(to_geodataframe(reports))
    assert len(from_file["features"]) == len(direct["features"])
    assert sorted(c["s"] for c in from_file["claims"]) == sorted(c["s"] for c in direct["claims"])
    html = render_map(path, gazetteer=gazetteer).get_root().render()
    assert len(_payload_of(html)["features"]) == len(direct["features"])


def _frame_of(path, gazetteer):  # type: ignore[no-untyped-def]
    from geoclaims.inputs import read_claims

    return read_claims([path], gazetteer=gazetteer)


def test_interactive_named_region_drawn_without_a_geonames_id(gazetteer):  # type: ignore[no-untyped-def]
    report = analyze("Ukraine's army said on Monday that shelling hit towns across "
                     "the Donbas.", doc_id="donbas", outlet="Test Wire",
                     published="2024-10-15", gazetteer=gazetteer)
    payload = _payload_of(render_map(report, gazetteer=gazetteer).get_root().render())
    strings = payload["strings"]
    places = [(strings[name], gid) for f in payload["features"]
              for name, gid in payload["claims"][f[0]].get("p", [])]
    assert ("Donbas", None) in places  # a region geoclaims composes: no GeoNames id shown
    assert all(gid is None or gid > 0 for _, gid in places)
