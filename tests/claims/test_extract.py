"""Claim extraction: source chains, grades, cues, likelihood, dates, places."""

from __future__ import annotations

import pytest

from geoclaims.claims.attribution import classify_source
from geoclaims.claims.export import claim_record
from geoclaims.claims.model import Confidence
from geoclaims.errors import InputError
from geoclaims.pipeline import analyze


def _claims(text, gazetteer, **kw):  # type: ignore[no-untyped-def]
    return analyze(text, gazetteer=gazetteer, outlet=kw.pop("outlet", "Test Wire"), **kw).claims


@pytest.mark.parametrize(
    ("text", "grade", "innermost"),
    [
        ("The Kyiv Post reported, citing unnamed intelligence officials, that troops moved "
         "into the Kursk region.", Confidence.UNVERIFIED, "unnamed intelligence officials"),
        ("Defense Minister Ivan Petrenko said that 3,000 soldiers arrived in Bryansk.",
         Confidence.REPORTED, "Defense Minister Ivan Petrenko"),
        ("Troops reportedly crossed into the Sumy region overnight with armour.",
         Confidence.UNVERIFIED, None),
        ("Kremlin spokesperson Dmitry Peskov dismissed the claims as fake news on Friday.",
         Confidence.DENIED, "Kremlin spokesperson Dmitry Peskov"),
        ("A White House spokesman said the United States could not confirm the reports.",
         Confidence.DISPUTED, "A White House spokesman"),
        ("The river crossing near Kherson was destroyed in 2023 during the fighting.",
         Confidence.CONFIRMED, None),
    ],
)
def test_extract_grade_and_source(text, grade, innermost, gazetteer):  # type: ignore[no-untyped-def]
    claims = _claims(text, gazetteer)
    assert len(claims) == 1
    claim = claims[0]
    assert claim.confidence is grade
    assert claim.sources[0].name == "Test Wire"
    if innermost is None:
        assert claim.confidence is not Confidence.REPORTED
    else:
        assert claim.sources[-1].name == innermost
    assert claim.statement == text


def test_extract_outlet_disclaimer_lowers_earlier_claims(gazetteer):  # type: ignore[no-untyped-def]
    text = (
        "Regional governor Anna Koval said drones struck a depot in Belgorod on Monday. "
        "Test Wire has not been able to independently verify the report. "
        "Later, the ministry said the fire was out."
    )
    claims = _claims(text, gazetteer)
    assert claims[0].confidence is Confidence.UNVERIFIED
    assert any("lowered" in m for m in claims[0].modifiers)
    assert all("verify" not in c.statement for c in claims)


def test_extract_denial_responds_to_claim(gazetteer):  # type: ignore[no-untyped-def]
    text = (
        "Ukrainian officer Taras Bondar said that foreign troops were seen near Sudzha. "
        "Kremlin spokesperson Dmitry Peskov denied the report on Tuesday."
    )
    claims = _claims(text, gazetteer)
    assert claims[1].confidence is Confidence.DENIED
    assert claims[1].responds_to == claims[0].claim_id


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Minister Kim Yong said North Korea is likely to send more troops to Russia.", "likely"),
        ("The outlet said the battalion may be deployed near Kursk next month.", "may"),
        ("Officials said the offensive is expected to begin in the spring.", "expected"),
    ],
)
def test_extract_likelihood(text, word, gazetteer):  # type: ignore[no-untyped-def]
    claim = _claims(text, gazetteer)[0]
    assert claim.likelihood == word
    assert claim.likelihood_range is not None
    lo, hi = claim.likelihood_range
    assert 0 < lo < hi < 1


def test_extract_dates_against_publication(gazetteer):  # type: ignore[no-untyped-def]
    text = "Two drones hit Kharkiv on Tuesday, Governor Petro Ivanenko said."
    claim = _claims(text, gazetteer, published="2024-10-17")[0]  # a Thursday
    assert claim.event_date == "2024-10-15"
    assert claim.date_precision == "day"
    no_pub = _claims(text, gazetteer)[0]
    assert no_pub.event_date is None
    assert no_pub.date_note  # the reason is recorded, never a guess


