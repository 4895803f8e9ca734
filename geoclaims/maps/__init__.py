"""Maps of claims: shared style, interactive maps (folium) and static briefs (matplotlib).

``render_map`` / ``save_map`` live in :mod:`geoclaims.maps.interactive`;
``render_brief`` in :mod:`geoclaims.maps.static` (imported on use: it loads matplotlib).
"""

from __future__ import annotations

from geoclaims.maps.interactive import render_map, save_map

__all__ = ["render_map", "save_map"]
