"""Toponym recognition and resolution over a document, and the choice of an event's location.

Recognition is gazetteer-first: every run of up to six normalized tokens (Latin and Arabic script) is looked
up in the index, the longest match wins, and spaCy NER spans join as extra candidates. Cheap rules keep the
noise out (capitalization in Latin script, stop words, person/organisation names, '~' aliases that need a
context word such as "champ gazier" / "base" / حقل). Resolution ranks each toponym's candidates by document
context (countries and admin1 areas named, distance to the other toponyms), the feature type the nearby words
imply, population, number of alternate names and curated-site priority, a state or country named after a comma
("Paris, Tenn."), unambiguous places nearby, and abstains with a reason when it cannot decide; an unknown name
falls back to the admin unit named in its sentence (or, for given spans, to the document's town). Demonyms
("Lebanese") resolve through `data/geo/demonyms.tsv`. Context words, relative-location cues, actor nouns and
place-type words come from `data/geo_cues.yaml`. Short notes that name no country still get one: the demonyms
and country-bound organisations they name (`data/geo/actor_countries.tsv`: "AMISOM", "UPND") are soft country
votes, and in running text a loose spelling match counts only inside the document's countries. Words of an actor's
name ("Boko Haram") and of a disease's ("West Nile virus") are no toponyms; after a preposition of place ("taken to
Zuwara") a town's name is kept whatever NER said; a small town found only under an alternate name needs document
support; ranking runs two context rounds so that a place settled by context pulls its neighbours. Arabic names are
also read without a leading clitic ("للبنان") and without a leading type word ("بمنطقة X", `leading_type_words`);
an embassy is not placed in the country it represents; a name with no candidate may be a close spelling of a town
of a country the document names (lower confidence, never far from the admin areas it names); and a given span
whose only candidate is a foreign town's alternate name abstains when the document is about an admin area of
another country ("Lassa" in Borno is not Lhasa). A unit word after a name (`unit_words`: "Galguduud Region", "Kole
District", "Obafemi-Owode LGA", "Lamu Island") keeps the name whatever NER made of it, selects the unit of that level
over same-named towns and countries, and gives a district geo_precision 2; a bare unit word is never a toponym.
"""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Collection, Optional, Sequence

import yaml

from ..models import FEATURE_SIZE, GEO_EXACT, GEO_NEAR, GEO_REGION, Place, ResolvedPlace, TextSpan
from .gazetteer import Candidate, Gazetteer
from .normalize import (LATIN_ARTICLES, Token, arabic_key_variants, is_arabic, loose_key, normalize_arabic_token,
                        normalize_name, spelling_key, strip_diacritics, tokenize)

MAX_NGRAM = 6
# Articles that may stand alone before a name ("Dayr az Zawr", "Ras al Ain"); the ambiguous short ones
# ("at", "an", "en", "es"...) are also ordinary words and count as articles only when hyphenated or capitalized.
_SAFE_ARTICLES = frozenset("al el ash ech ad adh az ez ar ath as-".split())
_AMBIGUOUS_ARTICLES = frozenset("as es us at et ut an en un ar er ur ed ud il ul uz esh ush".split())
_ARABIC_CLITICS = ("و", "ب", "ل", "ف", "ك")
_FEATURE_PRIOR = {"continent": 2.5, "country": 2.5, "region": 1.5, "admin1": 1.5, "site": 2.0, "airport": 0.5, "city": 0.0, "admin2": 0.3}
_ALT_NAME_PENALTY = 1.5
# ranking weights: per decade of population, per log of the number of names (how well documented a place is), and
# for lying in a country the document names
_POPULATION_WEIGHT = 0.45
_NAMES_WEIGHT = 0.6
_CONTEXT_WEIGHT = 3.5
# Latin spellings of the Arabic article, longest first, as they appear glued to a name ("Ezzor", "Elwak")
_JOINED_ARTICLES = tuple(sorted(LATIN_ARTICLES, key=len, reverse=True))
_MAX_ACTOR_WORDS = 8  # longest actor name looked for around toponyms ("Islamic State of Iraq and the Levant")
_CONTEXT_PASSES = 2  # rounds of ranking with the previous round's choices as document context
_SMALL_PLACE = 50_000  # in running text, a town smaller than this outside the document's countries is a guess
_KNOWN_TOWN = 100_000  # a town this big under its main name is not taken for another place's alternate name
_KNOWN_NAMES = 10  # a place with this many names in the gazetteer is well documented ("Zalingei" for Zalinjay)
_NER_PLACE_LABELS = frozenset({"LOC", "GPE", "FAC"})
_NER_OTHER_LABELS = frozenset({"PER", "PERSON", "ORG", "NORP", "MISC", "DATE", "TIME"})  # "the month of Ramadan"
# demonym → place-name endings (en, fr): Russian → Russia, Egyptian → Egypt, Sudanese → Sudan, Israeli → Israel,
# syrienne → syrie, irakien → irak, libanais → liban, américain → amérique, British → Britain, Turkish → Turkey.
_DEMONYM_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("iennes", ("ie", "")), ("ienne", ("ie", "")), ("iens", ("ie", "")), ("ien", ("ie", "")),
    ("aines", ("ique",)), ("aine", ("ique",)), ("ains", ("ique",)), ("ain", ("ique",)),
    ("aises", ("",)), ("aise", ("",)), ("ais", ("",)),
    ("ians", ("ia", "")), ("ian", ("ia", "", "a", "e")), ("ans", ("a", "o")), ("an", ("a", "", "o")),
    ("lish", ("land",)), ("ttish", ("tland",)), ("elsh", ("ales",)), ("anish", ("ain",)), ("ench", ("ance",)), ("man", ("many",)),
    ("ese", ("", "a")), ("ish", ("ain", "ey", "", "land")), ("is", ("",)), ("i", ("",)), ("ic", ("", "y")),
    ("ch", ("ce",)), ("s", ("",)),
)


@lru_cache(maxsize=1)
def load_cues() -> dict:
    """The context-word and cue tables of `data/geo_cues.yaml`."""
    text = (resources.files("eventwire") / "data" / "geo_cues.yaml").read_text(encoding="utf-8")
    return dict(yaml.safe_load(text))


@lru_cache(maxsize=1)
def load_demonyms() -> dict[str, str]:
    """Normalized demonym → country code, from `data/geo/demonyms.tsv`."""
    text = (resources.files("eventwire") / "data" / "geo" / "demonyms.tsv").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) == 2 and not line.startswith("#") and parts[0] != "cc":
            out[normalize_name(parts[1])] = parts[0]
    return out


@lru_cache(maxsize=1)
def load_actor_countries() -> tuple[dict[str, str], dict[str, str]]:
    """Organisations tied to one country (`data/geo/actor_countries.tsv`): (names in capitals → cc, matched
    case-sensitively as words; normalized names → cc)."""
    text = (resources.files("eventwire") / "data" / "geo" / "actor_countries.tsv").read_text(encoding="utf-8")
    caps: dict[str, str] = {}
    names: dict[str, str] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) != 2 or line.startswith("#") or parts[0] == "cc":
            continue
        cc, name = parts[0].strip(), parts[1].strip()
        if name.replace("-", "").isupper():
            caps[name] = cc
        else:
            names[normalize_name(name)] = cc
    return caps, names


@lru_cache(maxsize=1)
def load_actor_names() -> tuple[frozenset[str], frozenset[str]]:
    """Normalized names of actors (`data/actors.yaml` aliases, `data/geo/actor_countries.tsv`): (names of two words
    or more, every name). A place name inside one is no toponym ("Boko Haram" is not Boko + Haram), and a name that
    is an actor's is not forced to be a place by the preposition before it."""
    from ..actors import ActorDictionary

    names: set[str] = set()
    for actor in ActorDictionary.default().actors:
        for alias in [actor.name, *actor.aliases]:
            key = normalize_name(alias)
            if key and not is_arabic(key):
                names.add(key)
    caps, normalized = load_actor_countries()
    names |= {normalize_name(n) for n in caps} | set(normalized)
    names.discard("")
    return frozenset(n for n in names if " " in n), frozenset(names)


# Weights of the soft country votes a document's demonyms ("Kenyan forces") and organisations ("AMISOM")
# add to those of the countries its toponyms resolve to.
_DEMONYM_VOTE, _ACTOR_VOTE, _CONTEXT_CAP = 0.5, 0.6, 1.0


def context_countries(text: str, tokens: Sequence[Token]) -> dict[str, float]:
    """Soft country votes from the demonyms and country-bound organisations a text names ("Kenyan troops",
    "al Shabaab", "UPND cadres"): short notes often name no country, but these say which one they are about."""
    votes: dict[str, float] = {}
    demonyms = load_demonyms()
    caps, names = load_actor_countries()
    norms = [t.norm for t in tokens]
    for i, tok in enumerate(tokens):
        if tok.norm in demonyms and (tok.raw[:1].isupper() or is_arabic(tok.raw) or len(tok.norm) > 5):
            cc = demonyms[tok.norm]
            votes[cc] = votes.get(cc, 0.0) + _DEMONYM_VOTE
        for n in (1, 2, 3, 4):
            key = " ".join(norms[i:i + n])
            if i + n <= len(norms) and key in names and tok.raw[:1].isupper():
                cc = names[key]
                votes[cc] = votes.get(cc, 0.0) + _ACTOR_VOTE
    for name, cc in caps.items():
        hits = len(re.findall(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text))
        if hits:
            votes[cc] = votes.get(cc, 0.0) + _ACTOR_VOTE * hits
    return {cc: min(w, _CONTEXT_CAP) for cc, w in votes.items()}


@lru_cache(maxsize=1)
def unit_words() -> dict[tuple[str, ...], str]:
    """Normalized unit words of `unit_words` in geo_cues.yaml (as word tuples: "local government area") → the
    level they name ("admin1", "admin2", "island")."""
    out: dict[tuple[str, ...], str] = {}
    for level, words in (load_cues().get("unit_words") or {}).items():
        for w in words or []:
            key = tuple(normalize_name(w).split())
            if key:
                out[key] = level
    return out