def test_extract_places_skip_country_when_specific(gazetteer):  # type: ignore[no-untyped-def]
    text = "Officer Ivan Sirko said troops were stationed in Russia's Kursk and Bryansk regions."
    claim = _claims(text, gazetteer)[0]
    assert 538555 in claim.places and 571473 in claim.places
    assert 2017370 not in claim.places


@pytest.mark.parametrize(
    ("name", "kind", "anonymous"),
    [
        ("a Western diplomat familiar with the situation", "anonymous", True),
        ("Reuters", "outlet", False),
        ("the Ukrainian Defense Ministry", "government body", False),
        ("South Korean Defense Minister Kim Yong-Hyun", "official", False),
        # an official described by several words, and a nationality compound, name no one
        ("a senior US defense official", "anonymous", True),
        ("Russian-installed officials", "anonymous", True),
    ],
)
def test_extract_source_types(name, kind, anonymous):  # type: ignore[no-untyped-def]
    assert classify_source(name) == (kind, anonymous)


def test_extract_no_claims_no_sources(gazetteer):  # type: ignore[no-untyped-def]
    assert _claims("", gazetteer) == ()
    assert _claims("Short one.", gazetteer) == ()


def test_extract_bad_published_date_is_clear(gazetteer):  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        analyze("Officials said troops moved.", gazetteer=gazetteer, published="15/10/2024")


def test_extract_long_sentence_is_linear(gazetteer):  # type: ignore[no-untyped-def]
    words = " ".join(["troops moved toward Kharkiv and"] * 1000)  # 5,000 words
    claims = _claims(f"Officials said {words} stopped.", gazetteer)
    assert len(claims) == 1
    assert claims[0].sources[-1].name == "Officials"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Pentagon spokesman Pat Ryder said the convoy reached Kharkiv. Later, Ryder said "
         "a second convoy was on its way to Sumy.", "Pentagon spokesman Pat Ryder"),
        ("Governor Vyacheslav Gladkov said drones hit Belgorod. Gladkov added that two "
         "people were hurt in Shebekino.", "Governor Vyacheslav Gladkov"),
    ],
)
def test_extract_surname_refers_to_named_speaker(text, speaker, gazetteer):  # type: ignore[no-untyped-def]
    claims = analyze(text, outlet="Wire", gazetteer=gazetteer).claims
    assert len(claims) == 2
    assert claims[1].speakers[0] == speaker
    # The chain keeps the text's words; the surname names the same entity.
    assert claims[1].cited_sources[0] == speaker.split()[-1]
    assert claims[1].sources[1].source_id == claims[0].sources[1].source_id


@pytest.mark.parametrize(
    ("name", "organisation", "person"),
    [
        ("Kremlin spokesperson Dmitry Peskov", "Kremlin", "Dmitry Peskov"),
        ("White House National Security Communications Advisor John Kirby",
         "White House", "John Kirby"),
        ("Ukraine's Foreign Minister Andrii Sybiha", "Ukraine's Foreign Ministry",
         "Andrii Sybiha"),
        # A title of an organisation, then its holder after a comma.
        ("head of the Centre for Water Safety, Ivan Sirko", "Centre for Water Safety",
         "Ivan Sirko"),
        ("unnamed intelligence officials", None, None),
        ("Reuters", None, None),
    ],
)
def test_extract_speaker_affiliation(name, organisation, person):  # type: ignore[no-untyped-def]
    from geoclaims.claims.attribution import speaker_affiliation

    assert speaker_affiliation(name) == (organisation, person)


