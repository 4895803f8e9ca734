"""Tests of geoclaims.evaluation.polnear (PolNeAR attribution scoring).

Every gold record and sentence here is made up; the rule's points are those of
``polnear.README.md`` ("Scoring rule").
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from geoclaims.errors import ConfigurationError, InputError
from geoclaims.evaluation.matching import (
    core_of,
    cue_kind,
    cue_stems,
    is_polnear_source,
    name_words,
)
from geoclaims.evaluation.polnear import (
    CUE_KINDS,
    SOURCE_TYPES,
    GroupScores,
    PolnearScores,
    evaluate_polnear,
    score_polnear,
)
from geoclaims.evaluation.tables import format_polnear_markdown

OUTLET = "Lakeside Courier"
FILLER = "x" * 200
_Span = tuple[int, int]


def piece(start: int, end: int) -> dict[str, int]:
    return {"start": start, "end": end}


def attribution(
    content: list[_Span],
    *,
    source: _Span | None = None,
    source_type: str = "person",
    antecedents: list[str] | None = None,
    cue: _Span | None = None,
) -> dict[str, Any]:
    """A gold attribution in the PolNeAR schema (texts are taken from the document)."""
    record: dict[str, Any] = {
        "id": "E1",
        "source": None,
        "cue": None if cue is None else piece(*cue),
        "content": [piece(*c) for c in content],
    }
    if source is not None:
        record["source"] = {**piece(*source), "type": source_type}
        if antecedents is not None:
            record["source"]["antecedents"] = antecedents
    return record


def gold_doc(
    attributions: list[dict[str, Any]], text: str = FILLER, doc_id: str = "d"
) -> dict[str, Any]:
    return {"doc_id": doc_id, "text": text, "outlet": OUTLET, "attributions": attributions}


def claim(
    start: int,
    end: int,
    *names: str,
    cues: list[str] | None = None,
    chain: list[Any] | None = None,
) -> dict[str, Any]:
    """A claims-jsonl claim citing ``names`` (none: the outlet's own voice)."""
    return {
        "start": start,
        "end": end,
        "reporting_source": names[-1] if names else OUTLET,
        "cited_sources": list(names),
        "source_chain": chain
        if chain is not None
        else [{"name": OUTLET, "type": "outlet", "anonymous": False}]
        + [{"name": n, "type": "person", "anonymous": False} for n in names],
        "cues": cues or [],
        "confidence": "reported",
    }


def quote(
    source: str,
    cue: str = "said",
    *,
    source_type: str = "person",
    antecedents: list[str] | None = None,
) -> tuple[dict[str, Any], _Span]:
    """A one-sentence article "SOURCE CUE the ferry will run on Sundays." and its span."""
    text = f"{source} {cue} the ferry will run on Sundays."
    cue_start = len(source) + 1
    content_start = cue_start + len(cue) + 1
    gold = attribution(
        [(content_start, len(text) - 1)],
        source=(0, len(source)),
        source_type=source_type,
        antecedents=antecedents,
        cue=(cue_start, cue_start + len(cue)),
    )
    return gold_doc([gold], text), (0, len(text))


# -- 1 attributed claims -------------------------------------------------------------


@pytest.mark.parametrize(
    ("pred", "attributed"),
    [
        (claim(0, 40), False),
        (claim(0, 40, "Ana Ruiz"), True),
        # A chain link that is not the outlet, with no cited source.
        (claim(0, 40, chain=[OUTLET, "Ana Ruiz"]) | {"cited_sources": []}, True),
        # The outlet named again, case and spacing aside, is still its own voice.
        (claim(0, 40, chain=[OUTLET, " lakeside  COURIER"]) | {"cited_sources": []}, False),
        # So is the gold document's outlet, wherever the chain names it.
        (claim(0, 40, chain=["Courier Group", OUTLET]) | {"cited_sources": []}, False),
        (claim(0, 40, chain=[]) | {"reporting_source": None}, False),
    ],
)
def test_polnear_only_attributed_claims_count(pred: dict[str, Any], attributed: bool) -> None:
    scores = score_polnear([gold_doc([attribution([(0, 40)])])], {"d": [pred]})
    assert scores.n_pred == int(attributed)
    assert scores.n_pred_outlet_voice == int(not attributed)
    assert scores.recall == float(attributed)


def test_polnear_outlet_names_are_not_predicted_sources() -> None:
    doc, span = quote("The Lakeside Courier")
    pred = claim(*span, OUTLET, chain=[OUTLET, OUTLET])
    scores = score_polnear([doc], {"d": [pred]})
    assert scores.n_pred == 1  # cited_sources is not empty
    assert scores.source_accuracy == 0.0  # but the outlet's name is no predicted name


# -- 2 overlap ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold", "span", "overlaps"),
    [
        # Extent of 20 characters (content only): half of the shorter is 10.
        (attribution([(0, 20)]), (10, 60), True),
        (attribution([(0, 20)]), (11, 60), False),
        # Source, cue and content make the extent (0-35); the claim is longer.
        (attribution([(15, 35)], source=(0, 10), cue=(10, 15)), (17, 100), True),
        (attribution([(15, 35)], source=(0, 10), cue=(10, 15)), (18, 100), False),
        # A short claim: its own length is the yardstick, one content character.
        (attribution([(14, 30)], source=(0, 10), cue=(10, 14)), (0, 15), True),
        # Source and cue alone are not enough: no character of the content.
        (attribution([(14, 30)], source=(0, 10), cue=(10, 14)), (0, 14), False),
        # A discontinuous content: the gap is not part of the extent.
        (attribution([(0, 10), (50, 60)]), (6, 55), False),
        (attribution([(0, 10), (50, 60)]), (0, 55), True),
    ],
)
def test_polnear_overlap_is_half_of_the_shorter(
    gold: dict[str, Any], span: _Span, overlaps: bool
) -> None:
    scores = score_polnear([gold_doc([gold])], {"d": [claim(*span, "Ana Ruiz")]})
    assert scores.n_pred_overlapping == scores.n_matched == int(overlaps)
    assert scores.precision == scores.recall == float(overlaps)


