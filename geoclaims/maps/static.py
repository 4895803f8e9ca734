"""Static briefs: a print-ready page (PNG, PDF or SVG) with a map and a table of claims.

The page is A4 landscape. The map uses a local azimuthal equidistant projection
centred on the claims, over a basemap drawn from the gazetteer's own Natural Earth
country shapes and admin-1 polygons (no network, no tiles). Footprints are coloured
by confidence grade (:data:`geoclaims.maps.style.CONFIDENCE_COLOURS`) and outlined
by precision class (:data:`geoclaims.maps.style.PRECISION_STYLES`); numbers on the
map refer to the rows of the claims table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from geoclaims._io import check_output_directory
from geoclaims.errors import ConfigurationError, InputError
from geoclaims.inputs import to_claims_frame
from geoclaims.maps._content import clean_text, collect_brief
from geoclaims.maps._layout import (
    credit_lines,
    footer,
    header,
    legend_panel,
    map_panel,
)
from geoclaims.maps._mapdraw import plain_text
from geoclaims.maps._table import draw_table

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from geoclaims.maps._content import Brief
    from geoclaims.places.gazetteer import Gazetteer

#: Output format by file suffix.
BRIEF_FORMATS: dict[str, str] = {".png": "png", ".pdf": "pdf", ".svg": "svg"}
#: Page size, inches (A4 landscape).
PAGE_SIZE_IN = (11.69, 8.27)
#: Resolution of PNG output, dots per inch.
PNG_DPI = 200
#: Share of the footprints' extent added around them on the map.
MAP_MARGIN = 0.18
#: Smallest map extent (metres), so a single point still shows its surroundings.
MIN_EXTENT_M = 80_000.0
#: Most statement lines per row in the table under the map, and on table pages.
STATEMENT_LINES_BELOW = 2
STATEMENT_LINES_PAGES = 6

TableLayout = Literal["below", "pages"]

# Metadata and rc settings that make the same input give the same bytes.
_RC = {
    # Real <text> elements: searchable, selectable, XML-escaped by the writer.
    "svg.fonttype": "none",
    "svg.hashsalt": "geoclaims-brief",
    "pdf.fonttype": 42,
    "text.usetex": False,
    "font.family": "DejaVu Sans",
    "hatch.linewidth": 0.6,
}


def _output_format(path: Path, fmt: str | None) -> str:
    if fmt is not None:
        name = str(fmt).lower().lstrip(".")
        if name not in BRIEF_FORMATS.values():
            raise ConfigurationError(
                f"unknown brief format {fmt!r}; use one of "
                f"{', '.join(BRIEF_FORMATS.values())}"
            )
        return name
    suffix = path.suffix.lower()
    if suffix not in BRIEF_FORMATS:
        raise InputError(
            f"cannot tell the brief format from the extension {suffix or '(none)'!r}",
            path=path,
            hint=f"use {', '.join(BRIEF_FORMATS)}",
        )
    return BRIEF_FORMATS[suffix]


def _subtitle(brief: Brief) -> str:
    """``6 claims · Outlet · published 2024-11-06 · 1 disputed, 1 denied``."""
    n = len(brief.rows)
    parts = [f"{n} claim{'s' * (n != 1)}"]
    if brief.outlets:
        more = " and others" if len(brief.outlets) > 3 else ""
        parts.append(", ".join(brief.outlets[:3]) + more)
    if brief.published:
        low, high = brief.published
        parts.append(
            f"published {low}" if low == high else f"published {low} to {high}"
        )
    counts = Counter(row.grade for row in brief.rows)
    contested = [f"{counts[g]} {g}" for g in ("disputed", "denied") if counts[g]]
    if contested:
        parts.append(", ".join(contested))
    return " · ".join(parts)


def brief_figures(
    claims: Any,
    *,
    title: str | None = None,
    gazetteer: Gazetteer | None = None,
    table: TableLayout = "below",
    outlet: str | None = None,
    published: str | None = None,
) -> list[Figure]:
    """The pages of a brief as matplotlib Figures (see :func:`render_brief`).

    Call inside ``matplotlib.rc_context`` of your own to restyle; :func:`render_brief`
    sets the rc values that keep output deterministic.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    if table not in ("below", "pages"):
        raise ConfigurationError(f"table must be 'below' or 'pages', got {table!r}")
    if gazetteer is None:
        from geoclaims.places.gazetteer import Gazetteer

        gazetteer = Gazetteer.default()
    gdf = to_claims_frame(claims, gazetteer=gazetteer, outlet=outlet, published=published,
                          what="render_brief's claims")
    brief = collect_brief(gdf, gazetteer)
    heading = clean_text(title) or "Claims brief"
    subtitle = _subtitle(brief)

    pages: list[Figure] = []
    fig = Figure(figsize=PAGE_SIZE_IN)
    FigureCanvasAgg(fig)
    pages.append(fig)
    header(fig, heading, subtitle)
    map_bottom = 0.39 if table == "below" else 0.085
    map_rect = (0.035, map_bottom, 0.665, 0.895 - map_bottom)
    projection, basemap = map_panel(
        fig, map_rect, brief, gazetteer, margin=MAP_MARGIN, min_size_m=MIN_EXTENT_M
    )
    legend_panel(fig, (0.725, map_bottom, 0.25, 0.895 - map_bottom), brief)
    credit_text = credit_lines(brief, projection, basemap)

    if table == "below":
        ax = fig.add_axes((0.035, 0.075, 0.94, map_bottom - 0.105))
        shown = draw_table(ax, brief.rows, statement_lines=STATEMENT_LINES_BELOW)
        if shown < len(brief.rows):
            plain_text(
                fig,
                0.975,
                map_bottom - 0.022 - (map_bottom - 0.105),
                f"+ {len(brief.rows) - shown} more claims: render to PDF for "
                "the full table",
                ha="right",
                va="top",
                fontsize=7,
                color="#555555",
                fontstyle="italic",
            )
        footer(fig, credit_text, None)
        return pages

    remaining = 0
    while remaining < len(brief.rows) or remaining == 0:
        page = Figure(figsize=PAGE_SIZE_IN)
        FigureCanvasAgg(page)
        header(
            page,
            heading if remaining == 0 else f"{heading} (continued)",
            "Claims in the order they appear in the sources; numbers refer to the map",
        )
        ax = page.add_axes((0.035, 0.085, 0.94, 0.81))
        shown = draw_table(
            ax,
            brief.rows,
            start=remaining,
            statement_lines=STATEMENT_LINES_PAGES,
            fontsize=8,
        )
        pages.append(page)
        if (
            shown == remaining
        ):  # nothing fits (cannot happen with sane sizes) or no rows
            if not brief.rows:
                plain_text(ax, 0.0, 0.9, "No claims.", fontsize=9, color="#555555")
            break
        remaining = shown
    for number, page in enumerate(pages, start=1):
        footer(page, credit_text, f"Page {number} of {len(pages)}")
    return pages


