"""Atomic file writes and line-numbered JSONL reading."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from geoclaims.errors import InputError


def check_output_directory(path: str | Path) -> Path:
    """The directory an output file goes to; it must exist and accept new files.

    Writability is tested by creating (and removing) a probe file, not with
    :func:`os.access`: root passes every permission test, yet a read-only mount or
    sysfs still refuses the file.

    Raises
    ------
    InputError
        Naming the file, if its directory does not exist or cannot be written to,
        or if ``path`` itself is a directory.
    """
    target = Path(path)
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(
            "output directory does not exist",
            path=target,
            hint=f"create {str(parent)!r} first or choose another path",
        )
    if target.is_dir():
        raise InputError(
            "is a directory, expected the name of an output file",
            path=target,
            hint=f"name a file, e.g. {str(target / ('claims' + target.suffix))!r}",
        )
    try:
        # Named as atomic_write's temporary files, so that a concurrent store
        # creator (or a sweep after a kill) knows it for what it is.
        fd, probe = make_temp(target, parent)
    except OSError as err:
        reason = err.strerror or type(err).__name__
        if err.errno == errno.EROFS:
            reason = "read-only file system"
        raise InputError(
            f"cannot write to {str(parent)!r}: {reason.lower()}",
            path=target,
            hint="write to another directory, or make this one writable",
        ) from err
    os.close(fd)
    os.unlink(probe)
    return parent


def default_file_mode() -> int:
    """Mode a new file gets from ``open()`` under the current umask (e.g. 0o644)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


#: Temporary files of :func:`atomic_write` are ``.{target name}.{pid}.{random}.tmp``
#: (random: 8 characters of :func:`tempfile.mkstemp`), so that a later write can tell
#: the leftovers of a writer that died (``kill -9`` mid-write) from a live writer's.
_TEMP_PATTERN = r"\.(?P<name>.+)\.(?P<pid>[0-9]+)\.[a-z0-9_]{8}\.tmp"


def make_temp(target: Path, parent: Path) -> tuple[int, str]:
    """A new temporary file for ``target`` in ``parent``, named by the pattern above."""
    return tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp",
                            dir=parent)


def is_temp_name(name: str, target: str | None = None) -> bool:
    """Whether ``name`` is an :func:`atomic_write` temporary file (of ``target``)."""
    import re

    match = re.fullmatch(_TEMP_PATTERN, name)
    return match is not None and (target is None or match["name"] == target)


def _is_pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    except OSError:  # e.g. Windows: no way to ask; keep the file
        return True
    return True


def _is_locked(path: Path) -> bool:
    """Whether a live writer holds the lock of a temporary file (see atomic_write)."""
    try:
        import fcntl
    except ImportError:  # Windows: the pid check alone decides
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return True  # gone already, or not ours to judge
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # also releases the lock just taken
    return False


def remove_stale_temps(directory: str | Path, name: str | None = None) -> list[Path]:
    """Remove the temporary files that dead :func:`atomic_write` writers left.

    A file is removed only if its name is exactly an ``atomic_write`` temporary name
    (of target ``name``, or of any target when ``name`` is None), the process id in
    that name is not alive, and no process holds the file's lock (a writer in another
    PID namespace). Errors (a file another sweeper removed first) are ignored.

    Returns
    -------
    list of Path
        The files removed.
    """
    import re

    folder = Path(directory)
    prefix = "." if name is None else f".{name}."
    removed: list[Path] = []
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(prefix)]
    except OSError:
        return removed
    for entry in entries:
        match = re.fullmatch(_TEMP_PATTERN, entry.name)
        if match is None or not is_temp_name(entry.name, name):
            continue
        candidate = folder / entry.name
        if _is_pid_alive(int(match["pid"])) or _is_locked(candidate):
            continue
        with contextlib.suppress(OSError):
            candidate.unlink()
            removed.append(candidate)
    return removed


@contextlib.contextmanager
def atomic_write(
    path: str | Path,
    mode: str = "w",
    encoding: str | None = "utf-8",
    *,
    sweep: bool = True,
) -> Iterator[IO[Any]]:
    """Write ``path`` through a temporary file in the same directory.

    The file appears under its final name only once the block finished without an
    exception (``os.replace``), so a crash never leaves a half-written output. The
    temporary file is ``.{name}.{pid}.{random}.tmp``, locked while it is written; a
    writer killed mid-write leaves it behind, and the next write to the same path
    removes it (:func:`remove_stale_temps`).

    Parameters
    ----------
    sweep : bool, default True
        Remove the stale temporary files of ``path`` first. Costs a listing of the
        directory: callers writing many files into one directory (the claims store)
        pass False and sweep the directory once.

    Raises
    ------
    InputError
        If the target directory does not exist.
    """
    target = Path(path)
    parent = check_output_directory(target)
    if sweep:
        remove_stale_temps(parent, target.name)
    binary = "b" in mode
    fd, tmp = make_temp(target, parent)
    try:
        with contextlib.suppress(ImportError, OSError):
            import fcntl

            # Held until the file is closed; tells sweepers in another PID
            # namespace (containers sharing a volume) that this writer is alive.
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with os.fdopen(
            fd, mode, encoding=None if binary else encoding, newline=None
        ) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file owner-only; outputs get the usual umask-based mode.
        os.chmod(tmp, default_file_mode())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


#: Byte-order marks of UTF-16 text (Windows "Unicode" files begin with one).
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"