# -- 3 matching, recall and precision ------------------------------------------------


def test_polnear_greedy_match_takes_the_largest_overlap_first() -> None:
    # One claim over two attributions: it shares 10 characters with the first and
    # 20 with the second, so it goes to the second although the first comes first.
    golds = [
        attribution([(0, 10)], source=(100, 105), source_type="person"),
        attribution([(10, 40)], source=(110, 115), source_type="unnamed"),
    ]
    scores = score_polnear([gold_doc(golds)], {"d": [claim(0, 30, "Ana Ruiz")]})
    by_type = scores.to_dict()["by_source_type"]
    assert scores.n_matched == 1 and scores.recall == 0.5
    assert by_type["unnamed"]["n_matched"] == 1
    assert by_type["person"]["n_matched"] == 0


def test_polnear_greedy_match_is_one_to_one_after_the_best_pair() -> None:
    golds = [attribution([(0, 20)]), attribution([(20, 40)])]
    pred = {"d": [claim(0, 30, "Ana Ruiz"), claim(18, 40, "Ana Ruiz")]}
    scores = score_polnear([gold_doc(golds)], pred)
    assert (scores.n_matched, scores.recall, scores.precision_1to1) == (2, 1.0, 1.0)


def test_polnear_claims_sharing_one_attribution_are_precise_but_not_one_to_one() -> None:
    # Each sentence of a long quote is a correct claim.
    pred = {"d": [claim(0, 30, "Ana Ruiz"), claim(30, 60, "Ana Ruiz"), claim(90, 120, "X")]}
    scores = score_polnear([gold_doc([attribution([(0, 60)])])], pred)
    assert scores.n_pred == 3 and scores.n_pred_overlapping == 2
    assert scores.precision == pytest.approx(2 / 3)
    assert scores.precision_1to1 == pytest.approx(1 / 3)
    assert scores.recall == 1.0


def test_polnear_micro_averages_over_articles() -> None:
    docs = [
        gold_doc([attribution([(0, 20)]), attribution([(40, 60)])], doc_id="a"),
        gold_doc([attribution([(0, 20)])], doc_id="b"),
        gold_doc([], doc_id="c"),
    ]
    pred = {"a": [claim(0, 20, "X")], "b": [claim(0, 20, "X")], "c": [claim(0, 9, "X")]}
    scores = score_polnear(docs, pred | {"elsewhere": [claim(0, 5, "X")]})
    assert (scores.n_gold, scores.n_pred, scores.n_matched) == (3, 3, 2)
    assert scores.recall == pytest.approx(2 / 3)
    assert scores.precision == pytest.approx(2 / 3)


