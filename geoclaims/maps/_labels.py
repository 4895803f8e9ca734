"""Placing map labels and claim numbers so that they do not collide."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from geoclaims.maps import style
from geoclaims.maps._mapdraw import PlaceLabel, halo_stroke

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.text import Annotation, Text
    from matplotlib.transforms import Bbox

    from geoclaims.maps._cartography import LocalProjection


#: Rows the box store starts with; it doubles when full.
_INITIAL_BOXES = 64


class Occupied:
    """Display-space boxes already taken by labels, tags and map furniture.

    The boxes are kept in one numpy array, so that a candidate spot is tested
    against all of them in one vectorised step (the same comparisons as
    ``Bbox.overlaps`` and ``Path.intersects_bbox``, without a Python call per box):
    placing n labels does no n² Python-level work.
    """

    def __init__(self, ax: Axes, renderer: RendererBase) -> None:
        self.ax = ax
        self.renderer = renderer
        self.frame = ax.get_window_extent(renderer)
        self._extents = np.empty((_INITIAL_BOXES, 4))  # x0, y0, x1, y1 (sorted)
        self._count = 0

    @property
    def boxes(self) -> list[Bbox]:
        """The taken boxes, in the order they were added."""
        from matplotlib.transforms import Bbox

        return [Bbox.from_extents(*row) for row in self._extents[: self._count]]

    def inside(self, box: Bbox) -> bool:
        return bool(
            box.x0 >= self.frame.x0
            and box.x1 <= self.frame.x1
            and box.y0 >= self.frame.y0
            and box.y1 <= self.frame.y1
        )

    def clashes(self, box: Bbox) -> int:
        """How many taken boxes ``box`` overlaps."""
        return int(self._clashes(np.array([box.extents]))[0])

    def _clashes(self, candidates: np.ndarray) -> np.ndarray:
        """Taken boxes each row ``(x0, y0, x1, y1)`` of ``candidates`` overlaps.

        The comparisons of ``Bbox.overlaps``: edges that touch count.
        """
        taken = self._extents[: self._count]
        lo = np.minimum(candidates[:, :2], candidates[:, 2:])
        hi = np.maximum(candidates[:, :2], candidates[:, 2:])
        hits = (
            (lo[:, None, 0] <= taken[None, :, 2])
            & (taken[None, :, 0] <= hi[:, None, 0])
            & (lo[:, None, 1] <= taken[None, :, 3])
            & (taken[None, :, 1] <= hi[:, None, 1])
        )
        return hits.sum(axis=1)

    def fits(self, box: Bbox) -> bool:
        return self.inside(box) and self.clashes(box) == 0

    def add(self, box: Bbox) -> None:
        if self._count == len(self._extents):
            grown = np.empty((2 * len(self._extents), 4))
            grown[: self._count] = self._extents
            self._extents = grown
        x0, y0, x1, y1 = box.extents
        self._extents[self._count] = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
        self._count += 1

    def add_points(self, xy: Iterable[tuple[float, float]], radius_pt: float) -> None:
        """Reserve a square of ``radius_pt`` around each data point (markers, dots)."""
        from matplotlib.transforms import Bbox

        r = radius_pt * self.ax.figure.dpi / 72
        for x, y in xy:
            px, py = self.ax.transData.transform((x, y))
            self.add(Bbox.from_extents(px - r, py - r, px + r, py + r))

    def extent(self, text: Text, pad_pt: float) -> Bbox:
        """Display box of ``text`` with its bbox patch (a disc around a number)."""
        from matplotlib.text import Text as PlainText
        from matplotlib.transforms import Bbox

        # The text alone: an Annotation's own extent also spans its leader line,
        # and its text position is only current after update_positions.
        if hasattr(text, "update_positions"):
            text.update_positions(self.renderer)
        box = PlainText.get_window_extent(text, self.renderer)
        if text.get_bbox_patch() is not None:
            # The patch is only laid out at draw time; a circle around the text
            # spans its diagonal, so square the box up to that.
            side = math.hypot(box.width, box.height)
            cx, cy = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
            box = Bbox.from_bounds(cx - side / 2, cy - side / 2, side, side)
        return box.padded(pad_pt * self.ax.figure.dpi / 72)

    def crossings(self, start: tuple[float, float], end: tuple[float, float]) -> int:
        """How many taken boxes the segment crosses, besides those holding ``start``."""
        return int(self._crossings(start, np.array([end]))[0])

    def _crossings(self, start: Sequence[float], ends: np.ndarray) -> np.ndarray:
        """Taken boxes each segment from ``start`` to a row of ``ends`` crosses,
        besides those holding ``start``.

        The test of matplotlib's ``path_intersects_rectangle`` for a two-point path
        (the same floating-point expressions), on every box at once.
        """
        taken = self._extents[: self._count]
        x1, y1 = start
        holds = (
            (taken[:, 0] <= x1) & (x1 <= taken[:, 2])
            & (taken[:, 1] <= y1) & (y1 <= taken[:, 3])
        )
        taken = taken[~holds]
        cx = ((taken[:, 0] + taken[:, 2]) * 0.5)[None, :]
        cy = ((taken[:, 1] + taken[:, 3]) * 0.5)[None, :]
        w = np.abs(taken[:, 0] - taken[:, 2])[None, :]
        h = np.abs(taken[:, 1] - taken[:, 3])[None, :]
        x2, y2 = ends[:, 0:1], ends[:, 1:2]
        # The segment's first point inside the box (closed).
        first_in = (2.0 * np.abs(x1 - cx) <= w) & (2.0 * np.abs(y1 - cy) <= h)
        crosses = (
            (np.abs(x1 + x2 - 2.0 * cx) < np.abs(x1 - x2) + w)
            & (np.abs(y1 + y2 - 2.0 * cy) < np.abs(y1 - y2) + h)
            & (
                2.0 * np.abs((x1 - cx) * (y1 - y2) - (y1 - cy) * (x1 - x2))
                < w * np.abs(y1 - y2) + h * np.abs(x1 - x2)
            )
        )
        return (first_in | crosses).sum(axis=1)

    def place(
        self,
        make: Callable[[float, float], Annotation],
        offsets: Sequence[tuple[float, float]],
        pad_pt: float = 1.5,
        leader_from: tuple[float, float] | None = None,
        force: bool = False,
        rigid: bool = False,
    ) -> Annotation | None:
        """Try ``make(dx_pt, dy_pt)`` at each offset; keep the first that fits.

        With ``leader_from`` (data coordinates), a spot whose leader line to that
        point would cross a taken box is refused too. When no spot is free, ``force``
        keeps the one with the fewest clashes; otherwise nothing is drawn.
        ``rigid`` says the text only moves with the offset (same alignment, same
        size at every offset; what ``make`` gives differs between two offsets only
        by its ``xyann``, unless one of them is ``(0, 0)``): it is then made and
        measured once, and its box at the other offsets is that box moved by the
        offset.
        """
        start = (
            None
            if leader_from is None
            else tuple(self.ax.transData.transform(leader_from))
        )
        if rigid:
            return self._place_rigid(make, offsets, pad_pt, start, force)
        best: tuple[int, int] | None = None
        for k, (dx, dy) in enumerate(offsets):
            text = make(dx, dy)
            box = self.extent(text, pad_pt)
            clashes = self.clashes(box) if self.inside(box) else 1_000
            if start is not None and (dx, dy) != (0, 0):
                centre = ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
                clashes += self.crossings(start, centre)
            if clashes == 0:
                self.add(box)
                return text
            text.remove()
            if best is None or clashes < best[0]:
                best = (clashes, k)
        if not force or best is None:
            return None
        dx, dy = offsets[best[1]]
        text = make(dx, dy)
        self.add(self.extent(text, pad_pt))
        return text

    def _place_rigid(
        self,
        make: Callable[[float, float], Annotation],
        offsets: Sequence[tuple[float, float]],
        pad_pt: float,
        start: tuple[float, ...] | None,
        force: bool,
    ) -> Annotation | None:
        """:meth:`place` for a text measured once: every offset tested in one step."""
        from matplotlib.transforms import Bbox

        dx0, dy0 = offsets[0]
        text = make(dx0, dy0)
        first = self.extent(text, pad_pt)
        scale = self.ax.figure.dpi / 72
        shifts = (np.asarray(offsets, dtype=float) - (dx0, dy0)) * scale
        boxes = np.tile(first.extents, (len(offsets), 1))
        boxes[:, 0::2] += shifts[:, 0:1]
        boxes[:, 1::2] += shifts[:, 1:2]
        boxes[0] = first.extents  # the measured box itself, not moved by zero
        frame = self.frame
        inside = (
            (boxes[:, 0] >= frame.x0) & (boxes[:, 2] <= frame.x1)
            & (boxes[:, 1] >= frame.y0) & (boxes[:, 3] <= frame.y1)
        )
        clashes = np.where(inside, self._clashes(boxes), 1_000)
        if start is not None:
            moved = np.array([(dx, dy) != (0, 0) for dx, dy in offsets])
            centres = np.column_stack(
                ((boxes[:, 0] + boxes[:, 2]) / 2, (boxes[:, 1] + boxes[:, 3]) / 2)
            )
            clashes = clashes + np.where(moved, self._crossings(start, centres), 0)
        free = np.flatnonzero(clashes == 0)
        if len(free):
            k = int(free[0])
        elif force:
            k = int(np.argmin(clashes))  # the first of the fewest clashes
        else:
            text.remove()
            return None
        if k != 0 and ((dx0, dy0) == (0, 0)) == (offsets[k] == (0, 0)):
            text.xyann = offsets[k]  # moved, not made again
        elif k != 0:
            text.remove()
            text = make(*offsets[k])
        self.add(Bbox(boxes[k].reshape(2, 2)))
        return text


#: Label offsets around an anchor (points): right, upper right, lower right, left ...
_LABEL_OFFSETS = ((5, 3), (5, -9), (-5, 3), (-5, -9), (0, 7), (0, -13))
_REGION_OFFSETS = ((0, 0), (0, 12), (0, -12), (0, 24), (0, -24), (30, 0), (-30, 0))
_TAG_RING = tuple(
    (round(r * math.cos(math.radians(a)), 1), round(r * math.sin(math.radians(a)), 1))
    for r in (14, 24, 34)
    for a in range(45, 405, 45)
)
#: A claim number sits inside its footprint when the footprint is at least this many
#: points across; otherwise it is set beside it, with a short leader.
TAG_INSIDE_PT = 30.0


def draw_tags(
    ax: Axes,
    anchors: dict[int, tuple[float, float, float]],
    grades: dict[int, str],
    occupied: Occupied,
) -> None:
    """Claim numbers in small grade-coloured discs, nudged apart when they collide."""
    points_per_unit = (
        (ax.transData.transform((1.0, 0.0))[0] - ax.transData.transform((0.0, 0.0))[0])
        * 72
        / ax.figure.dpi
    )
    for number, (x, y, size) in anchors.items():
        colour = style.CONFIDENCE_COLOURS.get(
            grades.get(number, ""), style.UNKNOWN_COLOUR
        )
        ink = style.contrast_text_colour(colour)

        def make(
            dx: float,
            dy: float,
            x: float = x,
            y: float = y,
            colour: str = colour,
            ink: str = ink,
            number: int = number,
        ) -> Annotation:
            leader = None
            if (dx, dy) != (0, 0):
                leader = {
                    "arrowstyle": "-",
                    "color": "#333333",
                    "linewidth": 0.6,
                    # From the disc's centre, under the disc: clipping the line to
                    # the disc's outline costs more than the rest of the tag.
                    "patchA": None,
                    "shrinkA": 0,
                    "shrinkB": 0,
                }
            return ax.annotate(
                str(number),
                (x, y),
                xytext=(dx, dy),
                textcoords="offset points",
                ha="center",
                va="center",
                fontsize=7,
                fontweight="bold",
                color=ink,
                parse_math=False,
                usetex=False,
                zorder=40,
                annotation_clip=True,
                arrowprops=leader,
                bbox={
                    "boxstyle": "circle,pad=0.25",
                    "facecolor": colour,
                    "edgecolor": "white",
                    "linewidth": 0.8,
                },
            )

        inside = size * points_per_unit >= TAG_INSIDE_PT
        offsets = ((0, 0), *_TAG_RING) if inside else _TAG_RING
        occupied.place(
            make, offsets, pad_pt=2.5, leader_from=(x, y), force=True, rigid=True
        )


def draw_place_labels(
    ax: Axes,
    places: Sequence[PlaceLabel],
    projection: LocalProjection,
    occupied: Occupied,
) -> list[str]:
    """Dots and names of linked places; a name with no free spot is left out.

    Returns the names drawn.
    """
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    drawn = []
    ordered = sorted(
        places, key=lambda p: (p.kind != "populated_place", -p.weight, p.name)
    )
    for place in ordered:
        x, y = projection.forward.transform(place.lon, place.lat)
        if not (x0 < x < x1 and y0 < y < y1):
            continue
        settlement = place.kind == "populated_place"
        if settlement:
            ax.plot(
                x,
                y,
                marker="o",
                markersize=3.2,
                markerfacecolor="#111111",
                markeredgecolor="white",
                markeredgewidth=0.6,
                linestyle="none",
                zorder=35,
            )

        def make(
            dx: float,
            dy: float,
            x: float = x,
            y: float = y,
            place: PlaceLabel = place,
            settlement: bool = settlement,
            halo: bool = False,
        ) -> Annotation:
            align = "left" if dx > 0 else "right" if dx < 0 else "center"
            return ax.annotate(
                place.name,
                (x, y),
                xytext=(dx, dy),
                textcoords="offset points",
                ha=align if settlement else "center",
                va="center",
                fontsize=8 if settlement else 7.5,
                fontstyle="normal" if settlement else "italic",
                color="white" if halo else style.LABEL_COLOUR,
                parse_math=False,
                usetex=False,
                zorder=35.9 if halo else 36,
                annotation_clip=True,
                path_effects=halo_stroke() if halo else None,
            )

        offsets = _LABEL_OFFSETS if settlement else _REGION_OFFSETS
        label = occupied.place(make, offsets)
        if label is not None:
            dx, dy = label.xyann
            make(dx, dy, halo=True)
            drawn.append(place.name)
    return drawn
