"""Shared map style: one colour per confidence grade, outline by precision class."""

from __future__ import annotations

#: Colour of each confidence grade, best established first. A diverging,
#: colour-blind-safe scale (blue = established ... red = denied), after the
#: ColorBrewer RdYlBu scheme, with a dark grey-violet for "disputed" so that no two
#: grades differ by hue alone.
CONFIDENCE_COLOURS: dict[str, str] = {
    "confirmed": "#2166ac",
    "reported": "#67a9cf",
    "unverified": "#e0a526",
    "disputed": "#8c6bb1",
    "denied": "#b2182b",
}

#: Leaflet/SVG dash pattern of a footprint outline by precision class: 1 (a place
#: point or a tight footprint) solid, 2 dashed, 3 (region-sized, "somewhere in
#: here") dotted. ISW separates assessed (solid) from claimed (hatched) the same way.
PRECISION_DASHES: dict[int, str | None] = {1: None, 2: "8 5", 3: "2 5"}

#: Words for the precision classes, as shown in legends.
PRECISION_LABELS: dict[int, str] = {
    1: "precise (place or < 5 km)",
    2: "approximate (tens of km)",
    3: "area (region or wider)",
}

#: Attribution of the data every map shows.
DATA_ATTRIBUTION = "Places: GeoNames (CC BY 4.0) · Boundaries: Natural Earth (public domain)"
