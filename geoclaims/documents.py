"""Documents with metadata, read from text/HTML files (with sidecars), JSONL or directories."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from geoclaims._io import iter_jsonl_lines, read_document_text
from geoclaims.errors import InputError

#: File suffixes read as one document each (HTML is reduced to its article text).
DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm")
#: File suffixes read as one document per line.
CORPUS_SUFFIXES = (".jsonl",)


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

    def analyze_kwargs(self) -> dict[str, str | None]:
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


def _sidecar(path: Path) -> dict[str, str]:
    sidecar = path.with_name(path.stem + ".meta.json")
    if not sidecar.exists():
        return {}
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed metadata ({exc.msg})", path=sidecar, line=exc.lineno,
                         hint="the sidecar must be one JSON object") from exc
    if not isinstance(meta, dict):
        raise InputError("metadata is not a JSON object", path=sidecar)
    return meta


def _optional_str(value: object, field: str, path: Path, line: int | None) -> str | None:
    if value is None or isinstance(value, str):
        return value or None
    raise InputError(f"{field!r} must be a string, got {type(value).__name__}",
                     path=path, line=line)


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
                yield Document(
                    doc_id=str(rec.get("doc_id", f"{path.stem}:{line}")), text=text,
                    outlet=_optional_str(rec.get("outlet"), "outlet", path, line) or outlet,
                    published=_optional_str(rec.get("published"), "published", path, line)
                    or published,
                    url=_optional_str(rec.get("url"), "url", path, line),
                    origin=f"{path}:{line}",
                )
            continue
        meta = _sidecar(path)
        yield Document(
            doc_id=str(meta.get("doc_id") or path.stem), text=read_document_text(path),
            outlet=outlet or meta.get("outlet"), published=published or meta.get("published"),
            url=meta.get("url"), origin=str(path),
        )
