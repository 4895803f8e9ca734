"""Command-line interface: thin typer wrappers over the library functions."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from geoclaims.errors import GeoclaimsError

if TYPE_CHECKING:
    from geoclaims.pipeline import Report
    from geoclaims.places.gazetteer import Gazetteer
    from geoclaims.places.resolve import Resolution

app = typer.Typer(
    help="Turn news text into a map of claims: offline geoparsing and evaluation.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
gazetteer_app = typer.Typer(help="Build and inspect the offline gazetteer.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")

err = Console(stderr=True)
# Piped output keeps whole cells (rich would assume 80 columns and cut ids short).
out = Console(width=None if Console().is_terminal else 200)
_state = {"debug": False}

DataOpt = Annotated[
    Optional[Path],  # noqa: UP045 (typer needs Optional on 3.11)
    typer.Option("--data",
                 help="Gazetteer file or directory (default: GEOCLAIMS_DATA or user dir)."),
]
#: Metadata defaults for documents whose sidecar or JSONL record lacks them.
OutletOpt = Annotated[Optional[str], typer.Option(help="Publishing outlet.")]  # noqa: UP045
PublishedOpt = Annotated[
    Optional[str], typer.Option(help="Publication date, YYYY-MM-DD.")  # noqa: UP045
]


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    _state["debug"] = debug


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def _open(data: Path | None) -> Gazetteer:
    from geoclaims.places.gazetteer import Gazetteer

    return Gazetteer.open(data)


@gazetteer_app.command("info")
def gazetteer_info_cli(data: DataOpt = None) -> None:
    """Print the gazetteer's location, versions, sources and counts."""
    t0 = time.perf_counter()
    gaz = _open(data)
    info = gaz.info()
    info["open_seconds"] = round(time.perf_counter() - t0, 3)
    out.print_json(json.dumps(info, default=str))


@gazetteer_app.command("lookup")
def gazetteer_lookup_cli(
    name: Annotated[str, typer.Argument(help="A place name, any script.")],
    limit: Annotated[int, typer.Option(help="How many candidates to print.")] = 10,
    data: DataOpt = None,
) -> None:
    """Print the ranked gazetteer candidates for a name."""
    from geoclaims.places.geoparse import geoparse

    gaz = _open(data)
    res = geoparse(name, gazetteer=gaz, spans=[(0, len(name))])[0]
    if not res.candidates:
        err.print(f"no gazetteer entry for {escape(name)!r}")
        raise typer.Exit(1)
    table = Table("rank", "geonameid", "name", "geonames name", "kind", "country", "admin1",
                  "lat", "lon", "population", "score")
    for k, c in enumerate(res.candidates[:limit], start=1):
        p = c.place
        table.add_row(str(k), str(p.geonameid), escape(p.display_name), escape(p.name),
                      p.kind, p.country_code,
                      p.admin1_code, _num(p.lat), _num(p.lon), f"{p.population:,}",
                      f"{c.score:.2f}")
    out.print(table)


@app.command("geoparse")
def geoparse_cli(
    corpus: Annotated[Path, typer.Argument(help="JSONL with doc_id and text per line.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Predictions JSONL.")],
    gold_spans: Annotated[bool, typer.Option(
        "--gold-spans", help="Resolve the given toponym spans only.")] = False,
    data: DataOpt = None,
) -> None:
    """Geoparse a corpus into one JSON line of toponyms per document."""
    from rich.progress import track

    from geoclaims._io import atomic_write, iter_jsonl_lines
    from geoclaims.places.geoparse import geoparse_corpus

    gaz = _open(data)
    docs = list(iter_jsonl_lines(corpus, required=("text",)))
    preds = geoparse_corpus(
        track(docs, description="geoparsing", console=err, disable=not err.is_terminal),
        gazetteer=gaz, gold_spans=gold_spans, path=corpus,
    )
    with atomic_write(output) as handle:
        for rec in preds:
            handle.write(json.dumps(rec, ensure_ascii=False) + "\n")
    err.print(f"{len(docs)} documents -> {escape(str(output))}")


