"""Score attributed claims against PolNeAR attributions: who says what, and by what cue.

Gold documents are PolNeAR records as in ``shared/eval/polnear_*.jsonl``
(``doc_id``, ``text``, ``outlet``, ``attributions``: each with a ``source``
``{start, end, type, antecedents?, fragments?}`` or null, a ``cue`` ``{start, end,
fragments?}`` or null and a ``content`` list of ``{start, end}`` pieces).
Predictions are geoclaims claims-jsonl records ``{"doc_id": str, "claims": [...]}``
whose claims carry ``start``, ``end``, ``reporting_source``, ``cited_sources``,
``source_chain`` and ``cues``; other keys are ignored. The rule is the corpus's own
(``polnear.README.md``, "Scoring rule"), numbered as there. Everything is
micro-averaged over the articles. Predictions for documents absent from the gold
corpus are validated but not scored.

1. **Attributed claims.** A claim counts only if it names a source other than the
   publishing outlet: a non-empty ``cited_sources``, or a ``source_chain`` link
   that is not the outlet. The outlet is the chain's first link (claims-jsonl
   chains start with the publishing outlet) and any name equal to it or to the
   gold document's ``outlet``, case and spacing aside. Other claims are ignored
   (``n_pred_outlet_voice``).
2. **Overlap.** A gold attribution's *extent* is the characters of its source, cue
   and content (the annotated fragments where a span is discontinuous). A claim
   overlaps it if they share a character of the content and the characters the
   claim shares with the extent are at least :data:`OVERLAP_SHARE_MIN` of the
   shorter of the two (claim, extent).
3. **Recall** is the share of gold attributions matched one to one, greedily, the
   pair sharing most extent characters first (ties: gold, then predicted index;
   :func:`~geoclaims.evaluation.matching.match_greedily`). **Precision** is the
   share of attributed claims that overlap some gold attribution: several claims
   may share one (each sentence of a long quote is a correct claim).
   ``precision_1to1`` counts only the matched claims.
4. **Source accuracy**, over matched pairs whose gold attribution has a source.
   The predicted names are ``reporting_source``, ``cited_sources`` and the chain
   names, the outlet's left out; the source is correct if one of them is
   (:func:`~geoclaims.evaluation.matching.is_polnear_source`). For a pronoun
   source a name correct for one of its ``antecedents`` counts, and so does the
   literal pronoun (the name is the pronoun, case and spacing aside). The pairs are
   counted by the way they were met: ``n_source_by_name`` (sources other than
   pronouns), ``n_source_by_antecedent``, ``n_source_by_pronoun`` (the literal
   pronoun only). ``source_accuracy_strict`` accepts a pronoun source only through
   an antecedent.
5. **Cue accuracy**, over matched pairs with a gold cue that has a letter or
   digit: correct if a stem of the gold cue is among the stems of the predicted
   ``cues`` (:func:`~geoclaims.evaluation.matching.cue_stems`: said/says -> say,
   function words dropped). Pairs whose gold cue has no word (":", a dash) are
   counted apart in ``n_cue_wordless``.
6. **who_says_what_recall** is the share of gold attributions with a source that
   are matched and whose source is correct (as in 4, pronouns either way).
7. **Breakdowns.** Recall and source accuracy by gold source type
   (:data:`SOURCE_TYPES`, then ``"none"`` for attributions without a source) and
   by cue kind (:data:`CUE_KINDS`, by :func:`~geoclaims.evaluation.matching.cue_kind`).

Recall and precision are ``0.0`` when their denominator is zero, as for claims and
toponyms (one ``prf``); the accuracies are ``None`` when no pair qualifies.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from fractions import Fraction
from typing import Any

from geoclaims.errors import ConfigurationError, InputError
from geoclaims.evaluation._readers import (
    Loc,
    parse_items,
    parse_names,
    parse_optional_str,
    parse_span,
    read_corpus,
    read_docs,
)
from geoclaims.evaluation._scores import Scores, prf, share
from geoclaims.evaluation.matching import (
    cue_kind,
    cue_stems,
    is_polnear_source,
    match_greedily,
)

__all__ = [
    "CUE_KINDS",
    "OVERLAP_SHARE_MIN",
    "SOURCE_TYPES",
    "GroupScores",
    "PolnearScores",
    "evaluate_polnear",
    "score_polnear",
]

#: Gold source types, as the PolNeAR conversion assigns them.
SOURCE_TYPES = ("person", "organisation", "unnamed", "pronoun")
#: Cue kinds of the recall breakdown.
CUE_KINDS = ("speech", "other")
#: Share of the shorter of claim and extent that their shared characters must reach.
OVERLAP_SHARE_MIN = Fraction(1, 2)
_NO_SOURCE = "none"
_Span = tuple[int, int]


@dataclass(frozen=True, slots=True, kw_only=True)
class GroupScores(Scores):
    """Recall and source accuracy over the gold attributions of one group.

    One record of ``PolnearScores.by_source_type`` or ``by_cue_kind``.
    """

    #: A gold source type, ``"none"`` (no source) or a cue kind.
    group: str
    #: Gold attributions of the group.
    n_gold: int
    #: Of them, matched one to one to an attributed claim.
    n_matched: int
    #: ``n_matched / n_gold``; ``None`` when the group is empty.
    recall: float | None
    #: Matched pairs of the group whose gold attribution has a source.
    n_source_pairs: int
    #: Of them, with a correct source (pronouns by antecedent or literally).
    n_source_correct: int
    #: ``n_source_correct / n_source_pairs``; ``None`` when there is no such pair.
    source_accuracy: float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class PolnearScores(Scores):
    """PolNeAR attribution scores over a corpus (see the module docstring).

    Examples
    --------
    >>> text = "Ann Lee said the bridge will close."
    >>> gold = [{"doc_id": "d", "text": text, "outlet": "Gazette", "attributions": [
    ...     {"source": {"start": 0, "end": 7, "type": "person"},
    ...      "cue": {"start": 8, "end": 12}, "content": [{"start": 13, "end": 34}]}]}]
    >>> pred = {"d": [{"start": 0, "end": 35, "reporting_source": "Ann Lee",
    ...     "cited_sources": ["Ann Lee"], "source_chain": ["Gazette", "Ann Lee"],
    ...     "cues": ["said"]}]}
    >>> s = score_polnear(gold, pred)
    >>> s.recall, s.precision, s.source_accuracy, s.cue_accuracy
    (1.0, 1.0, 1.0, 1.0)
    >>> s.to_dict()["by_source_type"]["person"]["recall"]
    1.0
    """

    #: Share of gold attributions matched one to one to an attributed claim.
    recall: float
    #: Share of attributed claims that overlap some gold attribution.
    precision: float
    #: Share of attributed claims matched one to one.
    precision_1to1: float
    #: Share of matched pairs with a gold source whose source is correct.
    source_accuracy: float | None
    #: The same, a pronoun source correct only through an antecedent.
    source_accuracy_strict: float | None
    #: Share of matched pairs with a worded gold cue whose cue is correct.
    cue_accuracy: float | None
    #: Share of gold attributions with a source matched with a correct source.
    who_says_what_recall: float | None
    #: Number of gold attributions.
    n_gold: int
    #: Gold attributions with a source.
    n_gold_with_source: int
    #: Attributed claims (documents of the gold corpus).
    n_pred: int
    #: Claims in the outlet's own voice, ignored.
    n_pred_outlet_voice: int
    #: Attributed claims that overlap some gold attribution.
    n_pred_overlapping: int
    #: One-to-one matched pairs.
    n_matched: int
    #: Matched pairs whose gold attribution has a source.
    n_source_pairs: int
    #: Of them, sources other than pronouns met by a predicted name.
    n_source_by_name: int
    #: Pronoun sources met through an antecedent.
    n_source_by_antecedent: int
    #: Pronoun sources met by the literal pronoun only.
    n_source_by_pronoun: int
    #: Matched pairs with a gold cue that has a word.
    n_cue_pairs: int
    #: Of them, with a correct cue.
    n_cue_correct: int
    #: Matched pairs whose gold cue has no word (":", a dash), not scored.
    n_cue_wordless: int
    #: Gold attributions with a source, matched with a correct source.
    n_who_says_what: int
    #: By gold source type, in the order of :data:`SOURCE_TYPES`, then ``"none"``.
    by_source_type: tuple[GroupScores, ...]
    #: By gold cue kind, in the order of :data:`CUE_KINDS`.
    by_cue_kind: tuple[GroupScores, ...]

    def __post_init__(self) -> None:
        """Reject ratios outside [0, 1], negative counts and misnamed groups."""
        Scores.__post_init__(self)  # zero-argument super() fails in a slots dataclass
        for name, groups in (
            ("by_source_type", (*SOURCE_TYPES, _NO_SOURCE)),
            ("by_cue_kind", CUE_KINDS),
        ):
            got = getattr(self, name)
            if not (
                isinstance(got, tuple)
                and all(isinstance(g, GroupScores) for g in got)
                and tuple(g.group for g in got) == groups
            ):
                raise ConfigurationError(
                    f"{type(self).__name__}.{name} must be GroupScores for "
                    f"{', '.join(groups)} in that order, got {got!r:.200}"
                )

    def to_dict(self) -> dict[str, Any]:
        """Return the scores as plain Python values, floats rounded to 4 decimals.

        The breakdowns become ``{group: {field: value}}``.
        """
        out = Scores.to_dict(self)
        for name in ("by_source_type", "by_cue_kind"):
            out[name] = {g.group: Scores.to_dict(g) for g in getattr(self, name)}
            for values in out[name].values():
                del values["group"]
        return out


# -- input validation --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Attribution:
    """A gold attribution reduced to what is scored."""

    content: tuple[_Span, ...]
    extent: tuple[_Span, ...]
    source: str | None
    source_type: str
    antecedents: tuple[str, ...]
    cue: str | None


@dataclass(frozen=True, slots=True)
class _GoldDoc:
    outlet: str | None
    attributions: list[_Attribution]


@dataclass(frozen=True, slots=True)
class _Claim:
    """A predicted claim reduced to what is scored."""

    span: _Span
    reporting_source: str | None
    cited: tuple[str, ...]
    chain: tuple[str, ...]
    cues: tuple[str, ...]


def _merged(spans: Iterable[_Span]) -> tuple[_Span, ...]:
    out: list[_Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


def _pieces(raw: Any, where: str, *, text_len: int, loc: Loc) -> tuple[_Span, ...]:
    """The spans of a list of ``{start, end}`` pieces, at least one."""
    if isinstance(raw, str | bytes | Mapping) or not isinstance(raw, Sequence) or not raw:
        raise InputError(f"{where} must be a non-empty list of spans, got {raw!r:.80}", **loc)
    spans = []
    for k, piece in enumerate(raw):
        if not isinstance(piece, Mapping):
            raise InputError(f"{where} {k} must be an object, got {piece!r:.80}", **loc)
        spans.append(parse_span(piece, f"{where} {k}", text_len=text_len, loc=loc))
    return tuple(spans)


def _part(
    part: Any, where: str, *, text: str, loc: Loc
) -> tuple[tuple[_Span, ...], str | None]:
    """A source or cue (or null): its annotated pieces and its text."""
    if part is None:
        return (), None
    if not isinstance(part, Mapping):
        raise InputError(f"{where} must be an object or null, got {part!r:.80}", **loc)
    span = parse_span(part, where, text_len=len(text), loc=loc)
    if part.get("fragments") is None:
        pieces: tuple[_Span, ...] = (span,)
    else:
        pieces = _pieces(part["fragments"], f"{where} fragment", text_len=len(text), loc=loc)
    return pieces, " ".join(text[s:e] for s, e in pieces)


def _parse_attribution(
    item: Mapping[str, Any], where: str, *, text: str, loc: Loc
) -> _Attribution:
    content = _pieces(item.get("content"), f"{where} content", text_len=len(text), loc=loc)
    source = item.get("source")
    source_pieces, source_text = _part(source, f"{where} source", text=text, loc=loc)
    cue_pieces, cue_text = _part(item.get("cue"), f"{where} cue", text=text, loc=loc)
    source_type: str = _NO_SOURCE
    antecedents: tuple[str, ...] = ()
    if isinstance(source, Mapping):
        raw_type = source.get("type")
        if raw_type not in SOURCE_TYPES:
            raise InputError(
                f"{where}: unknown source type {raw_type!r}; valid: "
                f"{', '.join(SOURCE_TYPES)}",
                **loc,
            )
        source_type = raw_type
        antecedents = parse_names(source, "antecedents", f"{where} source", loc)
    return _Attribution(
        content=_merged(content),
        extent=_merged(content + source_pieces + cue_pieces),
        source=source_text,
        source_type=source_type,
        antecedents=antecedents,
        cue=cue_text,
    )


def _gold_doc(doc_id: str, doc: Mapping[str, Any], loc: Loc) -> _GoldDoc:
    text = doc.get("text")
    if not isinstance(text, str):
        raise InputError(f"gold document {doc_id!r} needs a string 'text'", **loc)
    if "attributions" not in doc:
        raise InputError(f"gold document {doc_id!r} has no 'attributions'", **loc)
    attributions = parse_items(
        doc["attributions"],
        "gold",
        doc_id,
        lambda item, where: _parse_attribution(item, where, text=text, loc=loc),
        kind="attribution",
        loc=loc,
    )
    where = f"gold document {doc_id!r}"
    return _GoldDoc(parse_optional_str(doc, "outlet", where, loc), attributions)


def _parse_claim(item: Mapping[str, Any], where: str, loc: Loc) -> _Claim:
    return _Claim(
        span=parse_span(item, where, text_len=None, loc=loc),
        reporting_source=parse_optional_str(item, "reporting_source", where, loc),
        cited=parse_names(item, "cited_sources", where, loc),
        chain=parse_names(item, "source_chain", where, loc),
        cues=parse_names(item, "cues", where, loc),
    )


def _pred_claims(doc_id: str, raw: Any, loc: Loc) -> list[_Claim]:
    return parse_items(
        raw,
        "predicted",
        doc_id,
        lambda item, where: _parse_claim(item, where, loc),
        kind="claim",
        loc=loc,
    )


#: Key of the predicted lists, gold and predicted parsers, for the readers.
_POLNEAR = ("claims", _gold_doc, _pred_claims)


# -- scoring -----------------------------------------------------------------------


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def _outlets(claim: _Claim, outlet: str | None) -> set[str]:
    """The names of the publishing outlet: the chain's first link, the gold outlet."""
    return {_key(n) for n in (*claim.chain[:1], outlet or "") if n.strip()}


