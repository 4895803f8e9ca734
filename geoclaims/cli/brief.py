"""``geoclaims brief``: a print-ready page (PNG, PDF, SVG) of claims on a map."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape

from geoclaims.cli import DataOpt, OutletOpt, PublishedOpt, _open, app, err


@app.command("brief")
def brief_cli(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help="Documents (.txt/.html, .jsonl, folders), extractions (.json), "
            "exports (.geojson, .gpkg, .parquet, .csv) or stores."
        ),
    ],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Output file: .png, .pdf or .svg.")
    ],
    title: Annotated[Optional[str], typer.Option(help="Page title.")] = None,  # noqa: UP045
    outlet: OutletOpt = None,
    published: PublishedOpt = None,
    data: DataOpt = None,
) -> None:
    """Render a briefing page: claims map, legend, credits and a table of claims.

    A PDF gets the map on page 1 and the full table on the pages after it; PNG and
    SVG hold one page with as many claims under the map as fit.
    """
    from geoclaims.maps.static import render_brief

    gaz = _open(data)
    written = render_brief(
        inputs, output, title=title, gazetteer=gaz, outlet=outlet, published=published
    )
    err.print(f"-> {escape(str(written))}")
