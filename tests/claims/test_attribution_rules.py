"""The attribution rule table: a row per rule, and each row needs its rule."""

from __future__ import annotations

import pytest

from geoclaims.claims.attribution import find_attribution
from geoclaims.claims.attribution_rules import RULES, AttributionRule

#: (rule, sentence, source names of the chain, a cue the rule adds). The id of a row
#: is its rule's name (with a suffix for a second row of the same rule).
RULE_ROWS = [
    pytest.param("source_label", "Source: Ukraine's General Staff, said on Monday.",
                 ["Ukraine's General Staff"], "source", id="source_label"),
    pytest.param("speaker_colon", "Mayor Ana Lis: the dam will hold through the winter.",
                 ["Mayor Ana Lis"], ":", id="speaker_colon"),
    pytest.param("verb_in_opening_quote",
                 "“Officials said the dam would hold,” Mayor Ana Lis told reporters.",
                 ["Mayor Ana Lis"], "told", id="verb_in_opening_quote"),
    pytest.param("passive_saying_verb", "Ten soldiers are reported to have deserted.",
                 [], "are reported to", id="passive_saying_verb"),
    pytest.param("participle_of_saying", "Rebels seized the town, claiming that the army fled.",
                 ["Rebels"], "claiming", id="participle_of_saying"),
    pytest.param("coordinated_saying_verb",
                 "Governor Ivan Orlov met rescuers near the dam and said the water was falling.",
                 ["Governor Ivan Orlov"], "said", id="coordinated_saying_verb"),
    pytest.param("said_before_source",
                 "Shelling hit two villages overnight, reported the General Staff.",
                 ["General Staff"], "reported", id="said_before_source"),
    pytest.param("not_a_speaker", "The confirmed death toll rose to 12, officials said.",
                 ["officials"], "said", id="not_a_speaker"),
    pytest.param("back_reference_said", "The bridge is also under fire, he said.",
                 ["he"], "he said", id="back_reference_said"),
    pytest.param("said_after_source",
                 "Kremlin spokesperson Dmitry Peskov said the talks had failed.",
                 ["Kremlin spokesperson Dmitry Peskov"], "said", id="said_after_source"),
    pytest.param("said_after_source",
                 "Mayor Ana Lis clarified that no one was hurt in the blast.",
                 ["Mayor Ana Lis"], "clarified", id="said_after_source-verb_of_communication"),
    pytest.param("said_after_source",
                 "The head of the Kursk region, which borders Ukraine, said six were hurt.",
                 ["head of the Kursk region"], "said",
                 id="said_after_source-official_of_a_region"),
    pytest.param("said_after_source",
                 "The Northern Rescue Service (NRS) this morning said the dam held.",
                 ["Northern Rescue Service"], "said", id="said_after_source-acronym_and_time"),
    pytest.param("said_after_source",
                 "The Harbour Authority in a statement said two boats approached the ship.",
                 ["Harbour Authority"], "said", id="said_after_source-in_a_statement"),
    pytest.param("citing", "Two ports were hit overnight, citing unnamed officials in Kyiv.",
                 ["unnamed officials"], "citing", id="citing"),
    pytest.param("according_to", "According to the Daily Star, two ports were hit overnight.",
                 ["the Daily Star"], "according to", id="according_to"),
    pytest.param("according_to",
                 "Two ports were hit, according to the state broadcaster, Suspilne.",
                 ["Suspilne"], "according to", id="according_to-named_after_description"),
    pytest.param("according_to",
                 "According to the Daily Star, Mayor Ana Lis said the dam held.",
                 ["the Daily Star", "Mayor Ana Lis"], "according to",
                 id="according_to-heads_the_chain"),
    pytest.param("per_source", "About 100 sailors were on the ship, per the Daily Star.",
                 ["the Daily Star"], "per", id="per_source"),
    pytest.param("name_withheld",
                 "A man who asked not to be named said he had found the bodies of six people.",
                 ["unnamed source"], "asked not to be named", id="name_withheld"),
    pytest.param("passive_by_agent",
                 "This was reported by the head of the regional administration, Ivan Sirko.",
                 ["Ivan Sirko"], "was reported by", id="passive_by_agent"),
    pytest.param("bracketed_citation",
                 "The quake damaged 1,800 homes in the district (UNICEF 22/06/2022; "
                 "Daily Star 23/06/2022).",
                 ["UNICEF", "Daily Star"], "(citation)", id="bracketed_citation"),
    pytest.param("reportedly", "Drones reportedly hit an oil depot near the port.",
                 [], "reportedly", id="reportedly"),
    pytest.param("reportedly", "Two volunteer units said to be involved crossed the border.",
                 [], "said to be", id="reportedly-said_to_be"),
    pytest.param("reportedly", "The advance, if confirmed, would cut the highway.",
                 [], "if confirmed", id="reportedly-if_confirmed"),
    pytest.param("reportedly", "At least 17 deaths have been reported in the valley.",
                 [], "have been reported", id="reportedly-passive_without_agent"),
    pytest.param("unnamed_reports", "Media reports say drones hit an oil depot near the port.",
                 ["reports (unnamed)"], "media reports", id="unnamed_reports"),
]


