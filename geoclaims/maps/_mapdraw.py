"""Drawing a claims map on a matplotlib Axes: basemap, footprints, scale bar, north.

Every string from a document or the gazetteer goes through :func:`plain_text`, which
turns off mathtext and TeX, so ``$`` or ``\\`` in a statement is printed as typed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from geoclaims.maps import style
from geoclaims.maps._cartography import (
    LocalProjection,
    geographic_bounds,
    nice_distance_m,
    north_angle_deg,
    project,
    scale_bar_span,
)
from geoclaims.maps._regions import regions_in_window

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.path import Path as MplPath
    from matplotlib.text import Text
    from shapely.geometry.base import BaseGeometry

    from geoclaims.maps._labels import Occupied
    from geoclaims.places.gazetteer import Gazetteer

#: Bounds of the visible map in projected metres: (xmin, ymin, xmax, ymax).
Bounds = tuple[float, float, float, float]

#: Halo behind map labels (points), so they stay legible over footprints and borders.
HALO_PT = 2.6


@dataclass(frozen=True, slots=True)
class Mark:
    """One mapped claim geometry."""

    #: Claim number shown in the table.
    number: int
    grade: str
    precision_class: int
    #: EPSG:4326 geometry (footprint polygon or place point).
    geometry: BaseGeometry


@dataclass(frozen=True, slots=True)
class PlaceLabel:
    """A linked place to name on the map."""

    name: str
    kind: str
    lon: float
    lat: float
    #: How many claims link it (labels of busier places are placed first).
    weight: int


def plain_text(target: Any, x: float, y: float, text: str, **kwargs: Any) -> Text:
    """``target.text`` with mathtext and TeX off: the string is drawn literally."""
    drawn: Text = target.text(x, y, text, parse_math=False, usetex=False, **kwargs)
    return drawn


def halo_stroke() -> list[Any]:
    """A white outline path effect for text drawn under a label."""
    from matplotlib import patheffects

    return [patheffects.Stroke(linewidth=HALO_PT, foreground="white")]


def halo_text(target: Any, x: float, y: float, text: str, **kwargs: Any) -> Text:
    """:func:`plain_text` over a white outline of itself.

    The outline is a second, stroked copy underneath: a path effect on the text
    itself would make the SVG and PDF writers turn the words into outlines, and the
    text would no longer be searchable or selectable.
    """
    zorder = kwargs.pop("zorder", 3)
    plain_text(
        target,
        x,
        y,
        text,
        color="white",
        path_effects=halo_stroke(),
        zorder=zorder - 0.01,
        **kwargs,
    )
    return plain_text(target, x, y, text, zorder=zorder, **kwargs)


def shape_path(geometry: BaseGeometry) -> MplPath | None:
    """A matplotlib Path of the polygons in ``geometry`` (holes kept), or None."""
    import numpy as np
    import shapely
    from matplotlib.path import Path as MplPath

    parts = [
        g
        for g in shapely.get_parts(geometry)
        if g.geom_type == "Polygon" and not g.is_empty
    ]
    vertices: list[Any] = []
    codes: list[Any] = []
    for polygon in parts:
        # Exterior counter-clockwise, holes clockwise: filled correctly under both
        # the non-zero and the even-odd rule.
        oriented = shapely.orient_polygons(polygon)
        for ring in (oriented.exterior, *oriented.interiors):
            xy = np.asarray(ring.coords)[:, :2]
            if len(xy) < 4:
                continue
            ring_codes = np.full(len(xy), MplPath.LINETO, dtype=MplPath.code_type)
            ring_codes[0] = MplPath.MOVETO
            ring_codes[-1] = MplPath.CLOSEPOLY
            vertices.append(xy)
            codes.append(ring_codes)
    if not vertices:
        return None
    return MplPath(np.concatenate(vertices), np.concatenate(codes))


def _add_shape(ax: Axes, geometry: BaseGeometry, **kwargs: Any) -> None:
    from matplotlib.patches import PathPatch

    path = shape_path(geometry)
    if path is not None:
        # add_artist, not add_patch: the view is fixed, and updating the data
        # limits from every vertex of a border would cost more than drawing it.
        ax.add_artist(PathPatch(path, **kwargs))


# -- basemap ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Basemap:
    """What the basemap drew (for the credits line)."""

    #: ISO alpha-2 codes of the countries in view.
    countries: tuple[str, ...]
    #: Admin-1 regions drawn, and how many of them have approximate boundaries.
    admin1_drawn: int
    admin1_approximate: int


def draw_basemap(
    ax: Axes, gazetteer: Gazetteer, projection: LocalProjection, view: Bounds
) -> Basemap:
    """Sea, land, admin-1 boundaries, borders and country names in the view."""
    import shapely
    from shapely.ops import polylabel

    ax.set_facecolor(style.SEA_COLOUR)
    west, south, east, north = geographic_bounds(view, projection)
    pad = 1.0
    window = (west - pad, max(south - pad, -90.0), east + pad, min(north + pad, 90.0))
    frame = shapely.box(*view)

    clipped_countries, clipped_admin1 = regions_in_window(gazetteer, window)
    countries = [(place, project(clipped, projection)) for place, clipped in clipped_countries]
    for _, shape in countries:
        _add_shape(ax, shape, facecolor=style.LAND_COLOUR, edgecolor="none", zorder=1)

    codes = [place.country_code for place, _ in countries]
    drawn = approximate = 0
    for _, clipped, approx in clipped_admin1:
        drawn += 1
        approximate += approx
        _add_shape(
            ax,
            project(clipped, projection),
            facecolor="none",
            edgecolor=style.ADMIN1_EDGE_COLOUR,
            linewidth=0.45,
            zorder=2,
        )
    for _, shape in countries:
        _add_shape(
            ax,
            shape,
            facecolor="none",
            edgecolor=style.COUNTRY_EDGE_COLOUR,
            linewidth=0.9,
            zorder=3,
        )

    # Country names on the largest visible piece, where they are farthest from its
    # edges (polylabel), in letter-spaced capitals as atlases do.
    view_area = frame.area
    for place, shape in countries:
        visible = shapely.intersection(
            shape, frame.buffer(-0.04 * math.sqrt(view_area))
        )
        pieces = [p for p in shapely.get_parts(visible) if p.geom_type == "Polygon"]
        if not pieces:
            continue
        largest = max(pieces, key=lambda p: p.area)
        if largest.area < 0.04 * view_area:
            continue
        point = polylabel(largest, tolerance=math.sqrt(largest.area) / 50)
        plain_text(
            ax,
            point.x,
            point.y,
            " ".join(place.display_name.upper()),
            ha="center",
            va="center",
            fontsize=10,
            color="#9A9A9A",
            fontweight="bold",
            zorder=4,
            clip_on=True,
        )
    return Basemap(
        countries=tuple(sorted(set(codes))),
        admin1_drawn=drawn,
        admin1_approximate=approximate,
    )


# -- claims -------------------------------------------------------------------


def draw_marks(ax: Axes, marks: Sequence[Mark], projection: LocalProjection) -> None:
    """Footprints by grade (fill) and precision (outline); larger ones underneath."""
    from matplotlib.colors import to_rgba

    polygons = []
    points = []
    for mark in marks:
        shape = project(mark.geometry, projection)
        if shape.geom_type in {"Point", "MultiPoint"}:
            points.append((mark, shape))
        elif not shape.is_empty:
            polygons.append((mark, shape))
    polygons.sort(key=lambda item: -item[1].area)
    for rank, (mark, shape) in enumerate(polygons):
        colour = style.CONFIDENCE_COLOURS.get(mark.grade, style.UNKNOWN_COLOUR)
        look = style.PRECISION_STYLES.get(
            mark.precision_class, style.PRECISION_STYLES[2]
        )
        z = 10 + rank * 0.01
        fill_alpha = 0.10 if look.hatch else 0.22
        _add_shape(
            ax, shape, facecolor=to_rgba(colour, fill_alpha), edgecolor="none", zorder=z
        )
        linestyle: Any = "solid" if look.dash is None else (0, look.dash)
        _add_shape(
            ax,
            shape,
            facecolor="none",
            edgecolor=to_rgba(colour, 0.95),
            linewidth=look.width_pt,
            linestyle=linestyle,
            hatch=look.hatch,
            zorder=z + 0.005,
        )
    for mark, shape in points:
        colour = style.CONFIDENCE_COLOURS.get(mark.grade, style.UNKNOWN_COLOUR)
        square = mark.precision_class >= 3
        for point in getattr(shape, "geoms", [shape]):
            ax.plot(
                point.x,
                point.y,
                marker="s" if square else "o",
                markersize=7,
                markerfacecolor=colour,
                markeredgecolor="#222222",
                markeredgewidth=0.7,
                linestyle="none",
                zorder=30,
            )


def mark_anchors(
    marks: Sequence[Mark], projection: LocalProjection
) -> dict[int, tuple[float, float, float]]:
    """Where each claim's number goes: inside its smallest geometry (projected).

    Returns claim number -> ``(x, y, size)``, ``size`` being the smaller side of the
    geometry's box (0 for a point), in projected units.
    """
    from shapely.geometry import Polygon
    from shapely.ops import polylabel

    best: dict[int, tuple[float, tuple[float, float, float]]] = {}
    for mark in marks:
        shape = project(mark.geometry, projection)
        if shape.is_empty:
            continue
        area = shape.area
        if isinstance(shape, Polygon):
            point = polylabel(shape, tolerance=max(math.sqrt(area) / 40, 1.0))
        else:
            point = shape.representative_point()
        xmin, ymin, xmax, ymax = shape.bounds
        if mark.number not in best or area < best[mark.number][0]:
            best[mark.number] = (
                area,
                (point.x, point.y, min(xmax - xmin, ymax - ymin)),
            )
    return {number: anchor for number, (_, anchor) in sorted(best.items())}


# -- furniture ----------------------------------------------------------------


def draw_scale_bar(ax: Axes, projection: LocalProjection, occupied: Occupied) -> float:
    """A km scale bar in the lower left, true geodesic length; returns its metres."""
    from matplotlib.patches import Rectangle

    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    width, height = x1 - x0, y1 - y0
    left, base = x0 + 0.035 * width, y0 + 0.05 * height
    # About a quarter of the map's width, measured on the ellipsoid where the bar
    # sits, rounded down to 1, 2 or 5 x 10^n.
    metres_per_unit = 1000.0 / scale_bar_span(projection, left, base, 1000.0)
    length_m = nice_distance_m(0.25 * width * metres_per_unit)
    span = scale_bar_span(projection, left, base, length_m)
    thick = 0.012 * height
    leading = round(length_m / 10 ** math.floor(math.log10(length_m)))
    segments = 5 if leading == 5 else 4
    for k in range(segments):
        ax.add_patch(
            Rectangle(
                (left + span * k / segments, base),
                span / segments,
                thick,
                facecolor="#222222" if k % 2 == 0 else "white",
                edgecolor="#222222",
                linewidth=0.6,
                zorder=50,
            )
        )
    km = length_m / 1000
    unit_label = f"{km:g} km" if km >= 1 else f"{length_m:g} m"
    half = f"{km / 2:g}" if km >= 1 else f"{length_m / 2:g}"
    texts = [
        halo_text(
            ax, x, base + 1.6 * thick, label,
            ha="center", va="bottom", fontsize=7, zorder=51,
        )
        for x, label in (
            (left, "0"), (left + span / 2, half), (left + span, unit_label)
        )
    ]
    from matplotlib.transforms import Bbox

    boxes = [t.get_window_extent(occupied.renderer) for t in texts]
    bar = ax.transData.transform([(left, base), (left + span, base + thick)])
    occupied.add(Bbox.union([*boxes, Bbox(bar)]).padded(4))
    return length_m


def draw_north_arrow(
    ax: Axes, projection: LocalProjection, occupied: Occupied
) -> float:
    """A north arrow in the upper right, turned to true north; returns the angle."""
    import numpy as np
    from matplotlib.patches import Polygon
    from matplotlib.transforms import Bbox

    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    height = y1 - y0
    cx, cy = x1 - 0.05 * (x1 - x0), y1 - 0.11 * height
    angle = north_angle_deg(projection, cx, cy)
    size = 0.055 * height
    theta = math.radians(-angle)
    rot = np.array(
        [[math.cos(theta), -math.sin(theta)], [math.sin(theta), math.cos(theta)]]
    )

    def shape(points: list[tuple[float, float]]) -> Any:
        return (np.asarray(points) * size) @ rot.T + (cx, cy)

    left = shape([(0, 0.5), (-0.28, -0.5), (0, -0.25)])
    right = shape([(0, 0.5), (0.28, -0.5), (0, -0.25)])
    ax.add_patch(
        Polygon(
            left,
            closed=True,
            facecolor="#222222",
            edgecolor="#222222",
            linewidth=0.6,
            zorder=50,
        )
    )
    ax.add_patch(
        Polygon(
            right,
            closed=True,
            facecolor="white",
            edgecolor="#222222",
            linewidth=0.6,
            zorder=50,
        )
    )
    tip = shape([(0, 0.62)])[0]
    label = halo_text(
        ax,
        tip[0],
        tip[1],
        "N",
        ha="center",
        va="bottom",
        fontsize=9,
        fontweight="bold",
        zorder=51,
        rotation=-angle,
    )
    corners = ax.transData.transform(np.vstack([left, right]))
    box = Bbox.union(
        [
            Bbox([corners.min(axis=0), corners.max(axis=0)]),
            label.get_window_extent(occupied.renderer),
        ]
    )
    occupied.add(box.padded(4))
    return angle


def fit_view(
    shapes: Sequence[BaseGeometry], aspect: float, *, margin: float, min_size_m: float
) -> Bounds:
    """View bounds around projected ``shapes`` with a margin, at ``aspect`` (w/h)."""
    import shapely

    xmin, ymin, xmax, ymax = shapely.total_bounds(list(shapes))
    width, height = xmax - xmin, ymax - ymin
    pad = margin * max(width, height, min_size_m / 2)
    xmin, xmax, ymin, ymax = xmin - pad, xmax + pad, ymin - pad, ymax + pad
    width, height = max(xmax - xmin, min_size_m), max(ymax - ymin, min_size_m)
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    if width / height < aspect:
        width = height * aspect
    else:
        height = width / aspect
    return cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2