def _cited_names(claim: _Claim, outlet: str | None) -> list[str]:
    """The claim's source names other than the outlet (rule 1), in order, unique."""
    outlets = _outlets(claim, outlet)
    names = [claim.reporting_source or "", *claim.cited, *claim.chain[1:]]
    out: list[str] = []
    for name in names:
        if name.strip() and _key(name) not in outlets and name not in out:
            out.append(name)
    return out


def _is_attributed(claim: _Claim, outlet: str | None) -> bool:
    outlets = _outlets(claim, outlet)
    return bool(claim.cited) or any(_key(n) not in outlets for n in claim.chain[1:])


def _shared(span: _Span, spans: Sequence[_Span]) -> int:
    return sum(max(0, min(span[1], e) - max(span[0], s)) for s, e in spans)


def _overlap(gold: _Attribution, claim: _Claim) -> int:
    """Extent characters shared with the claim if the pair overlaps (rule 2), else 0."""
    if not _shared(claim.span, gold.content):
        return 0
    shared = _shared(claim.span, gold.extent)
    shorter = min(claim.span[1] - claim.span[0], sum(e - s for s, e in gold.extent))
    return shared if shared >= OVERLAP_SHARE_MIN * shorter else 0


def _source_way(gold: _Attribution, names: Sequence[str]) -> str | None:
    """How a gold source is met: "name", "antecedent", "pronoun" or not (None)."""
    if gold.source is None:
        return None
    if gold.source_type != "pronoun":
        return "name" if any(is_polnear_source(n, gold.source) for n in names) else None
    if any(is_polnear_source(n, a) for n in names for a in gold.antecedents):
        return "antecedent"
    literal = _key(gold.source)
    return "pronoun" if any(_key(n) == literal for n in names) else None


