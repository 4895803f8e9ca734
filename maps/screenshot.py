"""Screenshot a geoclaims HTML map in headless Chromium (for the gallery in maps/README.md).

Usage, from the repository root::

    python maps/screenshot.py maps/examples/map-demo.html maps/examples/map-demo.png

Needs Debian's ``chromium`` and the ``playwright`` package (the test extra). The page
is loaded with every request outside the file refused, so the picture also proves the
map is self-contained.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from geoclaims.maps._browser import CHROMIUM_ARGS, CHROMIUM_PATH


def main(html: str, png: str) -> int:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM_PATH, args=list(CHROMIUM_ARGS))
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                   else r.abort())
        page.goto(Path(html).resolve().as_uri())
        page.wait_for_function(
            "document.querySelector('.folium-map').hasAttribute('data-gc-visible')")
        page.wait_for_timeout(500)
        page.screenshot(path=png)
        browser.close()
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