def _utf16_without_bom(data: bytes) -> str | None:
    """"UTF-16LE"/"UTF-16BE" when ``data`` looks like such text without a BOM.

    Text in a Latin script has a NUL in every other byte; a binary file's NULs
    fall on both parities.
    """
    head = data[:4096]
    pairs = len(head) // 2
    if pairs < 4:
        return None
    zeros = [head[i::2].count(0) for i in (0, 1)]
    for parity, name in ((1, "UTF-16LE"), (0, "UTF-16BE")):
        if zeros[1 - parity] == 0 and zeros[parity] >= 0.5 * pairs:
            return name
    return None


def _utf16_error(path: Path, encoding: str) -> InputError:
    return InputError(
        f"{encoding} text without a byte-order mark, not UTF-8",
        path=path,
        hint=f"convert it to UTF-8: iconv -f {encoding} -t UTF-8",
    )


def read_text_file(path: str | Path) -> str:
    """Read a UTF-8 text file, naming the byte offset of the first bad byte.

    A UTF-8 byte-order mark is dropped; UTF-16 with a byte-order mark is decoded.

    Raises
    ------
    InputError
        If the file is missing, binary, UTF-16 without a byte-order mark, or not
        valid UTF-8.
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError as err:
        raise InputError("file not found", path=p) from err
    except IsADirectoryError as err:
        raise InputError("is a directory, expected a text file", path=p) from err
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise InputError(
                f"not valid UTF-16 at byte offset {err.start}",
                path=p,
                hint="convert it to UTF-8: iconv -f UTF-16 -t UTF-8",
            ) from err
        if "\x00" not in text:
            return text
    nul = data.find(b"\x00")
    if nul >= 0:
        encoding = _utf16_without_bom(data)
        if encoding is not None:
            raise _utf16_error(p, encoding)
        raise InputError(
            f"binary file: NUL byte at byte offset {nul}",
            path=p,
            hint="give a UTF-8 text file",
        )
    bom = len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(
            f"not valid UTF-8 at byte offset {err.start + bom}",
            path=p,
            hint="convert the file to UTF-8 (e.g. iconv -t utf-8)",
        ) from err


def iter_jsonl(path: str | Path, *, required: tuple[str, ...] = ()) -> Iterator[dict[str, Any]]:
    """Yield one JSON object per non-blank line of ``path`` (see :func:`iter_jsonl_lines`)."""
    for _line, obj in iter_jsonl_lines(path, required=required):
        yield obj


def iter_jsonl_lines(
    path: str | Path, *, required: tuple[str, ...] = ()
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line number, object)`` for every non-blank line of ``path``.

    Parameters
    ----------
    path : str or Path
        A JSON Lines file, UTF-8 (a byte-order mark is dropped) or UTF-16 with a
        byte-order mark.
    required : tuple of str
        Keys every object must have.

    Raises
    ------
    InputError
        Naming the file and the 1-based line of a malformed or incomplete record.
    """
    p = Path(path)
    try:
        handle = p.open("rb")
    except FileNotFoundError as err:
        raise InputError("file not found", path=p) from err
    with handle:
        for lineno, line in _decoded_lines(handle, p):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                raise InputError(
                    f"malformed JSON ({err.msg}, column {err.colno})",
                    path=p,
                    line=lineno,
                    hint="each line must hold one JSON object",
                ) from err
            if not isinstance(obj, dict):
                raise InputError(
                    f"expected a JSON object, got {type(obj).__name__}", path=p, line=lineno
                )
            missing = [k for k in required if k not in obj]
            if missing:
                raise InputError(
                    f"missing key(s) {', '.join(map(repr, missing))}", path=p, line=lineno
                )
            yield lineno, obj


def _decoded_lines(handle: IO[bytes], path: Path) -> Iterator[tuple[int, str]]:
    """``(line number, text)`` of a JSONL file: UTF-8 (BOM dropped), UTF-16 with BOM."""
    head = handle.read(4)
    handle.seek(0)
    if head.startswith(_UTF16_BOMS):
        import io

        text = io.TextIOWrapper(handle, encoding="utf-16", newline="\n")
        lineno = 0
        try:
            for lineno, line in enumerate(text, start=1):
                yield lineno, line.rstrip("\r\n")
        except UnicodeDecodeError as err:
            # Decoded in chunks: the bad bytes are somewhere after the last line read.
            raise InputError(
                f"not valid UTF-16 after line {lineno}", path=path,
                hint="convert it to UTF-8: iconv -f UTF-16 -t UTF-8",
            ) from err
        finally:
            text.detach()
        return
    for lineno, raw in enumerate(handle, start=1):
        if lineno == 1 and raw.startswith(_UTF8_BOM):
            raw = raw[len(_UTF8_BOM):]
        if b"\x00" in raw:
            encoding = _utf16_without_bom(raw)
            if encoding is not None:
                raise _utf16_error(path, encoding)
        try:
            yield lineno, raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError as err:
            raise InputError(
                f"not valid UTF-8 at byte {err.start} of the line",
                path=path,
                line=lineno,
            ) from err


def read_document_text(path: str | Path) -> str:
    """Text of a document file: HTML is reduced to its article text (trafilatura).

    Raises
    ------
    InputError
        If the file cannot be read, or an HTML page holds no article text.
    """
    p = Path(path)
    text = read_text_file(p)
    if p.suffix.lower() not in (".html", ".htm"):
        return text
    import trafilatura

    article = trafilatura.extract(text, include_comments=False, include_tables=False)
    if not article or not article.strip():
        raise InputError(
            "no article text found in the HTML page", path=p,
            hint="save the article page itself, or give its text as a .txt file",
        )
    return str(article)