def split_unit_word(name: str) -> tuple[str, str]:
    """A name and the level named by its trailing unit word ("Logo Local Government Area" → ("Logo", "admin2"),
    "Galguduud Region" → ("Galguduud", "admin1")); ("name", "") when it has none."""
    parts = name.split()
    for n in (3, 2, 1):
        if len(parts) > n:
            level = unit_words().get(tuple(normalize_name(" ".join(parts[-n:])).split()))
            if level:
                return " ".join(parts[:-n]), level
    return name, ""


@lru_cache(maxsize=1)
def _place_type_keys() -> frozenset[str]:
    """Normalized `place_type_words` (normalized once, not per name)."""
    return frozenset(normalize_name(w) for w in load_cues().get("place_type_words", []))


def strip_place_type(name: str) -> str:
    """A place name without a parenthesised note and a trailing unit word of `place_type_words` or `unit_words`
    ("Rubaya village" → "Rubaya", "Markaz (Dara-i-Suf) town" → "Markaz", "Logo local government area" → "Logo")."""
    words = _place_type_keys()
    bare = re.sub(r"\s*\([^)]*\)", "", name).strip()
    bare = split_unit_word(bare)[0]
    parts = bare.split()
    while len(parts) > 1 and normalize_name(parts[-1]) in words:
        parts.pop()
    return " ".join(parts)


@lru_cache(maxsize=4)
def _stop_words(lang: str) -> frozenset[str]:
    words: set[str] = set()
    try:
        if lang == "fr":
            from spacy.lang.fr.stop_words import STOP_WORDS
        elif lang == "en":
            from spacy.lang.en.stop_words import STOP_WORDS
        else:
            STOP_WORDS = set()
        words = {normalize_name(w) for w in STOP_WORDS}
    except ImportError:  # spaCy is a core dependency; without it we only lose a filter
        pass
    return frozenset(w for w in words if w)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    key: str
    cands: list[Candidate]
    tok_start: int = -1
    tok_end: int = -1
    ner_label: str = ""
    from_gazetteer: bool = False
    feature_types: set[str] = field(default_factory=set)
    relation: str = ""
    region: bool = False
    in_longer_name: bool = False  # a NER entity spans it plus other capitalized words ("Hashem al-Kindi")
    near_points: list[tuple[float, float, float]] = field(default_factory=list)  # "Wentworth, Durban": lat, lon, km
    near_place: Optional[Place] = None  # the best-known place of the qualifier ("Durban")
    in_poi_name: bool = False  # ... and that entity names a point of interest ("Benghazi Medical Centre")
    leads_org: bool = False  # ... or it opens an organisation's name ("Derna Mujahideen Shoura Council")
    qualifier: set[str] = field(default_factory=set)  # admin1 codes / country codes of "Paris, Tenn." / "Paris, France"
    abstain_reason: str = ""
    in_actor_name: bool = False  # a word of a longer actor name ("Boko" in "Boko Haram")
    derived: str = ""  # "demonym" or "contains '…'" when candidates came from _derived_candidates
    unit: str = ""  # level named by a unit word right after it ("Kole District": "admin2"), see `unit_words`


