"""Composing a brief page: header, map panel, legend panel, credits and footer."""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from geoclaims.maps import style
from geoclaims.maps._mapdraw import plain_text

#: A panel's place on the page: left, bottom, width, height (figure fractions).
Rect = tuple[float, float, float, float]

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from geoclaims.maps._cartography import LocalProjection
    from geoclaims.maps._content import Brief
    from geoclaims.maps._mapdraw import Basemap
    from geoclaims.places.gazetteer import Gazetteer


def header(fig: Figure, title: str, subtitle: str) -> None:
    """Title and subtitle over a rule; both shrink, then are cut, to fit the page."""
    for text, y, size, weight, colour in (
        (title, 0.955, 17.0, "bold", "#111111"),
        (subtitle, 0.928, 9.5, "normal", "#555555"),
    ):
        artist = plain_text(
            fig,
            0.035,
            y,
            text,
            ha="left",
            va="baseline",
            fontsize=size,
            fontweight=weight,
            color=colour,
        )
        fit_width(artist, fig, 0.94, smallest=0.7 * size)
    fig.add_artist(rule(fig, 0.915))


def fit_width(artist: Any, fig: Figure, share: float, *, smallest: float) -> None:
    """Shrink ``artist``'s font until it spans at most ``share`` of the page width,
    down to ``smallest`` points; past that, cut its text at a word with " …"."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    limit = share * fig.bbox.width
    size = float(artist.get_fontsize())
    while artist.get_window_extent(renderer).width > limit and size > smallest:
        size = max(size - 0.5, smallest)
        artist.set_fontsize(size)
    words = str(artist.get_text()).split(" ")
    while artist.get_window_extent(renderer).width > limit and len(words) > 1:
        words.pop()
        artist.set_text(" ".join(words) + " …")


def rule(fig: Figure, y: float) -> Any:
    from matplotlib.lines import Line2D

    return Line2D(
        [0.035, 0.975],
        [y, y],
        transform=fig.transFigure,
        color="#333333",
        linewidth=0.8,
    )


def footer(fig: Figure, lines: Sequence[str], page: str | None) -> None:
    text = "\n".join(
        wrapped for line in lines for wrapped in textwrap.wrap(line, width=176) or [""]
    )
    plain_text(
        fig,
        0.035,
        0.022,
        text,
        ha="left",
        va="bottom",
        fontsize=6.8,
        color="#555555",
        linespacing=1.35,
    )
    from geoclaims import __version__

    right = f"geoclaims {__version__}" + (f"\n{page}" if page else "")
    plain_text(
        fig,
        0.975,
        0.022,
        right,
        ha="right",
        va="bottom",
        fontsize=6.8,
        color="#555555",
        linespacing=1.35,
    )


def legend_panel(fig: Figure, rect: Rect, brief: Brief) -> None:
    """Grades present (with counts), precision outlines present, symbols, a note."""
    from matplotlib.legend import Legend
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    ax = fig.add_axes(rect)
    ax.set_axis_off()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    counts = Counter(row.grade for row in brief.rows)
    grade_handles = [
        Patch(
            facecolor=colour,
            edgecolor=colour,
            alpha=0.8,
            label=f"{style.CONFIDENCE_LABELS[grade]} ({counts[grade]})",
        )
        for grade, colour in style.CONFIDENCE_COLOURS.items()
        if counts[grade]
    ]
    if counts.get("unknown"):
        grade_handles.append(
            Patch(
                facecolor=style.UNKNOWN_COLOUR, label=f"Ungraded ({counts['unknown']})"
            )
        )
    classes = sorted(
        {
            m.precision_class
            for m in brief.marks
            if m.geometry.geom_type not in {"Point", "MultiPoint"}
        }
    )
    precision_handles = []
    for cls in classes:
        look = style.PRECISION_STYLES.get(cls)
        if look is None:
            continue
        precision_handles.append(
            Patch(
                facecolor="white",
                edgecolor="#333333",
                hatch=look.hatch,
                linestyle="solid" if look.dash is None else (0, look.dash),
                linewidth=look.width_pt,
                label=look.label,
            )
        )
    # (shown, marker size, face, edge, label) of each symbol in the legend
    symbols = (
        (
            any(m.geometry.geom_type in {"Point", "MultiPoint"} for m in brief.marks),
            7, "#BBBBBB", "#222222", "Claim at a place (no footprint)",
        ),
        (bool(brief.places), 3.2, "#111111", "white", "Settlement named in a claim"),
        (bool(brief.marks), 9, "#555555", "white", "Claim number (see table)"),
    )
    symbol_handles = [
        Line2D(
            [], [], marker="o", linestyle="none", markersize=size,
            markerfacecolor=face, markeredgecolor=edge, label=label,
        )
        for shown, size, face, edge, label in symbols
        if shown
    ]
    top = 1.0
    for heading, handles in (
        ("Confidence grade", grade_handles),
        ("Location precision", precision_handles),
        ("Symbols", symbol_handles),
    ):
        if not handles:
            continue
        legend = Legend(
            ax,
            handles,
            [str(h.get_label()) for h in handles],
            title=heading,
            loc="upper left",
            bbox_to_anchor=(0.0, top),
            frameon=False,
            fontsize=8.5,
            title_fontsize=9,
            alignment="left",
            handlelength=2.2,
            handleheight=1.1,
            borderaxespad=0.0,
        )
        legend.get_title().set_fontweight("bold")
        for text in [*legend.get_texts(), legend.get_title()]:
            text.set_parse_math(False)
            text.set_usetex(False)
        ax.add_artist(legend)
        box = legend.get_window_extent(renderer).transformed(ax.transAxes.inverted())
        top = box.y0 - 0.05
    mapped = len({m.number for m in brief.marks})
    n_claims = len(brief.rows)
    summary = (
        f"{n_claims} claim{'s' * (n_claims != 1)} from {brief.n_documents} "
        f"report{'s' * (brief.n_documents != 1)}; {mapped} placed on the map."
    )
    note = (
        "Grades are assigned automatically from attribution and hedging words. "
        "Check each claim against its source before relying on it."
    )
    plain_text(
        ax,
        0.0,
        top,
        summary + "\n\n" + textwrap.fill(note, 44),
        ha="left",
        va="top",
        fontsize=7.5,
        color="#444444",
        linespacing=1.35,
    )


def map_panel(
    fig: Figure,
    rect: Rect,
    brief: Brief,
    gazetteer: Gazetteer | None,
    *,
    margin: float,
    min_size_m: float,
) -> tuple[LocalProjection | None, Basemap | None]:
    """The map: basemap, footprints, tags, labels, scale bar, north arrow.

    ``margin`` is the share of the claims' extent added around them, ``min_size_m``
    the smallest extent shown.
    """
    import shapely

    from geoclaims.maps import _labels as labels
    from geoclaims.maps import _mapdraw as draw
    from geoclaims.maps._cartography import local_projection, project

    ax = fig.add_axes(rect)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor("#555555")
        spine.set_linewidth(0.8)
    if not brief.marks:
        ax.set_facecolor("#F4F4F4")
        message = (
            "No claim could be placed on a map."
            if brief.rows
            else "No claims were found in the input."
        )
        plain_text(
            ax,
            0.5,
            0.5,
            message,
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=12,
            color="#555555",
        )
        return None, None
    union = shapely.union_all([m.geometry for m in brief.marks])
    # Centre on the middle of the claims' box, so the projection is true near them.
    west, south, east, north = union.bounds
    projection = local_projection((west + east) / 2, (south + north) / 2)
    fig_w, fig_h = fig.get_size_inches()
    aspect = (rect[2] * fig_w) / (rect[3] * fig_h)
    view = draw.fit_view(
        [project(m.geometry, projection) for m in brief.marks],
        aspect,
        margin=margin,
        min_size_m=min_size_m,
    )
    ax.set_xlim(view[0], view[2])
    ax.set_ylim(view[1], view[3])
    ax.set_aspect("equal", adjustable="box")
    basemap = None
    if gazetteer is not None:
        basemap = draw.draw_basemap(ax, gazetteer, projection, view)
    draw.draw_marks(ax, brief.marks, projection)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    occupied = labels.Occupied(ax, renderer)
    draw.draw_scale_bar(ax, projection, occupied)
    draw.draw_north_arrow(ax, projection, occupied)
    # Keep numbers off the place markers and settlement dots they refer to.
    occupied.add_points(
        [
            (p.x, p.y)
            for m in brief.marks
            for p in shapely.get_parts(project(m.geometry, projection))
            if p.geom_type == "Point"
        ],
        radius_pt=4.5,
    )
    occupied.add_points(
        [
            projection.forward.transform(p.lon, p.lat)
            for p in brief.places
            if p.kind == "populated_place"
        ],
        radius_pt=2.5,
    )
    # Names first: each has a few spots next to its dot, while a number can move
    # further out on a leader.
    labels.draw_place_labels(ax, brief.places, projection, occupied)
    labels.draw_tags(
        ax, draw.mark_anchors(brief.marks, projection), brief.grades, occupied
    )
    return projection, basemap


def credit_lines(
    brief: Brief, projection: LocalProjection | None, basemap: Basemap | None
) -> list[str]:
    """Sources and dates; basemap, gazetteer and projection credits."""
    sources = ", ".join(brief.outlets) if brief.outlets else "outlet not given"
    parts = [f"Sources: {sources}"]
    if brief.published:
        low, high = brief.published
        parts.append(
            f"published {low}" if low == high else f"published {low} to {high}"
        )
    if brief.events:
        low, high = brief.events
        parts.append(
            f"events dated {low}" if low == high else f"events dated {low} to {high}"
        )
    first = "; ".join(parts) + "."
    second = style.ATTRIBUTION
    if basemap is not None and basemap.admin1_approximate:
        share = "" if basemap.admin1_approximate == basemap.admin1_drawn else "some "
        second += f"; {share}admin-1 boundaries approximate (from GeoNames settlements)"
    if projection is not None:
        second += f". Projection: {projection.description}"
    return [first, second + "."]
