"""Claims maps in a real headless Chromium: no script runs, layers toggle, popups open."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geoclaims.maps.interactive import render_map, save_map
from geoclaims.pipeline import analyze

pytestmark = pytest.mark.browser

HOSTILE_DOC = (
    "Officials said that <script>alert(1)</script> drones struck Sudzha overnight. "
    "The governor of Kursk region said <img src=x onerror=alert(2)> shelling hit Kursk "
    "on Monday. Russian officials denied that ${alert(3)} any depot near Kursk was hit. "
    "Ukraine's General Staff said on Tuesday that </script><script>alert(4)</script> "
    "troops advanced 5 km from the border near Belgorod."
)


#: A 1x1 transparent PNG, served for every tile an online map asks for.
TILE_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


class Page:
    """One map opened in Chromium, with every console message and dialog recorded.

    Every request that leaves the file is recorded in ``requests``; an online map's
    tile requests (``tiles`` host) are answered with a blank tile and recorded in
    ``tiles`` instead, the rest are refused.
    """

    def __init__(self, browser, path: Path, *, offline: bool,  # type: ignore[no-untyped-def]
                 tile_host: str | None = None) -> None:
        self.messages: list[tuple[str, str]] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.tiles: list[str] = []
        self.page = browser.new_page(viewport={"width": 1200, "height": 800})
        self.page.on("console", lambda m: self.messages.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.messages.append(("pageerror", str(e))))
        self.page.on("dialog", self._dialog)

        def route(r):  # type: ignore[no-untyped-def]
            url = r.request.url
            if url.startswith(("file:", "data:")):
                return r.continue_()
            if tile_host is not None and url.startswith(f"https://{tile_host}/"):
                self.tiles.append(url)
                return r.fulfill(status=200, content_type="image/png", body=TILE_PNG)
            self.requests.append(url)
            return r.abort()

        if offline or tile_host is not None:
            self.page.route("**/*", route)
        self.page.goto(path.as_uri())
        self.page.wait_for_function(
            "document.querySelector('.folium-map').hasAttribute('data-gc-visible')"
        )

    def _dialog(self, dialog) -> None:  # type: ignore[no-untyped-def]
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def visible(self) -> int:
        return int(self.page.get_attribute(".folium-map", "data-gc-visible"))

    def errors(self) -> list[tuple[str, str]]:
        return [m for m in self.messages if m[0] in ("error", "pageerror")]


@pytest.fixture(scope="module")
def hostile_map(gazetteer, tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    report = analyze(HOSTILE_DOC, doc_id="<b>hostile</b>", outlet="\"'><svg onload=alert(5)>",
                     published="2024-10-15", url="javascript:alert(6)", gazetteer=gazetteer)
    path = tmp_path_factory.mktemp("maps") / "hostile.html"
    save_map(render_map(report, title="<img src=y onerror=alert(7)>", offline=True,
                        gazetteer=gazetteer), path)
    return path


def test_browser_hostile_text_runs_no_script(browser, hostile_map, tmp_path):  # type: ignore[no-untyped-def]
    view = Page(browser, hostile_map, offline=True)
    try:
        assert view.visible() > 0
        view.page.locator(".gc-feature").first.click(force=True)
        popup = view.page.locator(".gc-popup")
        popup.wait_for()
        text = view.page.locator(".leaflet-popup-content").inner_text()
        assert "<script>alert(1)</script>" in text or "<img src=x onerror=alert(2)>" in text \
            or "${alert(3)}" in text or "</script><script>alert(4)</script>" in text
        header = view.page.locator(".gc-title").inner_text()
        assert header == "<img src=y onerror=alert(7)>"
        outlet_labels = view.page.locator('[data-group="outlet"] .gc-label').all_inner_texts()
        assert outlet_labels == ["\"'><svg onload=alert(5)>"]
        view.page.wait_for_timeout(300)
        assert view.dialogs == []
        assert view.errors() == []
        assert view.requests == []
        assert view.page.locator("img[src='x'], img[src='y'], svg[onload]").count() == 0
        shot = tmp_path / "hostile.png"
        view.page.screenshot(path=str(shot))
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    finally:
        view.page.close()


def test_browser_location_precision_legend_and_popup(browser, hostile_map):  # type: ignore[no-untyped-def]
    from geoclaims.geometry.precision import LOCATION_PRECISION

    view = Page(browser, hostile_map, offline=True)
    try:
        legend = view.page.locator(".gc-location-precision")
        assert legend.locator(".gc-row").count() == 7
        assert legend.locator(".gc-code").all_inner_texts() == [
            str(k) for k in LOCATION_PRECISION]
        assert legend.locator(".gc-label").all_inner_texts() == list(
            LOCATION_PRECISION.values())
        view.page.locator(".gc-feature").first.click(force=True)
        view.page.locator(".gc-popup").wait_for()
        facts = view.page.locator(".gc-popup dt").all_inner_texts()
        values = view.page.locator(".gc-popup dd").all_inner_texts()
        shown = dict(zip(facts, values, strict=True))["Location precision"]
        code = int(shown.split(" ")[0])
        assert shown == f"{code} \u2013 {LOCATION_PRECISION[code]}"
        assert view.errors() == []
    finally:
        view.page.close()


def test_browser_online_map_shows_template_syntax_as_text(browser, gazetteer, tmp_path):  # type: ignore[no-untyped-def]
    """An online map: scripts inlined, tiles from the one tile host, text verbatim."""
    report = analyze("Officials said that {{ 6*7 }} drones struck Sudzha overnight. "
                     "The governor said {% raw %} shelling hit Kursk on Monday.",
                     doc_id="{{ 7*7 }}", outlet="Wire {{ 6*7 }}", published="2024-10-15",
                     gazetteer=gazetteer)
    path = tmp_path / "online.html"
    save_map(render_map(report, title="Map {{ 6*7 }}", gazetteer=gazetteer,
                        tiles="https://tiles.example.org/{z}/{x}/{y}.png",
                        attribution="<img src=z onerror=alert(8)> Tiles {{ 6*7 }}"), path)
    view = Page(browser, path, offline=False, tile_host="tiles.example.org")
    try:
        assert view.page.locator(".gc-title").inner_text() == "Map {{ 6*7 }}"
        outlets = view.page.locator('[data-group="outlet"] .gc-label').all_inner_texts()
        assert outlets == ["Wire {{ 6*7 }}"]
        credit = view.page.locator(".leaflet-control-attribution").inner_text()
        assert "<img src=z onerror=alert(8)> Tiles {{ 6*7 }}" in credit
        view.page.locator(".gc-feature").first.click(force=True)
        view.page.locator(".gc-popup").wait_for()
        popup = view.page.locator(".leaflet-popup-content").inner_text()
        assert "{{ 6*7 }}" in popup or "{% raw %}" in popup
        view.page.wait_for_timeout(300)
        assert view.tiles, "the tile layer asks its server for tiles"
        assert view.requests == []  # no CDN: every script and style is inlined
        assert view.dialogs == []
        assert view.errors() == []
        assert view.page.locator("img[src='z']").count() == 0
    finally:
        view.page.close()


def test_browser_every_toggle_hides_and_restores(browser, hostile_map):  # type: ignore[no-untyped-def]
    view = Page(browser, hostile_map, offline=True)
    try:
        total = view.visible()
        boxes = view.page.locator(".gc-group[data-group] input[type=checkbox]")
        assert boxes.count() >= 4
        changed = 0
        for i in range(boxes.count()):
            box = boxes.nth(i)
            box.uncheck()
            hidden = view.visible()
            assert hidden <= total
            changed += hidden < total
            box.check()
            assert view.visible() == total
        assert changed >= 3, "grade and source toggles must hide features"
        # grades: switching every grade off leaves nothing on the map
        grades = view.page.locator('[data-group="grade"] input[type=checkbox]')
        for i in range(grades.count()):
            grades.nth(i).uncheck()
        assert view.visible() == 0
        assert view.page.locator(".gc-feature").count() == 0
        assert view.errors() == []
    finally:
        view.page.close()


def test_browser_time_range_filters(browser, hostile_map):  # type: ignore[no-untyped-def]
    view = Page(browser, hostile_map, offline=True)
    try:
        total = view.visible()
        to = view.page.locator("input.gc-to")
        if to.count() == 0:
            pytest.fail("the map has dated claims on several days; it needs a time control")
        to.fill("0")
        first_day = view.visible()
        label = view.page.locator(".gc-range-label").inner_text()
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}", label)
        assert first_day < total
        view.page.locator('[data-group="time"] input[type=checkbox]').uncheck()
        assert view.visible() <= first_day
    finally:
        view.page.close()


def test_browser_shared_example_layers(browser, example_article, gazetteer, tmp_path):  # type: ignore[no-untyped-def]
    report = analyze(str(example_article["text"]), doc_id="example",
                     outlet=str(example_article["outlet"]),
                     published=str(example_article["published"]), gazetteer=gazetteer)
    path = tmp_path / "example.html"
    save_map(render_map(report, offline=True, gazetteer=gazetteer), path)
    view = Page(browser, path, offline=True)
    try:
        labels = " | ".join(view.page.locator(".gc-group[data-group] .gc-label")
                            .all_inner_texts())
        for source in ("Kyiv Post", "Kyiv Independent", "Suspilne", "Radio Free Asia",
                       "White House", "State Department", "Zelensky", "Defense Ministry",
                       "Kremlin"):
            assert source in labels, source
        grades = view.page.locator('[data-group="grade"] .gc-label').all_inner_texts()
        assert set(grades) == {c.confidence.value for c in report.claims}
        assert view.page.locator("path.gc-feature").count() >= 4  # band, oblasts, buffers
        assert view.errors() == []
        view.page.screenshot(path=str(tmp_path / "example.png"))
    finally:
        view.page.close()


def _point_claims(n: int):  # type: ignore[no-untyped-def]
    import geopandas as gpd
    from shapely.geometry import Point

    from geoclaims.store.frames import CLAIM_COLUMNS, CONFIDENCE_ORDER

    rows = []
    for i in range(n):
        row = dict.fromkeys(CLAIM_COLUMNS)
        row.update(claim_id=f"c{i}", doc_id=f"d{i % 9}", statement=f"Claim number {i}.",
                   outlet=f"Outlet {i % 4}", reporting_source=f"Speaker {i % 5}",
                   source_chain=[f"Outlet {i % 4}", f"Speaker {i % 5}"],
                   cited_sources=[f"Speaker {i % 5}"], cues=["said"], quantities=[],
                   confidence=CONFIDENCE_ORDER[i % 5], place_names=["Somewhere"],
                   geonameids=[1], precision_class=1, footprint_relation="place",
                   geometry=Point(30 + (i % 40) * 0.05, 48 + (i // 40) * 0.05))
        rows.append(row)
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


@pytest.mark.parametrize(("n", "detail_limit"), [(600, 20_000), (3_000, 1_000)],
                         ids=["clustered", "aggregated"])
def test_browser_many_points_cluster_and_aggregate(browser, gazetteer, tmp_path, n,
                                                   detail_limit):  # type: ignore[no-untyped-def]
    path = tmp_path / "many.html"
    save_map(render_map(_point_claims(n), offline=True, gazetteer=gazetteer,
                        detail_limit=detail_limit), path)
    view = Page(browser, path, offline=True)
    try:
        total = view.visible()
        assert 0 < total <= n
        view.page.locator('[data-group="grade"] input').first.uncheck()
        assert view.visible() < total
        assert view.errors() == []
        assert view.requests == []
    finally:
        view.page.close()


def _popup_facts(view: Page) -> dict[str, str]:
    view.page.locator(".gc-feature").first.click(force=True)
    view.page.locator(".gc-popup").wait_for()
    facts = view.page.locator(".gc-popup dt").all_inner_texts()
    values = view.page.locator(".gc-popup dd").all_inner_texts()
    return dict(zip(facts, values, strict=True))


def test_browser_popup_shows_the_written_place_form(browser, gazetteer, tmp_path):  # type: ignore[no-untyped-def]
    from geoclaims.store.frames import to_geodataframe

    report = analyze("Губернатор заявил, что беспилотники атаковали Суджу.", doc_id="ru",
                     gazetteer=gazetteer)
    path = tmp_path / "ru.html"
    save_map(render_map(report, offline=True, gazetteer=gazetteer), path)
    view = Page(browser, path, offline=True)
    try:
        places = _popup_facts(view)["Places"]
        assert places.startswith("Sudzha \u00abСуджу\u00bb (GeoNames ")
        assert view.errors() == []
    finally:
        view.page.close()
    # A written form is data even when it looks like markup.
    gdf = to_geodataframe(report)
    gdf["place_mentions"] = [["<img src=z onerror=alert(8)>"]] * len(gdf)
    path = tmp_path / "hostile-form.html"
    save_map(render_map(gdf, offline=True, gazetteer=gazetteer), path)
    view = Page(browser, path, offline=True)
    try:
        assert "\u00ab<img src=z onerror=alert(8)>\u00bb" in _popup_facts(view)["Places"]
        view.page.wait_for_timeout(200)
        assert view.dialogs == [] and view.errors() == []
        assert view.page.locator("img[src='z']").count() == 0
    finally:
        view.page.close()
