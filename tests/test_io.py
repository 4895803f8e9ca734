"""Tests of geoclaims._io: atomic writes, checked text reading, line-numbered JSONL."""



from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from geoclaims._io import atomic_write, iter_jsonl, read_text_file
from geoclaims.errors import GeoclaimsError, InputError

# -- atomic_write ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "payload", "expected"),
    [
        ("w", "héllo\nwörld\n", "héllo\nwörld\n".encode()),
        ("wb", b"\x00\x01binary", b"\x00\x01binary"),
    ],
)
def test_io_atomic_write_target_appears_only_on_success(
    tmp_path: Path, mode: str, payload: str | bytes, expected: bytes
) -> None:
    target = tmp_path / "out.dat"
    with atomic_write(target, mode) as handle:
        handle.write(payload)
        # Inside the block the data sit in a hidden temporary file, not the target.
        assert not target.exists()
        assert [p.name.startswith(".out.dat.") for p in tmp_path.iterdir()] == [True]
    assert target.read_bytes() == expected
    assert [p.name for p in tmp_path.iterdir()] == ["out.dat"]


def test_io_atomic_write_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with atomic_write(target) as handle:
        handle.write("new")
        assert target.read_text(encoding="utf-8") == "old"
    assert target.read_text(encoding="utf-8") == "new"


@pytest.mark.parametrize("exc_type", [RuntimeError, KeyboardInterrupt])
def test_io_atomic_write_exception_keeps_old_file_and_no_temp(
    tmp_path: Path, exc_type: type[BaseException]
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old content", encoding="utf-8")
    with pytest.raises(exc_type), atomic_write(target) as handle:
        handle.write("half-written")
        raise exc_type("boom")
    assert target.read_text(encoding="utf-8") == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_io_atomic_write_exception_without_old_file_leaves_nothing(
    tmp_path: Path,
) -> None:
    target = tmp_path / "new.txt"
    with pytest.raises(ValueError, match="boom"), atomic_write(target) as handle:
        handle.write("partial")
        raise ValueError("boom")
    assert list(tmp_path.iterdir()) == []


def test_io_atomic_write_missing_directory_raises_input_error(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "dir" / "out.txt"
    with pytest.raises(InputError) as info, atomic_write(target) as handle:
        handle.write("never")
    assert info.value.path == str(target)
    assert str(target) in str(info.value)
    assert "does not exist" in str(info.value)
    assert info.value.hint is not None and str(target.parent) in info.value.hint
    assert not (tmp_path / "no").exists()


# A writer that dies inside atomic_write (like `extract -o` killed mid-export); it
# prints its pid and temp file name, then waits for a line on stdin (or is killed).
WRITER = """
import os, signal, sys
from pathlib import Path
from geoclaims._io import atomic_write
target = Path(sys.argv[1])
with atomic_write(target) as handle:
    handle.write("partial")
    handle.flush()
    temps = [p.name for p in target.parent.iterdir() if str(os.getpid()) in p.name]
    print(os.getpid(), temps[0], flush=True)
    if sys.argv[2] == "die":
        os.kill(os.getpid(), signal.SIGKILL)
    sys.stdin.readline()
    handle.write(" then complete")
"""


def start_writer(target: Path, how: str) -> tuple[subprocess.Popen[str], str]:
    """A real atomic_write in another process, stopped mid-write; its temp's name."""
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target), how],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    _pid, temp = proc.stdout.readline().split()
    return proc, temp


def test_io_atomic_write_removes_the_temp_of_a_killed_writer(tmp_path: Path) -> None:
    target = tmp_path / "out.geojson"
    proc, temp = start_writer(target, "die")
    assert proc.wait(timeout=30) == -signal.SIGKILL
    assert (tmp_path / temp).exists() and not target.exists()
    with atomic_write(target) as handle:
        handle.write("{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.geojson"]