@pytest.mark.parametrize(
    ("text", "affiliations", "people"),
    [
        # A titled speaker: the organisation and the person, on the source itself.
        ("Kremlin spokesperson Dmitry Peskov dismissed the claims as fake news on Friday.",
         ("Kremlin",), [None, "Dmitry Peskov"]),
        # Two speakers, each with what they speak for (according to comes first).
        ("According to Ukraine's Foreign Minister Andrii Sybiha, Kremlin spokesperson "
         "Dmitry Peskov said the talks had failed.",
         ("Ukraine's Foreign Ministry", "Kremlin"), [None, "Andrii Sybiha", "Dmitry Peskov"]),
        # No title: nothing to record.
        ("Troops crossed the river near Kherson, unnamed officials said.", (), [None, None]),
    ],
)
def test_extract_sources_carry_their_affiliation(text, affiliations, people, gazetteer):  # type: ignore[no-untyped-def]
    (claim,) = _claims(text, gazetteer)
    assert claim.source_affiliations == affiliations
    assert [s.person for s in claim.sources] == people
    assert claim.sources[0].affiliation is None  # the publishing outlet "Test Wire"
    assert tuple(s.affiliation for s in claim.sources[1:] if s.affiliation) == affiliations
    chain = claim_record(claim)["source_chain"]  # the claims-jsonl record
    assert [(s["affiliation"], s["person"]) for s in chain] == [
        (s.affiliation, s.person) for s in claim.sources]


@pytest.mark.parametrize(
    ("second", "speaker"),
    [
        # A definite subject referring back to the report continues it.
        ("The soldiers were later seen near the bridge.", "Colonel Ivan Petrenko"),
        # A pronoun subject continues it.
        ("They were later seen near the bridge.", "Colonel Ivan Petrenko"),
        # A new definite subject is the outlet's own comment.
        ("The surge of fighting comes amid stalled talks.", None),
        # A hedge of its own marks another, unnamed source.
        ("The soldiers reportedly looted two farms nearby.", None),
        # A pronoun speaker after the clause is the last named person.
        ("The bridge at the river mouth is also under fire, he said.", "Colonel Ivan Petrenko"),
    ],
)
def test_extract_report_continues(second, speaker, gazetteer):  # type: ignore[no-untyped-def]
    text = f"Colonel Ivan Petrenko said that 40 soldiers crossed the river at dawn. {second}"
    claims = _claims(text, gazetteer)
    assert len(claims) == 2
    cited = claims[1].speakers
    assert (cited[-1] if cited else None) == speaker


@pytest.mark.parametrize(
    ("text", "chain"),
    [
        # A definite description refers to the source named before ...
        ("Moscow's Ministry of Defense said two drones were downed. "
         "The Russian ministry reported that debris hit a warehouse.",
         ["Moscow's Ministry of Defense"]),
        # ... unless the nationality differs.
        ("The Russian Defense Ministry said two drones were downed. "
         "The Ukrainian ministry reported that debris hit a warehouse.",
         ["Ukrainian ministry"]),
        # A body noun before a title ties the speaker to the body named before.
        ("Kherson's regional health ministry said a hospital was shelled. "
         "On Monday, ministry spokeswoman Olha Koval told reporters that nurses were hurt.",
         ["Kherson's regional health ministry", "ministry spokeswoman Olha Koval"]),
    ],
)
def test_extract_speaker_coreference(text, chain, gazetteer):  # type: ignore[no-untyped-def]
    claims = _claims(text, gazetteer)
    assert len(claims) == 2
    assert list(claims[1].speakers) == chain


@pytest.mark.parametrize(
    ("text", "cited", "grade"),
    [
        # The publisher naming itself is the reporting outlet, not a cited source.
        ("Drones hit a depot in Belgorod, Test Wire reported, citing the regional governor.",
         ["the regional governor"], Confidence.REPORTED),
        ("Drones hit a depot in Belgorod overnight, Test Wire reported.", [],
         Confidence.CONFIRMED),
    ],
)
def test_extract_outlet_is_not_cited(text, cited, grade, gazetteer):  # type: ignore[no-untyped-def]
    claim = _claims(text, gazetteer)[0]
    assert list(claim.cited_sources) == cited
    assert claim.confidence is grade


