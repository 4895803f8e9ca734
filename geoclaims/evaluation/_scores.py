"""What the toponym and the claim scores share: P/R/F1 and the score record."""

from __future__ import annotations

import numbers
from dataclasses import fields
from typing import Any, cast

from geoclaims.errors import ConfigurationError

#: Field types of ratios (``float | None``: undefined when nothing qualifies) and km.
_FLOAT_TYPES = ("float", "float | None")


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Return precision, recall and F1; a ratio with a zero denominator is ``0.0``.

    Examples
    --------
    >>> prf(1, 2, 4)
    (0.5, 0.25, 0.3333333333333333)
    >>> prf(0, 0, 3)
    (0.0, 0.0, 0.0)
    """
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    total = precision + recall
    return precision, recall, (2.0 * precision * recall / total if total else 0.0)


def prf_fields(prefix: str, tp: int, n_pred: int, n_gold: int) -> dict[str, Any]:
    """Return :func:`prf` as the fields ``{prefix}_precision``, ``_recall``, ``_f1``.

    Examples
    --------
    >>> prf_fields("claim", 1, 1, 2)
    {'claim_precision': 1.0, 'claim_recall': 0.5, 'claim_f1': 0.6666666666666666}
    """
    names = (f"{prefix}_precision", f"{prefix}_recall", f"{prefix}_f1")
    return dict(zip(names, prf(tp, n_pred, n_gold), strict=True))


def share(hits: int, n: int) -> float | None:
    """Return ``hits / n``, or ``None`` when nothing qualifies (``n == 0``)."""
    return hits / n if n else None


def is_int(value: Any) -> bool:
    """Tell whether ``value`` is an integer and not a bool."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


class Scores:
    """Validation and serialisation of the score dataclasses, driven by field types.

    ``int`` fields are non-negative ints; fields named ``*_km`` non-negative numbers;
    ``float`` fields numbers in [0, 1] and ``float | None`` fields also ``None``.
    """

    __slots__ = ()

    def __post_init__(self) -> None:
        """Reject negative counts or distances, and ratios outside [0, 1]."""
        for field in fields(cast(Any, self)):
            value = getattr(self, field.name)
            number = isinstance(value, numbers.Real) and not isinstance(value, bool)
            if field.type == "int":
                ok = isinstance(value, int) and number and value >= 0
                bad = "a non-negative int"
            elif field.name.endswith("_km"):
                ok, bad = number and value >= 0.0, "a non-negative number"
            elif field.type in _FLOAT_TYPES:
                optional = field.type != "float"
                ok = (value is None and optional) or (number and 0.0 <= value <= 1.0)
                bad = "a number in [0, 1]" + (" or None" if optional else "")
            else:
                continue
            if not ok:  # NaN fails every comparison above
                msg = f"{type(self).__name__}.{field.name} must be {bad}, got {value!r}"
                raise ConfigurationError(msg)

    def to_dict(self) -> dict[str, Any]:
        """Return the fields as plain Python values, floats rounded to 4 decimals."""
        out: dict[str, Any] = {}
        for field in fields(cast(Any, self)):
            value = getattr(self, field.name)
            if value is not None and field.type in _FLOAT_TYPES:
                value = round(float(value), 4)
            out[field.name] = value
        return out
