"""Attribution read from a dependency parse: a row per subject rule, and the filters."""

from __future__ import annotations

import dataclasses

import pytest

from geoclaims.claims import structure
from geoclaims.claims.structure import SUBJECT_RULES, find_structural, has_cue_word
from geoclaims.text import lexicon
from geoclaims.text.parse import parse_sentences

#: (rule, sentence, source, cue): the id of a row is its rule's name.
RULE_ROWS = [
    pytest.param("own_subject", "The harbour authority says two boats approached the ship.",
                 "The harbour authority", "says", id="own_subject"),
    pytest.param("own_subject", "Two boats approached the ship, said Captain Ana Lis.",
                 "Captain Ana Lis", "said", id="own_subject-after_the_verb"),
    pytest.param("passive_agent", "The crew was told by port officials that the ship must leave.",
                 "port officials", "told", id="passive_agent"),
    pytest.param("inherited_subject",
                 "The mayor toured the flooded streets and says the dam will hold.",
                 "The mayor", "says", id="inherited_subject"),
    pytest.param("inherited_subject",
                 "The governor went on television, saying that the dam will hold.",
                 "The governor", "saying", id="inherited_subject-participle"),
    pytest.param("described_noun",
                 "The navy issued a statement saying that the patrol boat was hit.",
                 "a statement", "saying", id="described_noun"),
    pytest.param("possessor", "Talks stalled over the mayor’s claim that the dam is safe.",
                 "the mayor", "claim", id="possessor"),
]


def _first(sentence: str, rules=SUBJECT_RULES):  # type: ignore[no-untyped-def]
    return find_structural(parse_sentences([sentence])[0], rules)


@pytest.mark.parametrize(("rule", "sentence", "source", "cue"), RULE_ROWS)
def test_structure_each_rule_finds_its_source(rule, sentence, source, cue):  # type: ignore[no-untyped-def]
    found = [(a.source_text, a.cue_text, a.rule) for a in _first(sentence)]
    assert (source, cue, rule) in found


@pytest.mark.parametrize(("rule", "sentence", "source", "cue"), RULE_ROWS)
def test_structure_each_row_needs_its_rule(rule, sentence, source, cue):  # type: ignore[no-untyped-def]
    without = tuple(r for r in SUBJECT_RULES if r.name != rule)
    assert (source, cue) not in [(a.source_text, a.cue_text) for a in _first(sentence, without)]


def test_structure_every_rule_has_a_row():  # type: ignore[no-untyped-def]
    assert sorted(r.name for r in SUBJECT_RULES) == sorted({row.values[0] for row in RULE_ROWS})


@pytest.mark.parametrize("sentence", [
    "Russian forces attacked the city overnight.",  # not a cue verb
    "The strike claimed 20 lives in the village.",  # "claim" with an object
    "Troops found three bodies near the bridge.",  # "find" with an object
    "Kyiv has not denied being behind the attacks.",  # negated
    "No injuries were reported after the blast.",  # passive
    "It is expected that the river will rise again.",  # expletive subject
    "“I think the dam will hold,” the engineer told us.",  # first person inside a quote
])
def test_structure_names_no_false_source(sentence):  # type: ignore[no-untyped-def]
    found = _first(sentence)
    assert all(a.source_text.lower() not in ("russian forces", "the strike", "troops", "kyiv",
                                               "no injuries", "it", "i") for a in found), found


def test_structure_relative_clause_speaks_for_its_noun():  # type: ignore[no-untyped-def]
    found = _first("Critics who say the senator lacks experience marched on Monday.")
    assert [(a.source_text, a.cue_text) for a in found] == [("Critics", "say")]


def test_structure_apposition_names_the_title_holder():  # type: ignore[no-untyped-def]
    found = _first("The head of the rescue service, Ivan Orlov, said the dam held.")
    assert found[0].source_text == "The head of the rescue service, Ivan Orlov"
    found = _first("Orlov, the head of the rescue service, said the dam held.")
    assert found[0].source_text == "Orlov"


def test_structure_cue_outside_quotes_comes_first():  # type: ignore[no-untyped-def]
    found = _first("“They say the dam will hold,” the mayor told reporters on Monday.")
    assert found[0].source_text == "the mayor" and not found[0].quoted
    assert found[0].clause[0] <= found[0].source[0] < found[0].source[1] <= found[0].clause[1]


def test_structure_kinds_come_from_the_lexicon():  # type: ignore[no-untyped-def]
    kinds = {a.cue_text: a.kind for a in _first("The mayor wants a new dam and says it is safe.")}
    assert kinds == {"wants": "intention", "says": "speech"}
    assert set(structure.CUES.values()) == {"speech", "belief", "intention", "stance"}
    assert structure.CLAUSE_ONLY <= set(structure.CUES)
    assert lexicon.stem("claimed") in structure.CLAUSE_ONLY


def test_structure_cue_word_filter():  # type: ignore[no-untyped-def]
    assert has_cue_word("The mayor promised repairs.")
    assert not has_cue_word("Floods hit the valley on Monday.")


def test_structure_results_are_frozen_records():  # type: ignore[no-untyped-def]
    found = _first("The mayor said the dam held.")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.source_text = "x"  # type: ignore[misc]
