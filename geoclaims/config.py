"""Documented defaults, environment variables and gazetteer location.

Precedence for the gazetteer location: explicit ``path=`` argument, then
:func:`set_data_dir`, then the ``GEOCLAIMS_DATA`` environment variable, then the
per-user data directory (``platformdirs.user_data_dir("geoclaims")``).
"""

from __future__ import annotations

import os
from pathlib import Path

from geoclaims.errors import GazetteerNotFoundError

#: Environment variable naming the directory (or file) of the gazetteer artifact.
DATA_ENV = "GEOCLAIMS_DATA"
#: File name of the compiled gazetteer inside the data directory.
GAZETTEER_FILENAME = "gazetteer.sqlite"
#: Schema version of the artifact; a reader refuses any other.
GAZETTEER_SCHEMA_VERSION = 1
#: Great-circle radius (km) within which a resolution counts as correct (100 miles).
ACCURACY_KM = 161.0

_data_dir: Path | None = None


def set_data_dir(path: str | Path | None) -> None:
    """Set (or with ``None`` reset) the directory holding the gazetteer artifact."""
    global _data_dir
    _data_dir = None if path is None else Path(path)


def data_dir() -> Path:
    """Return the directory where the gazetteer is read and built.

    Examples
    --------
    >>> set_data_dir("/tmp/gc"); str(data_dir())
    '/tmp/gc'
    >>> set_data_dir(None)
    """
    if _data_dir is not None:
        return _data_dir
    env = os.environ.get(DATA_ENV)
    if env:
        p = Path(env)
        return p.parent if p.suffix == ".sqlite" else p
    import platformdirs

    return Path(platformdirs.user_data_dir("geoclaims"))


def gazetteer_path(path: str | Path | None = None, *, must_exist: bool = True) -> Path:
    """Resolve the gazetteer artifact file.

    Parameters
    ----------
    path : str or Path, optional
        A file or a directory; overrides every other setting.
    must_exist : bool
        Raise if the file is absent.

    Raises
    ------
    GazetteerNotFoundError
        If ``must_exist`` and no artifact is there.
    """
    if path is not None:
        p = Path(path)
    elif _data_dir is not None:
        p = _data_dir
    elif os.environ.get(DATA_ENV):
        p = Path(os.environ[DATA_ENV])
    else:
        p = data_dir()
    if p.suffix != ".sqlite":
        p = p / GAZETTEER_FILENAME
    if must_exist and not p.is_file():
        raise GazetteerNotFoundError(
            f"Gazetteer not found at {str(p)!r}. {GazetteerNotFoundError.hint}"
        )
    return p
