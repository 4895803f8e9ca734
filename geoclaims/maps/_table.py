"""The table of claims on a brief: wrapped cells, grade swatches, pagination."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from geoclaims.maps import style
from geoclaims.maps._mapdraw import plain_text

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Average advance of a DejaVu Sans character in ems (mixed-case English prose), used
#: to turn a column width into a wrap width; slightly generous so text never overruns.
CHAR_EM = 0.56
#: Line height as a multiple of the font size.
LINE_SPACING = 1.3


@dataclass(frozen=True, slots=True)
class TableRow:
    """One claim as a table row (plain text, already cleaned)."""

    number: int
    statement: str
    chain: str
    grade: str
    date: str
    places: str


#: (attribute, header, share of the table width, most lines of a cell or None for the
#: page's statement limit).
COLUMNS: tuple[tuple[str, str, float, int | None], ...] = (
    ("number", "#", 0.035, 1),
    ("statement", "Claim", 0.475, None),
    ("chain", "Source chain", 0.215, 3),
    ("grade", "Grade", 0.095, 1),
    ("date", "Event date", 0.08, 2),
    ("places", "Places", 0.10, 3),
)


def wrap_cell(text: str, width_chars: int, max_lines: int) -> list[str]:
    """Lines of ``text`` at most ``width_chars`` wide; cut at a word with " …".

    Examples
    --------
    >>> wrap_cell("Drones struck a depot near Sudzha overnight, officials said.", 24, 2)
    ['Drones struck a depot', 'near Sudzha overnight, …']
    >>> wrap_cell("", 10, 2)
    ['']
    """
    lines = textwrap.wrap(
        text,
        width=max(width_chars, 4),
        max_lines=max_lines,
        placeholder=" …",
        break_on_hyphens=False,
    )
    return lines or [""]


def _cells(
    row: TableRow, widths_in: Sequence[float], fontsize: float, statement_lines: int
) -> list[list[str]]:
    cells = []
    for (attr, _, _, limit), width_in in zip(COLUMNS, widths_in, strict=True):
        chars = int(width_in * 72 / (fontsize * CHAR_EM))
        value = str(getattr(row, attr))
        cells.append(
            wrap_cell(
                value, chars - (3 if attr == "grade" else 0), limit or statement_lines
            )
        )
    return cells


def draw_table(
    ax: Axes,
    rows: Sequence[TableRow],
    *,
    fontsize: float = 7.5,
    statement_lines: int = 2,
    start: int = 0,
) -> int:
    """Draw ``rows[start:]`` until ``ax`` is full; return the first row left out.

    ``ax`` is an empty Axes that the table fills (axes-fraction coordinates).
    """
    from matplotlib.patches import Rectangle

    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    box = ax.get_position()
    fig_w, fig_h = cast("Figure", ax.figure).get_size_inches()
    width_in, height_in = box.width * fig_w, box.height * fig_h
    widths_in = [share * width_in for _, _, share, _ in COLUMNS]
    lefts = [sum(share for _, _, share, _ in COLUMNS[:k]) for k in range(len(COLUMNS))]
    line_h = fontsize * LINE_SPACING / 72 / height_in
    pad = 0.45 * fontsize / 72 / height_in
    pad_x = 0.004

    y = 1.0
    for (_, header, _, _), left in zip(COLUMNS, lefts, strict=True):
        plain_text(
            ax,
            left + pad_x,
            y - pad,
            header,
            ha="left",
            va="top",
            fontsize=fontsize,
            fontweight="bold",
            color="#333333",
        )
    y -= line_h + 2 * pad
    ax.plot([0, 1], [y, y], color="#333333", linewidth=0.8)

    index = start
    while index < len(rows):
        row = rows[index]
        cells = _cells(row, widths_in, fontsize, statement_lines)
        height = max(len(c) for c in cells) * line_h + 2 * pad
        if y - height < 0:
            break
        if (index - start) % 2 == 1:
            ax.add_patch(
                Rectangle(
                    (0, y - height),
                    1,
                    height,
                    facecolor="#F3F3F3",
                    edgecolor="none",
                    zorder=0,
                )
            )
        for (attr, _, _, _), left, lines in zip(COLUMNS, lefts, cells, strict=True):
            x = left + pad_x
            if attr == "grade":
                colour = style.CONFIDENCE_COLOURS.get(row.grade, style.UNKNOWN_COLOUR)
                side = 0.75 * line_h
                aspect = height_in / width_in
                ax.add_patch(
                    Rectangle(
                        (x, y - pad - side * 1.05),
                        side * aspect * 0.9,
                        side * 0.9,
                        facecolor=colour,
                        edgecolor="none",
                    )
                )
                x += side * aspect + 0.004
            plain_text(
                ax,
                x,
                y - pad,
                "\n".join(lines),
                ha="left",
                va="top",
                fontsize=fontsize,
                linespacing=LINE_SPACING,
                fontweight="bold" if attr == "number" else "normal",
                color="#111111",
            )
        y -= height
        ax.plot([0, 1], [y, y], color="#CCCCCC", linewidth=0.4)
        index += 1
    return index
