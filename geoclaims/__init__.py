"""geoclaims: turn news and intelligence text into a map of claims, offline."""

from __future__ import annotations

from geoclaims import errors
from geoclaims.claims.model import Claim, Confidence, Source
from geoclaims.corpus import extract_corpus
from geoclaims.geometry.footprints import Footprint
from geoclaims.inputs import read_claims
from geoclaims.maps.interactive import render_map, save_map
from geoclaims.pipeline import Report, analyze
from geoclaims.places.gazetteer import Gazetteer, Place
from geoclaims.places.geoparse import geoparse
from geoclaims.places.resolve import Candidate, Resolution
from geoclaims.store.dataset import read_store
from geoclaims.store.frames import to_geodataframe
from geoclaims.text.mentions import Mention

__version__ = "0.1.0"

__all__ = [
    "Candidate",
    "Claim",
    "Confidence",
    "Footprint",
    "Gazetteer",
    "Mention",
    "Place",
    "Report",
    "Resolution",
    "Source",
    "__version__",
    "analyze",
    "errors",
    "extract_corpus",
    "geoparse",
    "read_claims",
    "read_store",
    "render_map",
    "save_map",
    "to_geodataframe",
]

for _name in __all__:
    _obj = globals()[_name]
    if isinstance(_obj, type) or callable(_obj):
        _obj.__module__ = "geoclaims"