class Geocoder:
    """Finds toponyms in text and resolves them against a `Gazetteer` (see the module docstring)."""

    def __init__(self, gaz: Gazetteer, cues: Optional[dict] = None):
        self.gaz = gaz
        self.cues = cues or load_cues()
        self._feature_words: dict[str, dict[str, set[str]]] = {
            lang: {normalize_name(k) if not is_arabic(k) else normalize_arabic_token(k, strip_article=True): set(v)
                   for k, v in table.items()}
            for lang, table in self.cues.get("feature_words", {}).items()
        }
        self._locative = {lang: {normalize_name(w) or w for w in ws} for lang, ws in self.cues.get("locative", {}).items()}
        self._relative = {lang: [(re.compile(r"(?:^|\s)" + c["pattern"]), c["relation"]) for c in cs]
                          for lang, cs in self.cues.get("relative", {}).items()}
        self._region = {lang: [re.compile(r"(?:^|\s)" + p) for p in ps] for lang, ps in self.cues.get("region", {}).items()}
        self._poi_words = {normalize_name(w) if not is_arabic(w) else normalize_arabic_token(w)
                           for w in self.cues.get("poi_words", [])}
        self._actor_nouns = {lang: {normalize_name(w) for w in ws or []}
                             for lang, ws in self.cues.get("actor_nouns", {}).items()}
        self._region_after = {lang: {normalize_name(w) for w in ws or []}
                              for lang, ws in self.cues.get("region_after", {}).items()}
        self._blockers = {lang: {normalize_name(w) or w for w in ws} for lang, ws in self.cues.get("blockers", {}).items()}
        self._not_places = {normalize_name(n) for n in self.cues.get("not_places", [])}
        self._generic = {normalize_name(w) for w in self.cues.get("generic_words", [])}
        self._strict_locative = {lang: {normalize_name(w) or w for w in ws}
                                 for lang, ws in self.cues.get("strict_locative", {}).items()}
        self._type_words = {normalize_name(w) for w in self.cues.get("place_type_words", [])}
        self._leading_types = {normalize_name(w) for w in self.cues.get("leading_type_words", []) if normalize_name(w)}
        self._representation = {normalize_name(w) for w in self.cues.get("representation_words", []) if normalize_name(w)}
        self._countries: set[str] = set()
        self._group_nouns = {lang: {normalize_name(w) for w in ws or []}
                             for lang, ws in self.cues.get("group_nouns", {}).items()}
        self._based = {lang: {normalize_name(w) for w in ws} for lang, ws in self.cues.get("based_cues", {}).items()}
        # a reporter's place or where someone lives is not where the event happened
        self._not_event_place = {lang: {normalize_name(w) for w in ws} | {
            normalize_name(w) for w in self.cues.get("residence_cues", {}).get(lang, [])}
            for lang, ws in self.cues.get("reporter_cues", {}).items()}
        self._not_place_after = {normalize_name(w) for w in self.cues.get("not_place_after", []) if normalize_name(w)}
        self._motion = {lang: {tuple((normalize_name(w) or w).split()) for w in ws or []}
                        for lang, ws in self.cues.get("motion_locative", {}).items()}

    # --- public API --------------------------------------------------------------------------------------

    def find_toponyms(self, text: str, lang: str,
                      ner_spans: Sequence[tuple[int, int, str]] = ()) -> list[ResolvedPlace]:
        """Toponyms of a document, resolved, sorted by start (offsets are offsets into `text`).

        Gazetteer matches and NER place spans are united; a NER place span unknown to the gazetteer comes back
        with place=None and a reason rather than being dropped."""
        tokens = tokenize(text)
        self._text = text
        mentions = self._gazetteer_mentions(text, tokens, lang)
        mentions = self._merge_ner(text, tokens, mentions, ner_spans, lang)
        for m in mentions:
            self._annotate(m, tokens, lang)
        self._mark_actor_names(mentions, tokens)
        # (an Arabic country name is the country even when towns abroad share it: لبنان is not Lebanon, Ohio)
        doc_countries = {c.place.country_code for m in mentions for c in m.cands
                         if c.feature == "country" and c.kind == 0 and (len(m.cands) == 1 or is_arabic(m.text) and sum(
                             o.feature == "country" for o in m.cands) == 1)}
        context = context_countries(text, tokens)
        doc_countries |= {cc for cc, w in context.items() if w >= _CONTEXT_CAP}
        mentions = [m for m in mentions if self._keep(m, text, tokens, lang, ner_spans, doc_countries)]
        return self._resolve_all(mentions, text, lang, context=context, strict_loose=True)

    def resolve_spans(self, text: str, spans: Sequence[tuple[int, int]], lang: str) -> list[ResolvedPlace]:
        """Resolve given toponym spans (e.g. gold spans for evaluation); one result per span, in order."""
        tokens = tokenize(text)
        self._text = text
        starts = [t.start for t in tokens]
        mentions: list[_Mention] = []
        for start, end in spans:
            surface = text[start:end]
            m = _Mention(start, end, surface, normalize_name(surface), self._span_candidates(surface))
            if m.key in load_demonyms():
                m.cands, m.derived = self._derived_candidates(surface)
            small = not any(c.match == "exact" and (c.feature in ("country", "admin1", "region", "continent", "site")
                                                     or c.place.population >= 100_000) for c in m.cands)
            if small:
                derived, how = self._derived_candidates(surface)
                if derived and (not m.cands or how == "demonym"):
                    m.cands, m.derived = derived, how
            m.tok_start, m.tok_end = _token_range(tokens, start, end, starts)
            self._annotate(m, tokens, lang)
            mentions.append(m)
        resolved = self._resolve_all(mentions, text, lang, sort=False, doc_focus=True,
                                     context=context_countries(text, tokens))
        return resolved

    def event_location(self, toponyms: list[ResolvedPlace], text: str, sentence: TextSpan, trigger: TextSpan,
                       lang: str) -> Optional[ResolvedPlace]:
        """The place where the event at `trigger` happened, from the toponyms inside `sentence`, or None.

        Sites and towns tied to the trigger by a preposition or a feature word beat far-away or region-level
        mentions; a reporter's location ("correspondent in Baghdad") or where someone lives is not the event's; of
        a place and the unit it lies in ("the Nahrwan district of Baghdad", "the suburb of Dobrinja"), the smaller
        one. A relative location keeps its anchor with geo_precision 2; a region/country mention gets
        geo_precision 3."""
        best: Optional[tuple[float, ResolvedPlace]] = None
        tokens = tokenize(text[sentence.start:sentence.end])
        placed = [tp for tp in toponyms if tp.place is not None]
        by_end = {tp.span.end - sentence.start: tp for tp in placed}
        by_start = {tp.span.start - sentence.start: tp for tp in placed}
        for tp in toponyms:
            if tp.place is None or tp.span.start < sentence.start or tp.span.end > sentence.end:
                continue
            score = self._event_place_score(tp, tokens, text, sentence, trigger, lang)
            if score is not None:
                score += self._containment(tp, tokens, sentence, by_end, by_start)
            if score is not None and (best is None or score > best[0]):
                best = (score, tp)
        if best is None:
            return None
        chosen = best[1]
        precision = chosen.geo_precision
        if chosen.place is not None and chosen.place.feature in ("country", "admin1", "region"):
            precision = GEO_REGION
        return replace(chosen, geo_precision=precision)

    def _containment(self, tp: ResolvedPlace, tokens: list[Token], sentence: TextSpan,
                     by_end: dict[int, ResolvedPlace], by_start: dict[int, ResolvedPlace]) -> float:
        """Of a place and the unit it lies in, named together around a unit word and 'of', the smaller one gets
        +0.5 and the other -1.0: "the Nahrwan district of Baghdad", "the West Bank city of Nablus" (by feature,
        then population). A place named after a unit word with no other place before it is the smaller one ("the
        neighbourhood of Adhamiyah", "le quartier de X"); after an appositive it is the unit ("Adhamiyah, a
        district of Baghdad")."""
        start, end = tp.span.start - sentence.start, tp.span.end - sentence.start
        after = [t for t in tokens if t.start >= end][:5]
        if len(after) >= 3 and after[0].norm in self._type_words and after[1].norm in _OF:
            rest = after[2:]
            while rest and rest[0].norm in self._generic:
                rest = rest[1:]
            other = by_start.get(rest[0].start) if rest else None
            if other is not None:  # tp is the first of "A <unit> of B"
                return 0.5 if _smaller(tp, other) else -1.0
        before = [t for t in tokens if t.end <= start][-6:]
        # skip direction words between "of" and the name ("the Nahrwan district of southeastern Baghdad")
        while before and before[-1].norm in self._generic:
            before.pop()
        if len(before) < 2 or before[-1].norm not in _OF or before[-2].norm not in self._type_words:
            return 0.0
        ahead = before[:-2]
        # the first place may be followed by the capitalized rest of the unit's name ("Logo Local Government Area
        # of Benue")
        other = None
        for k in range(len(ahead) - 1, max(-1, len(ahead) - 4), -1):
            other = by_end.get(ahead[k].end)
            if other is not None or not ahead[k].raw[:1].isupper():
                break
        if other is not None:  # tp is the second of "A <unit> of B"
            return 0.5 if _smaller(tp, other) else -1.0
        if ahead and ahead[-1].norm in ("a", "an", "un", "une"):
            return -1.0  # an appositive: ", a suburb of Sarajevo"
        return 0.5

    def _event_place_score(self, tp: ResolvedPlace, tokens: list[Token], text: str, sentence: TextSpan,
                           trigger: TextSpan, lang: str) -> Optional[float]:
        """How well a toponym fits as the place of the event at `trigger`; None when it cannot be it.

        Eligible: a place after a locative preposition ("in", "à", في), next to a feature word ("the base of"),
        with a relative cue ("north of"), or the object right after the event verb ("shelled Homs"). Not
        eligible: a place that modifies an actor ("U.S. soldiers", "a Tampa woman", "Iraqi police"), a
        reporter's or speaker's location, a country without a locative preposition."""
        assert tp.place is not None
        off = sentence.start
        before = [t for t in tokens if t.end + off <= tp.span.start][-4:]
        after = [t for t in tokens if t.start + off >= tp.span.end][:1]
        norms = [t.norm for t in before]
        # "in Syria", "in northern Iraq", "near the Syrian capital Damascus": a preposition up to four words back
        locative = any(w in self._locative.get(lang, set()) for w in norms[-4:])
        fw = self._feature_words.get(lang, {})
        feature = any(w in fw for w in norms[-3:]) or bool(after and after[0].norm in fw)
        region_word = bool(after and after[0].norm in self._region_after.get(lang, set()))
        gap_after = text[tp.span.end:after[0].start + off] if after else ""
        actor_nouns = self._actor_nouns.get(lang, set())
        # "U.S. soldiers", "Tampa woman": a name glued to the noun it qualifies, with no preposition before it
        modifier = bool(after) and gap_after in (" ", "-", "-based ") and after[0].norm in actor_nouns \
            and not (norms and norms[-1] in self._strict_locative.get(lang, set()))
        between = text[trigger.end:tp.span.start] if tp.span.start >= trigger.end else ""
        object_of_trigger = bool(between) and len(between.split()) <= 4 and not any(ch in between for ch in ",;:")
        # "Gibraltar was captured", "Bosnia is still patrolled", "Alep a été bombardée": the passive's subject
        object_of_trigger = object_of_trigger or (tp.span.end <= trigger.start and bool(
            _PASSIVE_GAP.match(text[tp.span.end:trigger.start])))
        # "Anton Leschek from Bielefeld", "a youth from Kurar": where a person comes from
        origin = len(before) >= 2 and norms[-1] == "from" and text[before[-2].end + off:tp.span.start].strip() == "from" \
            and (before[-2].raw[:1].isupper() or before[-2].norm in actor_nouns)
        # ("les forces américaines basées à al-Tanf": the force noun may come one adjective earlier)
        based = any(t.norm in self._based.get(lang, set())
                    and not any(b.norm in actor_nouns for b in before[max(0, i - 2):i]) for i, t in enumerate(before))
        if any(t.norm in self._not_event_place.get(lang, set()) for t in before) or modifier or origin or based:
            return None
        if not (locative or feature or region_word or tp.relation or object_of_trigger):
            return None
        if tp.place.feature in ("country", "continent") and not locative:
            return None
        score = {"site": 3.0, "airport": 2.5, "city": 2.0, "admin2": 1.2, "admin1": 0.8, "region": 0.6,
                 "country": 0.0}.get(tp.place.feature, 1.0)
        score += 1.0 if locative else 0.0
        # (a feature word says what kind of site or unit a place is: "near Somalia border" is no site of Somalia)
        score += 1.0 if feature and tp.place.feature not in ("country", "continent") else 0.0
        score += 0.5 if object_of_trigger else 0.0
        dist = min(abs(tp.span.start - trigger.end), abs(trigger.start - tp.span.end))
        return score - min(dist, 400) / 100.0

    # --- recognition -------------------------------------------------------------------------------------

    def _skippable(self, tokens: list[Token], i: int, text: str) -> bool:
        """Token i is an Arabic article written in Latin script before the next token (al-, ez ...)."""
        tok = tokens[i]
        if not tok.is_article or i + 1 >= len(tokens):
            return False
        nxt = tokens[i + 1]
        gap = text[tok.end:nxt.start]
        if gap == "-":
            return True
        if gap != " ":
            return False
        if tok.norm in _SAFE_ARTICLES:
            return True
        return tok.norm in _AMBIGUOUS_ARTICLES and tok.raw[:1].isupper() and nxt.raw[:1].isupper()

    def _gazetteer_mentions(self, text: str, tokens: list[Token], lang: str) -> list[_Mention]:
        keys: dict[tuple[int, int], list[str]] = {}
        for i, tok in enumerate(tokens):
            if self._skippable(tokens, i, text) or not tok.norm:
                continue
            parts: list[str] = []
            j = i
            while j < len(tokens) and len(parts) < MAX_NGRAM:
                if j > i and text[tokens[j - 1].end:tokens[j].start] not in (" ", "-", "- ", " -"):
                    break
                if not (j > i and self._skippable(tokens, j, text)):
                    parts.append(tokens[j].norm)
                    variants = [" ".join(parts)]
                    if len(parts) == 1 and is_arabic(tok.raw) and tok.raw[:1] in _ARABIC_CLITICS:
                        variants.append(normalize_arabic_token(tok.raw[1:]))
                    keys[(i, j)] = variants
                j += 1
        found = self.gaz.lookup_keys(k for vs in keys.values() for k in vs)
        mentions: list[_Mention] = []
        i = 0
        n = len(tokens)
        while i < n:
            best: Optional[tuple[int, str]] = None
            for j in range(min(n - 1, i + MAX_NGRAM + 2), i - 1, -1):
                hits = [k for k in keys.get((i, j), []) if k in found]
                # "للبنان": the reading without the clitic when only it names a country or big town (not بنان)
                # (a short reading is too often a word: "لأي" is not ل + اي)
                strong = [k for k in hits if len(k) >= 4 and any(_strong(c) for c in found[k])]
                if hits:
                    best = (j, (strong or hits)[0])
                if best:
                    break
            if best is None:
                i += 1
                continue
            j, key = best
            if key.replace(" ", "").isdigit() or key in self._generic or key in self._type_words \
                    or tuple(key.split()) in unit_words():
                i = j + 1  # "01", "26" (numbered districts), "Park", "Road", "Zone": never a toponym on their own
                continue
            start_tok = i - 1 if i > 0 and self._skippable(tokens, i - 1, text) else i
            start, end = tokens[start_tok].start, tokens[j].end
            m = _Mention(start, end, text[start:end], key, list(found[key]), start_tok, j + 1, from_gazetteer=True)
            mentions.append(m)
            i = j + 1
        return mentions

    def _span_candidates(self, surface: str) -> list[Candidate]:
        surface = re.sub(r"['’][sS]$", "", surface.strip().lstrip("#"))
        cands = self._arabic_candidates(surface) if is_arabic(surface) else self.gaz.candidates(surface, loose=False)
        if not cands and is_arabic(surface):  # "شارع الحمرا", "بمنطقة الكرخ": the name after its leading type word
            cands = self._after_type_word(surface)
        if not cands:
            words = surface.split()
            if len(words) > 1 and words[0].lower() in ("the", "le", "la", "les", "l'"):
                cands = self.gaz.candidates(" ".join(words[1:]), loose=False)
        if not cands:  # "Rubaya village", "Mizan district", "Kabul city (Dara-i-Suf)": the name without its unit word
            bare = strip_place_type(surface)
            if bare and bare != surface:
                cands = self.gaz.candidates(bare, loose=False)
        if not cands:  # "Elwak", "Deir Ezzor City": the article written joined to a name spelt with it apart
            cands = self._joined_article_candidates(strip_place_type(surface) or surface)
        if not cands:  # a loose spelling match is never a country (their names are well known), and keeps the
            # first sound and the number of words ("Kamechliyé" → Qamishli, not "Cauvery" → Kavanur)
            # and is a spelling variant of the place's name, not another name with the same consonants
            # ("Nertiti" is not Narathiwat, "Bordode" not Burdur)
            key, n_words = loose_key(surface), len(normalize_name(surface).split())
            spelling = spelling_key(surface)
            cands = [c for c in self.gaz.lookup_loose(surface) if c.feature != "country"
                     and loose_key(c.place.name)[:1] == key[:1] and n_words in (
                         len(normalize_name(c.place.name).split()), len(normalize_name(strip_place_type(c.place.name)).split()))
                     and (_similar(spelling, spelling_key(c.place.name))
                          or _similar(spelling_key(strip_place_type(surface)), spelling_key(strip_place_type(c.place.name))))]
        return cands

    def _joined_article_candidates(self, surface: str) -> list[Candidate]:
        """Places whose name has the Arabic article apart ("El Wak", "Deir ez-Zor") for a surface that writes it
        joined to a word ("Elwak", "Deir Ezzor"): one word's leading article dropped, and the candidate's name
        run together must equal the surface run together (so "Elgin" never becomes "Gin")."""
        words = normalize_name(surface).split()
        joined = _joined(surface)
        for i, word in enumerate(words):
            for article in _JOINED_ARTICLES:
                if word.startswith(article) and len(word) >= len(article) + 3:
                    key = " ".join([*words[:i], word[len(article):], *words[i + 1:]])
                    found = [c for c in self.gaz.candidates(key, loose=False) if _joined(c.place.name) == joined]
                    if found:
                        return found
        return []

    def _arabic_candidates(self, surface: str) -> list[Candidate]:
        """Exact candidates of an Arabic name, plus those of its reading without a leading clitic ("للبنان" is
        ل + لبنان, not لل + بنان) when that reading names a country, admin unit or big town and the plain key only
        small places (or none)."""
        cands = self.gaz.candidates(surface, loose=False)
        if any(_strong(c) for c in cands):
            return cands
        variants = arabic_key_variants(surface)
        if not variants:
            return cands
        found = self.gaz.lookup_keys(variants)
        extra = [c for v in variants for c in found.get(v, []) if c.kind == 0 and (
            not cands or _strong(c) and len(v) >= 4)]
        return cands + extra

    def _after_type_word(self, surface: str) -> list[Candidate]:
        """Candidates of the name that follows a leading place-type word (`leading_type_words`: شارع, منطقة, مدينة,
        مطار…), a clitic allowed before it ("بمدينة حلب" → حلب)."""
        words = [w for w in re.split(r"[\s_#]+", surface) if w]
        if len(words) < 2:
            return []
        if not _word_in(words[0], self._leading_types):
            return []
        return [replace(c, match="typed") for c in self._arabic_candidates(" ".join(words[1:]))]

    def _derived_candidates(self, surface: str) -> tuple[list[Candidate], str]:
        """For a span the gazetteer does not know: a demonym's country ("Russian" → Russia, "syrienne" →
        Syria, "عراقي" → Iraq), or the place named inside a longer name ("Cairo University" → Cairo)."""
        key = normalize_name(surface)
        if not key:
            return [], ""
        cc = load_demonyms().get(key)
        pid = self.gaz.country_pid(cc) if cc else None
        if pid:
            return [self.gaz.by_pid(pid)], "demonym"
        variants: list[str] = []
        if is_arabic(key):
            if key.endswith("ي"):
                variants += [key[:-1], key[:-1] + "ا", key[:-1] + "ه"]
            elif key.endswith("يه") or key.endswith("يون") or key.endswith("يين"):
                stem = key[:-2] if key.endswith("يه") else key[:-3]
                variants += [stem, stem + "ا"]
        else:
            for word_suffix, reps in _DEMONYM_RULES:
                if key.endswith(word_suffix) and len(key) - len(word_suffix) >= 3:
                    stem = key[: len(key) - len(word_suffix)]
                    variants += [stem + r for r in reps]
        found = self.gaz.lookup_keys(variants)
        big = [c for v in variants for c in found.get(v, [])
               if c.feature in ("country", "continent", "admin1") and c.kind == 0]
        if big:
            order = {"country": 0, "continent": 1, "admin1": 2}
            best = min(order[c.feature] for c in big)
            return [c for c in big if order[c.feature] == best], "demonym"
        # the longest run of words inside the span that names a known place
        words = [w for w in re.split(r"[\s_#]+", surface) if w]
        if len(words) < 2 and not (is_arabic(surface) and surface[:1] in _ARABIC_CLITICS):
            return [], ""
        subs: list[str] = []
        for n in range(len(words) - 1, 0, -1):
            for i in range(len(words) - n, -1, -1):
                subs.append(" ".join(words[i:i + n]))
        if is_arabic(surface):
            subs = [surface[1:]] + subs if surface[:1] in _ARABIC_CLITICS else subs
            subs += [w[1:] for w in words if w[:1] in _ARABIC_CLITICS]
        keyed = [(sub, normalize_name(sub)) for sub in subs]
        # "سفارة المغرب", "the French embassy": an embassy stands in the host country, not in the one it represents
        represents = any(_word_in(w, self._representation) for w in words)
        stop = _stop_words("en") | _stop_words("fr") | {normalize_name(w) for w in self.cues.get("generic_words", [])}
        found = self.gaz.lookup_keys(k for _s, k in keyed if k and k not in stop and len(k) >= 3)
        for sub, k in keyed:
            # a word inside a longer name names a place only when that place is well known and the word is its
            # main name ("Cairo University"; not "Christopher Inn" → Innsbruck, once called Inn)
            good = [c for c in found.get(k, []) if c.kind == 0 and (c.primary or is_arabic(k)) and (
                c.feature in ("country", "admin1", "region", "site") or c.place.population >= 100_000)
                and not (represents and c.feature == "country")]
            if good:
                return good, f"contains '{sub}'"
        return [], ""

    def _merge_ner(self, text: str, tokens: list[Token], mentions: list[_Mention],
                   ner_spans: Sequence[tuple[int, int, str]], lang: str) -> list[_Mention]:
        for start, end, label in ner_spans:
            overlapping = [m for m in mentions if m.start < end and start < m.end]
            # "the West Rand": a stray match of "the" does not make "Rand" the whole entity
            named = [m for m in overlapping if m.key not in _stop_words(lang) or m.text[:1].isupper() and len(m.key) > 3]
            for m in overlapping:
                m.ner_label = m.ner_label or label
                head, tail = text[start:m.start], text[m.end:end]
                if tail.strip() and not split_unit_word("x " + tail.strip())[0].strip("x ").strip():
                    tail = ""  # "Tanganyika Province", "Lamu Island": the unit word is no other proper name
                if re.search(r",\s*$", head) and not tail:
                    head = ""  # "Galhareeri, Galguduud Region": a town and its unit, not one longer name
                extra = head + " " + tail
                # (in an organisation's name every capitalized word is part of it: "Derna ... Shoura Council")
                if re.search(r"(?:^|[\s'’-])[A-Z]", extra) and (len(named) == 1 or label in ("ORG", "NORP")):
                    m.in_longer_name = True
                    m.in_poi_name = self._is_poi(extra)
                    m.leads_org = label in ("ORG", "NORP") and not re.sub(r"(?i)^\s*(?:the|la|le|les|l')?\s*$", "",
                                                                          text[start:m.start])
            if overlapping or label not in _NER_PLACE_LABELS:
                continue
            surface = text[start:end]
            if normalize_name(re.sub(r"^(?i:the|la|le|les|l')\s*", "", surface)) in self._not_places:
                continue
            # NER often swallows a feature word ("base d'Aïn al-Assad"): try the span without leading words.
            m = _Mention(start, end, surface, normalize_name(surface), self._span_candidates(surface), ner_label=label)
            if not m.cands:
                words = list(re.finditer(r"\S+", surface))
                for w in words[1:]:
                    sub = surface[w.start():]
                    if not sub[:1].isupper() and not is_arabic(sub) or normalize_name(sub) in self._generic \
                            or normalize_name(sub) in self._type_words:
                        continue  # "Halgan village" is not the place "Village"
                    cands = self._span_candidates(sub)
                    if cands:
                        m = _Mention(start + w.start(), end, sub, normalize_name(sub), cands, ner_label=label)
                        break
            m.tok_start, m.tok_end = _token_range(tokens, m.start, m.end)
            if not m.cands:
                m.abstain_reason = "unknown toponym: not in the gazetteer"
            mentions.append(m)
        return sorted(mentions, key=lambda m: m.start)

    def _annotate(self, m: _Mention, tokens: list[Token], lang: str) -> None:
        """Feature words around the mention, relative-location and region cues before it."""
        fw = self._feature_words.get(lang, {})
        before: list[Token] = []
        i = m.tok_start - 1
        while i >= 0 and len(before) < 6:  # up to six words back, never across a sentence boundary
            gap = self._text[tokens[i].end:tokens[i + 1].start] if i + 1 < len(tokens) else ""
            if any(ch in gap for ch in ".!?;\n"):
                break
            before.insert(0, tokens[i])
            i -= 1
        after: list[Token] = []
        for t in tokens[m.tok_end:m.tok_end + 2] if m.tok_end >= 0 else []:
            gap = self._text[(after[-1].end if after else m.end):t.start]
            if any(ch in gap for ch in ".!?;\n"):
                break
            after.append(t)
        for t in [*before, *after]:
            if t.norm in fw:
                m.feature_types |= fw[t.norm]
        # two-word feature words ("poste frontiere", "point de passage")
        seq = [t.norm for t in before]
        for n in (2, 3):
            for s in range(0, max(0, len(seq) - n + 1)):
                phrase = " ".join(seq[s:s + n])
                if phrase in fw:
                    m.feature_types |= fw[phrase]
        prefix = " ".join(t.norm for t in tokens[max(0, m.tok_start - 8):m.tok_start]) if m.tok_start > 0 else ""
        for pattern, relation in self._relative.get(lang, []):
            hit = pattern.search(prefix)
            if hit and hit.end() == len(prefix):
                km = hit.groupdict().get("km") if pattern.groupindex else None
                m.relation = f"{km} km {relation}" if km else relation
                break
        for pattern in self._region.get(lang, []):
            hit = pattern.search(prefix)
            if hit and hit.end() == len(prefix):
                m.region = True
        # (the unit word may be part of the matched name itself: "Kole District" is a name of the district)
        m.unit = self._unit_after(m, tokens) or split_unit_word(m.text)[1]
        if after and after[0].norm in self._region_after.get(lang, set()) and \
                self._text[m.end:after[0].start].strip() == "" and m.unit != "admin2":
            m.region = True  # ("Kole District" is a district: geo_precision 2, not a region)
        m.qualifier = self._qualifier(m, tokens)

    def _unit_after(self, m: _Mention, tokens: list[Token]) -> str:
        """The level named by a unit word right after the mention ("Galguduud Region", "Obafemi-Owode LGA",
        "Logo local government area"), whatever its case; "" when none follows."""
        if m.tok_end < 0 or m.tok_end >= len(tokens) or self._text[m.end:tokens[m.tok_end].start] not in (" ", "-"):
            return ""
        table = unit_words()
        for n in (3, 2, 1):
            part = tokens[m.tok_end:m.tok_end + n]
            if len(part) < n or not all(self._text[a.end:b.start] in (" ", "-") for a, b in zip(part, part[1:])):
                continue
            level = table.get(tuple(w for t in part for w in t.norm.split()))
            if level:
                return level
        return ""

    def _qualifier(self, m: _Mention, tokens: list[Token]) -> set[str]:
        """Admin1 codes and country codes named right after the mention and a comma ("Paris, Tenn.",
        "Dublin, Ohio", "Tripoli, Lebanon"): the place must lie inside them."""
        if m.tok_end < 0 or m.tok_end >= len(tokens) or not re.match(r"\s*,\s*$", self._text[m.end:tokens[m.tok_end].start]):
            return set()
        keys = []
        for n in (3, 2, 1):
            part = tokens[m.tok_end:m.tok_end + n]
            if len(part) == n and all(self._text[a.end:b.start] in (" ", ".", ". ", "-") for a, b in zip(part, part[1:])):
                keys.append(" ".join(t.norm for t in part if t.norm))
        found = self.gaz.lookup_keys(keys)
        for k in keys:
            out = {c.admin1_code if c.feature == "admin1" else c.place.country_code
                   for c in found.get(k, []) if c.feature in ("admin1", "country") and c.kind in (0, 2)}
            if out:
                return out
        # "Wentworth, Durban", "Kersa, Arsi": a town or district after the comma; the place lies near it (not in a
        # list: "Assiut, Alexandria, and Suez")
        for n, k in zip((3, 2, 1), keys) if len(keys) == 3 else ((len(k.split()), k) for k in keys):
            after = self._text[tokens[m.tok_end + n - 1].end:] if m.tok_end + n - 1 < len(tokens) else ""
            if re.match(r"\s*(?:,\s*(?:and |et |or |ou )?[A-Z]|and |et |or |ou |&)", after):
                continue
            if re.match(r"[ -]+[A-Z]", after):
                continue  # only the first words of a longer name ("Horo Guduru Walaga" is not Horo, i.e. Jolo)
            near = [c.place for c in found.get(k, []) if c.feature in ("city", "admin2") and c.kind == 0 and c.primary
                    and (c.place.population >= 5_000 or c.feature == "admin2")
                    and self._text[tokens[m.tok_end].start:tokens[m.tok_end].start + 1].isupper()]
            if near:
                m.near_points = [(p.latitude, p.longitude, 60.0 if p.feature == "city" else 120.0) for p in near]
                m.near_place = max(near, key=lambda p: p.population)
                break
        return set()

    def _keep(self, m: _Mention, text: str, tokens: list[Token], lang: str,
              ner_spans: Sequence[tuple[int, int, str]], doc_countries: set[str]) -> bool:
        """Recognition filter for gazetteer matches: is this run of words really a place name here?"""
        if not m.from_gazetteer:
            return True
        if m.key in self._not_places or re.sub(r"^(?:the|la|le|les|l) ", "", m.key) in self._not_places:
            return False
        nxt = tokens[m.tok_end] if m.tok_end < len(tokens) else None
        if nxt is not None and nxt.norm in self._not_place_after and text[m.end:nxt.start] in (" ", "-"):
            return False  # "West Nile virus", "Maghreb prayers": a disease or a prayer named after a place
        if m.key in load_demonyms() and not (nxt is not None and nxt.norm in self._region_after.get(lang, set())):
            return False  # "Somali forces", "Afar herders": a nationality (a country vote), not the region
        # '~' aliases need a matching context word
        usable = [c for c in m.cands if c.kind != 1 or _type_fits(c, m.feature_types)]
        if not usable:
            return False
        m.cands = usable
        arabic = is_arabic(m.text)
        own = tokens[m.tok_start:m.tok_end]
        if not arabic:
            words = [t for t in own if not t.is_article] or own
            if not any(t.raw[:1].isupper() or t.raw[:1].isdigit() for t in words):
                return False
            if len(own) == 1 and m.key in _stop_words(lang):
                return False
            if m.text.isupper() and len(m.text) <= 4 and m.ner_label not in _NER_PLACE_LABELS and \
                    not any(c.feature == "country" for c in usable):
                return False
            if len(m.key) <= 3 and not m.text.isupper() and not any(c.primary for c in usable):
                return False  # "MoD", "Rs", "Car": a short word that is only some place's alternate name
        ner_place = m.ner_label in _NER_PLACE_LABELS
        in_doc = any(c.place.country_code in doc_countries for c in usable)
        very_strong = any(c.feature in ("country", "site") for c in usable)
        strong = very_strong or any(c.feature == "admin1" or c.place.population >= 100_000 for c in usable)
        prev = tokens[m.tok_start - 1] if m.tok_start > 0 else None
        after_locative = prev is not None and prev.norm in self._locative.get(lang, set())
        # "in Ben Gardane", "at Gudumbali", "Kailenge village", "Halgan town": the words around say place, whatever
        # the small NER model thought of the name (it often tags African and Arabic place names as persons)
        strict_locative = prev is not None and prev.norm in self._strict_locative.get(lang, set()) and \
            text[prev.end:m.start] == " "
        typed = nxt is not None and nxt.norm in self._type_words and text[m.end:nxt.start] == " " and \
            nxt.raw[:1].islower()
        place_context = (strict_locative or typed) and not m.in_longer_name
        # "Galguduud Region", "Kole District", "Obafemi-Owode LGA": a unit word says place, whatever NER made of it
        unit_typed = bool(m.unit) and not m.in_actor_name and any(
            c.feature in ("admin1", "admin2", "region", "city") and c.kind == 0 and c.match == "exact" for c in usable)
        place_context = place_context or unit_typed
        if m.in_actor_name and not (strong and not m.ner_label in ("PER", "PERSON")) and not m.leads_org:
            return False  # "Boko Haram": a word of an actor's name, not Boko (Congo) and Haram (Norway)
        if (m.in_poi_name or m.leads_org) and (strong or in_doc):
            return True  # "Benghazi Medical Centre", "Cairo University", "Derna Shura Council": the town in a name
        if not very_strong and prev is not None and text[prev.end:m.start] == " " and prev.raw[:1].isupper() \
                and not prev.is_article and prev.norm not in _stop_words(lang) | self._locative.get(lang, set()) \
                and all(w in self._generic or w in self._type_words for w in m.key.split()):
            return False  # "Afram Plains South District": generic and unit words that end a longer name
        if not very_strong and self._hyphen_part(m, tokens, text):
            return False  # "Aniet-Ngong" is not Ngong: a part of a hyphenated name whose other part is no place
        if not (strong or strict_locative) and nxt is not None and text[m.end:nxt.start] == " " and \
                nxt.norm in self._group_nouns.get(lang, set()):
            return False  # "Abala herdsmen", "Nuer militia": an ethnic or clan word before a group noun
        # "taken to Zuwara", "protested in Shashamene": after a preposition of place a town's main name (or a town
        # of the document's countries) is kept whatever NER said, unless the name is an actor's
        motion = not arabic and not m.in_longer_name and self._motion_before(tokens, m, lang) and \
            m.key not in load_actor_names()[1] and any(
                c.kind == 0 and c.match == "exact" and c.feature in ("city", "admin2")
                and (c.primary or c.place.country_code in doc_countries) for c in usable)
        place_context = place_context or motion
        if m.ner_label in _NER_OTHER_LABELS and not place_context and not (
                very_strong or (strong and (in_doc or not doc_countries or after_locative))
                or (after_locative and m.ner_label not in ("PER", "PERSON")
                    and any(c.place.population >= 20_000 for c in usable))):
            return False  # NER says person/organisation and nothing strong says place
        if prev is not None and prev.norm in self._blockers.get(lang, set()):
            return False
        # a capitalized neighbour that is a function word ("In Rusape", "At Gao") glues nothing
        stops = _stop_words(lang) | self._locative.get(lang, set())
        glued = not arabic and any(
            t is not None and t.raw[:1].isupper() and not t.is_article and t.norm not in stops
            and text[min(t.end, m.end):max(t.start, m.start)].strip() == ""
            for t in (prev, nxt)
        )
        if very_strong or any(_type_fits(c, m.feature_types) for c in usable):
            return True
        if unit_typed and (m.unit != "island" or not m.in_longer_name):
            return True
        if m.in_longer_name:
            return False  # a word of a longer proper name (a person, an organisation)
        if glued and not ner_place:
            return False  # part of a longer proper name ("Hashem al-Kindi", "Sabrina Singh")
        if ner_place or (strong and (in_doc or not doc_countries)) or place_context:
            return True
        sentence_initial = prev is None or text[prev.end:m.start].strip()[-1:] in (".", "!", "?") or \
            "\n" in text[prev.end:m.start]
        best_pop = max(c.place.population for c in usable)
        if sentence_initial and not after_locative:
            return best_pop >= 50_000 and in_doc
        return (after_locative and best_pop >= 1_000) or best_pop >= 20_000 and in_doc

    def _mark_actor_names(self, mentions: list[_Mention], tokens: list[Token]) -> None:
        """Flag gazetteer matches that are words of a longer actor name the text spells out ("Boko Haram",
        "Derna Mujahideen Shura Council" is left alone when the town opens it: see `leads_org`)."""
        multi, _all = load_actor_names()
        # (names are keyed without the Arabic article: "Islamic State of Iraq and al-Sham" matches on its other words)
        kept = [i for i, t in enumerate(tokens) if t.norm and not t.is_article]
        norms = [tokens[i].norm for i in kept]
        spans: list[tuple[int, int]] = []
        for i in range(len(norms)):
            for n in range(_MAX_ACTOR_WORDS, 1, -1):
                if i + n <= len(norms) and " ".join(norms[i:i + n]) in multi:
                    spans.append((kept[i], kept[i + n - 1] + 1))
                    break
        for m in mentions:
            if m.tok_start < 0:
                continue
            for a, b in spans:
                if a <= m.tok_start and m.tok_end <= b and b - a > m.tok_end - m.tok_start:
                    m.in_actor_name = True
                    break

    def _motion_before(self, tokens: list[Token], m: _Mention, lang: str) -> bool:
        """A preposition of place or movement stands right before the mention ("to Zuwara", "près de Gao")."""
        for words in self._motion.get(lang, set()):
            n = len(words)
            if m.tok_start >= n and tuple(t.norm for t in tokens[m.tok_start - n:m.tok_start]) == words and \
                    self._text[tokens[m.tok_start - 1].end:m.start] == " ":
                return True
        return False

    def _hyphen_part(self, m: _Mention, tokens: list[Token], text: str) -> bool:
        """The mention is glued by a hyphen to a capitalized word that names no place ("Aniet-Ngong"); two
        places joined ("Fargo-Moorhead", "Paris-Henry County") do not count."""
        sides = []
        if m.tok_start > 0 and text[tokens[m.tok_start - 1].end:m.start] == "-":
            sides.append(tokens[m.tok_start - 1])
        if m.tok_end < len(tokens) and text[m.end:tokens[m.tok_end].start] == "-":
            sides.append(tokens[m.tok_end])
        sides = [t for t in sides if t.raw[:1].isupper() and not t.is_article]
        if not sides:
            return False
        found = self.gaz.lookup_keys(t.norm for t in sides)
        return any(not found.get(t.norm) for t in sides)

    # --- resolution --------------------------------------------------------------------------------------

    def _is_poi(self, surface: str) -> bool:
        """The name contains a point-of-interest word (street, hospital, شارع, معهد…)."""
        words = self._poi_words
        for tok in tokenize(surface.replace("_", " ").replace("#", " ")):
            norm = tok.norm
            if norm in words or (is_arabic(tok.raw) and normalize_arabic_token(tok.raw[1:]) in words
                                 and tok.raw[:1] in _ARABIC_CLITICS):
                return True
        return False

    def _fall_back(self, out: list[ResolvedPlace], text: str, doc_focus: bool) -> list[ResolvedPlace]:
        """Unknown toponyms take the admin unit or region named in the same sentence ("the village of X in
        Idlib province") with geo_precision 2; with `doc_focus` (spans known to be places, e.g. gold spans),
        failing that, the place the document mentions most (neighbourhoods and streets of its city)."""
        unknown = [i for i, r in enumerate(out) if r.place is None and "not in the gazetteer" in r.reason]
        if not unknown:
            return out
        located = [r for r in out if r.place is not None]
        focus: Optional[ResolvedPlace] = None
        counts: dict[str, list[ResolvedPlace]] = {}
        if doc_focus:
            for r in located:
                if r.place is not None and r.place.feature not in ("country", "continent", "region"):
                    counts.setdefault(r.place.place_id, []).append(r)
            best = max(counts.values(), key=len) if counts else []
            single_town = len(counts) == 1 and best[0].place is not None and best[0].place.feature == "city"
            if len(best) >= 2 or single_town:  # a place named twice or more, or the only town named
                focus = best[0]
        for i in unknown:
            r = out[i]
            sent_start = max(text.rfind(ch, 0, r.span.start) for ch in ".!?\n") + 1
            ends = [e for e in (text.find(ch, r.span.end) for ch in ".!?\n") if e >= 0]
            sent_end = min(ends) if ends else len(text)
            # (a unit of another country than the document's is no home for its unknown places: "the Al-Jouf
            # company" names no Saudi province in a report on Benghazi)
            units = [o for o in located if o.place is not None and sent_start <= o.span.start < sent_end
                     and o.place.feature in ("admin1", "admin2", "region")
                     and (not self._countries or not o.place.country_code or o.place.country_code in self._countries)]
            anchor = min(units, key=lambda o: abs(o.span.start - r.span.start)) if units else focus
            if not units and focus is not None and focus.place is not None and len(counts.get(focus.place.place_id, [])) < 2 \
                    and not self._is_poi(r.span.text):
                continue  # one mention of one town stands in only for a street, hospital, square… of it
            if anchor is None or anchor.place is None:
                continue
            precision = GEO_NEAR if anchor.place.feature in ("admin2", "city", "site", "airport") else GEO_REGION
            out[i] = replace(r, place=anchor.place, geo_precision=precision, score=0.3,
                             reason=f"unknown toponym '{r.span.text}': fell back to {anchor.place.feature} "
                                    f"'{anchor.place.name}' named {'in the sentence' if units else 'most in the document'}")
        return out

    def _resolve_all(self, mentions: list[_Mention], text: str, lang: str, sort: bool = True,
                     doc_focus: bool = False, context: Optional[dict[str, float]] = None,
                     strict_loose: bool = False) -> list[ResolvedPlace]:
        # pass 1: rank without document context; then, `_CONTEXT_PASSES` times, the countries/admin1 areas of the
        # previous choices as context and the previous places of the other mentions as proximity anchors (a second
        # round lets a place settled by context pull its neighbours: "Zambezi" → Zambia, then "North-Western
        # Province" is Zambia's, not Sri Lanka's)
        ranked_all = [self._rank(m, {}, set(), []) for m in mentions]
        for step in range(_CONTEXT_PASSES):
            by_key, admin_by_key, anchors, totals = self._context(mentions, ranked_all, context, strict_loose)
            self._countries = _named(totals)
            per_mention = []
            for i, m in enumerate(mentions):
                countries = dict(totals)
                for cc, w in by_key.get(m.key, {}).items():
                    countries[cc] -= w
                countries = {cc: w for cc, w in countries.items() if w > 0.01}
                admin1s = {code for k, codes in admin_by_key.items() if k != m.key for code in codes}
                others = [(p, firm) for j, p, firm in anchors if j != i and mentions[j].key != m.key]
                per_mention.append((countries, admin1s, others))
                if step == 0 and not m.cands and not m.derived:
                    self._fuzzy_candidates(m, countries)
            ranked_all = [self._rank(m, *per_mention[i]) if m.cands else [] for i, m in enumerate(mentions)]
        out = [self._to_resolved(m, ranked_all[i], strict_loose, *per_mention[i]) for i, m in enumerate(mentions)]
        out = self._fall_back(out, text, doc_focus)
        if sort:
            out.sort(key=lambda r: r.span.start)
        return out

    def _fuzzy_candidates(self, m: _Mention, countries: dict[str, float]) -> None:
        """A name with no candidate at all may be another spelling of a town of a country the document names
        ("Shashamene" for Shashemene in a note about Ethiopia): close spellings there, never elsewhere."""
        named = _named(countries)
        if not named or is_arabic(m.text):
            return
        found = [c for c in self.gaz.lookup_fuzzy(strip_place_type(m.text), named) if c.kind == 0]
        if found:
            m.cands = found
            m.derived = "close spelling in a country the document names"
            m.abstain_reason = ""

    def _context(self, mentions: list[_Mention], rankings: list[list[Candidate]], context: Optional[dict[str, float]],
                 strict_loose: bool) -> tuple[dict[str, dict[str, float]], dict[str, set[str]],
                                              list[tuple[int, Place, bool]], dict[str, float]]:
        """Document context from the current choices: country votes per mention key (a name never votes for
        itself), admin1 codes per key, proximity anchors (index, place, firm) and the country totals."""
        by_key: dict[str, dict[str, float]] = {}
        admin_by_key: dict[str, set[str]] = {}
        for m, ranked in zip(mentions, rankings):
            if not ranked:
                continue
            top = ranked[0]
            if top.match in ("loose", "fuzzy") or _weak_alternate(top, ranked, m.key):
                continue  # (nor does a small town's alternate name: "Tombo" is not a vote for Tombokro's country)
            weight = 1.0 if top.feature == "country" or len({c.place.country_code for c in ranked}) == 1 else 0.3
            if top.place.country_code:
                kc = by_key.setdefault(m.key, {})
                kc[top.place.country_code] = kc.get(top.place.country_code, 0) + weight
            if top.feature == "admin1":
                admin_by_key.setdefault(m.key, set()).add(top.admin1_code)
            for code in m.qualifier:
                if "." in code:
                    admin_by_key.setdefault(m.key, set()).add(code)
        # (in running text a loose spelling match or a small town's alternate name is too weak to anchor others)
        anchors = [(i, r[0].place, _firm(r)) for i, r in enumerate(rankings)
                   if r and r[0].feature not in ("country", "continent", "admin1", "region")
                   and r[0].match != "fuzzy"
                   and not (strict_loose and (r[0].match == "loose" or _weak_alternate(r[0], r, mentions[i].key)))]
        totals: dict[str, float] = dict(context or {})
        for kc in by_key.values():
            for cc, w in kc.items():
                totals[cc] = totals.get(cc, 0) + w
        return by_key, admin_by_key, anchors, totals

    def _rank(self, m: _Mention, countries: dict[str, float], admin1s: set[str],
              anchors: Sequence[tuple[Place, bool]]) -> list[Candidate]:
        if not m.cands:
            return []
        scored: list[tuple[float, Candidate]] = []
        same_name_cities = {c.admin1_code for c in m.cands if c.feature == "city" and c.place.population >= 10_000}
        biggest_city = max((c.place.population for c in m.cands if c.feature == "city" and c.kind == 0), default=0)
        # a national capital of the same name beats an admin1 unit ("Washington")
        capital_named = any(c.place.site_type == "capital" and c.primary for c in m.cands)
        # "China", "Mexico": the country, not China (Texas) nor Mexico City, unless the text says otherwise
        country_named = any(c.feature == "country" and c.primary and c.kind == 0 for c in m.cands)
        # "the tropical Atlantic", "the Middle East": an ocean or a region of several countries, not a small town
        # or a county of the same name
        region_named = any(c.feature in ("region", "continent") and not c.place.country_code and c.kind == 0
                           for c in m.cands)
        firm_near = [a for a, f in anchors if f]
        # a name that is some place's main name beats the same string as another place's alternate name
        # ("Paris" is Paris before Swainsboro, once called Paris; "DeKalb" the town before DeKalb County)
        primary_pop = max((c.place.population for c in m.cands if c.primary and c.kind == 0
                           and c.feature in ("city", "admin2", "site")), default=-1)
        for c in m.cands:
            p = c.place
            s = _FEATURE_PRIOR.get(c.feature, 0.0)
            # admin1 population is the sum of its towns: scaled so it does not outweigh a same-named city
            s += _POPULATION_WEIGHT * math.log10((p.population / 10 if c.feature == "admin1" else p.population) + 1)
            s += _NAMES_WEIGHT * math.log(c.nnames + 1)
            if c.primary:
                s += 1.0 if c.feature in ("country", "admin1") else 0.5
            if p.site_type == "capital":
                s += 2.0
            # ... unless the other place is far better known than a small town ("Derna" is Darnah, not a Romanian
            # village; "Yei" stays the South Sudanese town of 260,000, not Bursa); a county named without its unit
            # word always gives way ("Augusta" is the town, not Augusta County)
            if primary_pop >= 0 and not c.primary and c.feature in ("city", "admin2", "airport") and (
                    c.feature == "admin2" or primary_pop >= _KNOWN_TOWN or p.population < 10 * max(primary_pop, 1_000)):
                s -= _ALT_NAME_PENALTY
            if c.match in ("loose", "fuzzy"):
                s -= 1.0
            if c.kind == 1 and not _type_fits(c, m.feature_types):
                s -= 5.0
            if c.feature == "site":
                s += 1.0
                if _type_fits(c, m.feature_types):
                    s += 3.0
            elif m.feature_types and c.feature == "airport" and m.feature_types & {"airport", "base"}:
                s += 2.0
            if m.region and c.feature in ("city", "site", "airport") and \
                    any(o.feature in ("admin1", "admin2") for o in m.cands):
                s -= 2.0
            if m.unit in ("admin1", "admin2"):  # "Kole District" is the district, "Nyanza region" no town
                if c.feature == m.unit:
                    s += 3.0
                elif c.feature in ("city", "site", "airport", "country") and \
                        any(o.feature in ("admin1", "admin2", "region") for o in m.cands):
                    s -= 2.0 if c.feature != "country" else 6.0
            elif m.unit == "island" and c.feature == "country" and len(m.cands) > 1:
                s -= 6.0  # "Lamu Island" is no country
            if c.feature == "admin1":
                if m.region:
                    s += 3.0
                elif c.admin1_code in same_name_cities or capital_named:
                    s -= 3.0  # "Deir ez-Zor" alone is the city more often than the governorate
                elif biggest_city > max(p.population, 100_000):
                    s -= 3.0  # "Mwanza" is Tanzania's big city before a Malawian district of fewer people
            if p.country_code in countries:
                w = countries[p.country_code]
                s += _CONTEXT_WEIGHT * min(1.0, w) + 0.3 * min(w, 5)
            elif any(p.country_code in self.gaz.neighbours(cc) for cc in countries):
                s += 0.8
            if c.admin1_code and c.admin1_code in admin1s and c.feature != "admin1":
                s += 3.0
            if country_named and c.feature in ("city", "admin2", "airport") and not _placed_by_text(c, m, firm_near):
                s -= 6.0
            if region_named and m.unit != "admin2" and (c.feature == "admin2" or (
                    c.feature in ("city", "airport") and p.population < _KNOWN_TOWN)) and not _placed_by_text(
                    c, m, firm_near):
                s -= 6.0
            if m.qualifier and c.feature not in ("admin1", "country") and (
                    c.admin1_code in m.qualifier or p.country_code in m.qualifier):
                s += 6.0
            if c.feature not in ("country", "admin1") and _near_given(p, m):
                s += 6.0
            if anchors:
                d = min(_reach(c, a) for a, _f in anchors)
                s += 3.0 if d < 50 else 2.0 if d < 200 else 0.8 if d < 600 else 0.0
                firm = [a for a, f in anchors if f]
                if firm:  # an unambiguous place nearby (a county named once, a small town of one name)
                    d = min(_reach(c, a) for a in firm)
                    s += 3.0 if d < 50 else 1.5 if d < 200 else 0.0
            scored.append((s, c))
        scored.sort(key=lambda x: -x[0])
        return [c for _s, c in scored]

    def _to_resolved(self, m: _Mention, ranked: list[Candidate], strict_loose: bool = False,
                     countries: Optional[dict[str, float]] = None, admin1s: Optional[set[str]] = None,
                     anchors: Sequence[tuple[Place, bool]] = ()) -> ResolvedPlace:
        span = TextSpan(m.start, m.end, m.text)

        def abstain(reason: str) -> ResolvedPlace:
            return ResolvedPlace(span, None, score=0.0, reason=reason, relation=m.relation)

        unknown = "unknown toponym: not in the gazetteer"
        if not ranked:
            return abstain(m.abstain_reason or unknown)
        best = ranked[0]
        if not strict_loose and not (m.qualifier & {best.admin1_code, best.place.country_code}):
            # a loose or close spelling far from the admin areas and places the text names is another town
            # ("Kienge" in Haut-Katanga is not Kenge in Kwango), whether the span was given or found
            why = _far_spelling(best, (admin1s or set()) | {c for c in m.qualifier if "." in c}, anchors)
            if why:
                return abstain(f"{unknown} ({why})")
        if best.match == "typed" and not _strong(best) and best.place.country_code not in _named(countries or {}):
            # "طريق الكورنيش" in a tweet that names no country is not Cornish (US): a small town found only
            # once its type word is stripped needs the document's countries
            return abstain(f"{unknown} (only the small place '{best.place.name}', {best.place.country_code}, "
                           "once its type word is stripped)")
        if not strict_loose and self._far_alternate(m, best, ranked, countries or {}, admin1s or set()):
            # a given span: "Lassa" in a note about Borno is the Nigerian town the gazetteer lacks, not Lhasa
            return abstain(f"{unknown} (only an alternate name of '{best.place.name}', {best.place.country_code}, "
                           "far from the document's countries)")
        if strict_loose:
            why = self._out_of_context(m, best, countries or {}, admin1s or set(), anchors)
            if why:
                return abstain(f"{unknown} ({why})")
        if strict_loose and _weak_alternate(best, ranked, m.key) and best.place.country_code not in (countries or {}) and not (
                m.qualifier & {best.admin1_code, best.place.country_code}):
            # only another spelling of a small town in a country the text gives no hint of ("Tawila" is not
            # At Tawilah in Yemen, "Mesel" not Messel in Hesse, "Ramadan" not Turabah)
            return abstain(f"{unknown} (only an alternate name of the small place '{best.place.name}', "
                           f"{best.place.country_code}, no document context)")
        if strict_loose and best.match == "loose" and best.place.country_code not in (countries or {}) and \
                not (not countries and _misspelt_known_place(m.text, best)):
            # in running text a loose spelling match is a guess unless the document is about that country
            # ("Hodan" is not Huadian, China; "Kersa" not Kars, Turkey)
            return abstain(f"{unknown} (only a loose spelling match '{best.place.name}', {best.place.country_code}, "
                           "outside the document's countries)")
        if best.match == "loose" and self._countries and not self._within_reach(best.place.country_code, self._countries):
            return abstain(f"only a loose spelling match ('{best.place.name}', {best.place.country_code}) "
                           "outside the document's countries")
        if m.near_place is not None and best.feature not in ("country", "admin1") and \
                best.place.population < 100_000 and not _near_given(best.place, m):
            # "Wentworth, Durban" and no Wentworth near Durban: the suburb of the town named after the comma
            anchor = self._complete(m.near_place, self.gaz.candidates(m.near_place.name, loose=False)[0]) \
                if self.gaz.candidates(m.near_place.name, loose=False) else m.near_place
            return ResolvedPlace(span, anchor, geo_precision=GEO_NEAR, score=0.3, relation=m.relation,
                                 reason=f"no '{m.text}' near '{m.near_place.name}' named after it: took "
                                        f"{m.near_place.feature} '{m.near_place.name}'")
        if best.kind == 1 and not _type_fits(best, m.feature_types):
            return abstain(f"'{m.text}' names a place only next to a context word")
        place = self._complete(best.place, best)
        precision = GEO_EXACT
        if m.relation or m.derived.startswith("contains"):
            precision = GEO_NEAR
        if m.region or place.feature in ("admin1", "region", "country", "continent"):
            precision = GEO_REGION
        elif m.unit == "admin2" and place.feature in ("admin2", "city"):
            precision = GEO_NEAR  # "Kole District": somewhere in the district
        n = len({c.place.place_id for c in ranked})
        reason = f"{best.feature} '{place.name}' ({place.country_code}) best of {n} candidate(s)"
        if m.derived:
            reason += f" ({m.derived})"
        if m.feature_types and best.feature == "site":
            reason += "; context word fits"
        score = 1.0 if n == 1 else 0.7
        if best.match == "fuzzy":
            score = 0.4  # a guess at a misspelling
        return ResolvedPlace(span, place, geo_precision=precision, score=score, reason=reason, relation=m.relation)

    def _far_alternate(self, m: _Mention, best: Candidate, ranked: list[Candidate], countries: dict[str, float],
                       admin1s: set[str]) -> bool:
        """The best candidate is a town of under a million people found only under an alternate name, in none of (nor
        next to) the countries the document names, no candidate lies in them or has the name as its main name, and
        the document names an admin1 area of one of its countries: the text is about a local place the gazetteer
        lacks ("Lassa" in a note about Borno is not Lhasa, once spelt Lassa; "Quebec City" in a London story is)."""
        named = _named(countries)
        p = best.place
        if not named or best.match != "exact" or best.primary or best.kind != 0 or \
                best.feature not in ("city", "admin2") or m.qualifier or m.near_points or p.population >= 1_000_000:
            return False
        if any(c.primary for c in ranked) or not any(code.split(".")[0] in named for code in admin1s):
            return False
        if is_arabic(m.text) and p.population >= _SMALL_PLACE:
            return False  # (Arabic names are never a place's main name here: only small towns are doubtful)
        if any(c.place.country_code in named for c in ranked):
            return False
        return not self._within_reach(p.country_code, named)

    def _out_of_context(self, m: _Mention, best: Candidate, countries: dict[str, float], admin1s: set[str],
                        anchors: Sequence[tuple[Place, bool]]) -> str:
        """In running text, why the best candidate is a guess the document does not support ('' when it is not):
        a small town or another place's alternate name far from every country the document is about ("Nyanza" in
        a Kenyan note is not the Rwandan town; "Tiran" islands are not Tirana), or a loose spelling match far from
        the admin1 areas and places the document names ("Kienge" in Haut-Katanga is not Kenge in Kwango)."""
        p = best.place
        # (a parish of Jersey or Barbados is no better known than a village: "Trinity", "Christ Church")
        if best.feature in ("country", "continent", "region", "site") or m.near_place is not None or (
                best.feature == "admin1" and p.population >= _SMALL_PLACE):
            return ""  # (a town named after a comma is taken instead when the name is not near it: `_to_resolved`)
        if m.qualifier & {best.admin1_code, p.country_code} or _near_given(p, m):
            return ""  # "Paris, Tenn.", "Wentworth, Durban": the text itself says where
        admin1s = admin1s | {code for code in m.qualifier if "." in code}
        named = _named(countries)
        if named and not self._within_reach(p.country_code, named):
            if best.match == "exact" and not best.primary and best.kind == 0 and not is_arabic(m.text):
                return f"only an alternate name of '{p.name}', {p.country_code}, outside the document's countries"
            if best.feature in ("city", "admin2", "admin1") and p.population < _SMALL_PLACE:
                return f"'{p.name}' ({p.country_code}) is a small place outside the document's countries"
        return _far_spelling(best, admin1s, anchors)

    def _within_reach(self, cc: str, named: Collection[str]) -> bool:
        """The country is one of `named` or borders one of them."""
        return cc in named or any(cc in self.gaz.neighbours(other) for other in named)

    def _complete(self, place: Place, cand: Candidate) -> Place:
        """Fill admin1 and country for every located place."""
        if place.feature == "country":
            return replace(place, admin1="")
        if place.feature == "continent" or place.admin1:
            return place
        name = self.gaz.admin1_name(cand.admin1_code) if cand.admin1_code else ""
        if not name:
            name = self.gaz.nearest_admin1(place.country_code, place.latitude, place.longitude)
        return replace(place, admin1=name) if name else place


