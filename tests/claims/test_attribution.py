"""Attribution rules: speakers of saying verbs (sentences: tests/text/test_segment.py)."""

from __future__ import annotations

import pytest

from geoclaims.claims.attribution import find_attribution, main_subject


@pytest.mark.parametrize(
    ("sentence", "speakers"),
    [
        # A participle of saying after a comma: the subject of the main clause speaks.
        ("In recent days, the navy has shelled two ports, accusing them of hiding arms.",
         ["navy"]),
        ("According to the Daily Star, Mayor Ana Lis spoke on radio, saying the dam held.",
         ["the Daily Star", "Mayor Ana Lis"]),
        # A coordinated verb shares the subject of the first verb.
        ("Governor Ivan Orlov met rescuers near the dam and said, \"The water is falling.\"",
         ["Governor Ivan Orlov"]),
        # The speaker after the verb may carry an article.
        ("Shelling hit two villages overnight, reported the General Staff.", ["General Staff"]),
        # A lowercase pronoun after the reported clause is the speaker.
        ("The bridge at the river mouth is also under fire, he said.", ["he"]),
        # Posting on social media and belief predicates attribute like "said".
        ("Two schools were hit, local volunteers Harbour Watch shared on Facebook.",
         ["Harbour Watch"]),
        ("Minister Olga Berg is convinced that the talks will fail.", ["Minister Olga Berg"]),
        ("The EU has information that the convoy left on Monday.", ["EU"]),
        # A name set off by commas before the verb names a speaker the title does not.
        ("The region's chief veterinary physician, Ivan Sirko, said the outbreak began "
         "in May.", ["Ivan Sirko"]),
        # The holder named after a title is part of the source: one speaker.
        ("The head of the Centre for Water Safety, Ivan Sirko, said the dam held.",
         ["head of the Centre for Water Safety, Ivan Sirko"]),
        # An abbreviation's period ends neither the name nor the clause.
        ("The plan is a fraud, said Rep. Ana Lis (D-Va.), a member of the panel.",
         ["Rep. Ana Lis"]),
        ("According to the U.S. State Department, the talks failed.",
         ["the U.S. State Department"]),
        ("The ship sank near the port, per the U.S. Navy.", ["the U.S. Navy"]),
        ("The town fell, Test Radio reported, citing Maj. Gen. Ali Hassan.",
         ["Test Radio", "Maj. Gen. Ali Hassan"]),
        # A named speaker's account cites the speaker.
        ("According to Ana Lis's account, the patrol boat was rammed twice.", ["Ana Lis"]),
        ("The toll rose to 12, according to the ministry's latest figures.", ["the ministry"]),
        ("According to Ukraine's General Staff, 40 drones were downed.",
         ["Ukraine's General Staff"]),
        # Participles and verbs that are not always speech need "that" or a context.
        ("Rebels seized the town, claiming that the army fled.", ["Rebels"]),
        ("Russian strikes hit the city, claiming five lives.", []),
        ("Poland and Ukraine shared a border crossing for years.", []),
    ],
)
def test_attribution_speakers(sentence, speakers):  # type: ignore[no-untyped-def]
    chain = find_attribution(sentence).chain
    assert [s.name for s in chain] == speakers


@pytest.mark.parametrize(
    ("sentence", "verb", "subject"),
    [
        ("On Friday, Governor Ana Lis visited the port, saying it was safe.", "saying",
         "Governor Ana Lis"),
        ("Earlier, the spokesman for the agency said so and added details.", "added",
         "spokesman for the agency"),
        ("rain fell all night, saying nothing.", "saying", None),
    ],
)
def test_attribution_main_subject(sentence, verb, subject):  # type: ignore[no-untyped-def]
    span = main_subject(sentence, sentence.index(verb))
    assert (sentence[span[0] : span[1]] if span else None) == subject


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        # A bracketed acronym after a body stays; an open bracket left by a cut goes.
        ("the Land Information Management (SWALIM)", "the Land Information Management (SWALIM)"),
        ("Rep. Ana Lis (D-Va", "Rep. Ana Lis"),
        ("(the army)", "the army"),
        ("officials)", "officials"),
    ],
)
def test_attribution_clean_source_brackets(phrase, name):  # type: ignore[no-untyped-def]
    from geoclaims.claims.attribution import clean_source

    assert clean_source(phrase) == name
