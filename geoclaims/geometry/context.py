"""What a document says about places, indexed once for anchoring its expressions.

Every lookup is by offset or sentence through sorted indexes, so anchoring all the
expressions of a document costs time linear in its length, not in its places times
its expressions.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from geoclaims.text.normalize import normalize_name
from geoclaims.text.segment import Segmentation, segment
from geoclaims.text.spans import SpanIndex

if TYPE_CHECKING:
    from geoclaims.geometry.record import Footprint
    from geoclaims.places.gazetteer import Gazetteer, Place
    from geoclaims.places.resolve import Resolution
    from geoclaims.text.spatial_places import PlaceKind, PlaceSpan

#: A mention whose name says it is a water body ("Red Sea", "Gulf of Aden").
WATER_NAME = re.compile(
    r"\b(?:Sea|Gulf|Strait|Straits|Ocean|Bay|River|Lake|Shoal|Channel|Canal|Sound|Lagoon)\b"
)


def place_kind(res: Resolution) -> PlaceKind:
    """What a resolved mention names, for :mod:`geoclaims.text.spatial_places`."""
    if WATER_NAME.search(res.mention.text):
        return "water"
    if res.place is None:
        return "unresolved"
    if res.place.kind == "populated_place":
        return "settlement"
    return "district" if res.place.kind == "admin2" else "region"


def place_spans(resolutions: Sequence[Resolution]) -> list[PlaceSpan]:
    """The mentions of a document as spans with their kind, for the spatial finder."""
    from geoclaims.text.spatial_places import PlaceSpan

    return [PlaceSpan(r.mention.start, r.mention.end, place_kind(r)) for r in resolutions]


class DocumentPlaces:
    """The resolved place mentions of one document, by offset and by sentence.

    Parameters
    ----------
    text : str
        The document.
    resolutions : sequence of Resolution
        Its place mentions; unresolved ones are ignored.
    gazetteer : Gazetteer
        For polygons, borders and country adjectives.
    segmentation : Segmentation, optional
        The document's segmentation, made here when not given.
    """

    def __init__(self, text: str, resolutions: Sequence[Resolution], gazetteer: Gazetteer,
                 segmentation: Segmentation | None = None):
        self.text = text
        self.gaz = gazetteer
        self.resolutions = [r for r in resolutions if r.place is not None]
        self.segmentation = segmentation if segmentation is not None else segment(text)
        self.doc_countries: Counter[str] = Counter(
            r.place.country_code for r in self.resolutions if r.place is not None
        )
        self._by_offset = SpanIndex(enumerate(self.resolutions),
                                    span=lambda r: (r.mention.start, r.mention.end))
        self._most: dict[frozenset[str], tuple[Place | None, int]] = {}
        #: The footprints built so far, in text order (for "60 km from that point").
        self.footprints: list[Footprint] = []
        self._by_sentence: dict[int, list[int]] = defaultdict(list)
        for i, r in enumerate(self.resolutions):
            self._by_sentence[r.mention.sentence].append(i)

    def sentence_of(self, offset: int) -> int:
        """Number of the sentence holding ``offset``."""
        return self.segmentation.sentence_index(offset)

    def resolutions_in(self, start: int, end: int) -> list[Resolution]:
        """Resolved mentions overlapping ``[start, end)``, in document order."""
        return [r for _, r in self._by_offset.overlapping(start, end)]

    def places_in(self, start: int, end: int) -> list[Place]:
        """Places of the mentions overlapping ``[start, end)``."""
        return [r.place for r in self.resolutions_in(start, end) if r.place is not None]

    def sentence_resolutions(self, offset: int, *, back: int = 0) -> list[Resolution]:
        """Resolved mentions of the sentence at ``offset`` and the ``back`` before it."""
        s = self.sentence_of(offset)
        found = sorted(i for k in range(s - back, s + 1) for i in self._by_sentence.get(k, ()))
        return [self.resolutions[i] for i in found]

    def sentence_places(self, offset: int, *, back: int = 0) -> list[Place]:
        """Places of the sentence at ``offset`` and of the ``back`` sentences before it."""
        return [r.place for r in self.sentence_resolutions(offset, back=back)
                if r.place is not None]

    def most_mentioned(self, kinds: frozenset[str]) -> tuple[Place | None, int]:
        """The place of these kinds the document mentions most, and how often.

        Counted once per set of kinds, so that asking for every expression of a long
        document stays linear.
        """
        if kinds not in self._most:
            counts: Counter[int] = Counter()
            places: dict[int, Place] = {}
            for r in self.resolutions:
                if r.place is not None and r.place.kind in kinds:
                    counts[r.place.geonameid] += 1
                    places[r.place.geonameid] = r.place
            top = counts.most_common(1)
            self._most[kinds] = (places[top[0][0]], top[0][1]) if top else (None, 0)
        return self._most[kinds]

    def country_of_adjective(self, word: str) -> str | None:
        """ISO code of the country an adjective or name stands for ("Ukrainian" -> UA)."""
        if not word:
            return None
        key = normalize_name(word)
        hits = self.gaz.lookup_keys([key]).get(key, [])
        countries = [p for p, _ in hits if p.kind == "country"]
        if countries:
            return countries[0].country_code
        if re.search(r"[а-яёіїєґ]", word, re.IGNORECASE):
            from geoclaims.text.spatial_cyrillic import country_of_cyrillic_word

            return country_of_cyrillic_word(word)  # "российской", "Росії"
        return None