def _far_spelling(best: Candidate, admin1s: set[str], anchors: Sequence[tuple[Place, bool]]) -> str:
    """Why a loose or close spelling match is another town ('' when it is not): the document names admin1 areas or
    places of the same country and the candidate lies in none of those areas and 200 km or more from those places
    ("Kienge" in Haut-Katanga is not Kenge in Kwango)."""
    if best.match not in ("loose", "fuzzy"):
        return ""
    p = best.place
    near = [a for a, _f in anchors if a.feature not in ("country", "continent", "admin1", "region")]
    in_area = bool(best.admin1_code) and best.admin1_code in admin1s
    close = any(haversine_km(p.latitude, p.longitude, a.latitude, a.longitude) < 200 for a in near)
    same_cc = {code.split(".")[0] for code in admin1s} | {a.country_code for a in near}
    if p.country_code in same_cc and not (in_area or close):
        return f"only a {best.match} spelling match '{p.name}' far from the places the document names"
    return ""


_OF = frozenset({"of", "de", "d", "du"})
_PASSIVE_GAP = re.compile(
    r"\s+(?:was|were|is|are|has been|have been|had been|a été|ont été|avait été|avaient été|est|sont|était|étaient)"
    r"(?:\s+(?:still|also|later|then|reportedly|allegedly|heavily|briefly|again|recently|encore|aussi|"
    r"violemment|de nouveau))?\s+$", re.IGNORECASE)


