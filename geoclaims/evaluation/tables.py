"""Markdown tables of evaluation results, for the benchmarks and ``geoclaims eval``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from geoclaims.errors import ConfigurationError
from geoclaims.evaluation.claims import GRADES
from geoclaims.evaluation.polnear import CUE_KINDS, SOURCE_TYPES

__all__ = [
    "CLAIMS_SUMMARY_HEADER",
    "MARKDOWN_HEADER",
    "POLNEAR_SUMMARY_HEADER",
    "format_claims_markdown",
    "format_claims_summary_row",
    "format_markdown_row",
    "format_polnear_markdown",
    "format_polnear_summary_row",
]

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


def _shown(value: Any) -> str:
    if value is None:
        return "n/a"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _metric_lines(
    result: Mapping[str, Any],
    rows: tuple[tuple[str, str, str | None], ...],
    what: str,
    *,
    also: tuple[str, ...],
) -> list[str]:
    """The metric | score | n table of ``rows`` (label, key, key of n or None).

    ``result`` must hold the score keys of ``rows`` and the keys ``also``; ``what``
    names the functions whose dict it should be.
    """
    missing = [key for _, key, _ in rows if key not in result]
    missing += [key for key in also if key not in result]
    if missing:
        raise ConfigurationError(
            f"result lacks score key(s) {', '.join(missing)}; pass the dict of {what}"
        )
    lines = [
        f"| metric | {_cell(result.get('corpus', 'score'))} | n |",
        "|---|---:|---:|",
    ]
    for label, key, n_key in rows:
        n = "" if n_key is None else str(result.get(n_key, ""))
        lines.append(f"| {label} | {_shown(result[key])} | {n} |")
    return lines


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
    what = "evaluate_claims() or ClaimScores.to_dict()"
    lines = _metric_lines(result, _CLAIM_ROWS, what, also=("confusion",))
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


_POLNEAR_ROWS = (
    # (label, score key, key of the count shown in the n column)
    ("content recall", "recall", "n_gold"),
    ("precision", "precision", "n_pred"),
    ("precision, one to one", "precision_1to1", "n_pred"),
    ("source accuracy", "source_accuracy", "n_source_pairs"),
    ("source accuracy, strict", "source_accuracy_strict", "n_source_pairs"),
    ("cue accuracy", "cue_accuracy", "n_cue_pairs"),
    ("who-says-what recall", "who_says_what_recall", "n_gold_with_source"),
    ("claims in the outlet's voice (ignored)", "n_pred_outlet_voice", None),
    ("sources met by name", "n_source_by_name", None),
    ("pronoun sources met by an antecedent", "n_source_by_antecedent", None),
    ("pronoun sources met by the pronoun", "n_source_by_pronoun", None),
    ("wordless gold cues (not scored)", "n_cue_wordless", None),
)


def format_polnear_markdown(result: Mapping[str, Any]) -> str:
    """Format PolNeAR scores as a metrics table and tables by source type and cue kind.

    Parameters
    ----------
    result : mapping
        A result of :func:`~geoclaims.evaluation.polnear.evaluate_polnear` or
        :meth:`~geoclaims.evaluation.polnear.PolnearScores.to_dict`.

    Returns
    -------
    str
        Ratios to 3 decimals (``n/a`` when undefined), counts as integers; the n
        column gives each ratio's denominator. Then recall and source accuracy by
        gold source type and by cue kind.

    Raises
    ------
    ConfigurationError
        If a score key is missing from ``result``.

    Examples
    --------
    >>> from geoclaims.evaluation.polnear import score_polnear
    >>> gold = [{"doc_id": "d", "text": "Ann Lee said so.", "attributions": [
    ...     {"source": None, "cue": None, "content": [{"start": 13, "end": 15}]}]}]
    >>> table = format_polnear_markdown(score_polnear(gold, {}).to_dict())
    >>> print(table.splitlines()[2])
    | content recall | 0.000 | 1 |
    """
    what = "evaluate_polnear() or PolnearScores.to_dict()"
    lines = _metric_lines(result, _POLNEAR_ROWS, what, also=("by_source_type", "by_cue_kind"))
    for title, key, groups in (
        ("gold source type", "by_source_type", (*SOURCE_TYPES, "none")),
        ("gold cue kind", "by_cue_kind", CUE_KINDS),
    ):
        lines += [
            "",
            f"| {title} | n | matched | recall | source accuracy |",
            "|---|---:|---:|---:|---:|",
        ]
        for group in groups:
            g = result[key].get(group, {})
            label = "(no source)" if group == "none" else group
            lines.append(
                f"| {label} | {g.get('n_gold', 0)} | {g.get('n_matched', 0)} | "
                f"{_shown(g.get('recall'))} | {_shown(g.get('source_accuracy'))} |"
            )
    return "\n".join(lines)


#: Header and alignment lines of the table that :func:`format_claims_summary_row` fills.
CLAIMS_SUMMARY_HEADER = (
    "| corpus | claim recall | precision | confidence accuracy | cited-source accuracy "
    "| place-link F1 | event-date accuracy | gold claims |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|"
)
#: Header and alignment lines of the table that :func:`format_polnear_summary_row` fills.
POLNEAR_SUMMARY_HEADER = (
    "| corpus | content recall | precision | source accuracy | cue accuracy "
    "| who-says-what recall | speech-cue recall | other-cue recall | attributions |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def _summary_row(name: str, values: list[Any], n: Any) -> str:
    return "| " + " | ".join([_cell(name), *map(_shown, values), str(n)]) + " |"


def format_claims_summary_row(name: str, result: Mapping[str, Any]) -> str:
    """Format one row of the table of news corpora headed by :data:`CLAIMS_SUMMARY_HEADER`.

    Examples
    --------
    >>> from geoclaims.evaluation.claims import score_claims
    >>> gold = [{"doc_id": "d", "claims": [{"start": 0, "end": 5, "confidence": "denied"}]}]
    >>> format_claims_summary_row("tiny", score_claims(gold, {}).to_dict())
    '| tiny | 0.000 | 0.000 | n/a | n/a | 0.000 | n/a | 1 |'
    """
    keys = ("claim_recall", "claim_precision", "confidence_accuracy",
            "cited_source_accuracy", "place_f1", "event_date_accuracy")
    return _summary_row(name, [result[k] for k in keys], result["n_gold"])


def format_polnear_summary_row(name: str, result: Mapping[str, Any]) -> str:
    """Format one row of the PolNeAR table headed by :data:`POLNEAR_SUMMARY_HEADER`.

    Examples
    --------
    >>> from geoclaims.evaluation.polnear import score_polnear
    >>> gold = [{"doc_id": "d", "text": "Ann Lee said so.", "attributions": [
    ...     {"source": None, "cue": None, "content": [{"start": 13, "end": 15}]}]}]
    >>> format_polnear_summary_row("tiny", score_polnear(gold, {}).to_dict())
    '| tiny | 0.000 | 0.000 | n/a | n/a | n/a | n/a | 0.000 | 1 |'
    """
    keys = ("recall", "precision", "source_accuracy", "cue_accuracy", "who_says_what_recall")
    by_cue = result["by_cue_kind"]
    values = [result[k] for k in keys] + [by_cue[k]["recall"] for k in CUE_KINDS]
    return _summary_row(name, values, result["n_gold"])