def test_io_atomic_write_keeps_the_temp_of_a_live_writer(tmp_path: Path) -> None:
    target = tmp_path / "out.geojson"
    proc, temp = start_writer(target, "wait")
    try:
        with atomic_write(target) as handle:
            handle.write("{}")
        assert (tmp_path / temp).exists()
    finally:
        proc.communicate("go\n", timeout=30)
    assert proc.returncode == 0
    assert target.read_text(encoding="utf-8") == "partial then complete"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.geojson"]


def dead_pid() -> int:
    """The pid of a process that has exited (and been reaped)."""
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True, text=True, check=True,
    )
    return int(child.stdout)


@pytest.mark.parametrize(
    ("leftover", "removed"),
    [
        (".out.txt.{dead}.abc_1234.tmp", True),  # what a killed writer leaves
        (".out.txt.{live}.abc_1234.tmp", False),  # a live writer (this process)
        (".other.txt.{dead}.abc_1234.tmp", False),  # another target's
        (".out.txt.{dead}.abc.tmp", False),  # not our random part
        (".out.txt.backup.tmp", False),  # not our naming at all
        ("out.txt.{dead}.abc_1234.tmp", False),  # not hidden
    ],
)
def test_io_atomic_write_sweeps_only_its_own_dead_temps(
    tmp_path: Path, leftover: str, removed: bool
) -> None:
    name = leftover.format(dead=dead_pid(), live=os.getpid())
    (tmp_path / name).write_text("stale", encoding="utf-8")
    with atomic_write(tmp_path / "out.txt") as handle:
        handle.write("new")
    assert (tmp_path / name).exists() is not removed
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "new"


def test_io_atomic_write_keeps_a_locked_temp_of_an_unknown_pid(tmp_path: Path) -> None:
    # A writer in another PID namespace (a container sharing the volume): its pid
    # means nothing here, its lock does.
    fcntl = pytest.importorskip("fcntl")
    temp = tmp_path / f".out.txt.{dead_pid()}.abcdefgh.tmp"
    with temp.open("w") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        with atomic_write(tmp_path / "out.txt") as handle:
            handle.write("new")
        assert temp.exists()


# -- read_text_file ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"Sudzha, Kursk region.\n", "Sudzha, Kursk region.\n"),
        ("Суджа\r\nКурск".encode(), "Суджа\r\nКурск"),
        (b"\xef\xbb\xbfwith a BOM", "with a BOM"),
        (b"", ""),
    ],
)
def test_io_read_text_file_decodes_utf8(
    tmp_path: Path, data: bytes, expected: str
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    assert read_text_file(path) == expected


@pytest.mark.parametrize(
    ("data", "offset"),
    [
        (b"\x00leading NUL", 0),
        (b"abc\x00def", 3),
        ("Суджа\x00".encode(), len("Суджа".encode())),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 8),
    ],
)
def test_io_read_text_file_binary_names_file_and_offset(
    tmp_path: Path, data: bytes, offset: int
) -> None:
    path = tmp_path / "binary.bin"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_text_file(path)
    message = str(info.value)
    assert info.value.path == str(path)
    assert str(path) in message
    assert f"byte offset {offset}" in message
    assert "binary" in message


@pytest.mark.parametrize(
    ("data", "offset"),
    [
        (b"\xff", 0),
        ("café ".encode() + b"\xff rest", len("café ".encode())),
        ("Київ".encode() + b"\xc3(", len("Київ".encode())),
        (b"Latin-1 caf\xe9", 11),
        (b"\xef\xbb\xbfab\xff", 5),  # the BOM bytes count too
    ],
)
def test_io_read_text_file_invalid_utf8_names_first_bad_byte(
    tmp_path: Path, data: bytes, offset: int
) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(data)
    assert data[offset] >= 0x80  # the table itself points at a non-ASCII byte
    with pytest.raises(InputError) as info:
        read_text_file(path)
    assert info.value.path == str(path)
    assert str(path) in str(info.value)
    assert f"byte offset {offset}" in str(info.value)
    assert isinstance(info.value.__cause__, UnicodeDecodeError)


