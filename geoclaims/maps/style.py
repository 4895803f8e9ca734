"""Map style shared by static briefs and interactive maps: grade colours, outlines.

Plain data only (no matplotlib or folium import), so every renderer can use it.

Grade colours are Paul Tol's "bright" qualitative scheme (Tol 2021, "Colour
Schemes", SRON/EPS/TN/09-002), which stays distinguishable under the common
colour-vision deficiencies and in greyscale print better than the Okabe-Ito orange
and vermillion pair, which look alike as light fills; the grades that call for
caution (unverified, disputed, denied) get the warm or dark hues.
"""

from __future__ import annotations

from dataclasses import dataclass

from geoclaims.claims.model import Confidence

#: Fill and outline colour of a footprint, by confidence grade (hex, ``#RRGGBB``).
CONFIDENCE_COLOURS: dict[str, str] = {
    Confidence.CONFIRMED.value: "#228833",  # green
    Confidence.REPORTED.value: "#4477AA",  # blue
    Confidence.UNVERIFIED.value: "#CCBB44",  # yellow
    Confidence.DISPUTED.value: "#AA3377",  # purple
    Confidence.DENIED.value: "#EE6677",  # red
}

#: Legend label of each grade, in the order of :class:`Confidence` (best first).
CONFIDENCE_LABELS: dict[str, str] = {
    grade: grade.capitalize() for grade in CONFIDENCE_COLOURS
}

#: Colour for a row whose grade is missing or unknown.
UNKNOWN_COLOUR = "#BBBBBB"


def contrast_text_colour(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (``#RRGGBB``).

    Uses the WCAG relative luminance of sRGB colours.

    Examples
    --------
    >>> contrast_text_colour(CONFIDENCE_COLOURS["unverified"])
    '#111111'
    >>> contrast_text_colour(CONFIDENCE_COLOURS["reported"])
    '#FFFFFF'
    """
    value = background.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"expected a colour like '#RRGGBB', got {background!r}")
    channels = []
    for k in (0, 2, 4):
        c = int(value[k : k + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    # The luminance at which black and white text have equal contrast (WCAG 2.x).
    return "#111111" if luminance > 0.179 else "#FFFFFF"


@dataclass(frozen=True, slots=True, kw_only=True)
class PrecisionStyle:
    """How the outline of a footprint shows its precision class.

    Examples
    --------
    >>> PRECISION_STYLES[2].dash_array
    '6 4'
    >>> PRECISION_STYLES[1].dash_array is None
    True
    """

    #: Legend label.
    label: str
    #: Dash pattern (on, off, ...) in points; None for a solid line.
    dash: tuple[float, ...] | None
    #: Hatch pattern (matplotlib notation) filling the footprint, or None.
    hatch: str | None
    #: Outline width in points.
    width_pt: float

    @property
    def dash_array(self) -> str | None:
        """The dash pattern as an SVG / Leaflet ``dashArray`` string, or None."""
        if self.dash is None:
            return None
        return " ".join(f"{v:g}" for v in self.dash)


#: Outline style by precision class (``precision_class`` of the claims frame):
#: 1 the place itself (solid), 2 a footprint derived from an expression such as
#: "12 km from the border" (dashed), 3 only a region is known (dotted and hatched).
PRECISION_STYLES: dict[int, PrecisionStyle] = {
    1: PrecisionStyle(label="Precise (place)", dash=None, hatch=None, width_pt=1.4),
    2: PrecisionStyle(
        label="Approximate (derived area)", dash=(6, 4), hatch=None, width_pt=1.2
    ),
    3: PrecisionStyle(label="Region only", dash=(1.5, 3), hatch="///", width_pt=1.0),
}

#: Credits every map of claims carries (data licences of the basemap and places).
ATTRIBUTION = "Basemap: Natural Earth; places: GeoNames (CC BY 4.0)"

#: Basemap colours: sea, land, country borders, admin-1 boundaries, place labels.
SEA_COLOUR = "#E3ECF2"
LAND_COLOUR = "#F7F6F2"
COUNTRY_EDGE_COLOUR = "#6E6E6E"
ADMIN1_EDGE_COLOUR = "#B9B9B9"
LABEL_COLOUR = "#222222"
