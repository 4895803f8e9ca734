"""Tests of the command line through the real entry points (subprocess).

Both ``geoclaims ...`` (the console script) and ``python -m geoclaims ...`` are run,
with ``GEOCLAIMS_DATA`` pointing at the session gazetteer. Output goes to a pipe, as
in a shell pipeline, so rich sees a non-terminal of its default width.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from geoclaims import config
from geoclaims.places.gazetteer import Gazetteer

SCRIPT = shutil.which(
    "geoclaims", path=str(Path(sys.executable).parent)
) or shutil.which("geoclaims")
ENTRY_POINTS = [
    pytest.param([SCRIPT], id="script"),
    pytest.param([sys.executable, "-m", "geoclaims"], id="module"),
]


def run(
    entry: list[str],
    *args: str,
    data: Path,
    cwd: Path | None = None,
    columns: int | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the CLI with GEOCLAIMS_DATA=``data``; stdout and stderr captured as text."""
    assert entry[0], "the geoclaims console script is not installed"
    env = {k: v for k, v in os.environ.items() if k not in {"COLUMNS", "LINES", "CI"}}
    env[config.DATA_ENV] = str(data)
    if columns is not None:
        env["COLUMNS"] = str(columns)
    return subprocess.run(
        [*entry, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def flat(text: str) -> str:
    """Collapse the line wrapping rich applies at 80 columns."""
    return " ".join(text.split())


@pytest.fixture
def data(gazetteer: Gazetteer) -> Path:
    """Directory of the session gazetteer, for GEOCLAIMS_DATA."""
    return gazetteer.path.parent


ARTICLE = "Troops entered Sudzha in the Kursk region.\nOfficials in Kyiv said.\n"
CORPUS = [
    {"doc_id": "a", "text": "Troops entered Sudzha in the Kursk region."},
    {"doc_id": "b", "text": "Officials in Kyiv and Warsaw met in Berlin."},
    {"doc_id": "c", "text": "Nothing to see here."},
]


def write_jsonl(path: Path, records: list[dict[str, object]], extra: str = "") -> Path:
    """Write records one per line, then ``extra`` verbatim."""
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    path.write_text(lines + extra, encoding="utf-8")
    return path


# -- help and usage ---------------------------------------------------------------


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--help"], ["geoparse", "eval", "places", "gazetteer"]),
        (["gazetteer", "--help"], ["build", "info", "lookup"]),
        (["geoparse", "--help"], ["--output", "--gold-spans"]),
    ],
)
def test_cli_help_exits_zero(
    entry: list[str], args: list[str], words: list[str], data: Path
) -> None:
    proc = run(entry, *args, data=data)
    assert proc.returncode == 0, proc.stderr
    for word in words:
        assert word in proc.stdout


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize(
    "args", [["geoparse"], ["no-such-command"], ["places", "--bogus"]]
)
def test_cli_usage_error_exits_two(
    entry: list[str], args: list[str], data: Path
) -> None:
    proc = run(entry, *args, data=data)
    assert proc.returncode == 2
    assert "Usage" in proc.stderr or "Usage" in proc.stdout


# -- gazetteer --------------------------------------------------------------------


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_cli_gazetteer_info_prints_json(
    entry: list[str], data: Path, gazetteer: Gazetteer
) -> None:
    proc = run(entry, "gazetteer", "info", data=data)
    assert proc.returncode == 0, proc.stderr
    info = json.loads(proc.stdout)
    assert info["schema_version"] == str(config.GAZETTEER_SCHEMA_VERSION)
    assert info["path"] == str(gazetteer.path)
    assert info["places"]["country"] > 190


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_cli_gazetteer_lookup_wide_terminal(entry: list[str], data: Path) -> None:
    proc = run(entry, "gazetteer", "lookup", "Sudzha", data=data, columns=200)
    assert proc.returncode == 0, proc.stderr
    assert "486816" in proc.stdout
    assert "Sudzha" in proc.stdout


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_cli_gazetteer_lookup_piped(entry: list[str], data: Path) -> None:
    proc = run(entry, "gazetteer", "lookup", "Sudzha", data=data)
    assert proc.returncode == 0, proc.stderr
    assert "486816" in proc.stdout


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_cli_gazetteer_lookup_unknown_exits_one(entry: list[str], data: Path) -> None:
    proc = run(entry, "gazetteer", "lookup", "Qwxzyville", data=data)
    assert proc.returncode == 1
    assert "Qwxzyville" in proc.stderr