def test_polnear_no_predictions_scores_zero() -> None:
    scores = score_polnear([gold_doc([attribution([(0, 20)], source=(30, 35))])], {})
    assert (scores.recall, scores.precision, scores.precision_1to1) == (0.0, 0.0, 0.0)
    assert scores.source_accuracy is None and scores.cue_accuracy is None
    assert scores.who_says_what_recall == 0.0


# -- 4 source names ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "gold", "expected"),
    [
        ("Dana Whitfield", "Dana Whitfield", True),
        # Half of the gold source's words.
        ("Whitfield", "Dana Whitfield", True),
        ("Whitfield", "Dana Whitfield Okafor", False),
        # Half of the core: the text before a comma, a bracket, a dash or "who".
        ("Dana Whitfield", "Dana Whitfield, director of the Harbor Trust", True),
        ("Whitfield", "Dana Whitfield (Harbor Trust), its director", True),
        ("Whitfield", "Dana Whitfield \u2014 the trust's director since spring", True),
        ("Whitfield", "Dana Whitfield who runs the Harbor Trust fund", True),
        ("Dana Whitfield of Leeds", "Dana Whitfield, director of the Harbor Trust", True),
        ("Harbor Trust", "Dana Whitfield, director of the Harbor Trust", False),
        # All its words in the core and ending with the core's last word.
        ("Robin Vale", "the Harbor Trust's deputy director Robin Vale", True),
        ("deputy director Vale", "the Harbor Trust's deputy director Robin Vale", True),
        ("Robin Hale", "the Harbor Trust's deputy director Robin Hale Vale", False),
        # Same last word after a different modifier: never correct.
        ("Paul Ostrander", "Maria Ostrander", False),
        ("Paul Ostrander", "Maria Ostrander, the party's nominee", False),
        ("the Ostrander campaign", "the Lindqvist campaign", False),
        # Modifiers that share a word are the same name written two ways.
        ("Maria T. Ostrander", "Maria Ostrander", True),
        ("Ostrander", "Maria Ostrander", True),
        # Lower case, possessives, plural "s", titles and function words.
        ("officials", "an official", True),
        ("the FERRY BOARD", "Ferry Board's", True),
        ("Sen. Kemp", "Lionel Kemp", True),
        ("Lionel", "Sen. Lionel Kemp", True),
        ("the president", "President", True),
        ("he", "he", False),  # pronouns are scored through their own rule
        ("", "Dana Whitfield", False),
    ],
)
def test_polnear_source_name_rule(name: str, gold: str, expected: bool) -> None:
    assert is_polnear_source(name, gold) is expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Sen. Lionel Kemp's aides", ("lionel", "kemp", "aide")),
        ("the U.S. Board of Regents", ("us", "board", "regent")),
        ("the mayor", ("mayor",)),  # a name of titles alone keeps them
        ("they", ()),
    ],
)
def test_polnear_name_words(text: str, words: tuple[str, ...]) -> None:
    assert name_words(text) == words


@pytest.mark.parametrize(
    ("source", "core"),
    [
        ("Kit Ito, head of the Water Board", "Kit Ito"),
        ("Kit Ito (D-Ore.)", "Kit Ito "),
        ("Kit Ito -- the water chief", "Kit Ito "),
        ("Kit Ito, who heads the Water Board", "Kit Ito"),
        ("Kit Ito-Marsh", "Kit Ito-Marsh"),  # a hyphen inside a name is no dash
        ("Whoopi Lane", "Whoopi Lane"),  # "who" only as a word
        (", head of the office", ", head of the office"),
    ],
)
def test_polnear_core_of(source: str, core: str) -> None:
    assert core_of(source) == core


@pytest.mark.parametrize(
    ("names", "antecedents", "way"),
    [
        (["Ana Ruiz"], ["Ana Ruiz", "Ruiz"], "antecedent"),
        (["Ruiz"], ["the mayor", "Ana Ruiz"], "antecedent"),
        (["She"], ["Ana Ruiz"], "pronoun"),
        (["she"], None, "pronoun"),
        (["Tom Bell"], ["Ana Ruiz"], None),
        # The exclusion holds for antecedents too.
        (["Luis Ruiz"], ["Ana Ruiz"], None),
    ],
)
def test_polnear_pronoun_sources(
    names: list[str], antecedents: list[str] | None, way: str | None
) -> None:
    doc, span = quote("She", source_type="pronoun", antecedents=antecedents)
    scores = score_polnear([doc], {"d": [claim(*span, *names)]})
    counts = {
        "antecedent": scores.n_source_by_antecedent,
        "pronoun": scores.n_source_by_pronoun,
        "name": scores.n_source_by_name,
    }
    assert counts == {k: int(k == way) for k in counts}
    assert scores.source_accuracy == float(way is not None)
    assert scores.source_accuracy_strict == float(way == "antecedent")
    assert scores.who_says_what_recall == float(way is not None)