@pytest.mark.parametrize("name", ["missing.txt", "sub/missing.txt"])
def test_io_read_text_file_missing_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    with pytest.raises(InputError, match="not found") as info:
        read_text_file(path)
    assert info.value.path == str(path)
    assert isinstance(info.value, ValueError | GeoclaimsError)
    assert isinstance(info.value.__cause__, FileNotFoundError)


def test_io_read_text_file_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory") as info:
        read_text_file(tmp_path)
    assert info.value.path == str(tmp_path)


# -- iter_jsonl ---------------------------------------------------------------------


def write_lines(path: Path, lines: list[str]) -> Path:
    """Write ``lines`` joined by newlines (and a final one) as UTF-8."""
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = json.dumps({"doc_id": "a", "text": "Kyiv"})


@pytest.mark.parametrize(
    ("lines", "bad_line"),
    [
        (["{not json"], 1),
        ([GOOD, '{"doc_id": "b", "text": '], 2),
        ([GOOD, "", GOOD, "{'single': 'quotes'}"], 4),
        ([GOOD, GOOD, GOOD, GOOD, '{"a": 1}}'], 5),
        (["", "   ", "[1, 2", GOOD], 3),
    ],
)
def test_io_iter_jsonl_malformed_line_number(
    tmp_path: Path, lines: list[str], bad_line: int
) -> None:
    path = write_lines(tmp_path / "corpus.jsonl", lines)
    with pytest.raises(InputError, match="malformed JSON") as info:
        list(iter_jsonl(path))
    assert info.value.line == bad_line
    assert info.value.path == str(path)
    assert f"{path}:{bad_line}:" in str(info.value)
    assert isinstance(info.value.__cause__, json.JSONDecodeError)