def _claim_predictions(corpus: Path, data: Path | None) -> dict[str, list[dict[str, Any]]]:
    """Claims of geoclaims on a corpus, given only each document's text and metadata."""
    from geoclaims._io import iter_jsonl_lines
    from geoclaims.claims.export import claim_record
    from geoclaims.pipeline import analyze

    gaz = _open(data)
    preds = {}
    for _line, rec in iter_jsonl_lines(corpus, required=("doc_id", "text")):
        report = analyze(rec["text"], doc_id=str(rec["doc_id"]), outlet=rec.get("outlet"),
                         published=rec.get("published"), gazetteer=gaz)
        preds[str(rec["doc_id"])] = [claim_record(c, report.footprints) for c in report.claims]
    return preds


@app.command("eval")
def eval_cli(
    corpus: Annotated[Path, typer.Argument(help="Gold JSONL corpus.")],
    pred_file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Argument(
            metavar="PRED",
            help="Predictions to score (as --pred): toponyms JSONL, or claims-jsonl "
            "for claims and polnear. Default: run geoclaims on the corpus."),
    ] = None,
    gold_spans: Annotated[bool, typer.Option(
        "--gold-spans", help="Resolution with gold spans.")] = False,
    task: Annotated[str, typer.Option(
        "--task", help="toponyms, claims (news corpora) or polnear (PolNeAR).")] = "toponyms",
    pred: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--pred", help="Score these predictions instead of running geoclaims."),
    ] = None,
    markdown: Annotated[bool, typer.Option(
        "--markdown", help="Print markdown tables (claims, polnear).")] = False,
    data: DataOpt = None,
) -> None:
    """Score geoclaims on a gold corpus: toponyms (P/R/F1, acc@161 km, AUC), claims or
    PolNeAR attributions (content recall, precision, source and cue accuracy).

    Without predictions, geoclaims analyses the corpus itself, given only each
    document's doc_id, text, outlet and published date.
    """
    from geoclaims._io import iter_jsonl_lines
    from geoclaims.errors import ConfigurationError

    if pred_file is not None and pred is not None:
        raise ConfigurationError("give the predictions once: PRED or --pred, not both")
    pred = pred_file if pred_file is not None else pred
    if task in ("claims", "polnear"):
        from geoclaims.evaluation import tables
        from geoclaims.evaluation.claims import evaluate_claims
        from geoclaims.evaluation.polnear import evaluate_polnear

        evaluate, to_markdown = (
            (evaluate_claims, tables.format_claims_markdown) if task == "claims"
            else (evaluate_polnear, tables.format_polnear_markdown)
        )
        result = evaluate(corpus, pred if pred is not None else _claim_predictions(corpus, data))
        if markdown:
            print(to_markdown(result))
        else:
            out.print_json(json.dumps(result))
        return
    if task != "toponyms":
        raise ConfigurationError(f"unknown --task {task!r}; use toponyms, claims or polnear")
    from geoclaims.evaluation.toponyms import evaluate_predictions
    from geoclaims.places.geoparse import geoparse_corpus

    if pred is None:
        gaz = _open(data)
        docs = iter_jsonl_lines(corpus, required=("text",))
        preds = {r["doc_id"]: r["toponyms"] for r in geoparse_corpus(
            docs, gazetteer=gaz, gold_spans=gold_spans, path=corpus)}
        result = evaluate_predictions(corpus, preds, gold_spans=gold_spans)
    else:
        result = evaluate_predictions(corpus, pred, gold_spans=gold_spans)
    out.print_json(json.dumps(result))


