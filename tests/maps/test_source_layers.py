"""Source layers of the interactive map: canonical names grouped by kind and organisation."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from geoclaims.maps._layers import KIND_GROUPS, SOURCE_GROUPS
from geoclaims.maps.interactive import build_payload, render_map, save_map
from geoclaims.pipeline import analyze
from geoclaims.store.frames import to_geodataframe

DOCS = [
    ("a", "The Kyiv Post reported, citing GUR, that drones hit a depot near Sudzha on "
          "Monday. Kremlin spokesperson Dmitry Peskov said the drones were shot down."),
    ("b", "Kyiv Post said, citing Ukraine's military intelligence, that a bridge near "
          "Kursk was damaged. Unnamed officials said the bridge was closed on Tuesday."),
]
HOSTILE_NAME = "<img src=x onerror=alert(9)> Agency"


@pytest.fixture(scope="module")
def frame(gazetteer) -> gpd.GeoDataFrame:  # type: ignore[no-untyped-def]
    reports = [analyze(text, doc_id=doc, outlet="Test Wire", published="2024-10-15",
                       gazetteer=gazetteer) for doc, text in DOCS]
    return to_geodataframe(reports)


def _groups(payload: dict) -> dict[str, list[str]]:  # type: ignore[type-arg]
    return {g["key"]: g["names"] for g in payload["groups"]}


def test_source_layers_group_canonical_names_by_kind(frame) -> None:  # type: ignore[no-untyped-def]
    payload = build_payload(frame)
    groups = _groups(payload)
    assert list(groups) == [key for key, _ in SOURCE_GROUPS]
    assert groups[KIND_GROUPS["media outlet"][0]] == ["Kyiv Post"]  # one layer, two spellings
    assert groups[KIND_GROUPS["intelligence service"][0]] == [
        "Defence Intelligence of Ukraine (HUR)"]
    assert groups[KIND_GROUPS["person"][0]] == ["Dmitry Peskov"]
    assert groups[KIND_GROUPS["anonymous"][0]] == ["unnamed official"]
    assert groups["organisation"] == ["Kremlin"]
    labels = dict(SOURCE_GROUPS)
    assert labels[KIND_GROUPS["person"][0]] == "People"
    # counts: the Kyiv Post layer holds the claims of both documents
    media = [g["key"] for g in payload["groups"]].index(KIND_GROUPS["media outlet"][0])
    assert payload["counts"][KIND_GROUPS["media outlet"][0]] == [
        sum(1 for c in payload["claims"] if c["k"][media])]
    assert payload["counts"][KIND_GROUPS["media outlet"][0]][0] >= 2


def test_source_layers_of_counted_circles(frame) -> None:  # type: ignore[no-untyped-def]
    many = gpd.GeoDataFrame(pd.concat([frame] * 3, ignore_index=True), crs="EPSG:4326")
    circles = build_payload(many, detail_limit=2)
    assert "aggregated" in circles["summary"]
    assert _groups(circles)[KIND_GROUPS["media outlet"][0]] == ["Kyiv Post"]


def test_source_layers_hostile_names_are_text(frame, gazetteer) -> None:  # type: ignore[no-untyped-def]
    hostile = frame.assign(
        canonical_sources=[[HOSTILE_NAME] * len(c) for c in frame["cited_sources"]],
        source_organisations=[["</script><script>alert(10)</script>"]] * len(frame))
    html = render_map(hostile, gazetteer=gazetteer).get_root().render()
    assert "<img src=x" not in html and "<script>alert(10)" not in html
    start = html.index('type="application/json"')
    payload = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])
    names = [n for g in payload["groups"] for n in g["names"]]
    assert HOSTILE_NAME in names and "</script><script>alert(10)</script>" in names


@pytest.mark.browser
def test_source_layers_in_the_browser(frame, gazetteer, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    hostile = frame.assign(
        canonical_sources=[[HOSTILE_NAME] * len(c) for c in frame["cited_sources"]])
    path = tmp_path / "layers.html"
    save_map(render_map(hostile, offline=True, gazetteer=gazetteer), path)
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:"))
               else r.abort())
    try:
        page.goto(path.as_uri())
        page.wait_for_function(
            "document.querySelector('.folium-map').hasAttribute('data-gc-visible')")
        media = KIND_GROUPS["media outlet"][0]
        labels = page.locator(f'[data-group="{media}"] .gc-label').all_inner_texts()
        assert labels == [HOSTILE_NAME]
        legend = page.locator(f'[data-group="{media}"] legend').inner_text()
        assert legend == "Media outlets"
        total = int(page.get_attribute(".folium-map", "data-gc-visible") or 0)
        page.locator(f'[data-group="{media}"] input[type=checkbox]').first.uncheck()
        assert int(page.get_attribute(".folium-map", "data-gc-visible") or 0) < total
        assert page.locator("img[src='x']").count() == 0
        assert dialogs == []
    finally:
        page.close()