class _Counted(list):  # type: ignore[type-arg]
    """A list that counts the items read out of it, however they are read."""

    def __init__(self, items):  # type: ignore[no-untyped-def]
        super().__init__(items)
        self.inspected = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        for item in super().__iter__():
            self.inspected += 1
            yield item

    def __getitem__(self, key):  # type: ignore[no-untyped-def]
        got = super().__getitem__(key)
        self.inspected += len(got) if isinstance(key, slice) else 1
        return got


#: A sentence of three places and one of a footprint, repeated: every sentence must look
#: at its own resolutions and footprints only, not at the whole document's.
REPEATED = (
    "Shelling hit Kursk, Sudzha and Bryansk, officials said. "
    "Drones hit a depot 12 km from the border in Belgorod region, the governor said. "
)
#: Reads of the document's resolutions and footprints allowed per item: one pass to
#: index them (a scan per sentence reads each item once per sentence).
READS_PER_ITEM = 2


def test_extract_reads_each_resolution_and_footprint_once(gazetteer):  # type: ignore[no-untyped-def]
    from geoclaims.claims.extract import extract_claims
    from geoclaims.geometry.footprints import build_footprints
    from geoclaims.places.geoparse import geoparse
    from geoclaims.text.spatial import find_spatial_expressions

    text = REPEATED * 100
    plain = geoparse(text, gazetteer=gazetteer)
    _, plain_fps = build_footprints(text, find_spatial_expressions(text), plain, gazetteer)
    resolutions, footprints = _Counted(plain), _Counted(plain_fps)
    # Each repeat has two footprints: the band 12 km from the (RU-UA) border that
    # runs along Belgorod region, and the region.
    assert len(resolutions) >= 300 and len(footprints) == 200
    claims = extract_claims(text, outlet="Test Wire", published=None,
                            resolutions=resolutions, footprints=footprints)
    assert len(claims) == 200
    assert resolutions.inspected <= READS_PER_ITEM * len(resolutions)
    assert footprints.inspected <= READS_PER_ITEM * len(footprints)
    # The same claims as from plain sequences; each names its own places and footprint.
    assert claims == extract_claims(text, outlet="Test Wire", published=None,
                                    resolutions=plain, footprints=plain_fps)
    assert len({c.places for c in claims[0::2]}) == 1
    assert [c.footprints for c in claims[1::2]] == [(2 * i, 2 * i + 1) for i in range(100)]


#: A document mixing what refers back over earlier claims: denials of one speaker in a
#: row (whose claim do they answer?), a definite event reference no earlier claim
#: matches ("the strike"), repeated named speakers and the outlet's own disclaimers.
MIXED = (
    "Shelling hit Kursk, Sudzha and Bryansk, officials said. "
    "Kremlin spokesperson Dmitry Peskov denied that the drones were Russian. "
    "Peskov dismissed the reports as fake news. "
    "Officials said the strike was over by noon. "
    "Drones hit a depot 12 km from the border in Belgorod region, the governor said. "
    "Test Wire could not independently verify the reports. "
)
#: Extraction time may grow by less than this when the document grows fourfold
#: (quadratic extraction grows about 16-fold; linear, 4-fold).
MAX_GROWTH = 7.0
#: A cap, not a speed target (speed is measured by benchmarks/linear_bench.py).
BUDGET_S = 120.0


