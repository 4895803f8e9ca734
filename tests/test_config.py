"""Tests of geoclaims.config: data-directory precedence, missing-gazetteer error."""

from __future__ import annotations

from pathlib import Path

import pytest

from geoclaims import config
from geoclaims.errors import GazetteerError, GazetteerNotFoundError

FILE = config.GAZETTEER_FILENAME


def dirs(tmp_path: Path) -> dict[str, Path]:
    """Four distinct directories, one per level of the precedence."""
    out = {k: tmp_path / k for k in ("explicit", "set", "env", "user")}
    for p in out.values():
        p.mkdir()
    return out


# Which levels are configured -> which one wins.
PRECEDENCE = [
    (("explicit", "set", "env", "user"), "explicit"),
    (("set", "env", "user"), "set"),
    (("env", "user"), "env"),
    (("user",), "user"),
    (("explicit", "user"), "explicit"),
    (("explicit", "env", "user"), "explicit"),
    (("set", "user"), "set"),
]


def configure(
    monkeypatch: pytest.MonkeyPatch, d: dict[str, Path], levels: tuple[str, ...]
) -> None:
    """Set the configured levels (the user level goes through XDG_DATA_HOME)."""
    if "set" in levels:
        config.set_data_dir(d["set"])
    if "env" in levels:
        monkeypatch.setenv(config.DATA_ENV, str(d["env"]))
    # platformdirs' Linux user data dir is $XDG_DATA_HOME/<app>.
    monkeypatch.setenv("XDG_DATA_HOME", str(d["user"]))


@pytest.mark.parametrize(("levels", "winner"), PRECEDENCE)
def test_config_gazetteer_path_precedence(
    data_dir_env: pytest.MonkeyPatch,
    tmp_path: Path,
    levels: tuple[str, ...],
    winner: str,
) -> None:
    d = dirs(tmp_path)
    configure(data_dir_env, d, levels)
    explicit = d["explicit"] if "explicit" in levels else None
    expected_dir = d[winner] / "geoclaims" if winner == "user" else d[winner]
    assert config.gazetteer_path(explicit, must_exist=False) == expected_dir / FILE


@pytest.mark.parametrize(
    ("levels", "winner"), [(lv, w) for lv, w in PRECEDENCE if "explicit" not in lv]
)
def test_config_data_dir_precedence(
    data_dir_env: pytest.MonkeyPatch,
    tmp_path: Path,
    levels: tuple[str, ...],
    winner: str,
) -> None:
    d = dirs(tmp_path)
    configure(data_dir_env, d, levels)
    expected = d[winner] / "geoclaims" if winner == "user" else d[winner]
    assert config.data_dir() == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("dir", "dir/" + FILE),
        ("dir/custom.sqlite", "dir/custom.sqlite"),
    ],
)
def test_config_gazetteer_path_accepts_file_or_directory(
    data_dir_env: pytest.MonkeyPatch, tmp_path: Path, given: str, expected: str
) -> None:
    assert (
        config.gazetteer_path(tmp_path / given, must_exist=False) == tmp_path / expected
    )
    data_dir_env.setenv(config.DATA_ENV, str(tmp_path / given))
    assert config.gazetteer_path(must_exist=False) == tmp_path / expected
    # data_dir() is always the directory, even when the variable names the file.
    assert config.data_dir() == (tmp_path / expected).parent


def test_config_set_data_dir_none_resets(
    data_dir_env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    data_dir_env.setenv(config.DATA_ENV, str(tmp_path / "env"))
    config.set_data_dir(tmp_path / "set")
    assert config.data_dir() == tmp_path / "set"
    config.set_data_dir(None)
    assert config.data_dir() == tmp_path / "env"


def test_config_empty_env_var_is_ignored(
    data_dir_env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    data_dir_env.setenv(config.DATA_ENV, "")
    data_dir_env.setenv("XDG_DATA_HOME", str(tmp_path))
    assert config.gazetteer_path(must_exist=False) == tmp_path / "geoclaims" / FILE


@pytest.mark.parametrize("how", ["explicit", "set", "env"])
def test_config_gazetteer_path_missing_raises_with_hint(
    data_dir_env: pytest.MonkeyPatch, tmp_path: Path, how: str
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    if how == "set":
        config.set_data_dir(empty)
    elif how == "env":
        data_dir_env.setenv(config.DATA_ENV, str(empty))
    with pytest.raises(GazetteerNotFoundError) as info:
        config.gazetteer_path(empty if how == "explicit" else None, must_exist=True)
    message = str(info.value)
    assert "GEOCLAIMS_DATA" in message
    assert "geoclaims gazetteer build" in message
    assert str(empty / FILE) in message
    # Catchable as the built-in a caller would expect, and as a gazetteer error.
    assert isinstance(info.value, FileNotFoundError)
    assert isinstance(info.value, GazetteerError)


def test_config_gazetteer_path_found_when_present(
    data_dir_env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / FILE).write_bytes(b"")
    config.set_data_dir(tmp_path)
    assert config.gazetteer_path() == tmp_path / FILE