def test_polnear_any_predicted_name_may_be_the_source() -> None:
    doc, span = quote("Dana Whitfield, director of the trust")
    pred = claim(*span, "the trust", chain=[OUTLET, "Whitfield", "the trust"])
    pred["reporting_source"] = "the trust"
    scores = score_polnear([doc], {"d": [pred]})
    assert scores.n_source_by_name == 1 and scores.source_accuracy == 1.0
    pred["source_chain"] = [OUTLET, "the trust"]
    assert score_polnear([doc], {"d": [pred]}).source_accuracy == 0.0


def test_polnear_source_accuracy_is_over_pairs_with_a_source() -> None:
    doc, span = quote("Dana Whitfield")
    no_source = attribution([(100, 140)])
    doc["text"] += " " + FILLER
    doc["attributions"].append(no_source)
    pred = {"d": [claim(*span, "Dana Whitfield"), claim(100, 140, "Someone")]}
    scores = score_polnear([doc], pred)
    assert scores.n_matched == 2 and scores.n_source_pairs == 1
    assert scores.source_accuracy == 1.0
    assert scores.n_gold_with_source == 1 and scores.who_says_what_recall == 1.0
    assert scores.to_dict()["by_source_type"]["none"]["recall"] == 1.0


# -- 5 cues --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold", "cues", "correct"),
    [
        ("said", ["said"], True),
        ("said", ["says"], True),
        ("says", ["say"], True),
        ("noted", ["notes"], True),
        ("told", ["telling"], True),
        ("has vowed", ["vows"], True),
        ("according to", ["according to"], True),
        # Function words are dropped: sharing "to" or "that" is no match.
        ("according to", ["to"], False),
        ("said that", ["that", "claims"], False),
        ("wants", ["said"], False),
        ("said", [], False),
        ("insisted", ["anonymous source", "insists"], True),
    ],
)
def test_polnear_cue_rule(gold: str, cues: list[str], correct: bool) -> None:
    doc, span = quote("Ana Ruiz", gold)
    scores = score_polnear([doc], {"d": [claim(*span, "Ana Ruiz", cues=cues)]})
    assert (scores.n_cue_pairs, scores.n_cue_wordless) == (1, 0)
    assert scores.cue_accuracy == float(correct)


@pytest.mark.parametrize("cue", [":", "\u2014", " - "])
def test_polnear_wordless_cues_are_counted_apart(cue: str) -> None:
    doc, span = quote("ANA RUIZ", cue)
    scores = score_polnear([doc], {"d": [claim(*span, "Ana Ruiz", cues=[":"])]})
    assert (scores.n_cue_pairs, scores.n_cue_wordless) == (0, 1)
    assert scores.cue_accuracy is None
    assert scores.source_accuracy == 1.0


@pytest.mark.parametrize(
    ("text", "stems"),
    [
        ("said", {"say"}),
        ("says", {"say"}),
        ("noted", {"not"}),
        ("noting", {"not"}),
        ("has planned", {"plan"}),
        ("replied that", {"reply"}),
        ("is expected to", {"expect"}),
        ("\u2014", set()),
    ],
)
def test_polnear_cue_stems(text: str, stems: set[str]) -> None:
    assert cue_stems(text) == stems


# -- 6, 7 who says what and the breakdowns -------------------------------------------


@pytest.mark.parametrize(
    ("cue", "kind"),
    [
        ("said", "speech"),
        ("tells", "speech"),
        ("according to", "speech"),
        ("added", "speech"),
        ("noted", "speech"),
        ("wrote", "speech"),
        (":", "speech"),
        ("wants", "other"),
        ("has vowed", "other"),
        ("\u2014", "other"),
        (None, "other"),
    ],
)
def test_polnear_cue_kind(cue: str | None, kind: str) -> None:
    assert cue_kind(cue) == kind