def _smaller(a: ResolvedPlace, b: ResolvedPlace) -> bool:
    """Place a is the smaller of the two: a lower feature rank, or the same rank and fewer people."""
    assert a.place is not None and b.place is not None
    ka = (FEATURE_SIZE.get(a.place.feature, 1), a.place.population)
    kb = (FEATURE_SIZE.get(b.place.feature, 1), b.place.population)
    return ka < kb


def _placed_by_text(c: Candidate, m: _Mention, firm_near: Sequence[Place]) -> bool:
    """The text itself places the candidate: the admin1 or country named after a comma ("Mexico, Missouri"), or
    an unambiguous place named in the document within 50 km."""
    p = c.place
    return bool(m.qualifier & {c.admin1_code, p.country_code}) or any(
        haversine_km(p.latitude, p.longitude, a.latitude, a.longitude) < 50 for a in firm_near)


def _word_in(word: str, keys: Collection[str]) -> bool:
    """The word, or an Arabic word without its leading clitic ("بمدينة" → مدينة), is one of the normalized `keys`."""
    return normalize_name(word) in keys or (word[:1] in _ARABIC_CLITICS and normalize_name(word[1:]) in keys)


def _named(countries: dict[str, float]) -> set[str]:
    """The countries the document names outright (a full vote or more), not only hints at."""
    return {cc for cc, w in countries.items() if w >= 1.0}