def _holds(sentence: str, chain: list[str], cue: str,
           rules: tuple[AttributionRule, ...] = RULES) -> bool:
    att = find_attribution(sentence, rules=rules)
    return [s.name for s in att.chain] == chain and cue in att.cues


@pytest.mark.parametrize(("rule", "sentence", "chain", "cue"), RULE_ROWS)
def test_attribution_rules_each_rule_finds_its_source(rule, sentence, chain, cue):  # type: ignore[no-untyped-def]
    att = find_attribution(sentence)
    assert [s.name for s in att.chain] == chain
    assert cue in att.cues, att.cues


@pytest.mark.parametrize(("rule", "sentence", "chain", "cue"), RULE_ROWS)
def test_attribution_rules_each_row_needs_its_rule(rule, sentence, chain, cue):  # type: ignore[no-untyped-def]
    """Without its rule, a row's sentence reads differently: the row tests that rule."""
    without = tuple(r for r in RULES if r.name != rule)
    assert len(without) == len(RULES) - 1
    assert not _holds(sentence, chain, cue, without)


def test_attribution_rules_every_rule_has_a_test_row():  # type: ignore[no-untyped-def]
    assert sorted(r.name for r in RULES) == sorted({row.values[0] for row in RULE_ROWS})
    assert {row.values[0] for row in RULE_ROWS} == {row.id.split("-")[0] for row in RULE_ROWS}


def test_attribution_rules_table_is_well_formed():  # type: ignore[no-untyped-def]
    names = [r.name for r in RULES]
    assert len(set(names)) == len(names)
    assert all(r.reason.startswith("'") and r.reason.endswith(".") for r in RULES)
    # The verb rules are one run, so every verb of saying is read once.
    scopes = [r.scope for r in RULES]
    first, last = scopes.index("verb"), len(scopes) - scopes[::-1].index("verb")
    assert set(scopes[first:last]) == {"verb"}


@pytest.mark.parametrize(
    ("name", "scope", "message"),
    [("According to", "sentence", "snake_case"), ("citing", "clause", "scope")],
)
def test_attribution_rules_bad_rule_is_refused(name, scope, message):  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=message):
        AttributionRule(name=name, scope=scope, reason="'x'.", match=lambda draft: None)


@pytest.mark.parametrize("line", [
    "Update: the dam held through the night, officials in Orlov said.",
    "KYIV: the dam held through the night near the old bridge.",
    "Tuesday: the dam held through the night near the old bridge.",
    "Editor’s note: this story was corrected to fix the number of boats.",
])
def test_attribution_rules_speaker_colon_skips_labels_and_datelines(line):  # type: ignore[no-untyped-def]
    att = find_attribution(line)
    assert ":" not in att.cues
    assert all(src.name.split()[0] not in ("Update", "KYIV", "Tuesday", "Editor’s")
               for src in att.chain)


def test_attribution_rules_no_rules_find_nothing():  # type: ignore[no-untyped-def]
    att = find_attribution("According to the Daily Star, Mayor Ana Lis said so.", rules=())
    assert (att.chain, att.cues, att.verb, att.hedged) == ((), (), "", False)