@pytest.mark.slow
def test_extract_time_grows_linearly(gazetteer):  # type: ignore[no-untyped-def]
    import time

    from geoclaims.claims.extract import extract_claims
    from geoclaims.geometry.footprints import build_footprints
    from geoclaims.places.geoparse import geoparse
    from geoclaims.text.spatial import find_spatial_expressions

    def cpu_seconds(repeats: int) -> float:
        text = MIXED * repeats
        res = geoparse(text, gazetteer=gazetteer)
        _, fps = build_footprints(text, find_spatial_expressions(text), res, gazetteer)
        t0 = time.process_time()
        claims = extract_claims(text, outlet="Test Wire", published=None,
                                resolutions=res, footprints=fps)
        elapsed = time.process_time() - t0
        assert len(claims) == 5 * repeats  # the disclaimer is no claim
        return elapsed

    cpu_seconds(10)  # warm the caches
    small = cpu_seconds(250)
    large = cpu_seconds(1000)
    assert large < BUDGET_S
    assert large / small < MAX_GROWTH, f"250 x: {small:.2f} s, 1000 x: {large:.2f} s"


def test_extract_this_was_reported_by_attributes_the_claims_before(gazetteer):  # type: ignore[no-untyped-def]
    text = ("On May 14, troops shelled the Vovchansk community in the Kharkiv region. "
            "As a result, two people were killed.\n"
            "This was reported by the head of the regional administration, Ivan Sirko.")
    claims = _claims(text, gazetteer)
    assert [c.confidence.value for c in claims] == ["reported"] * 3
    assert all(c.cited_sources[-1:] == ("Ivan Sirko",) for c in claims)
    # Only the claims right before it, and none that has a source of its own.
    text = ("Governor Ivan Sirko said drones hit a depot near Kharkiv on Monday. "
            "Troops shelled the Vovchansk community overnight. "
            "This was reported by the regional police.")
    first, second, _ = _claims(text, gazetteer)
    assert first.cited_sources[-1:] == ("Governor Ivan Sirko",)
    assert second.cited_sources[-1:] == ("the regional police",)


@pytest.mark.parametrize(
    ("text", "innermost"),
    [
        # Subjects the pattern rules do not reach: the parse does.
        ("The billionaire harbour owner says the new pier will open in the spring.",
         "The billionaire harbour owner"),
        ("The harbour owner’s aides say the new pier will open in the spring.",
         "The harbour owner’s aides"),
        ("The retired admiral survived two shipwrecks and says the new ferries are unsafe.",
         "The retired admiral"),
    ],
)
def test_extract_structure_finds_speakers_the_rules_miss(text, innermost, gazetteer):  # type: ignore[no-untyped-def]
    (claim,) = _claims(text, gazetteer)
    assert claim.cited_sources == (innermost,)
    assert claim.confidence is Confidence.REPORTED


def test_extract_belief_of_another_speaker_is_a_clause_claim(gazetteer):  # type: ignore[no-untyped-def]
    text = "Aides to the mayor say she wants a referendum on the new dam next year."
    claims = _claims(text, gazetteer)
    assert claims[0].cited_sources == ("Aides to the mayor",)
    clause = claims[1]
    assert clause.cited_sources == ("she",) and clause.cues == ("wants",)
    assert text[clause.start:clause.end] == clause.statement
    assert claims[0].start <= clause.start < clause.end <= claims[0].end
    # A second verb of saying does not split the statement: news nests those.
    two = _claims("The agency said the mayor told staff that the dam will hold.", gazetteer)
    assert len(two) == 1


def test_extract_speaker_line_attributes_the_sentences_before(gazetteer):  # type: ignore[no-untyped-def]
    text = ("The river rose two metres overnight near the old bridge. "
            "Crews closed the road to the port before dawn.\n\n"
            "Ivan Orlov, spokesperson for the rescue service, told Radio Orlov.")
    claims = _claims(text, gazetteer)
    assert [c.cited_sources for c in claims[:2]] == [("Ivan Orlov",)] * 2
    assert all(c.confidence is Confidence.REPORTED for c in claims[:2])
    # With content of its own, the speaker's sentence attributes only itself.
    text2 = text.replace("told Radio Orlov.", "told Radio Orlov that the port was safe again.")
    assert [c.cited_sources for c in _claims(text2, gazetteer)[:2]] == [(), ()]


