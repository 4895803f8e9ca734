"""``geoclaims gazetteer build``: compile the gazetteer, optionally with GeoNames dumps."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.text import Text

from geoclaims.cli import DataOpt, err, gazetteer_app

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.progress import Task


class _Sized(ProgressColumn):
    """A column shown only for tasks with a size (the dump files, not the stages)."""

    def __init__(self, column: ProgressColumn) -> None:
        self.column = column
        super().__init__()

    def render(self, task: Task) -> RenderableType:
        return self.column.render(task) if task.total is not None else Text("")


@gazetteer_app.command("build")
def gazetteer_build_cli(
    more: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Argument(metavar="FILE", show_default=False,
                       help="More GeoNames dump files (after --geonames FILE)."),
    ] = None,
    data: DataOpt = None,
    admin1: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--admin1",
                     help="Real admin-1 boundary file (Natural Earth admin-1 GeoPackage)."),
    ] = None,
    geonames: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Option("--geonames", metavar="FILE",
                     help="GeoNames dump to import: allCountries.zip, XX.zip, citiesN.zip, "
                     "alternateNamesV2.zip, hierarchy.zip, or their .txt."),
    ] = None,
) -> None:
    """Compile the gazetteer from the installed source packages (no network).

    With ``--geonames FILE...``, GeoNames dump files are imported into it as well:
    every feature class, with GeoNames' own coordinates, codes, population and names.
    """
    from geoclaims import config
    from geoclaims.errors import ConfigurationError
    from geoclaims.places.build import build_gazetteer

    if more and not geonames:
        raise ConfigurationError(
            f"{str(more[0])!r}: `gazetteer build` takes files only after --geonames",
            hint="write `geoclaims gazetteer build --geonames FILE...`",
        )
    files = [*(geonames or []), *(more or [])]
    target = config.gazetteer_path(data, must_exist=False)
    live = err.is_terminal
    columns = (
        SpinnerColumn(), TextColumn("{task.description}"), _Sized(BarColumn()),
        _Sized(DownloadColumn()), _Sized(TransferSpeedColumn()),
        _Sized(TimeRemainingColumn()),
    )
    with Progress(*columns, console=err, disable=not live) as bar:
        stage = bar.add_task("building gazetteer", total=None)
        tasks: dict[str, TaskID] = {}

        def say(message: str) -> None:
            bar.update(stage, description=escape(message))
            if not live:
                err.print(escape(message))

        def on_bytes(name: str, done: int, total: int) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(escape(name), total=total)
            bar.update(tasks[name], completed=done, total=total)

        try:
            path = build_gazetteer(target, admin1=admin1, geonames=files, progress=say,
                                   read_progress=on_bytes)
        except KeyboardInterrupt:
            bar.stop()
            err.print(f"[bold red]interrupted[/]: {escape(str(target))} was left as it was")
            raise typer.Exit(130) from None
    err.print(f"gazetteer written to {escape(str(path))}")
