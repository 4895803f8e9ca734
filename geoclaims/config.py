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
GAZETTEER_SCHEMA_VERSION = 3
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

# -- Footprint rules (version 1). Changing a value means a new rule version (".v2"),
# -- never a silent change: every Footprint records its rule key and parameters.

#: Relative tolerance of a distance hedged with "about", "around", "some" ... (±30 %:
#: "around 7 km" is 4.9-9.1 km).
APPROX_TOLERANCE_FRACTION = 0.30
#: Relative tolerance of a bare distance ("7 km from ..."): news numbers are rounded.
PLAIN_TOLERANCE_FRACTION = 0.15
#: Smallest tolerance of any distance, metres.
MIN_TOLERANCE_M = 500.0
#: "More than N km": the band reaches this multiple of N.
MIN_HEDGE_UPPER_FACTOR = 1.5
#: Largest distance a footprint is built for (km); beyond it the phrase is rejected.
MAX_FOOTPRINT_KM = 5000.0
#: Radius (km) of "near X" by what X is: settlements by population, then areas.
NEAR_RADIUS_KM = {
    "village": 5.0,  # population < 10,000
    "town": 10.0,  # 10,000 - 100,000
    "city": 15.0,  # 100,000 - 1,000,000
    "metropolis": 25.0,  # >= 1,000,000
    "region": 10.0,  # admin region: its polygon grown by this much
}
#: Depth (km) of a border zone ("close to the Ukrainian border"), on one side.
BORDER_ZONE_DEPTH_KM = 15.0
#: Half-angle (degrees) of a compass-direction sector ("north of X", "30 km NE of X").
DIRECTION_HALF_ANGLE_DEG = 30.0
#: Reach (km) of a direction without a distance ("south of Korenevo").
DIRECTION_DEFAULT_KM = 30.0
#: Width of a "between X and Y" corridor as a fraction of the X-Y distance.
BETWEEN_WIDTH_FRACTION = 0.25
#: Precision classes (ACLED geo_precision): area limits in km² of class 1 and 2.
PRECISION_CLASS_LIMITS_KM2 = (100.0, 5000.0)

#: Characters over which a place's vote for the side of a border halves: the place
#: right after "12 km from the border in ..." outweighs a dateline at the start.
PROXIMITY_CHARS = 40
