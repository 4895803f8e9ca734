"""geoclaims: turn news and intelligence text into a map of claims, offline."""

from __future__ import annotations

from geoclaims import errors
from geoclaims.places.gazetteer import Gazetteer, Place
from geoclaims.places.geoparse import geoparse
from geoclaims.places.resolve import Candidate, Resolution
from geoclaims.text.mentions import Mention

__version__ = "0.1.0"

__all__ = sorted(
    [
        "Candidate",
        "Gazetteer",
        "Mention",
        "Place",
        "Resolution",
        "__version__",
        "errors",
        "geoparse",
    ]
)

for _name in ("Candidate", "Gazetteer", "Mention", "Place", "Resolution", "geoparse"):
    globals()[_name].__module__ = "geoclaims"