def _near_given(p: Place, m: _Mention) -> bool:
    """The place lies near a town the text names right after the mention ("Wentworth, Durban")."""
    return any(haversine_km(p.latitude, p.longitude, lat, lon) <= km for lat, lon, km in m.near_points)


def _joined(name: str) -> str:
    """A name's words run together without diacritics or punctuation ("El Wak" → "elwak")."""
    return "".join(re.findall(r"[^\W_]+", strip_diacritics(name).casefold()))


def _misspelt_known_place(surface: str, c: Candidate) -> bool:
    """A long name one letter off (or two swapped) an admin unit's or a big town's name, once spellings are folded
    ("Pietermartizburg", "West Welega" for West Wellega Zone): a typo, safe to take in a document that names no
    country ("Kalbaria" in a note about South Sudan is still not Calabria)."""
    from rapidfuzz.distance import OSA

    if not (c.feature in ("admin1", "admin2") or c.place.population >= _KNOWN_TOWN):
        return False
    a, b = spelling_key(strip_place_type(surface)), spelling_key(strip_place_type(c.place.name))
    return len(a) >= 8 and OSA.distance(a, b) <= 1


def _strong(c: Candidate) -> bool:
    """A country, admin unit, region, site or town of 100,000 people or more."""
    return c.kind == 0 and (c.feature in ("country", "admin1", "region", "continent", "site")
                            or c.place.population >= 100_000)