def test_io_iter_jsonl_yields_records_before_the_bad_line(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.jsonl", [GOOD, GOOD, "oops"])
    got = []
    with pytest.raises(InputError) as info:
        got.extend(iter_jsonl(path))
    assert len(got) == 2
    assert info.value.line == 3


@pytest.mark.parametrize(
    ("lines", "required", "bad_line", "missing"),
    [
        ([GOOD, '{"doc_id": "b"}'], ("doc_id", "text"), 2, ["'text'"]),
        (["{}"], ("doc_id", "text"), 1, ["'doc_id'", "'text'"]),
        ([GOOD, "", "", '{"text": "x"}'], ("doc_id",), 4, ["'doc_id'"]),
    ],
)
def test_io_iter_jsonl_missing_required_key(
    tmp_path: Path,
    lines: list[str],
    required: tuple[str, ...],
    bad_line: int,
    missing: list[str],
) -> None:
    path = write_lines(tmp_path / "c.jsonl", lines)
    with pytest.raises(InputError, match="missing key") as info:
        list(iter_jsonl(path, required=required))
    assert info.value.line == bad_line
    for key in missing:
        assert key in str(info.value)


@pytest.mark.parametrize(
    ("text", "expected_ids"),
    [
        ('\n{"doc_id": "a"}\n\n   \n{"doc_id": "b"}\n', ["a", "b"]),
        ('{"doc_id": "a"}\r\n\r\n{"doc_id": "b"}', ["a", "b"]),
        ("\n\n\n", []),
        ("", []),
        ('\t\n{"doc_id": "only"}\n\t \n', ["only"]),
    ],
)
def test_io_iter_jsonl_blank_lines_skipped(
    tmp_path: Path, text: str, expected_ids: list[str]
) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(text.encode())
    assert [r["doc_id"] for r in iter_jsonl(path, required=("doc_id",))] == expected_ids


def test_io_iter_jsonl_blank_lines_still_count(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.jsonl", ["", GOOD, "", "", "nope"])
    with pytest.raises(InputError) as info:
        list(iter_jsonl(path))
    assert info.value.line == 5


@pytest.mark.parametrize(
    ("line", "type_name"),
    [("[1, 2, 3]", "list"), ('"a string"', "str"), ("42", "int"), ("null", "NoneType")],
)
def test_io_iter_jsonl_non_object_line(
    tmp_path: Path, line: str, type_name: str
) -> None:
    path = write_lines(tmp_path / "c.jsonl", [GOOD, line])
    with pytest.raises(InputError, match="expected a JSON object") as info:
        list(iter_jsonl(path))
    assert info.value.line == 2
    assert type_name in str(info.value)


def test_io_iter_jsonl_invalid_utf8_line(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(GOOD.encode() + b'\n{"text": "caf\xe9"}\n')
    with pytest.raises(InputError, match="UTF-8") as info:
        list(iter_jsonl(path))
    assert info.value.line == 2


def test_io_iter_jsonl_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.jsonl"
    with pytest.raises(InputError, match="not found") as info:
        list(iter_jsonl(path))
    assert info.value.path == str(path)
    assert info.value.line is None


def test_io_atomic_write_uses_umask_mode(tmp_path):  # type: ignore[no-untyped-def]
    import os

    from geoclaims._io import atomic_write

    old = os.umask(0o022)
    try:
        with atomic_write(tmp_path / "out.txt") as handle:
            handle.write("x")
    finally:
        os.umask(old)
    assert (tmp_path / "out.txt").stat().st_mode & 0o777 == 0o644


# -- check_output_directory (issue 12) ---------------------------------------------


def test_io_atomic_write_onto_a_directory_raises_input_error(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.mkdir()
    with pytest.raises(InputError, match="is a directory") as info, atomic_write(
        target
    ) as handle:
        handle.write("never")
    assert info.value.path == str(target)
    assert list(target.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


# -- byte-order marks and UTF-16 (issue 12) ----------------------------------------

UTF16_TEXT = "Troops entered Суджа.\nOfficials in Kyiv said.\n"


@pytest.mark.parametrize(
    "data",
    [
        UTF16_TEXT.encode("utf-16"),  # with the platform's BOM
        b"\xff\xfe" + UTF16_TEXT.encode("utf-16-le"),
        b"\xfe\xff" + UTF16_TEXT.encode("utf-16-be"),
    ],
)
def test_io_read_text_file_decodes_utf16_with_bom(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(data)
    assert read_text_file(path) == UTF16_TEXT


@pytest.mark.parametrize("encoding", ["UTF-16LE", "UTF-16BE"])
def test_io_read_text_file_names_utf16_without_bom(
    tmp_path: Path, encoding: str
) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(UTF16_TEXT.encode(encoding))
    with pytest.raises(InputError) as info:
        read_text_file(path)
    message = str(info.value)
    assert f"{encoding} text without a byte-order mark" in message
    assert "binary" not in message
    assert info.value.hint == f"convert it to UTF-8: iconv -f {encoding} -t UTF-8"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xef\xbb\xbf" + b'{"doc_id": "a", "text": "x"}\n{"doc_id": "b"}\n',
         [(1, "a"), (2, "b")]),
        ('{"doc_id": "a"}\n\n{"doc_id": "б"}\n'.encode("utf-16"), [(1, "a"), (3, "б")]),
        ('{"doc_id": "a"}\r\n{"doc_id": "b"}\r\n'.encode("utf-16-be"), None),
    ],
    ids=["utf-8-bom", "utf-16-bom", "utf-16be-no-bom"],
)
def test_io_iter_jsonl_byte_order_marks(
    tmp_path: Path, data: bytes, expected: list[tuple[int, str]] | None
) -> None:
    from geoclaims._io import iter_jsonl_lines

    path = tmp_path / "corpus.jsonl"
    path.write_bytes(data)
    if expected is None:
        with pytest.raises(InputError, match="UTF-16BE text without a byte-order mark"):
            list(iter_jsonl_lines(path))
        return
    assert [(n, r["doc_id"]) for n, r in iter_jsonl_lines(path)] == expected