# -- places -----------------------------------------------------------------------


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_cli_places_json(entry: list[str], data: Path, tmp_path: Path) -> None:
    first = tmp_path / "article.txt"
    first.write_text(ARTICLE, encoding="utf-8")
    second = tmp_path / "empty.txt"
    second.write_text("", encoding="utf-8")
    proc = run(entry, "places", str(first), str(second), "--json", data=data)
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [rec["file"] for rec in lines] == [str(first), str(second)]
    tops = lines[0]["toponyms"]
    assert [(t["name"], t["geonameid"]) for t in tops] == [
        ("Sudzha", 486816),
        ("Kursk", 538555),
        ("Kyiv", tops[2]["geonameid"]),
    ]
    for t in tops:
        assert ARTICLE[t["start"] : t["end"]] == t["name"]
    assert lines[1]["toponyms"] == []


BELARUSIAN = "Абстрэл Курскай вобласці працягваўся, заявіў губернатар. Войскі ўвайшлі ў Мінск."


def test_cli_unsupported_language_is_noted(data: Path, tmp_path: Path) -> None:
    doc = tmp_path / "by.txt"
    doc.write_text(BELARUSIAN, encoding="utf-8")
    places = run([SCRIPT], "places", str(doc), "--json", data=data)
    assert places.returncode == 0, places.stderr
    assert "unsupported language" in flat(places.stderr)
    assert json.loads(places.stdout)["toponyms"] == []
    out = tmp_path / "by.jsonl"
    extract = run([SCRIPT], "extract", str(doc), "-o", str(out), "--format", "claims-jsonl",
                  data=data)
    assert extract.returncode == 0, extract.stderr
    assert "by: unsupported language" in flat(extract.stderr)
    assert "no places or claims were read" in flat(extract.stderr)
    assert json.loads(out.read_text(encoding="utf-8"))["claims"] == []


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_cli_places_binary_file_exits_one(
    entry: list[str], data: Path, tmp_path: Path
) -> None:
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    proc = run(entry, "places", "photo.jpg", "--json", data=data, cwd=tmp_path)
    assert proc.returncode == 1
    assert "photo.jpg" in proc.stderr
    assert "byte offset 4" in flat(proc.stderr)
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_cli_places_missing_file_exits_one(
    entry: list[str], data: Path, tmp_path: Path
) -> None:
    proc = run(entry, "places", "absent.txt", data=data, cwd=tmp_path)
    assert proc.returncode == 1
    assert "absent.txt" in proc.stderr
    assert "not found" in proc.stderr


# -- geoparse -----------------------------------------------------------------------


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_cli_geoparse_writes_one_line_per_doc(
    entry: list[str], data: Path, tmp_path: Path
) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", CORPUS)
    out = tmp_path / "pred.jsonl"
    proc = run(entry, "geoparse", str(corpus), "-o", str(out), data=data)
    assert proc.returncode == 0, proc.stderr
    records = [
        json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()
    ]
    assert [r["doc_id"] for r in records] == ["a", "b", "c"]
    assert [t["geonameid"] for t in records[0]["toponyms"]] == [486816, 538555]
    assert [t["name"] for t in records[1]["toponyms"]] == ["Kyiv", "Warsaw", "Berlin"]
    assert records[2]["toponyms"] == []
    assert proc.stdout == ""  # data goes to the file, progress to stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.jsonl", "pred.jsonl"]


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize(
    ("extra", "line"),
    [
        ('{"doc_id": "d", "text": \n', 4),
        ("not json at all\n", 4),
        ('\n\n{"doc_id": "x"}\n', 6),
        ('\n{"doc_id": "n", "text": null}\n', 5),
    ],
)
def test_cli_geoparse_malformed_line_leaves_no_output(
    entry: list[str], data: Path, tmp_path: Path, extra: str, line: int
) -> None:
    write_jsonl(tmp_path / "bad.jsonl", CORPUS, extra=extra)
    proc = run(
        entry, "geoparse", "bad.jsonl", "-o", "pred.jsonl", data=data, cwd=tmp_path
    )
    assert proc.returncode == 1
    assert f"bad.jsonl:{line}:" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "pred.jsonl").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.jsonl"]


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_cli_geoparse_keeps_old_output_on_error(
    entry: list[str], data: Path, tmp_path: Path
) -> None:
    write_jsonl(tmp_path / "bad.jsonl", CORPUS, extra="{oops\n")
    (tmp_path / "pred.jsonl").write_text("previous run\n", encoding="utf-8")
    proc = run(
        entry, "geoparse", "bad.jsonl", "-o", "pred.jsonl", data=data, cwd=tmp_path
    )
    assert proc.returncode == 1
    assert (tmp_path / "pred.jsonl").read_text(encoding="utf-8") == "previous run\n"


