"""Maps: interactive Leaflet maps (folium) and static briefing visuals."""

from __future__ import annotations

from geoclaims.maps.interactive import render_map, save_map

__all__ = ["render_map", "save_map"]