def _is_cue_met(gold: str, cues: Sequence[str]) -> bool:
    stems = cue_stems(gold)
    return any(stems & cue_stems(cue) for cue in cues)


@dataclass
class _Tally:
    """Counts of one breakdown group."""

    n_gold: int = 0
    n_matched: int = 0
    n_source_pairs: int = 0
    n_source_correct: int = 0

    def scores(self, group: str) -> GroupScores:
        recall = share(self.n_matched, self.n_gold)
        accuracy = share(self.n_source_correct, self.n_source_pairs)
        return GroupScores(group=group, recall=recall, source_accuracy=accuracy, **asdict(self))


def _score(
    gold: Mapping[str, _GoldDoc], pred: Mapping[str, Sequence[_Claim]]
) -> PolnearScores:
    counts = dict.fromkeys(
        ("gold", "with_source", "pred", "outlet_voice", "overlapping", "matched", "cue",
         "cue_ok", "wordless", "name", "antecedent", "pronoun", "source_pairs"),
        0,
    )
    by_type = {t: _Tally() for t in (*SOURCE_TYPES, _NO_SOURCE)}
    by_cue = {k: _Tally() for k in CUE_KINDS}
    for doc_id, doc in gold.items():
        claims = [c for c in pred.get(doc_id, ()) if _is_attributed(c, doc.outlet)]
        counts["outlet_voice"] += len(pred.get(doc_id, ())) - len(claims)
        counts["pred"] += len(claims)
        counts["gold"] += len(doc.attributions)
        candidates = []
        for i, attribution in enumerate(doc.attributions):
            for j, claim in enumerate(claims):
                shared = _overlap(attribution, claim)
                if shared:
                    candidates.append(((-shared, i, j), i, j))
        counts["overlapping"] += len({j for _key, _i, j in candidates})
        matched = dict(match_greedily(candidates))
        for i, attribution in enumerate(doc.attributions):
            tallies = (by_type[attribution.source_type], by_cue[cue_kind(attribution.cue)])
            way = None
            for tally in tallies:
                tally.n_gold += 1
            counts["with_source"] += attribution.source is not None
            if i not in matched:
                continue
            counts["matched"] += 1
            claim = claims[matched[i]]
            if attribution.source is not None:
                way = _source_way(attribution, _cited_names(claim, doc.outlet))
                counts["source_pairs"] += 1
                if way is not None:
                    counts[way] += 1
            if attribution.cue is not None and any(ch.isalnum() for ch in attribution.cue):
                counts["cue"] += 1
                counts["cue_ok"] += _is_cue_met(attribution.cue, claim.cues)
            elif attribution.cue is not None:
                counts["wordless"] += 1
            for tally in tallies:
                tally.n_matched += 1
                tally.n_source_pairs += attribution.source is not None
                tally.n_source_correct += way is not None
    correct = counts["name"] + counts["antecedent"] + counts["pronoun"]
    precision_1to1, recall, _f1 = prf(counts["matched"], counts["pred"], counts["gold"])
    return PolnearScores(
        recall=recall,
        precision=prf(counts["overlapping"], counts["pred"], counts["gold"])[0],
        precision_1to1=precision_1to1,
        source_accuracy=share(correct, counts["source_pairs"]),
        source_accuracy_strict=share(correct - counts["pronoun"], counts["source_pairs"]),
        cue_accuracy=share(counts["cue_ok"], counts["cue"]),
        who_says_what_recall=share(correct, counts["with_source"]),
        n_gold=counts["gold"],
        n_gold_with_source=counts["with_source"],
        n_pred=counts["pred"],
        n_pred_outlet_voice=counts["outlet_voice"],
        n_pred_overlapping=counts["overlapping"],
        n_matched=counts["matched"],
        n_source_pairs=counts["source_pairs"],
        n_source_by_name=counts["name"],
        n_source_by_antecedent=counts["antecedent"],
        n_source_by_pronoun=counts["pronoun"],
        n_cue_pairs=counts["cue"],
        n_cue_correct=counts["cue_ok"],
        n_cue_wordless=counts["wordless"],
        n_who_says_what=correct,
        by_source_type=tuple(t.scores(g) for g, t in by_type.items()),
        by_cue_kind=tuple(t.scores(k) for k, t in by_cue.items()),
    )