# -- eval -----------------------------------------------------------------------------


GOLD = [
    {
        "doc_id": "g1",
        "text": "Officials in Kyiv said.",
        "toponyms": [
            {"start": 13, "end": 17, "name": "Kyiv", "lat": 50.45, "lon": 30.52}
        ],
    },
    {
        "doc_id": "g2",
        "text": "Troops entered Sudzha on Tuesday.",
        "toponyms": [
            {"start": 15, "end": 21, "name": "Sudzha", "lat": 51.19, "lon": 35.27}
        ],
    },
]


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("gold_spans", [False, True])
def test_cli_eval_prints_json(
    entry: list[str], data: Path, tmp_path: Path, gold_spans: bool
) -> None:
    gold = write_jsonl(tmp_path / "tiny_gold.jsonl", GOLD)
    args = ["eval", str(gold), *(["--gold-spans"] if gold_spans else [])]
    proc = run(entry, *args, data=data)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["corpus"] == "tiny_gold"
    assert result["resolution"]["n"] == 2
    assert result["resolution"]["accuracy_161"] == 1.0
    assert result["resolution"]["end_to_end"] is not gold_spans
    if gold_spans:
        assert result["recognition"] is None
    else:
        assert result["recognition"]["strict_f1"] == 1.0


#: A made-up PolNeAR article: one attribution (source, cue, content), one plain sentence.
POLNEAR_TEXT = "Mayor Ana Ruiz said the ferry will run on Sundays. The weather was mild."
POLNEAR_GOLD = {
    "doc_id": "p1",
    "text": POLNEAR_TEXT,
    "outlet": "Lakeside Courier",
    "published": "2016-05-02",
    "attributions": [
        {
            "id": "E1",
            "source": {"start": 0, "end": 14, "type": "person"},
            "cue": {"start": 15, "end": 19},
            "content": [{"start": 20, "end": 49}],
        }
    ],
}


