"""Document text never reaches a template engine: maps, briefs and the CLI.

branca compiles the output of folium's elements again as Jinja templates, so text
that travels inside one would run as code. These tests put template syntax in every
field a document, a sidecar or a flag can set, and check that it comes out verbatim.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest

from geoclaims.maps._page import literal
from geoclaims.maps.interactive import render_map
from geoclaims.maps.static import render_brief
from geoclaims.pipeline import analyze
from geoclaims.store.frames import to_geodataframe

#: Runs Python through Jinja's globals when a template engine evaluates it.
PAYLOAD = "{{ cycler.__init__.__globals__.os.mkdir(dict(PWNED=1)|first) }}"
#: Prints 42 when evaluated.
SUM = "{{ 6*7 }}"
#: Each of these alone makes a Jinja template fail to compile.
BROKEN = ("{% raw %}", "{%", "{#", "{{")

TEXT = f"Shelling hit Kursk {PAYLOAD}, officials said. Drones hit Sudzha {SUM}, the governor said."


def _payload_of(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="[^"]+">(.*?)</script>', html, re.S)
    assert found, "no payload element"
    return json.loads(found.group(1))


def _strings(payload: dict) -> str:
    """Every text the map's script can show, joined."""
    parts = [payload["title"], *payload["strings"]]
    parts += [c.get("s", "") for c in payload["claims"]]
    parts += [n for g in payload["groups"] for n in g["names"]]
    parts += [payload.get("tiles", {}).get("attribution", "")]
    return "\n".join(parts)


def _env(gazetteer) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"GEOCLAIMS_DATA": str(Path(gazetteer.path).parent), "PATH": "/usr/bin:/bin"}


def _corpus(path: Path, texts: list[tuple[str, str]]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for doc_id, text in texts:
            handle.write(json.dumps({
                "doc_id": doc_id, "text": text, "outlet": f"Wire {SUM}",
                "published": "2024-10-15", "url": f"https://example.org/{SUM}",
            }) + "\n")
    return path


@pytest.mark.parametrize("offline", [False, True], ids=["online", "offline"])
def test_no_template_cli_map_runs_no_document_code(tmp_path, gazetteer, offline):  # type: ignore[no-untyped-def]
    corpus = _corpus(tmp_path / "docs.jsonl", [(f"doc {SUM}", TEXT)])
    args = [sys.executable, "-m", "geoclaims", "map", str(corpus), "-o", "m.html",
            "--title", f"Kursk {SUM}"]
    done = subprocess.run([*args, *(["--offline"] if offline else [])], cwd=tmp_path,
                          capture_output=True, text=True, env=_env(gazetteer), check=False)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "PWNED").exists()
    html = (tmp_path / "m.html").read_text(encoding="utf-8")
    payload = _payload_of(html)
    shown = _strings(payload)
    assert PAYLOAD in shown
    for field in (f"Kursk {SUM}", f"Wire {SUM}", f"doc {SUM}", f"Drones hit Sudzha {SUM}"):
        assert field in shown, field
    assert f"<title>Kursk {SUM}</title>" in html


def test_no_template_render_map_keeps_every_field_verbatim(gazetteer):  # type: ignore[no-untyped-def]
    report = analyze(f"{SUM} said that drones hit Sudzha on Monday, {SUM} reported.",
                     doc_id=f"d {SUM}", outlet=f"Wire {SUM}", published="2024-10-15",
                     url=f"https://example.org/{SUM}", gazetteer=gazetteer)
    m = render_map(report, title=f"T {SUM}", gazetteer=gazetteer,
                   tiles="https://tiles.example.org/{z}/{x}/{y}.png?k={{ 7*7 }}",
                   attribution=f"Tiles {SUM}")
    html = m.get_root().render()
    payload = _payload_of(html)
    assert payload["title"] == f"T {SUM}"
    assert payload["tiles"]["url"].endswith("?k={{ 7*7 }}")
    assert payload["tiles"]["attribution"] == f"Tiles {SUM}"
    assert f"Wire {SUM}" in payload["groups"][0]["names"]
    assert f"d {SUM}" in payload["strings"]
    assert any(c.get("u") == f"https://example.org/{SUM}" for c in payload["claims"])
    for evaluated in ("T 42", "Wire 42", "d 42", "k=49"):
        assert evaluated not in html
    # No folium or branca element holds document text: popups, tooltips, labels,
    # the legend and the title are built by our script from the payload.
    for element in _elements(m.get_root()):
        if type(element).__name__ in ("Literal", "ClaimsPage"):  # ours, never templated
            continue
        state = json.dumps({k: str(v) for k, v in vars(element).items()
                            if not k.startswith("_children")})
        assert SUM not in state, type(element).__name__


def _elements(root):  # type: ignore[no-untyped-def]
    stack = [root]
    for part in ("header", "html", "script"):
        if hasattr(root, part):
            stack.append(getattr(root, part))
    while stack:
        element = stack.pop()
        yield element
        stack.extend(element._children.values())