def score_polnear(
    gold_docs: Iterable[Mapping[str, Any]],
    pred: Mapping[str, Sequence[Mapping[str, Any]]],
) -> PolnearScores:
    """Score predicted claims against PolNeAR attributions, micro-averaged.

    Parameters
    ----------
    gold_docs : iterable of mapping
        PolNeAR documents: ``doc_id`` (str), ``text`` (str), ``attributions`` and
        optionally ``outlet``.
    pred : mapping of str to sequence of mapping
        ``doc_id`` to predicted claims in the claims-jsonl shape (``start`` and
        ``end`` required; ``reporting_source``, ``cited_sources``,
        ``source_chain``, ``cues`` optional).

    Returns
    -------
    PolnearScores
        The metrics defined in the module docstring.

    Raises
    ------
    InputError
        If a document, attribution or claim is malformed (offsets, unknown source
        type, duplicate ``doc_id``), naming the document and the item index.
    ConfigurationError
        If ``pred`` is not a mapping.
    """
    return _score(*read_docs(gold_docs, pred, *_POLNEAR))


def evaluate_polnear(
    gold_path: str | os.PathLike[str],
    pred_path_or_mapping: str
    | os.PathLike[str]
    | Mapping[str, Sequence[Mapping[str, Any]]],
) -> dict[str, Any]:
    """Evaluate predicted claims against a PolNeAR corpus file.

    Parameters
    ----------
    gold_path : str or path-like
        PolNeAR JSON Lines, one article per line (``doc_id``, ``text``,
        ``attributions``).
    pred_path_or_mapping : str, path-like or mapping
        A claims-jsonl file (``geoclaims extract ... --format claims-jsonl``), or a
        mapping of ``doc_id`` to predicted claims.

    Returns
    -------
    dict
        ``{"corpus": <gold file stem>, **PolnearScores.to_dict()}``.

    Raises
    ------
    InputError
        Naming the file and the line of a malformed record.
    ConfigurationError
        If ``pred_path_or_mapping`` is neither a path nor a mapping.

    Examples
    --------
    >>> import json, pathlib, tempfile
    >>> text = "Ann Lee said so."
    >>> gold = {"doc_id": "d", "text": text, "outlet": "Gazette", "attributions": [
    ...     {"source": {"start": 0, "end": 7, "type": "person"},
    ...      "cue": {"start": 8, "end": 12}, "content": [{"start": 13, "end": 15}]}]}
    >>> claim = {"start": 0, "end": 16, "cited_sources": ["Ann Lee"], "cues": ["said"]}
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> for name, record in [("tiny", gold), ("pred", {"doc_id": "d", "claims": [claim]})]:
    ...     _ = (folder / f"{name}.jsonl").write_text(json.dumps(record), encoding="utf-8")
    >>> result = evaluate_polnear(folder / "tiny.jsonl", folder / "pred.jsonl")
    >>> result["corpus"], result["recall"], result["who_says_what_recall"]
    ('tiny', 1.0, 1.0)
    """
    corpus, gold, pred = read_corpus(
        gold_path,
        pred_path_or_mapping,
        *_POLNEAR,
        required=("doc_id", "text", "attributions"),
    )
    return {"corpus": corpus, **_score(gold, pred).to_dict()}