@app.command("places")
def places_cli(
    files: Annotated[list[Path], typer.Argument(help="UTF-8 text files.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    data: DataOpt = None,
) -> None:
    """Find and resolve the places of text files."""
    from geoclaims._io import read_text_file
    from geoclaims.places.geoparse import geoparse, toponym_record
    from geoclaims.text.language import detect_language

    gaz = _open(data)
    for file in files:
        text = read_text_file(file)
        language = detect_language(text)
        if not language.supported and not language.reason.startswith("only "):
            err.print(f"[yellow]{escape(str(file))}: unsupported language: "
                      f"{escape(language.reason)}[/]")
        res = geoparse(text, gazetteer=gaz)
        if as_json:
            print(json.dumps({"file": str(file), "toponyms": [toponym_record(r) for r in res]},
                             ensure_ascii=False))
            continue
        out.print(_places_table(res, str(file)))


@app.command("analyze")
def analyze_cli(
    files: Annotated[list[Path], typer.Argument(help="UTF-8 text files.")],
    outlet: OutletOpt = None,
    published: PublishedOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    data: DataOpt = None,
) -> None:
    """Find places and spatial expressions and build their footprints."""
    from geoclaims._io import read_text_file
    from geoclaims.pipeline import analyze

    gaz = _open(data)
    for file in files:
        report = _noted(analyze(read_text_file(file), doc_id=file.stem, outlet=outlet,
                                published=published, gazetteer=gaz))
        if as_json:
            print(json.dumps(_report_json(report), ensure_ascii=False))
        else:
            _print_report(report, str(file))


def _noted(report: Report) -> Report:
    """``report``, after its language note (an unsupported language) went to stderr."""
    note = (report.meta or {}).get("language_note")
    if note:
        err.print(f"[yellow]{escape(report.doc_id or '(document)')}: {escape(note)}[/]")
    return report


def _report_json(report: Report) -> dict[str, Any]:
    from geoclaims.places.geoparse import toponym_record

    return {
        "doc_id": report.doc_id,
        "gazetteer_version": report.gazetteer_version,
        "toponyms": [toponym_record(r) for r in report.resolutions],
        "spatial_expressions": [
            {"start": e.start, "end": e.end, "text": e.text, "relation": e.relation,
             "problems": list(e.problems)}
            for e in report.expressions
        ],
        "footprints": [
            {"start": f.expression.start if f.expression else None, "rule": f.rule,
             "relation": f.relation, "anchors": list(f.anchors), "params": f.params,
             "area_km2": f.area_km2, "uncertainty_km": f.uncertainty_km,
             "precision_class": f.precision_class,
             "location_precision": f.location_precision, "geometry": f.__geo_interface__}
            for f in report.footprints
        ],
    }


def _places_table(resolutions: Sequence[Resolution], title: str) -> Table:
    """Mentions and the places they resolve to, one row each (text escaped)."""
    table = Table("offset", "mention", "geonameid", "resolved to", "geonames name", "kind",
                  "country", "lat", "lon", "score", title=escape(title))
    for r in resolutions:
        p = r.place
        table.add_row(
            str(r.mention.start), escape(r.mention.text),
            "" if p is None else str(p.geonameid),
            "" if p is None else escape(p.display_name),
            "" if p is None or p.name == p.display_name else escape(p.name),
            "" if p is None else p.kind, "" if p is None else p.country_code,
            "" if p is None else _num(p.lat), "" if p is None else _num(p.lon),
            f"{r.score:.2f}",
        )
    return table


def _print_report(report: Report, title: str) -> None:
    out.print(_places_table(report.resolutions, f"{title}: places"))
    # Named regions (Donbas) have no GeoNames id: they are listed by name.
    regions = {
        str(r.place.geonameid): r.place.display_name
        for r in report.resolutions
        if r.place is not None and r.place.geonames_id is None
    }
    by_start = {f.expression.start: f for f in report.footprints if f.expression}
    table = Table("offset", "expression", "rule", "anchors", "area km²", "± km", "class",
                  "note", title=escape(f"{title}: spatial expressions -> footprints"))
    for e in report.expressions:
        f = by_start.get(e.start)
        table.add_row(
            str(e.start), escape(e.text), "" if f is None else f.rule,
            "" if f is None else escape(", ".join(regions.get(a, a) for a in f.anchors)),
            "" if f is None else f"{f.area_km2:,.0f}",
            "" if f is None else f"{f.uncertainty_km:.1f}",
            "" if f is None else str(f.precision_class),
            escape("; ".join(e.problems)),
        )
    out.print(table)
    table = Table("offset", "claim", "sources (outlet -> cited)", "grade", "cues",
                  "likelihood", "date", "places", title=escape(f"{title}: claims"))
    for c in report.claims:
        statement = c.statement if len(c.statement) <= 90 else c.statement[:87] + "..."
        table.add_row(
            str(c.start), escape(statement),
            escape(" -> ".join([s.name for s in c.sources[:1]] + list(c.canonical_sources))),
            c.confidence.value, escape(", ".join(c.cues)), escape(c.likelihood or ""),
            escape(c.event_date or ""),
            escape(", ".join(regions.get(str(g), str(g)) for g in c.places)),
        )
    out.print(table)


def _usable_cpus() -> int:
    """CPUs this process may run on (its affinity mask, else the machine's count)."""
    import os

    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


#: Formats of ``extract -o`` besides the claim tables of ``store.io``: suffix -> name.
REPORT_FORMATS = {".jsonl": "claims-jsonl", ".json": "json"}


def _extract_format(output: Path, fmt: str) -> str:
    """The ``--format`` of ``extract -o OUTPUT``: given, or told by the suffix."""
    from geoclaims.errors import ConfigurationError
    from geoclaims.store.io import SUPPORTED_FORMATS

    formats = {**REPORT_FORMATS, **SUPPORTED_FORMATS}
    listing = ", ".join(f"{suffix} ({name})" for suffix, name in formats.items())
    if fmt:
        if fmt not in formats.values():
            raise ConfigurationError(f"unknown --format {fmt!r}; formats: {listing}")
        return fmt
    name = formats.get(output.suffix.lower())
    if name is None:
        error = ConfigurationError(
            f"cannot tell the output format of {str(output)!r} from its suffix "
            f"{output.suffix or '(none)'!r}; formats: {listing}"
        )
        error.hint = "name the file with one of these suffixes, or pass --format"
        raise error
    return name


@app.command("extract")
def extract_cli(
    inputs: Annotated[list[Path], typer.Argument(
        help="Text files (NAME.meta.json beside) or JSONL.")],
    output: Annotated[
        Optional[Path], typer.Option("-o", "--output", help="Output file.")  # noqa: UP045
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="claims-jsonl or json.")] = "",
    store: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--store", help="Add the claims to this store (one file per doc_id)."),
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1,
                         help="Worker processes (with --store; at most the CPU count).")
    ] = 1,
    scheduler: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--scheduler", help="Dask scheduler address, tcp://HOST:PORT (with --store)."),
    ] = None,
    errors: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--errors", help="Log of failed documents (default STORE/_errors.jsonl)."),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option("--resume/--no-resume", help="Skip documents already in the store."),
    ] = True,
    outlet: OutletOpt = None,
    published: PublishedOpt = None,
    data: DataOpt = None,
) -> None:
    """Extract claims (with places and footprints) from documents.

    ``--store DIR`` alone runs a corpus extraction (``geoclaims.corpus.extract_corpus``):
    documents are streamed, analysed by ``--jobs`` processes or the workers of a Dask
    ``--scheduler``, and stored as they finish; a document that fails is logged to
    ``--errors`` and the run goes on; a rerun (also after Ctrl-C or a crash) skips the
    documents already stored. Export the store with ``geoclaims query DIR -o FILE``.

    ``-o FILE`` analyses in this process. ``--format json`` writes complete reports
    that read back losslessly (``geoclaims.report_io.read_reports``); ``claims-jsonl``
    writes one line of claims per document for scoring and other tools; ``.geojson``,
    ``.gpkg``, ``.parquet`` and ``.csv`` (WKT) write one row per claim and footprint
    (``geoclaims.store.frames``). With ``--store`` as well, the reports are also added
    to the store.
    """
    from geoclaims._io import atomic_write, check_output_directory
    from geoclaims.claims.export import claim_record
    from geoclaims.errors import ConfigurationError
    from geoclaims.pipeline import analyze

    if output is None and store is None:
        raise ConfigurationError("give -o FILE, --store DIR, or both")
    if published is not None:
        from geoclaims.errors import InputError
        from geoclaims.text.dates import parse_published

        try:
            parse_published(published)
        except InputError as bad:
            raise ConfigurationError(f"--published: {bad}") from bad
    if output is None:
        assert store is not None  # checked above
        from geoclaims.corpus import extract_corpus
        from geoclaims.errors import ExtractionInterrupted

        cpus = _usable_cpus()
        if jobs > cpus:
            # More processes than CPUs only add memory (a gazetteer each) and
            # contention, never speed.
            err.print(f"--jobs {jobs} is more than the {cpus} CPUs this process may "
                      f"use; running {cpus} worker processes")
            jobs = cpus
        try:
            result = extract_corpus(
                inputs, store=store, jobs=jobs, scheduler=scheduler, outlet=outlet,
                published=published, errors_path=errors, resume=resume, data=data,
            )
        except ExtractionInterrupted as stop:
            err.print(f"[bold red]{escape(str(stop))}[/]")
            # The shell's convention: 128 + the signal (130 Ctrl-C, 143 SIGTERM).
            raise typer.Exit(128 + stop.signum) from None
        err.print(escape(f"{result.summary()} -> store {store}"))
        return
    if jobs != 1 or scheduler or errors or not resume:
        raise ConfigurationError(
            "--jobs, --scheduler, --errors and --no-resume work with --store DIR alone: "
            "extract into a store, then export it with `geoclaims query DIR -o FILE`"
        )
    fmt = _extract_format(output, fmt)
    check_output_directory(output)
    from rich.progress import track

    from geoclaims.documents import check_documents, iter_documents

    gaz = _open(data)
    docs = track(
        check_documents(iter_documents(inputs, outlet=outlet, published=published)),
        description="extracting", console=err, disable=not err.is_terminal,
    )
    analysed = (_noted(analyze(doc.text, gazetteer=gaz, **doc.analyze_kwargs()))
                for doc in docs)
    if fmt == "claims-jsonl":
        with atomic_write(output) as handle:
            for report in analysed:
                record = {"doc_id": report.doc_id,
                          "claims": [claim_record(c, report.footprints) for c in report.claims]}
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        from geoclaims.report_io import write_reports

        reports = list(analysed)
        if store is not None:
            from geoclaims.store.dataset import append_reports

            append_reports(store, reports)
        if fmt == "json":
            write_reports(reports, output)
        else:
            from geoclaims.store.frames import to_geodataframe
            from geoclaims.store.io import write_frame

            write_frame(to_geodataframe(reports), output, format=fmt)
    err.print(f"-> {escape(str(output))}")