def test_extract_heading_is_no_claim_unless_it_names_a_speaker(gazetteer):  # type: ignore[no-untyped-def]
    text = ("Floods cut the road to the northern port of Orlov\n\n"
            "Airstrikes hit two villages near the river, rebels say\n\n"
            "Floods cut the road to the northern port of Orlov on Monday.")
    claims = _claims(text, gazetteer)
    assert [c.statement for c in claims] == [
        "Airstrikes hit two villages near the river, rebels say",
        "Floods cut the road to the northern port of Orlov on Monday.",
    ]


@pytest.mark.parametrize(("text", "anonymous"), [
    ("Municipal officials said the road to the port was closed on Monday.", True),
    ("A parent of one of the victims said the bus was hit near the bridge.", True),
    ("Residents in the town of Orlov said the shelling lasted all night.", True),
    ("Kremlin officials said the road to the port was closed on Monday.", False),
    ("Mayor Ana Lis said the road to the port was closed on Monday.", False),
])
def test_extract_unnamed_sources_by_the_parse(text, anonymous, gazetteer):  # type: ignore[no-untyped-def]
    (claim,) = _claims(text, gazetteer)
    assert claim.anonymous_source is anonymous
    assert claim.confidence is (Confidence.UNVERIFIED if anonymous else Confidence.REPORTED)


def test_extract_denial_pointing_back_labels_the_claims_it_answers(gazetteer):  # type: ignore[no-untyped-def]
    text = ("Councillor Ivan Orlov claimed that rebel troops had entered the village of Lisne. "
            "The regional army command denied this statement on Tuesday evening.")
    first, answer = _claims(text, gazetteer)
    assert first.confidence is Confidence.DENIED
    assert any(m.startswith("denied by:") for m in first.modifiers)
    assert answer.confidence is Confidence.REPORTED and answer.responds_to == first.claim_id


def test_extract_denied_speaker_keeps_the_label_on_later_claims(gazetteer):  # type: ignore[no-untyped-def]
    text = ("Councillor Ivan Orlov claimed that rebel troops had entered the village of Lisne. "
            "The regional army command denied this statement on Tuesday evening. "
            "On Wednesday, Orlov said that the rebels were still holding the school. "
            "Mayor Olena Bilyk said that the bridge had reopened.")
    first, answer, later, other = _claims(text, gazetteer)
    assert answer.confidence is Confidence.REPORTED
    assert first.confidence is Confidence.DENIED
    assert later.confidence is Confidence.DENIED  # the same speaker goes on
    assert any(m.startswith("denied by:") for m in later.modifiers)
    assert other.confidence is Confidence.REPORTED  # another speaker does not


@pytest.mark.parametrize("answer", [
    "The regional army command dismissed the claim as a provocation on Tuesday.",
    "The regional army command denies that any troops crossed the river.",
])
def test_extract_denial_of_its_own_labels_only_itself(answer, gazetteer):  # type: ignore[no-untyped-def]
    text = "Councillor Ivan Orlov claimed that rebel troops had entered the village of Lisne. "
    first, second = _claims(text + answer, gazetteer)
    assert first.confidence is Confidence.REPORTED
    assert second.confidence is Confidence.DENIED


def test_extract_relative_denial_is_its_own_sentence(gazetteer):  # type: ignore[no-untyped-def]
    text = ("Councillor Ivan Orlov claimed that rebel troops had entered the village of Lisne. "
            "Observers say the rebels are backed by a neighbour, an allegation which the "
            "neighbour denies.")
    first, second = _claims(text, gazetteer)[:2]
    assert first.confidence is Confidence.REPORTED
    assert second.confidence is Confidence.DENIED


