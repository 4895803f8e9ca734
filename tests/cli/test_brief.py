"""``geoclaims brief`` through the real entry points (subprocess)."""

from __future__ import annotations

import json
import os
import re
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
MODULE = [sys.executable, "-m", "geoclaims"]
ENTRY_POINTS = [
    pytest.param([SCRIPT], id="script"),
    pytest.param(MODULE, id="module"),
]

ARTICLE = (
    "Ukraine's General Staff said its forces struck a fuel depot near Sudzha "
    "on Monday. "
    "The Kremlin denied that any depot in Kursk region was hit.\n"
)


def run(
    entry: list[str | None], *args: str, data: Path, cwd: Path
) -> subprocess.CompletedProcess[str]:
    assert entry[0], "the geoclaims console script is not installed"
    env = {k: v for k, v in os.environ.items() if k not in {"COLUMNS", "LINES", "CI"}}
    env[config.DATA_ENV] = str(data)
    return subprocess.run(
        [str(e) for e in entry] + list(args),
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=180,
        check=False,
    )


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "wire.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    path.with_name("wire.meta.json").write_text(
        json.dumps({"outlet": "Sidecar Wire", "published": "2024-10-15"}),
        encoding="utf-8",
    )
    return path


def test_brief_cli_writes_a_pdf(
    article: Path, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    out = tmp_path / "brief.pdf"
    proc = run(
        MODULE,
        "brief",
        str(article),
        "-o",
        str(out),
        "--title",
        "CLI $brief$",
        data=gazetteer.path.parent,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert str(out) in " ".join(proc.stderr.split())
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data)) == 2
    assert b"CLI $brief$" in data  # the PDF title, as typed
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "brief.pdf",
        "wire.meta.json",
        "wire.txt",
    ]


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize(
    ("name", "words"),
    [("brief.jpg", ["'.jpg'", ".png"]), ("nowhere/brief.png", ["does not exist"])],
)
def test_brief_cli_bad_output_exits_one(
    entry: list[str | None],
    name: str,
    words: list[str],
    article: Path,
    gazetteer: Gazetteer,
    tmp_path: Path,
) -> None:
    proc = run(
        entry,
        "brief",
        str(article),
        "-o",
        name,
        data=gazetteer.path.parent,
        cwd=tmp_path,
    )
    assert proc.returncode == 1
    message = " ".join(proc.stderr.split())
    assert message.startswith("error:")
    for word in words:
        assert word in message
    assert "Traceback" not in proc.stderr
    assert not list(tmp_path.glob("brief*"))


def test_brief_cli_help_lists_options(gazetteer: Gazetteer, tmp_path: Path) -> None:
    proc = run(MODULE, "brief", "--help", data=gazetteer.path.parent, cwd=tmp_path)
    assert proc.returncode == 0
    for word in ("--output", "--title", "--outlet", "--published", "--data"):
        assert word in proc.stdout
