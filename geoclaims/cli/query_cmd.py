"""``geoclaims query``: select claims of a store or claims file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape

from geoclaims.cli import DataOpt, _open, app, err


@app.command("query")
def query_cli(
    store: Annotated[Path, typer.Argument(
        help="A claims store (extract --store) or claims file (extract -o: .geojson "
        ".gpkg .parquet .csv .json).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Result file (.geojson ...).")],
    within: Annotated[Optional[str], typer.Option(help="Region name or ISO code.")] = None,  # noqa: UP045
    near: Annotated[Optional[str], typer.Option(help="Place name.")] = None,  # noqa: UP045
    km: Annotated[float, typer.Option(help="Radius for --near / --border, km.")] = 25.0,
    border: Annotated[
        Optional[str], typer.Option(help="Two ISO codes, e.g. RU-UA.")  # noqa: UP045
    ] = None,
    source: Annotated[
        Optional[str], typer.Option(  # noqa: UP045
            help="Source: part of a name as the text or the canonical name gives it, "
                 "or an alias (GUR, Minoborony).")
    ] = None,
    confidence: Annotated[
        Optional[str], typer.Option(help="At least this grade (confirmed ... denied).")  # noqa: UP045
    ] = None,
    since: Annotated[Optional[str], typer.Option(help="Event date from, YYYY-MM-DD.")] = None,  # noqa: UP045
    until: Annotated[Optional[str], typer.Option(help="Event date to, YYYY-MM-DD.")] = None,  # noqa: UP045
    precision_max: Annotated[Optional[int], typer.Option(  # noqa: UP045
        "--precision-max", min=1, max=7,
        help="Keep claims located at least this precisely (UCDP GED code: 1 exact, "
             "2 within 25 km, 3 district, 4 province, 5 region or border, 6 country, "
             "7 at sea).")] = None,
    data: DataOpt = None,
) -> None:
    """Select claims (store or file) by place, distance, border, source, grade, date, precision."""
    from geoclaims._io import check_output_directory
    from geoclaims.inputs import read_claims_file
    from geoclaims.store import query as q
    from geoclaims.store.io import check_frame_format, write_frame

    check_frame_format(output)
    check_output_directory(output)
    gdf = read_claims_file(store)
    needs_gazetteer = within or near or border
    gaz = _open(data) if needs_gazetteer else None
    if within:
        gdf = q.within(gdf, within, gazetteer=gaz)
    if near:
        gdf = q.near(gdf, near, km=km, gazetteer=gaz)
    if border:
        a, _, b = border.partition("-")
        gdf = q.near_border(gdf, a, b, km=km, gazetteer=gaz)
    if source:
        gdf = q.by_source(gdf, source)
    if confidence:
        gdf = q.by_confidence(gdf, at_least=confidence)
    if since or until:
        gdf = q.between(gdf, since, until)
    if precision_max is not None:
        gdf = q.by_precision(gdf, precision_max)
    write_frame(gdf, output)
    err.print(f"{len(gdf)} rows -> {escape(str(output))}")
