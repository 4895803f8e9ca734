"""How geoclaims starts Debian's headless Chromium to check and measure its maps.

Used by the browser tests, ``benchmarks/map_bench.py`` and ``maps/screenshot.py``;
the library itself never starts a browser.
"""

from __future__ import annotations

#: Debian's ``chromium`` package installs the browser here.
CHROMIUM_PATH = "/usr/bin/chromium"
#: Flags for a closed sandbox: no GPU, no background traffic (the network refuses it),
#: no first-run pages; ``--no-sandbox`` because CI runs as root.
CHROMIUM_ARGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)
