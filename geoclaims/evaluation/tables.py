"""Markdown tables of evaluation results, for the benchmarks and ``geoclaims eval``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from geoclaims.errors import ConfigurationError
from geoclaims.evaluation.claims import GRADES

__all__ = ["MARKDOWN_HEADER", "format_claims_markdown", "format_markdown_row"]

#: Header and alignment lines of the table that :func:`format_markdown_row` fills.
MARKDOWN_HEADER = (
    "| corpus | strict F1 | overlap F1 | acc@161 | mean km | median km | AUC | n |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|"
)


def _cell(text: Any) -> str:
    return " ".join(str(text).replace("|", r"\|").split())


def format_markdown_row(name: str, result: Mapping[str, Any]) -> str:
    """Format one row of the benchmark table headed by :data:`MARKDOWN_HEADER`.

    Parameters
    ----------
    name : str
        Text of the first cell (usually the corpus); ``|`` is escaped.
    result : mapping
        A result of :func:`~geoclaims.evaluation.toponyms.evaluate_predictions`,
        with ``"recognition"`` (a mapping or None) and ``"resolution"`` (a mapping).

    Returns
    -------
    str
        Cells corpus, strict F1, overlap F1, acc@161, mean km, median km, AUC, n:
        ratios to 3 decimals, km to whole numbers, ``n/a`` for a score not
        computed or averaged over no toponyms.

    Raises
    ------
    ConfigurationError
        If ``result`` has no ``"resolution"`` mapping.

    Examples
    --------
    >>> result = {"recognition": None, "resolution": {"n": 2, "accuracy_161": 0.5,
    ...     "mean_error_km": 10019.5, "median_error_km": 10019.5, "auc": 0.5}}
    >>> format_markdown_row("lgl", result)
    '| lgl | n/a | n/a | 0.500 | 10020 | 10020 | 0.500 | 2 |'
    """
    recognition, resolution = result.get("recognition"), result.get("resolution")
    if not isinstance(resolution, Mapping):
        msg = f"result needs a 'resolution' mapping, got {resolution!r}"
        raise ConfigurationError(msg)
    n = int(resolution.get("n", 0))
    cells = [_cell(name)]
    for key in ("strict_f1", "overlap_f1"):
        cells.append("n/a" if recognition is None else f"{recognition[key]:.3f}")
    for key, spec in (
        ("accuracy_161", ".3f"),
        ("mean_error_km", ".0f"),
        ("median_error_km", ".0f"),
        ("auc", ".3f"),
    ):
        cells.append(format(resolution[key], spec) if n else "n/a")
    cells.append(str(n))
    return "| " + " | ".join(cells) + " |"


_CLAIM_ROWS = (
    # (label, score key, key of the count shown in the n column)
    ("claim precision", "claim_precision", "n_pred"),
    ("claim recall", "claim_recall", "n_gold"),
    ("claim F1", "claim_f1", "n_matched"),
    ("cited source accuracy", "cited_source_accuracy", "n_matched"),
    ("source chain accuracy", "source_chain_accuracy", "n_matched"),
    ("confidence accuracy", "confidence_accuracy", "n_matched"),
    ("likelihood accuracy", "likelihood_accuracy", "n_likelihood"),
    ("likelihood false positives", "likelihood_false_positives", None),
    ("place precision", "place_precision", "n_pred_places"),
    ("place recall", "place_recall", "n_gold_places"),
    ("place F1", "place_f1", "n_place_tp"),
    ("gold place labels excluded", "n_gold_places_excluded", None),
    ("predicted places without a GeoNames id excluded", "n_pred_places_excluded", None),
    ("event date accuracy", "event_date_accuracy", "n_event_date"),
    ("event date false positives", "event_date_false_positives", None),
)


def format_claims_markdown(result: Mapping[str, Any]) -> str:
    """Format claim scores as a markdown metrics table and a confusion table.

    Parameters
    ----------
    result : mapping
        A result of :func:`~geoclaims.evaluation.claims.evaluate_claims` or
        :meth:`~geoclaims.evaluation.claims.ClaimScores.to_dict`; its
        ``"corpus"`` (if any) heads the score column.

    Returns
    -------
    str
        Ratios to 3 decimals (``n/a`` when undefined), counts as integers; the n
        column gives each ratio's denominator (place F1: true positives). Then the
        gold x predicted grade matrix.

    Raises
    ------
    ConfigurationError
        If a score key is missing from ``result``.

    Examples
    --------
    >>> from geoclaims.evaluation.claims import score_claims
    >>> gold = [{"doc_id": "d", "claims": [
    ...     {"start": 0, "end": 5, "confidence": "denied"}]}]
    >>> table = format_claims_markdown(score_claims(gold, {}).to_dict())
    >>> print(table.splitlines()[2])
    | claim precision | 0.000 | 0 |
    """
    missing = [key for _, key, _ in _CLAIM_ROWS if key not in result]
    if missing or "confusion" not in result:
        raise ConfigurationError(
            f"result lacks score key(s) {', '.join(missing or ['confusion'])}; "
            "pass the dict of evaluate_claims() or ClaimScores.to_dict()"
        )
    lines = [
        f"| metric | {_cell(result.get('corpus', 'score'))} | n |",
        "|---|---:|---:|",
    ]
    for label, key, n_key in _CLAIM_ROWS:
        value = result[key]
        if value is None:
            shown = "n/a"
        elif isinstance(value, float):
            shown = f"{value:.3f}"
        else:
            shown = str(value)
        n = "" if n_key is None else str(result.get(n_key, ""))
        lines.append(f"| {label} | {shown} | {n} |")
    lines += [
        "",
        "| gold \\ predicted | " + " | ".join(GRADES) + " |",
        "|---|" + "---:|" * len(GRADES),
    ]
    confusion = result["confusion"]
    for gold_grade in GRADES:
        row = confusion.get(gold_grade, {})
        counts = " | ".join(str(row.get(p, 0)) for p in GRADES)
        lines.append(f"| {gold_grade} | {counts} |")
    return "\n".join(lines)