def _similar(a: str, b: str, threshold: float = 80.0) -> bool:
    """Edit similarity of two spelling keys (rapidfuzz ratio, 0-100) at least `threshold`."""
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b) >= threshold


def _weak_alternate(c: Candidate, cands: Sequence[Candidate], key: str) -> bool:
    """The candidate is a little-known small town or district (or any town, when the name `key` has three letters
    or fewer) found only under one of its alternate names, and no same-named district of its area backs it
    ("Poonch" district backs Punch town, "Cotija" Cotija de la Paz)."""
    if not (c.match == "exact" and c.kind == 0 and not c.primary and c.feature in ("city", "admin2")):
        return False
    # (a name of three letters or fewer is a code or a foreign short form of a town of any size: "Tur" for Tours)
    if not (c.place.population < _SMALL_PLACE and c.nnames < _KNOWN_NAMES) and len(key.replace(" ", "")) > 3:
        return False
    if key and normalize_name(strip_place_type(key)) == normalize_name(c.place.name):
        return False  # "Arua district": the main name with its unit word
    return not any(o.primary and o.kind == 0 and o.admin1_code == c.admin1_code and o.place.country_code ==
                   c.place.country_code for o in cands if o is not c)


def _reach(c: Candidate, anchor: Place) -> float:
    """Distance in km from a candidate to an anchor place; 0 when a country or admin1 candidate contains it."""
    p = c.place
    if c.feature == "country" and p.country_code and p.country_code == anchor.country_code:
        return 0.0
    if c.feature == "admin1" and p.country_code == anchor.country_code and anchor.admin1 and anchor.admin1 == p.admin1:
        return 0.0
    return haversine_km(p.latitude, p.longitude, anchor.latitude, anchor.longitude)


def _firm(ranked: list[Candidate]) -> bool:
    """The mention names one place only (every candidate within 30 km of the first)."""
    top = ranked[0].place
    return all(haversine_km(top.latitude, top.longitude, c.place.latitude, c.place.longitude) < 30 for c in ranked[1:])


def _type_fits(c: Candidate, feature_types: set[str]) -> bool:
    if not feature_types:
        return False
    st = c.place.site_type or c.place.feature
    return st in feature_types or ("site" in feature_types and c.feature == "site")


def _token_range(tokens: list[Token], start: int, end: int, starts: Optional[list[int]] = None) -> tuple[int, int]:
    """Indices [first, last+1) of the tokens overlapping [start, end)."""
    if starts is None:
        starts = [t.start for t in tokens]
    lo = bisect.bisect_right(starts, start) - 1
    if lo < 0 or tokens[lo].end <= start:
        lo += 1
    hi = bisect.bisect_left(starts, end)
    if hi <= lo:
        return lo, lo
    return lo, hi