@pytest.mark.parametrize("syntax", BROKEN)
def test_no_template_corpus_with_template_syntax_maps(tmp_path, gazetteer, syntax):  # type: ignore[no-untyped-def]
    texts = [("a", "Drones hit Sudzha on Monday, officials said."),
             ("b", f"Shelling hit Kursk {syntax} on Tuesday, the governor said.")]
    corpus = _corpus(tmp_path / "docs.jsonl", texts)
    done = subprocess.run([sys.executable, "-m", "geoclaims", "map", str(corpus), "-o",
                           str(tmp_path / "m.html")], capture_output=True, text=True,
                          env=_env(gazetteer), check=False)
    assert done.returncode == 0, done.stderr
    payload = _payload_of((tmp_path / "m.html").read_text(encoding="utf-8"))
    statements = [c["s"] for c in payload["claims"]]
    assert any(f"Kursk {syntax} on Tuesday" in s for s in statements)
    assert any("Sudzha" in s for s in statements)


def test_no_template_literal_element_is_emitted_as_is():  # type: ignore[no-untyped-def]
    from branca.element import Figure

    figure = Figure()
    figure.header.add_child(literal(f"<b>{SUM} {BROKEN[0]}</b>"), name="x")
    assert f"<b>{SUM} {BROKEN[0]}</b>" in figure.render()


@pytest.mark.parametrize(
    ("tiles", "attribution", "message"),
    [
        ("https://t.example.org/{z}/{x}/{y}.png", None, "need an attribution"),
        ("javascript://{z}/{x}/{y}", "x", "must be http"),
        ("https://t.example.org/tile.png", "x", "must be http"),
        ("No Such Tiles", None, "unknown tile set"),
    ],
)
def test_no_template_bad_tile_options_fail_clearly(tmp_path, gazetteer, tiles, attribution,
                                                   message):  # type: ignore[no-untyped-def]
    doc = tmp_path / "n.txt"
    doc.write_text("Drones hit Sudzha, officials said.", encoding="utf-8")
    args = [sys.executable, "-m", "geoclaims", "map", str(doc), "-o", str(tmp_path / "m.html"),
            "--tiles", tiles, *(["--attribution", attribution] if attribution else [])]
    done = subprocess.run(args, capture_output=True, text=True, env=_env(gazetteer),
                          check=False)
    assert done.returncode == 1
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "m.html").exists()


def test_no_template_custom_tiles_with_attribution(tmp_path, gazetteer):  # type: ignore[no-untyped-def]
    doc = tmp_path / "n.txt"
    doc.write_text("Drones hit Sudzha, officials said.", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "geoclaims", "map", str(doc), "-o", str(tmp_path / "m.html"),
         "--tiles", "https://t.example.org/{z}/{x}/{y}.png",
         "--attribution", "Tiles <b>Example</b>"],
        capture_output=True, text=True, env=_env(gazetteer), check=False)
    assert done.returncode == 0, done.stderr
    tiles = _payload_of((tmp_path / "m.html").read_text(encoding="utf-8"))["tiles"]
    assert tiles["url"] == "https://t.example.org/{z}/{x}/{y}.png"
    assert tiles["attribution"] == "Tiles &lt;b&gt;Example&lt;/b&gt;"


def _svg_texts(path: Path) -> str:
    root = ET.parse(path).getroot()
    return " ".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith("}text"))


def _pdf_text(path: Path) -> str:
    """The text a PDF shows: every ``[...] TJ`` run of its content streams, decoded.

    matplotlib writes TrueType text as two-byte glyph codes (UTF-16BE for these
    fonts) inside literal strings, split by kerning numbers.
    """
    raw = path.read_bytes()
    runs = []
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", raw, re.S):
        try:
            content = zlib.decompress(stream.group(1))
        except zlib.error:
            continue
        for array in re.finditer(rb"\[(.*?)\]\s*TJ", content, re.S):
            data = b"".join(_pdf_string(m.group(1)) for m in
                            re.finditer(rb"\(((?:\\.|[^\\)])*)\)", array.group(1), re.S))
            runs.append(data.decode("utf-16-be", errors="replace"))
    return "\n".join(runs)


def _pdf_string(body: bytes) -> bytes:
    out = bytearray()
    i = 0
    while i < len(body):
        if body[i] == 0x5C and i + 1 < len(body):  # backslash escape
            nxt = body[i + 1:i + 2]
            octal = re.match(rb"[0-7]{1,3}", body[i + 1:i + 4])
            if octal:
                out.append(int(octal.group(0), 8) & 0xFF)
                i += 1 + len(octal.group(0))
                continue
            out += {b"n": b"\n", b"r": b"\r", b"t": b"\t"}.get(nxt, nxt)
            i += 2
            continue
        out.append(body[i])
        i += 1
    return bytes(out)


@pytest.mark.parametrize("suffix", [".svg", ".pdf", ".png"])
def test_no_template_brief_prints_template_syntax_as_typed(tmp_path, gazetteer, suffix):  # type: ignore[no-untyped-def]
    report = analyze(f"Drones hit Sudzha {SUM} on Monday, officials said.", doc_id="b",
                     outlet=f"Wire {SUM}", published="2024-10-15", gazetteer=gazetteer)
    path = render_brief(to_geodataframe(report), tmp_path / f"brief{suffix}", title=f"Brief {SUM}",
                        gazetteer=gazetteer)
    assert path.stat().st_size > 10_000
    if suffix == ".svg":
        texts = _svg_texts(path)
        assert f"Brief {SUM}" in texts
        assert f"Wire {SUM}" in texts
    elif suffix == ".pdf":
        texts = _pdf_text(path)
        assert f"Brief {SUM}" in texts
        assert f"Wire {SUM}" in texts
