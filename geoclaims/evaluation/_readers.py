"""One reader for gold and predicted documents, toponyms and claims alike.

Gold documents and predictions are read the same way whatever they hold: a gold
document needs a string ``doc_id``, unique in the corpus; predictions are a JSON
Lines file of ``{"doc_id": ..., <key>: [...]}`` lines or a mapping of ``doc_id`` to
the list; every item of a list is an object with int ``start`` and ``end``
offsets. Errors name the document, the item, and the file and line when there is
one. What an item holds besides its span is parsed by the caller's function, and
what a document is kept as (usually its list of items) by the caller's document
parser: gold and predicted documents may be kept as different types.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from geoclaims._io import iter_jsonl_lines
from geoclaims.errors import ConfigurationError, InputError
from geoclaims.evaluation._scores import is_int

T = TypeVar("T")
#: What the gold and the predicted document parsers return.
G = TypeVar("G")
P = TypeVar("P")
#: Where a record stands, as keyword arguments of :class:`InputError`.
Loc = dict[str, Any]
#: ``(line number or None, object)``, as :func:`geoclaims._io.iter_jsonl_lines` yields.
Located = tuple[int | None, Any]
#: ``parse_doc(doc_id, document or predicted list, loc)`` -> what is kept of it.
ParseDoc = Callable[[str, Any, Loc], T]


def parse_items(
    raw: Any,
    role: str,
    doc_id: str,
    parse_item: Callable[[Mapping[str, Any], str], T],
    *,
    kind: str,
    loc: Loc,
) -> list[T]:
    """Parse the ``kind`` list ``raw`` of one document; each item must be an object.

    ``parse_item(item, where)`` parses one item; ``where`` names it for errors
    (``"gold claim 3 of doc_id 'd'"``).
    """
    if isinstance(raw, str | bytes | Mapping) or not isinstance(raw, Sequence):
        msg = f"{role} {kind}s of doc_id {doc_id!r} must be a list, got {raw!r:.80}"
        raise InputError(msg, **loc)
    out: list[T] = []
    for index, item in enumerate(raw):
        where = f"{role} {kind} {index} of doc_id {doc_id!r}"
        if not isinstance(item, Mapping):
            raise InputError(f"{where} must be an object, got {item!r:.80}", **loc)
        out.append(parse_item(item, where))
    return out


def parse_span(
    item: Mapping[str, Any], where: str, *, text_len: int | None, loc: Loc
) -> tuple[int, int]:
    """Return ``(start, end)`` of an item: ints, ``0 <= start < end <= text_len``."""
    start: Any = item.get("start")
    end: Any = item.get("end")
    if not (is_int(start) and is_int(end)):
        msg = f"{where}: 'start' and 'end' must be ints, got {start!r}, {end!r}"
        raise InputError(msg, **loc)
    start, end = int(start), int(end)
    if not 0 <= start < end or (text_len is not None and end > text_len):
        raise InputError(
            f"{where}: need 0 <= start < end <= len(text), got {start}, {end}",
            hint="use Python str offsets, end exclusive",
            **loc,
        )
    return start, end


def parse_names(
    item: Mapping[str, Any], key: str, where: str, loc: Loc
) -> tuple[str, ...]:
    """Return the ``key`` list of an item as strings; absent or null is ``()``.

    An element may be a string or an object with a string ``"name"`` (a source chain
    link ``{"name": ..., "type": ..., "anonymous": ...}``).
    """
    value = item.get(key)
    if value is None:
        return ()
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise InputError(
            f"{where}: {key!r} must be a list of strings, got {value!r}", **loc
        )
    names: list[str] = []
    for v in value:
        name = v.get("name") if isinstance(v, Mapping) else v
        if not isinstance(name, str):
            raise InputError(
                f"{where}: {key!r} must hold strings (or objects with a string "
                f"'name'), got {v!r:.80}",
                **loc,
            )
        names.append(name)
    return tuple(names)


def parse_optional_str(
    item: Mapping[str, Any], key: str, where: str, loc: Loc
) -> str | None:
    """Return the string ``key`` of an item, stripped; absent, null or blank is None."""
    value = item.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(
            f"{where}: {key!r} must be a string or null, got {value!r}", **loc
        )
    return value.strip() or None


def read_gold(
    rows: Iterable[Located], path: Path | None, parse_doc: ParseDoc[T]
) -> dict[str, T]:
    """Read gold documents: ``doc_id`` a string, unique; ``parse_doc`` the rest.

    ``rows`` are ``(line, document)`` pairs, as :func:`geoclaims._io.iter_jsonl_lines`
    yields them (``line`` is ``None`` for documents given in memory); ``parse_doc``
    gets the whole document.
    """
    docs: dict[str, T] = {}
    for index, (line, doc) in enumerate(rows):
        loc: Loc = {"path": path, "line": line}
        doc_id = doc.get("doc_id") if isinstance(doc, Mapping) else None
        if not isinstance(doc_id, str):
            msg = f"gold document {index} needs a string 'doc_id', got {doc!r:.80}"
            raise InputError(msg, **loc)
        if doc_id in docs:
            raise InputError(
                f"duplicate gold doc_id {doc_id!r}",
                hint="give every document a unique id",
                **loc,
            )
        docs[doc_id] = parse_doc(doc_id, doc, loc)
    return docs


def _read_pred_rows(
    rows: Iterable[tuple[int | None, Any, Any]],
    path: Path | None,
    parse_doc: ParseDoc[T],
) -> dict[str, T]:
    out: dict[str, T] = {}
    for line, doc_id, raw in rows:
        loc: Loc = {"path": path, "line": line}
        if not isinstance(doc_id, str) or doc_id in out:
            raise InputError(
                f"'doc_id' must be a string unique in the predictions, got {doc_id!r}",
                hint="one line per document",
                **loc,
            )
        out[doc_id] = parse_doc(doc_id, raw, loc)
    return out


def read_pred(pred: Any, key: str, parse_doc: ParseDoc[T]) -> dict[str, T]:
    """Read predictions given in memory: a mapping of ``doc_id`` to the ``key`` list."""
    if not isinstance(pred, Mapping):
        msg = f"predictions must map doc_id to a list of {key}, got {pred!r:.80}"
        raise ConfigurationError(msg)
    rows: Iterator[tuple[None, Any, Any]] = ((None, d, v) for d, v in pred.items())
    return _read_pred_rows(rows, None, parse_doc)


def read_pred_source(
    source: str | os.PathLike[str] | Mapping[str, Any], key: str, parse_doc: ParseDoc[T]
) -> dict[str, T]:
    """Read predictions: a JSON Lines file (``doc_id`` and ``key`` a line) or a mapping.

    Raises
    ------
    ConfigurationError
        If ``source`` is neither a path nor a mapping.
    """
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        rows = (
            (line, obj["doc_id"], obj[key])
            for line, obj in iter_jsonl_lines(path, required=("doc_id", key))
        )
        return _read_pred_rows(rows, path, parse_doc)
    if isinstance(source, Mapping):
        return read_pred(source, key, parse_doc)
    raise ConfigurationError(
        "pred_path_or_mapping must be a path to a JSON Lines file or a mapping of "
        f"doc_id to {key}, got {type(source).__name__}"
    )


def read_corpus(
    gold_path: str | os.PathLike[str],
    pred: str | os.PathLike[str] | Mapping[str, Any],
    key: str,
    parse_gold: ParseDoc[G],
    parse_pred: ParseDoc[P],
    *,
    required: tuple[str, ...],
) -> tuple[str, dict[str, G], dict[str, P]]:
    """Read a gold corpus file and its predictions (file or mapping) with ``key`` lists.

    Returns the corpus name (the gold file's stem), the gold and the predicted
    documents as parsed, by ``doc_id``; every gold line needs the ``required`` keys.
    """
    path = Path(gold_path)
    gold = read_gold(iter_jsonl_lines(path, required=required), path, parse_gold)
    return path.stem, gold, read_pred_source(pred, key, parse_pred)


def read_docs(
    gold_docs: Iterable[Any],
    pred: Any,
    key: str,
    parse_gold: ParseDoc[G],
    parse_pred: ParseDoc[P],
) -> tuple[dict[str, G], dict[str, P]]:
    """Read gold documents and predictions given in memory, as parsed, by doc_id."""
    gold = read_gold(((None, doc) for doc in gold_docs), None, parse_gold)
    return gold, read_pred(pred, key, parse_pred)
