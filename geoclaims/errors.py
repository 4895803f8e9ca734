"""Exception and warning hierarchy of geoclaims.

::

    GeoclaimsError(Exception)
    ├── ConfigurationError(GeoclaimsError, ValueError)   bad option or argument combination
    ├── InputError(GeoclaimsError, ValueError)           bad user file: .path, .line, .hint
    ├── GazetteerError(GeoclaimsError)
    │   ├── GazetteerNotFoundError(GazetteerError, FileNotFoundError)
    │   └── GazetteerVersionError(GazetteerError)        artifact of an incompatible schema
    ├── GeometryError(GeoclaimsError, ValueError)        a footprint cannot be built
    ├── OnlineGeocodingError(GeoclaimsError)             wraps geopy errors
    └── StoreError(GeoclaimsError)
    GeoclaimsWarning(UserWarning)
    ├── LowConfidenceResolutionWarning
    └── DefaultAssumedWarning
    KeyboardInterrupt
    └── ExtractionInterrupted                            Ctrl-C/SIGTERM in a corpus run

Every error also inherits the built-in exception a caller would naturally catch.
"""

from __future__ import annotations

from pathlib import Path


class GeoclaimsError(Exception):
    """Base class of every error raised on purpose by geoclaims."""

    #: One line telling the user what to do about it (printed by the CLI).
    hint: str | None = None


class ConfigurationError(GeoclaimsError, ValueError):
    """An option or a combination of arguments is invalid.

    Parameters
    ----------
    message : str
        What is wrong, with the offending value.
    hint : str, optional
        What to do about it (the CLI prints it on a line of its own).
    """

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        if hint is not None:
            self.hint = hint
        super().__init__(message)


class InputError(GeoclaimsError, ValueError):
    """A user-supplied file or text cannot be read.

    Parameters
    ----------
    message : str
        What is wrong.
    path : str or Path, optional
        The offending file.
    line : int, optional
        1-based line number in ``path``.
    hint : str, optional
        What to do about it.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.path = None if path is None else str(path)
        self.line = line
        self.hint = hint
        where = ""
        if self.path is not None:
            where = f"{self.path}:{line}: " if line is not None else f"{self.path}: "
        text = where + message
        if hint:
            text += f" ({hint})"
        super().__init__(text)


class GazetteerError(GeoclaimsError):
    """The offline gazetteer is missing, broken or incompatible."""


class GazetteerNotFoundError(GazetteerError, FileNotFoundError):
    """No gazetteer artifact was found where geoclaims looked."""

    hint = (
        "Set GEOCLAIMS_DATA, call geoclaims.config.set_data_dir(), "
        "or run `geoclaims gazetteer build`."
    )


class GazetteerVersionError(GazetteerError):
    """The gazetteer artifact was built with an incompatible schema."""

    hint = "Rebuild it with `geoclaims gazetteer build`."


class GeometryError(GeoclaimsError, ValueError):
    """A footprint or geometry cannot be built from the given inputs."""


class OnlineGeocodingError(GeoclaimsError):
    """An explicitly requested online geocoder failed."""


class StoreError(GeoclaimsError):
    """A claims store cannot be read or written."""


class ExtractionInterrupted(KeyboardInterrupt):
    """A corpus extraction was interrupted (Ctrl-C or SIGTERM); finished documents are stored.

    It stays a :class:`KeyboardInterrupt`, so code that does not know about it stops
    as on any Ctrl-C. ``result`` holds the counts of the partial run (a
    ``geoclaims.corpus.CorpusResult``); rerunning the same command resumes.
    """

    def __init__(self, message: str, *, result: object, signum: int = 2) -> None:
        super().__init__(message)
        #: The signal that stopped the run: 2 (SIGINT, Ctrl-C) or 15 (SIGTERM).
        self.signum = signum
        #: Counts of the partial run.
        self.result = result


class GeoclaimsWarning(UserWarning):
    """Base class of geoclaims warnings."""


class LowConfidenceResolutionWarning(GeoclaimsWarning):
    """A place was resolved with little evidence."""


class DefaultAssumedWarning(GeoclaimsWarning):
    """A default was assumed where the input was silent."""