@pytest.mark.parametrize("text", [
    "",
    "    \n\n  \t ",
    "“" * 10_000 + " the mayor said the dam held.",
    "“The dam held, said the mayor. " * 300,
    "X" * 500 + " said the dam held on Monday near the port. " * 3,
    ("Officials said the dam held near the old port on Monday " * 2_000) + ".",
])
def test_extract_hostile_text_gives_bounded_claims(text):  # type: ignore[no-untyped-def]
    from geoclaims.claims.extract import extract_claims

    claims = extract_claims(text, outlet="Test Wire", published=None, resolutions=())
    for claim in claims:
        assert 0 <= claim.start < claim.end <= len(text)
        assert text[claim.start:claim.end] == claim.statement
        for src in claim.sources[1:]:
            assert src.start is None or text[src.start:src.end] == src.name or len(src.name) < 600
    assert len(claims) <= max(1, len(text.split()) // 2)


def test_extract_title_holder_named_after_the_title(gazetteer):  # type: ignore[no-untyped-def]
    text = "The governor of the northern region, Ivan Petrenko, said the dam held overnight."
    (claim,) = _claims(text, gazetteer)
    assert "Ivan Petrenko" in claim.cited_sources[-1]
    assert "governor of the northern region" in claim.cited_sources[-1]
    assert claim.sources[-1].person == "Ivan Petrenko"


@pytest.mark.parametrize(
    ("text", "chain"),
    [
        # A named subject before its description: the name speaks, not the description.
        ("Ana Lis, chief executive of Harbour Watch, a shipping monitor, said the port "
         "was closed.", ["Ana Lis"]),
        ("Ivan Orlov, the White House press secretary, said the ship was seized.",
         ["Ivan Orlov"]),
        # "citing" is no description: two sources.
        ("Test Radio, citing two officials, reported that the town fell.",
         ["Test Radio", "two officials"]),
    ],
)
def test_extract_named_subject_before_its_description(text, chain, gazetteer):  # type: ignore[no-untyped-def]
    (claim,) = _claims(text, gazetteer)
    assert list(claim.cited_sources) == chain


def test_extract_the_agency_is_the_body_not_its_sources(gazetteer):  # type: ignore[no-untyped-def]
    text = ("Test Radio, citing two officials, reported that the town fell. "
            "The agency, citing a local official, said the bridge was destroyed.")
    claims = _claims(text, gazetteer)
    assert [list(c.speakers) for c in claims] == [
        ["Test Radio", "two officials"], ["Test Radio", "a local official"]]
    assert claims[1].cited_sources[0] == "agency"  # the text's words


@pytest.mark.parametrize(
    "definition",
    ["The Harbour Defence Force (HDF) said two boats were seized.",
     "The Harbour Defence Force, or HDF, said two boats were seized."],
)
def test_extract_acronym_the_text_defines_is_its_name(definition, gazetteer):  # type: ignore[no-untyped-def]
    text = f"{definition} The HDF said the crews were released on Friday."
    claims = _claims(text, gazetteer)
    assert [list(c.speakers) for c in claims] == [
        ["Harbour Defence Force"], ["Harbour Defence Force"]]
    assert claims[1].cited_sources[-1] != "Harbour Defence Force"  # the text's words
    assert "HDF" in claims[1].sources[-1].surface_forms
    assert claims[0].sources[-1].source_id == claims[1].sources[-1].source_id  # one entity


def test_extract_carried_claim_keeps_the_cue_it_continues(gazetteer):  # type: ignore[no-untyped-def]
    text = ("Colonel Ivan Petrenko said that 40 soldiers crossed the river at dawn. "
            "They were later seen near the bridge.")
    first, carried = _claims(text, gazetteer)
    assert "said" in first.cues
    assert carried.cues == ("said", "(continues the report)")


def test_extract_claim_lists_every_cue_of_its_speaker(gazetteer):  # type: ignore[no-untyped-def]
    text = "Mayor Ana Lis promised to rebuild the school and said the work would start soon."
    (claim,) = _claims(text, gazetteer)
    assert {"promised", "said"} <= set(claim.cues)