def render_brief(
    claims: Any,
    path: str | Path | None = None,
    *,
    title: str | None = None,
    gazetteer: Gazetteer | None = None,
    fmt: str | None = None,
    table: TableLayout | None = None,
    outlet: str | None = None,
    published: str | None = None,
) -> Path | list[Figure]:
    """Render a one-page briefing of claims: map, legend, credits and a claims table.

    Parameters
    ----------
    claims : GeoDataFrame or iterable of str or Path
        A claims frame (schema :data:`geoclaims.store.frames.CLAIM_COLUMNS`, any
        CRS) or inputs for :func:`geoclaims.inputs.read_claims` (documents,
        saved extractions, exports, stores).
    path : str or Path, optional
        Output file; its suffix (``.png``, ``.pdf``, ``.svg``) picks the format.
        Without it the pages are returned as Figures.
    title : str, optional
        Page title (plain text: ``$`` and ``\\`` are printed as typed).
    gazetteer : Gazetteer, optional
        Basemap polygons and place labels; defaults to :meth:`Gazetteer.default`.
    fmt : {"png", "pdf", "svg"}, optional
        Overrides the format given by the suffix.
    table : {"below", "pages"}, optional
        ``"below"``: one page, with as many claims under the map as fit (the default
        for PNG and SVG and when returning Figures). ``"pages"``: the map fills the
        first page and the complete table follows on further pages (PDF only; the
        default for PDF).
    outlet, published : str, optional
        Metadata defaults when ``claims`` are documents.

    Returns
    -------
    Path or list of matplotlib.figure.Figure
        The written file, or the pages when ``path`` is None.

    Raises
    ------
    InputError
        For an unknown suffix, a missing output directory, or unreadable inputs.
    ConfigurationError
        For an unknown ``fmt``, ``table`` or a frame without claims columns, or
        ``table="pages"`` with a one-page format.

    Notes
    -----
    Input without any mappable claim still gives a page: the map panel says so and
    the table lists the claims (or that there are none). Output is deterministic:
    the same claims give the same bytes (no dates in PDF or SVG metadata, fixed SVG
    ids).

    Examples
    --------
    >>> from geoclaims.store.frames import to_geodataframe
    >>> pages = render_brief(to_geodataframe([]))        # doctest: +SKIP
    >>> len(pages)                                       # doctest: +SKIP
    1
    """
    import matplotlib

    target = None if path is None else Path(path)
    kind = (
        "png"
        if target is None and fmt is None
        else (_output_format(target if target is not None else Path(f"x.{fmt}"), fmt))
    )
    layout: TableLayout = table or (
        "pages" if kind == "pdf" and target is not None else "below"
    )
    if layout == "pages" and kind != "pdf" and target is not None:
        raise ConfigurationError(
            f"table='pages' needs a PDF; {kind.upper()} holds one page"
        )
    if target is not None:
        check_output_directory(target)
    with matplotlib.rc_context(cast(Any, _RC)):
        pages = brief_figures(
            claims,
            title=title,
            gazetteer=gazetteer,
            table=layout,
            outlet=outlet,
            published=published,
        )
        if target is None:
            return pages
        _save(pages, target, kind, clean_text(title) or "Claims brief")
    return target


def _save(pages: Sequence[Figure], target: Path, kind: str, title: str) -> None:
    from geoclaims._io import atomic_write

    metadata: dict[str, Any]
    if kind == "pdf":
        from matplotlib.backends.backend_pdf import PdfPages

        metadata = {"Title": title, "Creator": "geoclaims", "CreationDate": None}
        with atomic_write(target, "wb") as handle:
            with PdfPages(handle, metadata=metadata) as pdf:
                for page in pages:
                    pdf.savefig(page)
        return
    if kind == "svg":
        metadata = {
            "Title": title,
            "Creator": "geoclaims",
            "Date": None,
        }
    else:
        metadata = {"Title": title, "Software": "geoclaims"}
    with atomic_write(target, "wb") as handle:
        pages[0].savefig(handle, format=kind, dpi=PNG_DPI, metadata=metadata)
