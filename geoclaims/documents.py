"""Documents with metadata, read from text/HTML files (with sidecars), JSONL or directories."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

from geoclaims._io import iter_jsonl_lines, read_document_text
from geoclaims.errors import InputError

#: File suffixes read as one document each (HTML is reduced to its article text).
DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm")
#: File suffixes read as one document per line.
CORPUS_SUFFIXES = (".jsonl",)


class AnalyzeKwargs(TypedDict):
    """The keyword arguments of :func:`geoclaims.pipeline.analyze` a document sets."""

    doc_id: str
    outlet: str | None
    published: str | None
    url: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """One input document and the metadata :func:`geoclaims.analyze` keeps."""

    #: Stable identifier: the file stem, or the JSONL record's ``doc_id``.
    doc_id: str
    text: str
    outlet: str | None = None
    #: Publication date, ``YYYY-MM-DD``.
    published: str | None = None
    url: str | None = None
    #: Where the document was read from, ``path`` or ``path:line`` (for error logs).
    origin: str = ""

    def analyze_kwargs(self) -> AnalyzeKwargs:
        """Keyword arguments for :func:`geoclaims.pipeline.analyze`."""
        return {"doc_id": self.doc_id, "outlet": self.outlet,
                "published": self.published, "url": self.url}


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """The document files of ``paths``, directories expanded, in reading order.

    Raises
    ------
    InputError
        If a path does not exist or a directory holds no documents.
    """
    return list(_expand(paths))


def _expand(paths: Iterable[str | Path]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*")
                           if p.suffix.lower() in DOCUMENT_SUFFIXES + CORPUS_SUFFIXES
                           and not p.name.endswith(".expected.md"))
            if not found:
                raise InputError("directory holds no documents", path=path,
                                 hint="expected .txt, .html or .jsonl files")
            yield from found
        elif not path.exists():
            raise InputError("no such file or directory", path=path)
        else:
            yield path


def _sidecar(path: Path) -> dict[str, str | None]:
    sidecar = path.with_name(path.stem + ".meta.json")
    if not sidecar.exists():
        return {}
    text = sidecar.read_text(encoding="utf-8-sig")
    try:
        meta = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed metadata ({exc.msg})", path=sidecar, line=exc.lineno,
                         hint="the sidecar must be one JSON object") from exc
    if not isinstance(meta, dict):
        raise InputError("metadata is not a JSON object", path=sidecar)

    def line_of(key: str) -> int | None:
        at = text.find(json.dumps(key))
        return None if at < 0 else text.count("\n", 0, at) + 1

    checked: dict[str, str | None] = {
        key: _optional_str(meta.get(key), key, sidecar, line_of(key))
        for key in ("outlet", "published", "url")
    }
    if "doc_id" in meta:
        checked["doc_id"] = _doc_id(meta["doc_id"], sidecar, line_of("doc_id"))
    return checked


def _optional_str(value: object, field: str, path: Path, line: int | None) -> str | None:
    if value is None or isinstance(value, str):
        return value or None
    raise InputError(
        f"{field!r} must be a string, got {type(value).__name__} {value!r}",
        path=path, line=line, hint=f"write it in quotes or leave {field!r} out",
    )


def _doc_id(value: object, path: Path, line: int | None) -> str:
    # A doc_id names the document's store file and prefixes its claim ids: a number
    # would be silently turned into text, a NUL cuts C strings (GDAL, SQLite) short.
    if not isinstance(value, str):
        raise InputError(
            f"'doc_id' must be a string, got {type(value).__name__} {value!r}",
            path=path, line=line, hint="write the doc_id in quotes",
        )
    if not value.strip() or "\x00" in value:
        raise InputError(
            f"'doc_id' {value!r} is empty or holds a NUL character",
            path=path, line=line, hint="give a non-empty doc_id without NUL",
        )
    return value


def count_documents(paths: Iterable[str | Path]) -> int:
    """How many documents :func:`iter_documents` would yield, without parsing them.

    A JSONL file counts its non-blank lines (a malformed line is still counted: the
    figure is for progress bars, not validation).

    Raises
    ------
    InputError
        If a path does not exist or a directory holds no documents.
    """
    total = 0
    for path in _expand(paths):
        if path.suffix.lower() not in CORPUS_SUFFIXES:
            total += 1
            continue
        with path.open("rb") as handle:
            total += sum(1 for raw in handle if raw.strip())
    return total


def iter_documents(
    paths: Iterable[str | Path],
    *,
    outlet: str | None = None,
    published: str | None = None,
) -> Iterator[Document]:
    """Stream the documents of files, JSONL corpora and directories, in a stable order.

    Parameters
    ----------
    paths : iterable of str or Path
        ``.txt``/``.html`` files (metadata from a ``NAME.meta.json`` sidecar), ``.jsonl``
        corpora (one object per line with ``text`` and optional ``doc_id``, ``outlet``,
        ``published``, ``url``), or directories holding such files (searched recursively,
        sorted by path).
    outlet, published : str, optional
        Defaults for documents whose metadata lacks them (for a single file, the
        command-line flags win over the sidecar).

    Raises
    ------
    InputError
        Naming the file (and line) of a missing file, a JSONL line without text, or
        malformed metadata.
    """
    for path in _expand(paths):
        if path.suffix.lower() in CORPUS_SUFFIXES:
            for line, rec in iter_jsonl_lines(path):
                text = rec.get("text")
                if not isinstance(text, str):
                    raise InputError("record has no 'text' string", path=path, line=line,
                                     hint="each line needs a 'text' (and a 'doc_id')")
                doc_id = (_doc_id(rec["doc_id"], path, line) if "doc_id" in rec
                          else f"{path.stem}:{line}")
                yield Document(
                    doc_id=doc_id, text=text,
                    outlet=_optional_str(rec.get("outlet"), "outlet", path, line) or outlet,
                    published=_optional_str(rec.get("published"), "published", path, line)
                    or published,
                    url=_optional_str(rec.get("url"), "url", path, line),
                    origin=f"{path}:{line}",
                )
            continue
        meta = _sidecar(path)
        yield Document(
            doc_id=meta.get("doc_id") or path.stem, text=read_document_text(path),
            outlet=outlet or meta.get("outlet"), published=published or meta.get("published"),
            url=meta.get("url"), origin=str(path),
        )


def check_documents(docs: Iterable[Document]) -> Iterator[Document]:
    """``docs``, each checked for what one output file needs, in order.

    A ``published`` that is no date and a ``doc_id`` already used by an earlier
    document stop the stream, naming the file and line (a corpus run into a store
    logs them per document instead, see :mod:`geoclaims.corpus`). Two documents
    with one doc_id would give two claims one ``claim_id``.

    Raises
    ------
    InputError
        Naming the document's file and line (its ``origin``), and for a repeated
        doc_id the origin of the first document too.
    """
    from geoclaims.text.dates import parse_published

    seen: dict[str, str] = {}
    for doc in docs:
        try:
            parse_published(doc.published)
        except InputError as err:
            message = str(err).removesuffix(f" ({err.hint})")
            raise InputError(
                message, path=doc.origin or None,
                hint=f"{err.hint}; fix 'published' in the JSONL record or the "
                "NAME.meta.json sidecar",
            ) from err
        if doc.doc_id in seen:
            raise InputError(
                f"doc_id {doc.doc_id!r} was already used by the document at "
                f"{seen[doc.doc_id]}", path=doc.origin or None,
                hint="give every document its own doc_id; a run with --store keeps "
                "the first and logs the others",
            )
        seen[doc.doc_id] = doc.origin
        yield doc
