"""Lossless JSON for reports: every record, geometry and provenance field round-trips."""

from __future__ import annotations

import dataclasses
import enum
import json
from pathlib import Path
from typing import Any

from geoclaims._io import atomic_write, read_text_file
from geoclaims.errors import InputError

#: Format version of the JSON; a reader refuses any other.
REPORT_FORMAT = 1


def _registry() -> dict[str, type]:
    from geoclaims.claims.model import Claim, Confidence, Source
    from geoclaims.geometry.footprints import Footprint
    from geoclaims.pipeline import Report
    from geoclaims.places.gazetteer import Place
    from geoclaims.places.resolve import Candidate, Resolution
    from geoclaims.text.mentions import Mention
    from geoclaims.text.spatial import SpatialExpression

    classes = (Claim, Confidence, Source, Footprint, Report, Place, Candidate, Resolution,
               Mention, SpatialExpression)
    return {cls.__name__: cls for cls in classes}


def _encode(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return {"__enum__": type(value).__name__, "value": value.value}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"__type__": type(value).__name__, **fields}
    if isinstance(value, tuple):
        return {"__tuple__": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    if hasattr(value, "__geo_interface__") and hasattr(value, "geom_type"):
        import shapely

        return {"__geometry__": shapely.to_wkt(value, rounding_precision=-1)}
    return value


def _decode(value: Any, registry: dict[str, type]) -> Any:
    if isinstance(value, list):
        return [_decode(v, registry) for v in value]
    if not isinstance(value, dict):
        return value
    if "__tuple__" in value:
        return tuple(_decode(v, registry) for v in value["__tuple__"])
    if "__geometry__" in value:
        import shapely

        return shapely.from_wkt(value["__geometry__"])
    if "__enum__" in value:
        return registry[value["__enum__"]](value["value"])
    if "__type__" in value:
        cls = registry.get(value["__type__"])
        if cls is None:
            raise InputError(f"unknown record type {value['__type__']!r} in report JSON")
        fields = {k: _decode(v, registry) for k, v in value.items() if k != "__type__"}
        return cls(**fields)
    return {k: _decode(v, registry) for k, v in value.items()}


def report_to_dict(report: Any) -> dict[str, Any]:
    """A report as JSON-ready data (geometry as full-precision WKT)."""
    return {"format": REPORT_FORMAT, "report": _encode(report)}


def report_from_dict(data: dict[str, Any]) -> Any:
    """Rebuild a report from :func:`report_to_dict` output.

    Raises
    ------
    InputError
        For data of another format version or with unknown record types.
    """
    if not isinstance(data, dict) or data.get("format") != REPORT_FORMAT:
        found = data.get("format") if isinstance(data, dict) else type(data).__name__
        raise InputError(
            f"report JSON format {found!r} is not {REPORT_FORMAT}",
            hint="re-run `geoclaims extract` with this version of geoclaims",
        )
    return _decode(data["report"], _registry())


def write_reports(reports: list[Any], path: str | Path) -> None:
    """Write reports to one JSON file, atomically."""
    with atomic_write(path) as handle:
        json.dump({"format": REPORT_FORMAT, "reports": [_encode(r) for r in reports]},
                  handle, ensure_ascii=False)


def read_reports(path: str | Path) -> list[Any]:
    """Read reports written by :func:`write_reports`.

    Raises
    ------
    InputError
        Naming the file for malformed JSON or another format version.
    """
    text = read_text_file(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"malformed JSON ({err.msg})", path=path, line=err.lineno) from err
    if not isinstance(data, dict) or data.get("format") != REPORT_FORMAT:
        raise InputError(
            f"not a geoclaims report file of format {REPORT_FORMAT}", path=path,
            hint="write it with `geoclaims extract ... -o FILE.json`",
        )
    registry = _registry()
    return [_decode(r, registry) for r in data.get("reports", [])]