@app.command("example")
def example_cli(
    map_path: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--map", help="Also write a self-contained map of the example (.html)."),
    ] = None,
    data: DataOpt = None,
) -> None:
    """Analyze the built-in example article (places, footprints, claims); optionally map it."""
    from importlib import resources

    path = Path(str(resources.files("geoclaims") / "data" / "example.txt"))
    meta = json.loads(path.with_name("example.meta.json").read_text(encoding="utf-8"))
    if map_path is not None:
        from geoclaims.maps.interactive import check_map_path

        check_map_path(map_path)
    analyze_cli([path], outlet=meta["outlet"], published=meta["published"], as_json=False,
                data=data)
    if map_path is not None:
        from geoclaims.maps.interactive import render_map, save_map

        m = render_map([path], title="geoclaims example", offline=True, gazetteer=_open(data),
                       outlet=meta["outlet"], published=meta["published"])
        save_map(m, map_path)
        err.print(f"map -> {escape(str(map_path))} (self-contained; open it in a browser)")


def main() -> None:
    """Entry point of the ``geoclaims`` console script."""
    try:
        app()
    except GeoclaimsError as exc:
        if _state["debug"]:
            raise
        err.print(f"[bold red]error:[/] {escape(str(exc))}")
        if exc.hint and exc.hint not in str(exc):
            err.print(f"hint: {escape(exc.hint)}")
        sys.exit(1)


# Commands kept in their own modules register themselves on ``app`` when imported.
from geoclaims.cli import brief as _brief  # noqa: E402,F401  (registers `geoclaims brief`)
from geoclaims.cli import gazetteer_build as _gazetteer_build  # noqa: E402, F401
from geoclaims.cli import map_cmd as _map_cmd  # noqa: E402, F401
from geoclaims.cli import query_cmd as _query_cmd  # noqa: E402, F401
