"""``geoclaims map``: an interactive HTML map of claims."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape

from geoclaims.cli import DataOpt, OutletOpt, PublishedOpt, _open, app, err


@app.command("map")
def map_cli(
    inputs: Annotated[list[Path], typer.Argument(
        help="Documents (.txt/.html/.jsonl, directories) or saved results "
             "(out.json, .geojson, .gpkg, .parquet, a store).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Map file (.html).")],
    title: Annotated[Optional[str], typer.Option(help="Map title.")] = None,  # noqa: UP045
    offline: Annotated[bool, typer.Option(
        "--offline", help="Self-contained HTML: inline scripts, basemap from the gazetteer."
    )] = False,
    tiles: Annotated[str, typer.Option(
        help="Online tile set: a name (OpenStreetMap, OpenTopoMap, ...) or an http(s) URL "
             "with {z}/{x}/{y}."
    )] = "OpenStreetMap",
    attribution: Annotated[Optional[str], typer.Option(  # noqa: UP045
        help="Credit line for --tiles given as a URL (plain text)."
    )] = None,
    outlet: OutletOpt = None,
    published: PublishedOpt = None,
    data: DataOpt = None,
) -> None:
    """Draw claims on a map with layers by source, confidence and date."""
    from geoclaims.maps.interactive import check_map_path, render_map, save_map

    check_map_path(output)
    gaz = _open(data)
    m = render_map(inputs, title=title, offline=offline, tiles=tiles,
                   attribution=attribution, gazetteer=gaz, outlet=outlet,
                   published=published)
    path = save_map(m, output)
    size_kb = path.stat().st_size / 1024
    err.print(f"map -> {escape(str(path))} ({size_kb:,.0f} KB{', offline' if offline else ''})")
