"""Static briefs: a print-ready page (PNG, PDF or SVG) with a map and a table of claims.

The page is A4 landscape. The map uses a local azimuthal equidistant projection
centred on the claims, over a basemap drawn from the gazetteer's own Natural Earth
country shapes and admin-1 polygons (no network, no tiles). Footprints are coloured
by confidence grade (:data:`geoclaims.maps.style.CONFIDENCE_COLOURS`) and outlined
by precision class (:data:`geoclaims.maps.style.PRECISION_STYLES`); numbers on the
map refer to the rows of the claims table.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from geoclaims.errors import ConfigurationError, InputError
from geoclaims.maps import style
from geoclaims.maps._mapdraw import Mark, PlaceLabel, plain_text
from geoclaims.maps._table import TableRow, draw_table

if TYPE_CHECKING:
    import geopandas
    from matplotlib.figure import Figure

    from geoclaims.maps._cartography import LocalProjection
    from geoclaims.maps._mapdraw import Basemap
    from geoclaims.places.gazetteer import Gazetteer

#: Output format by file suffix.
BRIEF_FORMATS: dict[str, str] = {".png": "png", ".pdf": "pdf", ".svg": "svg"}
#: Page size, inches (A4 landscape).
PAGE_SIZE_IN = (11.69, 8.27)
#: Resolution of PNG output, dots per inch.
PNG_DPI = 200
#: Credits printed on every brief.
ATTRIBUTION = "Basemap: Natural Earth; places: GeoNames (CC BY 4.0)"
#: Share of the footprints' extent added around them on the map.
MAP_MARGIN = 0.18
#: Smallest map extent (metres), so a single point still shows its surroundings.
MIN_EXTENT_M = 80_000.0
#: Most statement lines per row in the table under the map, and on table pages.
STATEMENT_LINES_BELOW = 2
STATEMENT_LINES_PAGES = 6

TableLayout = Literal["below", "pages"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Metadata and rc settings that make the same input give the same bytes.
_RC = {
    "svg.fonttype": "none",  # real <text>: searchable, selectable, escaped by the writer
    "svg.hashsalt": "geoclaims-brief",
    "pdf.fonttype": 42,
    "text.usetex": False,
    "font.family": "DejaVu Sans",
    "hatch.linewidth": 0.6,
}


def clean_text(value: Any) -> str:
    """One line of plain text: control characters dropped, whitespace collapsed.

    Examples
    --------
    >>> clean_text("Costs  $5\\n and\\tmore\\x07")
    'Costs $5 and more'
    >>> clean_text(None)
    ''
    """
    if value is None:
        return ""
    try:
        import pandas as pd

        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return " ".join(_CONTROL.sub(" ", str(value)).split())


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    try:
        return list(value)
    except TypeError:
        return []


@dataclass(frozen=True, slots=True)
class _Brief:
    """Everything the page shows, computed once from the claims frame."""

    rows: tuple[TableRow, ...]
    marks: tuple[Mark, ...]
    places: tuple[PlaceLabel, ...]
    grades: dict[int, str]
    outlets: tuple[str, ...]
    published: tuple[str, str] | None
    events: tuple[str, str] | None
    n_documents: int


def _format_date(value: Any, precision: Any) -> str:
    import pandas as pd

    if value is None or pd.isna(value):
        return "—"
    stamp = pd.Timestamp(value)
    if precision == "year":
        return f"{stamp.year}"
    if precision == "month":
        return stamp.strftime("%Y-%m")
    text = stamp.strftime("%Y-%m-%d")
    return f"week of {text}" if precision == "week" else text


def _date_range(values: Iterable[Any]) -> tuple[str, str] | None:
    import pandas as pd

    stamps = [pd.Timestamp(v) for v in values if v is not None and not pd.isna(v)]
    if not stamps:
        return None
    return min(stamps).strftime("%Y-%m-%d"), max(stamps).strftime("%Y-%m-%d")


def _collect(gdf: geopandas.GeoDataFrame, gazetteer: Gazetteer | None) -> _Brief:
    """Table rows (one per claim), map marks (one per geometry) and place labels."""
    numbers: dict[Any, int] = {}
    rows: list[TableRow] = []
    marks: list[Mark] = []
    grades: dict[int, str] = {}
    place_weight: Counter[int] = Counter()
    mapped: set[int] = set()
    has = set(gdf.columns)
    records = gdf.to_dict("records")
    for position, record in enumerate(records):
        key = (
            (record.get("doc_id"), record.get("claim_id"))
            if "claim_id" in has and record.get("claim_id") is not None
            else ("row", position)
        )
        grade = clean_text(record.get("confidence")).lower() or "unknown"
        geometry = record.get("geometry")
        has_geometry = geometry is not None and not geometry.is_empty
        if key not in numbers:
            number = numbers[key] = len(numbers) + 1
            grades[number] = grade
            chain = " → ".join(clean_text(s) for s in _as_list(record.get("source_chain")))
            names = [clean_text(n) for n in _as_list(record.get("place_names"))]
            rows.append(TableRow(
                number=number,
                statement=clean_text(record.get("statement")),
                chain=chain or "—",
                grade=grade,
                date=_format_date(record.get("event_date"), record.get("date_precision")),
                places=", ".join(dict.fromkeys(n for n in names if n)) or "—",
            ))
            for gid in _as_list(record.get("geonameids")):
                try:
                    place_weight[int(gid)] += 1
                except (TypeError, ValueError):
                    continue
        number = numbers[key]
        if has_geometry:
            mapped.add(number)
            precision = record.get("precision_class")
            try:
                precision = int(precision)
            except (TypeError, ValueError):
                precision = 2
            marks.append(Mark(number, grade, precision, geometry))
    rows = [
        row if row.number in mapped else TableRow(
            number=row.number, statement=row.statement, chain=row.chain, grade=row.grade,
            date=row.date, places=(row.places + " " if row.places != "—" else "") + "(not mapped)",
        )
        for row in rows
    ]
    places: dict[str, PlaceLabel] = {}
    if gazetteer is not None:
        for gid, weight in sorted(place_weight.items()):
            place = gazetteer.by_id(gid)
            if place is None or place.lon is None or place.lat is None:
                continue
            name = clean_text(place.name)
            if name and name.casefold() not in places:
                places[name.casefold()] = PlaceLabel(name, place.kind, place.lon,
                                                     place.lat, weight)
    outlets = Counter(clean_text(v) for v in gdf["outlet"]) if "outlet" in has else Counter()
    outlets.pop("", None)
    return _Brief(
        rows=tuple(rows),
        marks=tuple(marks),
        places=tuple(places.values()),
        grades=grades,
        outlets=tuple(name for name, _ in sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))),
        published=_date_range(gdf["published"]) if "published" in has else None,
        events=_date_range(gdf["event_date"]) if "event_date" in has else None,
        n_documents=int(gdf["doc_id"].nunique()) if "doc_id" in has else 0,
    )


def _claims_frame(
    claims: Any, gazetteer: Gazetteer | None, outlet: str | None, published: str | None
) -> geopandas.GeoDataFrame:
    import geopandas as gpd

    if isinstance(claims, gpd.GeoDataFrame):
        gdf = claims
    elif isinstance(claims, (str, Path)) or (
        isinstance(claims, Iterable) and not hasattr(claims, "columns")
    ):
        from geoclaims.store.load import read_claims

        inputs = [claims] if isinstance(claims, (str, Path)) else list(claims)
        gdf = read_claims(inputs, gazetteer=gazetteer, outlet=outlet, published=published)
    else:
        raise ConfigurationError(
            f"claims must be a claims GeoDataFrame or a list of input paths, "
            f"got {type(claims).__name__}"
        )
    missing = [c for c in ("statement", "confidence") if c not in gdf.columns]
    if missing:
        raise ConfigurationError(
            f"claims frame lacks column(s) {', '.join(map(repr, missing))}; build it "
            "with geoclaims.store.frames.to_geodataframe or read_claims"
        )
    if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
        gdf = gdf.to_crs("EPSG:4326")
    return gdf


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


# -- page composition ---------------------------------------------------------


def _header(fig: Figure, title: str, subtitle: str) -> None:
    plain_text(fig, 0.035, 0.955, title, ha="left", va="baseline", fontsize=17,
               fontweight="bold", color="#111111")
    plain_text(fig, 0.035, 0.928, subtitle, ha="left", va="baseline", fontsize=9.5,
               color="#555555")
    fig.add_artist(_rule(fig, 0.915))


def _rule(fig: Figure, y: float) -> Any:
    from matplotlib.lines import Line2D

    return Line2D([0.035, 0.975], [y, y], transform=fig.transFigure, color="#333333",
                  linewidth=0.8)


def _footer(fig: Figure, lines: Sequence[str], page: str | None) -> None:
    import textwrap

    text = "\n".join(
        wrapped for line in lines for wrapped in textwrap.wrap(line, width=176) or [""]
    )
    plain_text(fig, 0.035, 0.022, text, ha="left", va="bottom", fontsize=6.8,
               color="#555555", linespacing=1.35)
    from geoclaims import __version__

    right = f"geoclaims {__version__}" + (f"\n{page}" if page else "")
    plain_text(fig, 0.975, 0.022, right, ha="right", va="bottom", fontsize=6.8,
               color="#555555", linespacing=1.35)


def _legend_panel(fig: Figure, rect: Sequence[float], brief: _Brief) -> None:
    """Grades present (with counts), precision outlines present, symbols, a note."""
    from matplotlib.legend import Legend
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    ax = fig.add_axes(rect)
    ax.set_axis_off()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    counts = Counter(row.grade for row in brief.rows)
    grade_handles = [
        Patch(facecolor=colour, edgecolor=colour, alpha=0.8,
              label=f"{style.CONFIDENCE_LABELS[grade]} ({counts[grade]})")
        for grade, colour in style.CONFIDENCE_COLOURS.items() if counts[grade]
    ]
    if counts.get("unknown"):
        grade_handles.append(Patch(facecolor=style.UNKNOWN_COLOUR,
                                   label=f"Ungraded ({counts['unknown']})"))
    classes = sorted({m.precision_class for m in brief.marks
                      if m.geometry.geom_type not in {"Point", "MultiPoint"}})
    precision_handles = []
    for cls in classes:
        look = style.PRECISION_STYLES.get(cls)
        if look is None:
            continue
        precision_handles.append(Patch(
            facecolor="white", edgecolor="#333333", hatch=look.hatch,
            linestyle="solid" if look.dash is None else (0, look.dash),
            linewidth=look.width_pt, label=look.label,
        ))
    symbol_handles = []
    if any(m.geometry.geom_type in {"Point", "MultiPoint"} for m in brief.marks):
        symbol_handles.append(Line2D([], [], marker="o", linestyle="none", markersize=7,
                                     markerfacecolor="#BBBBBB", markeredgecolor="#222222",
                                     label="Claim at a place (no footprint)"))
    if brief.places:
        symbol_handles.append(Line2D([], [], marker="o", linestyle="none", markersize=3.2,
                                     markerfacecolor="#111111", markeredgecolor="white",
                                     label="Settlement named in a claim"))
    if brief.marks:
        symbol_handles.append(Line2D([], [], marker="o", linestyle="none", markersize=9,
                                     markerfacecolor="#555555", markeredgecolor="white",
                                     label="Claim number (see table)"))
    top = 1.0
    for heading, handles in (("Confidence grade", grade_handles),
                             ("Location precision", precision_handles),
                             ("Symbols", symbol_handles)):
        if not handles:
            continue
        legend = Legend(ax, handles, [h.get_label() for h in handles], title=heading,
                        loc="upper left", bbox_to_anchor=(0.0, top), frameon=False,
                        fontsize=8.5, title_fontsize=9, alignment="left",
                        handlelength=2.2, handleheight=1.1, borderaxespad=0.0)
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
    import textwrap

    plain_text(ax, 0.0, top, summary + "\n\n" + textwrap.fill(note, 44), ha="left",
               va="top", fontsize=7.5, color="#444444", linespacing=1.35)


def _map_panel(
    fig: Figure, rect: Sequence[float], brief: _Brief, gazetteer: Gazetteer | None
) -> tuple[LocalProjection | None, Basemap | None]:
    """The map: basemap, footprints, tags, labels, scale bar, north arrow."""
    import shapely

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
        message = ("No claim could be placed on a map." if brief.rows
                   else "No claims were found in the input.")
        plain_text(ax, 0.5, 0.5, message, transform=ax.transAxes, ha="center",
                   va="center", fontsize=12, color="#555555")
        return None, None
    union = shapely.union_all([m.geometry for m in brief.marks])
    # Centre on the middle of the claims' box, so the projection is true near them.
    west, south, east, north = union.bounds
    projection = local_projection((west + east) / 2, (south + north) / 2)
    fig_w, fig_h = fig.get_size_inches()
    aspect = (rect[2] * fig_w) / (rect[3] * fig_h)
    view = draw.fit_view([project(m.geometry, projection) for m in brief.marks], aspect,
                         margin=MAP_MARGIN, min_size_m=MIN_EXTENT_M)
    ax.set_xlim(view[0], view[2])
    ax.set_ylim(view[1], view[3])
    ax.set_aspect("equal", adjustable="box")
    basemap = None
    if gazetteer is not None:
        basemap = draw.draw_basemap(ax, gazetteer, projection, view)
    draw.draw_marks(ax, brief.marks, projection)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    occupied = draw._Occupied(ax, renderer)
    draw.draw_scale_bar(ax, projection, occupied)
    draw.draw_north_arrow(ax, projection, occupied)
    # Keep numbers off the place markers and settlement dots they refer to.
    occupied.add_points(
        [(p.x, p.y) for m in brief.marks
         for p in shapely.get_parts(project(m.geometry, projection))
         if p.geom_type == "Point"], radius_pt=4.5)
    occupied.add_points(
        [projection.forward.transform(p.lon, p.lat) for p in brief.places
         if p.kind == "populated_place"], radius_pt=2.5)
    # Names first: each has a few spots next to its dot, while a number can move
    # further out on a leader.
    draw.draw_place_labels(ax, brief.places, projection, occupied)
    draw.draw_tags(ax, draw.mark_anchors(brief.marks, projection), brief.grades, occupied)
    return projection, basemap


def _credits(brief: _Brief, projection: LocalProjection | None,
             basemap: Basemap | None) -> list[str]:
    sources = ", ".join(brief.outlets) if brief.outlets else "outlet not given"
    parts = [f"Sources: {sources}"]
    if brief.published:
        low, high = brief.published
        parts.append(f"published {low}" if low == high else f"published {low} to {high}")
    if brief.events:
        low, high = brief.events
        parts.append(f"events dated {low}" if low == high else f"events dated {low} to {high}")
    first = "; ".join(parts) + "."
    second = ATTRIBUTION
    if basemap is not None and basemap.approximate_admin1:
        second += "; admin-1 boundaries approximate (from GeoNames settlements)"
    if projection is not None:
        second += f". Projection: {projection.description}"
    return [first, second + "."]


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
    gdf = _claims_frame(claims, gazetteer, outlet, published)
    brief = _collect(gdf, gazetteer)
    heading = clean_text(title) or "Claims brief"
    counts = Counter(row.grade for row in brief.rows)
    worst = [g for g in reversed(style.CONFIDENCE_COLOURS) if counts[g]]
    subtitle = " · ".join(filter(None, [
        f"{len(brief.rows)} claim{'s' * (len(brief.rows) != 1)}",
        ", ".join(brief.outlets[:3]) + (" and others" if len(brief.outlets) > 3 else ""),
        (f"published {brief.published[0]}" if brief.published
         and brief.published[0] == brief.published[1] else
         f"published {brief.published[0]} to {brief.published[1]}" if brief.published
         else ""),
        f"{counts[worst[0]]} {worst[0]}" if worst and worst[0] in ("denied", "disputed")
        else "",
    ]))

    pages: list[Figure] = []
    fig = Figure(figsize=PAGE_SIZE_IN)
    FigureCanvasAgg(fig)
    pages.append(fig)
    _header(fig, heading, subtitle)
    map_bottom = 0.39 if table == "below" else 0.085
    map_rect = (0.035, map_bottom, 0.665, 0.895 - map_bottom)
    projection, basemap = _map_panel(fig, map_rect, brief, gazetteer)
    _legend_panel(fig, (0.725, map_bottom, 0.25, 0.895 - map_bottom), brief)
    credits = _credits(brief, projection, basemap)

    if table == "below":
        ax = fig.add_axes((0.035, 0.075, 0.94, map_bottom - 0.105))
        shown = draw_table(ax, brief.rows, statement_lines=STATEMENT_LINES_BELOW)
        if shown < len(brief.rows):
            plain_text(fig, 0.975, map_bottom - 0.022 - (map_bottom - 0.105),
                       f"+ {len(brief.rows) - shown} more claims: render to PDF for "
                       "the full table", ha="right", va="top", fontsize=7,
                       color="#555555", fontstyle="italic")
        _footer(fig, credits, None)
        return pages

    remaining = 0
    while remaining < len(brief.rows) or remaining == 0:
        page = Figure(figsize=PAGE_SIZE_IN)
        FigureCanvasAgg(page)
        _header(page, heading if remaining == 0 else f"{heading} (continued)",
                "Claims in the order they appear in the sources; numbers refer to the map")
        ax = page.add_axes((0.035, 0.085, 0.94, 0.81))
        shown = draw_table(ax, brief.rows, start=remaining,
                           statement_lines=STATEMENT_LINES_PAGES, fontsize=8)
        pages.append(page)
        if shown == remaining:  # nothing fits (cannot happen with sane sizes) or no rows
            if not brief.rows:
                plain_text(ax, 0.0, 0.9, "No claims.", fontsize=9, color="#555555")
            break
        remaining = shown
    for number, page in enumerate(pages, start=1):
        _footer(page, credits, f"Page {number} of {len(pages)}")
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
        CRS) or inputs for :func:`geoclaims.store.load.read_claims` (documents,
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
    kind = "png" if target is None and fmt is None else (
        _output_format(target if target is not None else Path(f"x.{fmt}"), fmt))
    layout: TableLayout = table or ("pages" if kind == "pdf" and target is not None
                                    else "below")
    if layout == "pages" and kind != "pdf" and target is not None:
        raise ConfigurationError(
            f"table='pages' needs a PDF; {kind.upper()} holds one page"
        )
    if target is not None:
        parent = target.parent if str(target.parent) else Path(".")
        if not parent.is_dir():
            raise InputError("output directory does not exist", path=target,
                             hint=f"create {str(parent)!r} first or choose another path")
    with matplotlib.rc_context(_RC):
        pages = brief_figures(claims, title=title, gazetteer=gazetteer, table=layout,
                              outlet=outlet, published=published)
        if target is None:
            return pages
        _save(pages, target, kind, clean_text(title) or "Claims brief")
    return target


def _save(pages: Sequence[Figure], target: Path, kind: str, title: str) -> None:
    from geoclaims._io import atomic_write

    if kind == "pdf":
        from matplotlib.backends.backend_pdf import PdfPages

        metadata = {"Title": title, "Creator": "geoclaims", "CreationDate": None}
        with atomic_write(target, "wb") as handle:
            with PdfPages(handle, metadata=metadata) as pdf:
                for page in pages:
                    pdf.savefig(page)
        return
    if kind == "svg":
        metadata: dict[str, Any] = {"Title": title, "Creator": "geoclaims", "Date": None}
    else:
        metadata = {"Title": title, "Software": "geoclaims"}
    with atomic_write(target, "wb") as handle:
        pages[0].savefig(handle, format=kind, dpi=PNG_DPI, metadata=metadata)