def test_polnear_breakdowns_by_source_type_and_cue_kind() -> None:
    parts = [
        quote("Ana Ruiz", "said"),
        quote("The ferry board", "wants", source_type="organisation"),
        quote("Officials", "hoped", source_type="unnamed"),
        quote("He", "told", source_type="pronoun", antecedents=["Tom Bell"]),
    ]
    docs, pred = [], {}
    for k, (doc, span) in enumerate(parts):
        doc["doc_id"] = f"d{k}"
        docs.append(doc)
        pred[f"d{k}"] = [claim(*span, "Ana Ruiz")] if k in (0, 2, 3) else []
    result = score_polnear(docs, pred).to_dict()
    assert result["recall"] == 0.75
    assert result["who_says_what_recall"] == 0.25  # only Ana Ruiz is right
    by_type = result["by_source_type"]
    assert list(by_type) == [*SOURCE_TYPES, "none"]
    assert [by_type[t]["recall"] for t in SOURCE_TYPES] == [1.0, 0.0, 1.0, 1.0]
    assert [by_type[t]["source_accuracy"] for t in SOURCE_TYPES] == [1.0, None, 0.0, 0.0]
    assert by_type["none"]["recall"] is None
    by_cue = result["by_cue_kind"]
    assert list(by_cue) == list(CUE_KINDS)
    assert (by_cue["speech"]["n_gold"], by_cue["speech"]["recall"]) == (2, 1.0)
    assert (by_cue["other"]["n_gold"], by_cue["other"]["recall"]) == (2, 0.5)


def test_polnear_scores_reject_misnamed_groups() -> None:
    result = score_polnear([gold_doc([])], {})
    fields = {f: getattr(result, f) for f in result.__dataclass_fields__}
    with pytest.raises(ConfigurationError, match="by_cue_kind"):
        PolnearScores(**fields | {"by_cue_kind": result.by_cue_kind[::-1]})
    with pytest.raises(ConfigurationError, match="recall"):
        GroupScores(group="speech", n_gold=1, n_matched=2, recall=2.0,
                    n_source_pairs=0, n_source_correct=0, source_accuracy=None)


# -- input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold", "message"),
    [
        (gold_doc([attribution([(0, 20)], source=(0, 5), source_type="robot")]),
         "unknown source type 'robot'"),
        (gold_doc([attribution([(0, 500)])]), "start < end <= len"),
        (gold_doc([attribution([])]), "content must be a non-empty list"),
        (gold_doc([{"content": [piece(0, 5)], "cue": "said"}]), "cue must be an object"),
        ({"doc_id": "d", "text": FILLER}, "has no 'attributions'"),
        ({"doc_id": "d", "attributions": []}, "needs a string 'text'"),
        (gold_doc("none"), "must be a list"),  # type: ignore[arg-type]
    ],
)
def test_polnear_malformed_gold(gold: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError, match=message):
        score_polnear([gold], {})


@pytest.mark.parametrize(
    ("pred", "message"),
    [
        ({"d": [{"start": 5, "end": 2}]}, "need 0 <= start < end"),
        ({"d": [claim(0, 5) | {"cues": "said"}]}, "'cues' must be a list"),
        ({"d": [claim(0, 5) | {"source_chain": [{"type": "outlet"}]}]}, "string 'name'"),
    ],
)
def test_polnear_malformed_predictions(pred: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError, match=message):
        score_polnear([gold_doc([])], pred)
    with pytest.raises(ConfigurationError, match="predictions must map"):
        score_polnear([gold_doc([])], [])  # type: ignore[arg-type]


def test_polnear_evaluate_names_the_bad_line(tmp_path: Path) -> None:
    gold = tmp_path / "tiny_polnear.jsonl"
    lines = [gold_doc([attribution([(0, 20)])], doc_id=k) for k in ("a", "b")]
    lines[1]["attributions"][0]["content"][0]["end"] = 999
    gold.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    with pytest.raises(InputError) as err:
        evaluate_polnear(gold, {})
    assert err.value.line == 2 and str(err.value.path) == str(gold)


def test_polnear_evaluate_reads_a_predictions_file(tmp_path: Path) -> None:
    doc, span = quote("Ana Ruiz")
    gold = tmp_path / "tiny_polnear.jsonl"
    gold.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    record = {"doc_id": "d", "claims": [claim(*span, "Ana Ruiz", cues=["said"])]}
    pred.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = evaluate_polnear(gold, pred)
    assert result["corpus"] == "tiny_polnear"
    assert result["recall"] == result["source_accuracy"] == result["cue_accuracy"] == 1.0
    table = format_polnear_markdown(result)
    assert "| content recall | 1.000 | 1 |" in table
    assert "| pronoun |" in table and "| speech |" in table