def polnear_claim(*names: str, cues: list[str]) -> dict[str, object]:
    """A claims-jsonl claim over the first sentence of POLNEAR_TEXT."""
    return {
        "start": 0,
        "end": 50,
        "reporting_source": names[-1] if names else "Lakeside Courier",
        "cited_sources": list(names),
        "source_chain": ["Lakeside Courier", *names],
        "cues": cues,
        "confidence": "reported",
    }


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("as_option", [False, True])
def test_cli_eval_polnear_scores_a_predictions_file(
    entry: list[str], data: Path, tmp_path: Path, as_option: bool
) -> None:
    gold = write_jsonl(tmp_path / "tiny_polnear.jsonl", [POLNEAR_GOLD])
    claims = [polnear_claim("Ruiz", cues=["says"]), polnear_claim(cues=[])]
    pred = write_jsonl(tmp_path / "pred.jsonl", [{"doc_id": "p1", "claims": claims}])
    where = ["--pred", str(pred)] if as_option else [str(pred)]
    proc = run(entry, "eval", str(gold), *where, "--task", "polnear", data=data)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["corpus"] == "tiny_polnear"
    assert (result["n_pred"], result["n_pred_outlet_voice"]) == (1, 1)
    assert result["recall"] == result["source_accuracy"] == result["cue_accuracy"] == 1.0
    assert result["by_source_type"]["person"]["recall"] == 1.0


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_cli_eval_polnear_markdown(entry: list[str], data: Path, tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "tiny_polnear.jsonl", [POLNEAR_GOLD])
    claims = [polnear_claim("Bill Ruiz", cues=["hoped"])]
    pred = write_jsonl(tmp_path / "pred.jsonl", [{"doc_id": "p1", "claims": claims}])
    proc = run(entry, "eval", str(gold), str(pred), "--task", "polnear", "--markdown",
               data=data)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "| metric | tiny_polnear | n |"
    assert "| content recall | 1.000 | 1 |" in lines
    assert "| source accuracy | 0.000 | 1 |" in lines  # another Ruiz
    assert "| cue accuracy | 0.000 | 1 |" in lines
    assert "| speech | 1 | 1 | 1.000 | 0.000 |" in lines


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_cli_eval_polnear_runs_geoclaims_without_predictions(
    entry: list[str], data: Path, tmp_path: Path
) -> None:
    gold = write_jsonl(tmp_path / "tiny_polnear.jsonl", [POLNEAR_GOLD])
    proc = run(entry, "eval", str(gold), "--task", "polnear", data=data)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["n_gold"] == 1
    assert result["n_pred"] + result["n_pred_outlet_voice"] >= 1


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--task", "quotes"], "use toponyms, claims or polnear"),
        (["pred.jsonl", "--pred", "pred.jsonl", "--task", "polnear"], "PRED or --pred"),
    ],
)
def test_cli_eval_usage_errors_exit_one(
    entry: list[str], data: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    write_jsonl(tmp_path / "gold.jsonl", [POLNEAR_GOLD])
    write_jsonl(tmp_path / "pred.jsonl", [{"doc_id": "p1", "claims": []}])
    proc = run(entry, "eval", "gold.jsonl", *args, data=data, cwd=tmp_path)
    assert proc.returncode == 1
    assert message in flat(proc.stderr)
    assert "Traceback" not in proc.stderr


# -- errors ---------------------------------------------------------------------------


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize(
    "args",
    [
        ["gazetteer", "info"],
        ["gazetteer", "lookup", "Sudzha"],
        ["places", "article.txt"],
        ["geoparse", "corpus.jsonl", "-o", "out.jsonl"],
    ],
)
def test_cli_missing_gazetteer_hint(
    entry: list[str], tmp_path: Path, args: list[str]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    write_jsonl(tmp_path / "corpus.jsonl", CORPUS)
    proc = run(entry, *args, data=empty, cwd=tmp_path)
    assert proc.returncode == 1
    message = flat(proc.stderr)
    assert "Gazetteer not found" in message
    assert "`geoclaims gazetteer build`" in message
    assert "GEOCLAIMS_DATA" in message
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out.jsonl").exists()


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_cli_debug_shows_traceback(entry: list[str], tmp_path: Path) -> None:
    proc = run(entry, "--debug", "gazetteer", "info", data=tmp_path)
    assert proc.returncode == 1
    assert "Traceback" in proc.stderr
    assert "GazetteerNotFoundError" in proc.stderr


def test_cli_analyze_lists_a_named_region_by_name(data: Path, tmp_path: Path) -> None:
    article = tmp_path / "donbas.txt"
    article.write_text(
        "Ukrainian officials said on Monday that shelling hit towns in Darfur and "
        "Donbas region.\n",
        encoding="utf-8",
    )
    proc = run([SCRIPT], "analyze", str(article), data=data, columns=250)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    # A named region has no GeoNames id to show: anchors and places give its name.
    anchors = next(line for line in lines if "in_region" in line)
    assert "Darfur, Donbas" in anchors
    row = next(line for line in lines if "shelling" in line)
    assert "Darfur, Donbas" in row and "-" not in row.split("│")[-2]


# -- extract -o: clear errors instead of tracebacks (issue 12) -------------------------


def read_only_directory(tmp_path: Path) -> Path:
    """A real directory that refuses new files, also to root (who ignores chmod)."""
    if os.geteuid() != 0:
        ro = tmp_path / "read-only"
        ro.mkdir()
        ro.chmod(0o555)
        return ro
    # sysfs accepts no new files, whoever asks.
    sysfs = Path("/sys/kernel")
    if not sysfs.is_dir():
        pytest.skip("running as root without /sys: no directory refuses writes")
    return sysfs


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("name", ["out.json", "out.jsonl", "out.geojson", "out.gpkg"])
def test_cli_extract_into_read_only_directory_exits_one(
    entry: list[str], data: Path, tmp_path: Path, name: str
) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    target = read_only_directory(tmp_path) / name
    proc = run(
        entry, "extract", "article.txt", "-o", str(target), data=data, cwd=tmp_path
    )
    assert proc.returncode == 1
    message = flat(proc.stderr)
    assert f"cannot write to {str(target.parent)!r}" in message
    assert "permission denied" in message or "read-only" in message
    assert "writable" in message
    assert "Traceback" not in proc.stderr
    assert not target.exists()


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("name", ["out.json", "out.jsonl", "out.csv", "out.parquet"])
def test_cli_extract_into_an_existing_directory_exits_one(
    entry: list[str], data: Path, tmp_path: Path, name: str
) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / name).mkdir()
    proc = run(entry, "extract", "article.txt", "-o", name, data=data, cwd=tmp_path)
    assert proc.returncode == 1
    message = flat(proc.stderr)
    assert f"{name}: is a directory" in message
    assert "Traceback" not in proc.stderr
    assert list((tmp_path / name).iterdir()) == []


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize(("name", "suffix"), [("out.shp", ".shp"), ("out.xyz", ".xyz"),
                                              ("out", "(none)")])
def test_cli_extract_unknown_output_suffix_lists_the_formats(
    entry: list[str], data: Path, tmp_path: Path, name: str, suffix: str
) -> None:
    from geoclaims.cli import REPORT_FORMATS
    from geoclaims.store.io import SUPPORTED_FORMATS

    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    proc = run(entry, "extract", "article.txt", "-o", name, data=data, cwd=tmp_path)
    assert proc.returncode == 1
    message = flat(proc.stderr)
    assert f"suffix {suffix!r}" in message
    for ext, fmt in {**REPORT_FORMATS, **SUPPORTED_FORMATS}.items():
        assert f"{ext} ({fmt})" in message
    assert "--format" in message
    assert "Traceback" not in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt"]


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize(
    ("meta", "line", "words"),
    [
        ('{"outlet": 42}', 1, ["'outlet' must be a string, got int 42"]),
        ('{\n  "outlet": "RFA",\n  "url": ["x"]\n}', 3, ["'url' must be a string"]),
        ('{"doc_id": 7}', 1, ["'doc_id' must be a string, got int 7"]),
    ],
)
def test_cli_extract_sidecar_with_a_non_string_value_exits_one(
    entry: list[str], data: Path, tmp_path: Path, meta: str, line: int,
    words: list[str],
) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "article.meta.json").write_text(meta, encoding="utf-8")
    proc = run(entry, "extract", "article.txt", "-o", "out.geojson", data=data,
               cwd=tmp_path)
    assert proc.returncode == 1
    message = flat(proc.stderr)
    assert f"article.meta.json:{line}:" in message
    for word in words:
        assert word in message
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out.geojson").exists()


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize(
    ("published", "problem"),
    [
        ("yesterday", "is not an ISO date"),
        ("2024-13-45", "is not a valid calendar date"),
        ("20240101", "is not an ISO date"),
    ],
)
def test_cli_extract_bad_published_names_file_and_line(
    entry: list[str], data: Path, tmp_path: Path, published: str, problem: str
) -> None:
    bad = {"doc_id": "b", "text": CORPUS[1]["text"], "published": published}
    extra = "\n" + json.dumps(bad) + "\n"
    write_jsonl(tmp_path / "news.jsonl", [CORPUS[0]], extra=extra)
    proc = run(entry, "extract", "news.jsonl", "-o", "out.csv", data=data, cwd=tmp_path)
    assert proc.returncode == 1
    message = flat(proc.stderr)
    assert f"news.jsonl:3: Publication date {published!r} {problem}" in message
    assert "YYYY-MM-DD" in message
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("published", ["yesterday", "2024-13-45", "20240101"])
def test_cli_extract_bad_published_is_logged_in_store_mode(
    entry: list[str], data: Path, tmp_path: Path, published: str
) -> None:
    bad = {"doc_id": "b", "text": CORPUS[1]["text"], "published": published}
    write_jsonl(tmp_path / "news.jsonl", [CORPUS[0], bad, CORPUS[2]])
    proc = run(entry, "extract", "news.jsonl", "--store", "claims.store", data=data,
               cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "1 failed" in flat(proc.stderr)
    logged = [json.loads(line) for line in
              (tmp_path / "claims.store" / "_errors.jsonl").read_text().splitlines()]
    assert [(r["doc_id"], r["origin"]) for r in logged] == [("b", "news.jsonl:2")]
    assert repr(published) in logged[0]["message"]


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_cli_extract_bad_published_option_exits_one(
    entry: list[str], data: Path, tmp_path: Path
) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    proc = run(entry, "extract", "article.txt", "-o", "out.json", "--published",
               "yesterday", data=data, cwd=tmp_path)
    assert proc.returncode == 1
    assert "--published: Publication date 'yesterday'" in flat(proc.stderr)
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("name", ["out.jsonl", "out.json", "out.geojson"])
def test_cli_extract_repeated_doc_id_names_both_lines(
    entry: list[str], data: Path, tmp_path: Path, name: str
) -> None:
    again = {"doc_id": "a", "text": CORPUS[1]["text"]}
    write_jsonl(tmp_path / "news.jsonl", [*CORPUS, again])
    proc = run(entry, "extract", "news.jsonl", "-o", name, data=data, cwd=tmp_path)
    assert proc.returncode == 1
    message = flat(proc.stderr)
    assert "news.jsonl:4: doc_id 'a' was already used by the document at news.jsonl:1" \
        in message
    assert "own doc_id" in message
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize(
    ("doc_id", "problem"),
    [
        ("a\u0000b", "holds a NUL character"),
        ("", "is empty"),
        (42, "must be a string, got int 42"),
        (None, "must be a string, got NoneType None"),
        (["a"], "must be a string, got list"),
    ],
)
def test_cli_extract_bad_doc_id_exits_one(
    entry: list[str], data: Path, tmp_path: Path, doc_id: object, problem: str
) -> None:
    write_jsonl(tmp_path / "news.jsonl", [CORPUS[0], {"doc_id": doc_id, "text": "x"}])
    proc = run(entry, "extract", "news.jsonl", "-o", "out.gpkg", data=data,
               cwd=tmp_path)
    assert proc.returncode == 1
    message = flat(proc.stderr)
    assert "news.jsonl:2: 'doc_id'" in message
    assert problem in message
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out.gpkg").exists()


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("news.jsonl", lambda text: b"\xef\xbb\xbf" + text.encode("utf-8")),
        ("news.jsonl", lambda text: text.encode("utf-16")),
        ("news.txt", lambda text: text.encode("utf-16")),
    ],
    ids=["jsonl-utf-8-bom", "jsonl-utf-16-bom", "txt-utf-16-bom"],
)
def test_cli_extract_reads_byte_order_marked_input(
    entry: list[str], data: Path, tmp_path: Path, name: str, encode: object
) -> None:
    text = (json.dumps(CORPUS[0]) + "\n") if name.endswith(".jsonl") else ARTICLE
    (tmp_path / name).write_bytes(encode(text))  # type: ignore[operator]
    proc = run(entry, "extract", name, "-o", "out.jsonl", data=data, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    record = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))
    assert record["doc_id"] == ("a" if name.endswith(".jsonl") else "news")
    assert "Sudzha" in record["claims"][0]["statement"]


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("name", ["news.txt", "news.jsonl"])
def test_cli_extract_names_utf16_without_bom(
    entry: list[str], data: Path, tmp_path: Path, name: str
) -> None:
    text = (json.dumps(CORPUS[0]) + "\n") if name.endswith(".jsonl") else ARTICLE
    (tmp_path / name).write_bytes(text.encode("utf-16-le"))
    proc = run(entry, "extract", name, "-o", "out.jsonl", data=data, cwd=tmp_path)
    assert proc.returncode == 1
    message = flat(proc.stderr)
    assert f"{name}: UTF-16LE text without a byte-order mark" in message
    assert "iconv -f UTF-16LE -t UTF-8" in message
    assert "binary" not in message
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_cli_extract_jobs_above_the_cpu_count_are_clamped(
    entry: list[str], data: Path, tmp_path: Path
) -> None:
    cpus = len(os.sched_getaffinity(0))
    write_jsonl(tmp_path / "news.jsonl", CORPUS)
    proc = run(entry, "extract", "news.jsonl", "--store", "claims.store", "--jobs",
               str(cpus + 1000), data=data, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    message = flat(proc.stderr)
    assert f"--jobs {cpus + 1000} is more than the {cpus} CPUs" in message
    assert f"running {cpus} worker processes" in message
    assert "3 documents stored" in message


# -- query reads any claims file, not only a store (issue 12, item 8) ----------------

QUERY_CORPUS = [
    {"doc_id": "k", "published": "2024-08-10",
     "text": "Troops entered Sudzha in the Kursk region, the Russian defence ministry "
             "said."},
    {"doc_id": "u", "published": "2024-08-11",
     "text": "Drones hit Lviv overnight, Ukrainian officials said. Officials in Kyiv "
             "reportedly claimed shelling near Kharkiv."},
    {"doc_id": "f", "published": "2024-08-12",
     "text": "-3 soldiers were killed in Sudzha, according to unverified posts."},
    {"doc_id": "g", "published": "2024-08-12",
     "text": '=HYPERLINK("x") @Sudzha: the governor of Kursk region denied reports of '
             "fighting in Sudzha."},
]
QUERIES = [
    pytest.param(["--within", "Kursk Oblast"], {"k:0", "f:0", "g:0"}, id="within"),
    # The Kursk region's polygon touches Ukraine: "intersects" keeps k:0.
    pytest.param(["--within", "UA", "--confidence", "unverified"],
                 {"k:0", "u:0", "u:53"}, id="within-confidence"),
    pytest.param(["--source", "defence ministry"], {"k:0"}, id="source"),
    pytest.param(["--confidence", "reported"], {"k:0", "f:0"}, id="confidence"),
    pytest.param(["--near", "Kharkiv", "--km", "30"], {"u:53"}, id="near"),
]


def claim_ids(path: Path) -> set[str]:
    """The claim ids of a GeoJSON query result."""
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    return {f["properties"]["claim_id"] for f in features}


@pytest.mark.parametrize("suffix", [".geojson", ".gpkg", ".parquet", ".csv", ".json"])
def test_cli_query_reads_every_claims_file_like_a_store(
    data: Path, tmp_path: Path, suffix: str
) -> None:
    write_jsonl(tmp_path / "news.jsonl", QUERY_CORPUS)
    export = f"claims{suffix}"
    proc = run([SCRIPT], "extract", "news.jsonl", "-o", export, "--store",
               "claims.store", data=data, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    for k, query in enumerate(QUERIES):
        args, expected = query.values
        results = []
        for source in ("claims.store", export):
            out = tmp_path / f"q{k}-{Path(source).suffix or 'store'}.geojson"
            proc = run([SCRIPT], "query", source, *args, "-o", str(out), data=data,
                       cwd=tmp_path)
            assert proc.returncode == 0, (source, args, proc.stderr)
            results.append(json.loads(out.read_text(encoding="utf-8"))["features"])
        from_store, from_file = results
        assert claim_ids(out) == expected, args
        assert from_file == from_store, args  # same rows, same values, same order


@pytest.mark.parametrize("suffix", [".geojson", ".gpkg", ".parquet", ".csv"])
def test_cli_query_file_to_file_keeps_the_text(
    data: Path, tmp_path: Path, suffix: str
) -> None:
    write_jsonl(tmp_path / "news.jsonl", QUERY_CORPUS)
    proc = run([SCRIPT], "extract", "news.jsonl", "-o", f"claims{suffix}", data=data,
               cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    proc = run([SCRIPT], "query", f"claims{suffix}", "--within", "Kursk Oblast", "-o",
               "k.csv", data=data, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    from geoclaims.store.io import read_frame

    statements = set(read_frame(tmp_path / "k.csv")["statement"])
    assert {d["text"] for d in QUERY_CORPUS if d["doc_id"] in "fg"} <= statements


@pytest.mark.parametrize("suffix", [".geojson", ".csv"])
def test_cli_query_carries_source_affiliations_also_from_an_older_export(
    data: Path, tmp_path: Path, suffix: str
) -> None:
    from geoclaims.store.io import read_frame, write_frame

    write_jsonl(tmp_path / "news.jsonl", [{
        "doc_id": "p", "text": "Kremlin spokesperson Dmitry Peskov said troops entered "
                               "Sudzha in the Kursk region."}])
    proc = run([SCRIPT], "extract", "news.jsonl", "-o", f"new{suffix}", data=data,
               cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    older = read_frame(tmp_path / f"new{suffix}").drop(columns=["source_affiliations"])
    write_frame(older, tmp_path / f"old{suffix}")  # as written before the column existed
    for name in (f"new{suffix}", f"old{suffix}"):
        proc = run([SCRIPT], "query", name, "--within", "Kursk Oblast", "-o", "q.geojson",
                   data=data, cwd=tmp_path)
        assert proc.returncode == 0, (name, proc.stderr)
        features = json.loads((tmp_path / "q.geojson").read_text(encoding="utf-8"))["features"]
        assert features, name
        assert all(f["properties"]["source_affiliations"] == ["Kremlin"] for f in features)


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("suffix", [".gpkg", ".csv"])
def test_cli_query_unknown_region_same_error_on_a_file_and_a_store(
    entry: list[str], data: Path, tmp_path: Path, suffix: str
) -> None:
    write_jsonl(tmp_path / "news.jsonl", QUERY_CORPUS[:1])
    proc = run(entry, "extract", "news.jsonl", "-o", f"claims{suffix}", "--store",
               "claims.store", data=data, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    errors = []
    for source in ("claims.store", f"claims{suffix}"):
        proc = run(entry, "query", source, "--within", "Kursk Oblastt", "-o",
                   "q.geojson", data=data, cwd=tmp_path)
        assert proc.returncode == 1
        assert "Traceback" not in proc.stderr
        errors.append(flat(proc.stderr))
    assert errors[0] == errors[1]
    assert "unknown region 'Kursk Oblastt'" in errors[0]
    assert not (tmp_path / "q.geojson").exists()


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("absent.gpkg", None, ["absent.gpkg: no such claims store or file"]),
        ("absent", None, ["absent: no such claims store or file"]),
        ("notes.txt", b"hello", ["notes.txt: cannot read claims from a '.txt' file",
                                 ".geojson, .gpkg, .parquet, .csv"]),
        ("broken.gpkg", b"not a geopackage", ["broken.gpkg: cannot read gpkg file",
                                              "corrupted"]),
        ("broken.geojson", b'{"type": "Feat', ["broken.geojson: cannot read geojson"]),
        ("other.csv", b"a,geometry_wkt\r\n1,POINT (1 2)\r\n",
         ["other.csv: not a claims table: no column(s) 'claim_id'"]),
        ("empty.store", b"", ["empty.store is not a geoclaims store"]),
    ],
)
def test_cli_query_unreadable_claims_file_exits_one(
    entry: list[str], data: Path, tmp_path: Path, name: str, content: bytes | None,
    words: list[str],
) -> None:
    if name.endswith(".store"):
        (tmp_path / name).mkdir()
    elif content is not None:
        (tmp_path / name).write_bytes(content)
    proc = run(entry, "query", name, "--within", "Kursk Oblast", "-o", "q.geojson",
               data=data, cwd=tmp_path)
    assert proc.returncode == 1
    message = flat(proc.stderr)
    for word in words:
        assert word in message
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "q.geojson").exists()


PAGE = (
    "<html><head><title>Wire</title><script>var tracker = 1;</script></head><body>"
    "<nav>Home | World | Sport</nav><article><h1>Drones hit Sudzha</h1>"
    "<p>Drones hit a fuel depot near Sudzha in Kursk region on Monday, the regional "
    "governor said. Shelling was also reported about 10 km from the border, according "
    "to local officials, who said nobody was hurt in the attack.</p></article>"
    "<footer>Copyright Wire</footer></body></html>"
)


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_cli_html_input_is_analysed_and_mapped(entry: list[str], data: Path,
                                               tmp_path: Path) -> None:
    """The HTML path (trafilatura with lxml's cleaner) works from a fresh install."""
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    done = run(entry, "extract", "page.html", "-o", "claims.jsonl", data=data, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    record = json.loads((tmp_path / "claims.jsonl").read_text(encoding="utf-8"))
    statements = " ".join(c["statement"] for c in record["claims"])
    assert "Sudzha" in statements
    assert "tracker" not in statements and "Copyright" not in statements
    mapped = run(entry, "map", "page.html", "-o", "m.html", "--offline", data=data,
                 cwd=tmp_path)
    assert mapped.returncode == 0, mapped.stderr
    assert "Drones hit a fuel depot" in (tmp_path / "m.html").read_text(encoding="utf-8")
