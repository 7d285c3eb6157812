"""Event mentions, sentence by sentence: trigger and type, actors, place, date, casualties, claimant, modality.

`extract_mentions` walks the sentences of a parsed document. For each event trigger found by `classify`, it
reads the roles from the dependency parse (active and passive subjects, agents, objects, the subject of a
governing "announced/claimed" verb), attributes the claim (`attribution`), attaches the event's place
(`geo`) and date (`dates`), and casualties (`casualties`). What is not a single event is filtered here:
aggregate statistics over periods, generic background, plans and threats, and anaphoric references
("cette attaque") which enrich the event they refer to instead of creating a new one. Unnamed actors get ACLED's
names ("Military Forces of Kenya", "Unidentified Armed Group (Mali)", "Protesters (Tunisia)") from the cue
words in extract.yaml; a short report (a wire note) whose trigger sentence names no place takes the report's
most specific place; a report that names no usable place at all is placed in the country its actors or demonyms
tie it to ("al Shabaab fighters", "Tunisian warplanes"), at geo_precision 3; a list of towns ("in A, B and C")
gives one event per town.
"""
from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence


from .datafiles import data_yaml
from .models import FEATURE_SIZE, GEO_NEAR, GEO_REGION, DateValue, Document, Evidence, Mention, ResolvedPlace, TextSpan

SUBJ_DEPS = {"nsubj", "csubj"}
PASS_SUBJ_DEPS = {"nsubj:pass", "nsubjpass", "csubj:pass"}
AGENT_DEPS = {"obl:agent", "agent"}
OBJ_DEPS = {"obj", "dobj", "iobj"}
PRONOUNS = {"il", "elle", "ils", "elles", "it", "they", "he", "she", "which", "qui", "who", "that"}


@functools.lru_cache(maxsize=1)
def _cues() -> dict[str, Any]:
    raw = data_yaml("lexicon/extract.yaml")
    out: dict[str, Any] = {}
    for lang, entry in raw.items():
        if not isinstance(entry, dict) or "aggregate" not in entry:
            continue  # shared tables (generic actors, demonyms, country names) are read by `_actor_tables`
        out[lang] = {
            key: [re.compile(p, re.IGNORECASE) for p in entry.get(key) or []]
            for key in ("aggregate", "background_plural", "anaphora", "retaliation")
        }
        out[lang]["target_nationality"] = [
            (re.compile(rf"^(?:{pattern})$", re.IGNORECASE), phrase)
            for pattern, phrase in (entry.get("target_nationality") or {}).items()
        ]
    return out


def _lang_cues(lang: str) -> dict[str, Any]:
    cues = _cues()
    return cues.get(lang) or cues["en"]


@dataclass
class DocContext:
    """What extraction needs beyond the parse: the document, its resolved dates and toponyms, and resolvers."""

    doc: Document
    lang: str
    text: str  # the analysis text (boilerplate blanked; same offsets as doc.text)
    ref: Any  # dates.DateReference
    dates: list[DateValue]
    toponyms: list[ResolvedPlace]
    geocoder: Any = None
    actors: Any = None
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    country_votes: Optional[dict[str, tuple[float, TextSpan]]] = None  # cache of `_country_votes`


def mention_id(doc_id: str, start: int, end: int, sub_event_type: str, place_id: str = "") -> str:
    """A stable id for a mention (same inputs, same id)."""
    key = f"{doc_id}\x1f{start}\x1f{end}\x1f{sub_event_type}\x1f{place_id}"
    return "m" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def paragraphs_of(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blocks separated by a blank line (or single newlines in scraped text)."""
    out, start = [], 0
    for m in re.finditer(r"\n\s*\n|\n", text):
        if text[start:m.start()].strip():
            out.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def _paragraph_of(ctx: DocContext, pos: int) -> tuple[int, int]:
    for start, end in ctx.paragraphs:
        if start <= pos < end:
            return start, end
    return 0, len(ctx.text)


# --- roles from the dependency parse -----------------------------------------------------------------
# A noun trigger takes its roles from the verb it is the object or subject of ("X a lancé une attaque",
# "une attaque a visé"), never from a verb it merely hangs off ("en représailles à l'attaque qui ...").
NOUN_ROLE_DEPS = {"obj", "dobj", "nsubj", "nsubj:pass", "nsubjpass", "conj"}


def _governing_verb(tok: Any) -> Any:
    """The verb a trigger belongs to: itself when a verb, else the verb it is an argument of."""
    cur = tok
    if cur.pos_ in ("VERB", "AUX") and cur.dep_ not in ("aux", "aux:tense", "aux:pass", "auxpass", "cop"):
        return cur
    if cur.pos_ in ("AUX",) or cur.dep_ in ("aux", "aux:tense", "aux:pass", "auxpass"):
        return cur.head if cur.head.pos_ == "VERB" else None
    if cur.dep_ in NOUN_ROLE_DEPS and cur.head is not cur and cur.head.pos_ == "VERB":
        return cur.head
    return None


def _phrase(tok: Any) -> tuple[int, int, str]:
    """The compact phrase headed by `tok`: its left modifiers and nominal/adjectival right modifiers."""
    keep = [tok]
    for child in tok.children:
        if child.dep_ in ("det", "amod", "compound", "flat", "flat:name", "nmod", "appos", "case", "nummod",
                          "fixed", "poss", "nn") and abs(child.i - tok.i) <= 8:
            keep.extend(t for t in child.subtree if abs(t.i - tok.i) <= 8 and t.dep_ not in ("acl", "acl:relcl", "relcl", "punct"))
    keep = sorted(set(keep), key=lambda t: t.i)
    # Keep the contiguous run around the head only.
    lo = hi = keep.index(tok)
    while lo > 0 and keep[lo - 1].i == keep[lo].i - 1:
        lo -= 1
    while hi < len(keep) - 1 and keep[hi + 1].i == keep[hi].i + 1:
        hi += 1
    first, last = keep[lo], keep[hi]
    start, end = first.idx, last.idx + len(last.text)
    return start, end, tok.doc.text[start:end]


def _children(tok: Any, deps: set[str]) -> list[Any]:
    return [c for c in tok.children if c.dep_ in deps]


def _agent_noun(agent: Any) -> Any:
    # English "by X": agent -> pobj; French obl:agent is the noun itself.
    for c in agent.children:
        if c.dep_ == "pobj":
            return c
    return agent


def roles_from_parse(trigger: Any) -> dict[str, Optional[tuple[int, int, str]]]:
    """actor1 (initiator) and actor2 (target) phrases for a trigger token, read from the dependency parse."""
    out: dict[str, Optional[tuple[int, int, str]]] = {"actor1": None, "actor2": None, "target": None}
    verb = _governing_verb(trigger)
    if verb is None:
        return out
    passive_subj = _children(verb, PASS_SUBJ_DEPS)
    passive = bool(passive_subj) or any(c.dep_ in ("aux:pass", "auxpass") for c in verb.children)
    subj = passive_subj or _children(verb, SUBJ_DEPS)
    agents = _children(verb, AGENT_DEPS)
    objs = _children(verb, OBJ_DEPS)
    if passive:
        if subj:
            out["target"] = _phrase(subj[0])
        if agents:
            out["actor1"] = _phrase(_agent_noun(agents[0]))
    else:
        if subj:
            out["actor1"] = _phrase(subj[0])
        if objs:
            out["target"] = _phrase(objs[0])
    if out["actor1"] is None:
        # "X a annoncé avoir ciblé ...": the subject of the governing speech/claim verb initiated the action.
        head = verb.head
        # Only an infinitive complement inherits the subject ("X a annoncé avoir ciblé", "X claimed to have
        # hit"): in "rockets were fired, CENTCOM said" the speaker is the source, not the attacker.
        if head is not verb and verb.dep_ in ("xcomp",) and not passive:
            hs = _children(head, SUBJ_DEPS)
            if hs:
                out["actor1"] = _phrase(hs[0])
    return out


# --- filters -----------------------------------------------------------------------------------------
def is_aggregate(sentence: str, lang: str) -> bool:
    """True when the sentence reports a count of several events or a total over a period."""
    return any(p.search(sentence) for p in _lang_cues(lang)["aggregate"])


def is_anaphoric(sentence: str, rel_start: int, lang: str) -> bool:
    """True when the trigger noun is introduced by a determiner that refers back ("cette attaque", "the attack")."""
    before = sentence[max(0, rel_start - 40):rel_start]
    return any(p.search(before) for p in _lang_cues(lang)["anaphora"])


def _is_retaliation(sentence: str, lang: str) -> bool:
    return any(p.search(sentence) for p in _lang_cues(lang)["retaliation"])


def _generic_plural(sentence: str, lang: str) -> bool:
    return any(p.search(sentence) for p in _lang_cues(lang)["background_plural"])


# --- unnamed actors, the ACLED way ------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def _actor_tables() -> tuple[dict[str, list[tuple[str, re.Pattern[str]]]], dict[str, str], dict[str, str]]:
    """(generic actor patterns per language, demonym -> country, gazetteer country -> ACLED country name)."""
    raw = data_yaml("lexicon/extract.yaml")
    generic = {lang: [(role, re.compile(pattern, re.IGNORECASE)) for role, pattern in (table or {}).items()]
               for lang, table in (raw.get("generic_actors") or {}).items()}
    demonyms = {str(k).lower(): str(v) for k, v in (raw.get("demonyms") or {}).items()}
    names = {str(k): str(v) for k, v in (raw.get("acled_country_names") or {}).items()}
    return generic, demonyms, names


def acled_country(country: str) -> str:
    """A gazetteer country name spelled as ACLED spells it in actor names ("Democratic Republic of Congo")."""
    return _actor_tables()[2].get(country, country)


def _demonym_root(word: str) -> str:
    # French agreement: libyenne, libyens, libyennes, maliennes -> libyen, malien; soudanaises -> soudanais
    w = word.lower()
    for suffix, rep in (("iennes", "ien"), ("ienne", "ien"), ("iens", "ien"), ("ennes", "en"), ("enne", "en"),
                        ("ens", "en"), ("aises", "ais"), ("aise", "ais"),
                        ("ines", "in"), ("ine", "in"), ("ains", "ain"), ("aine", "ain"), ("aines", "ain")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            return w[: -len(suffix)] + rep
    return w


def country_in_phrase(text: str) -> str:
    """The country an actor phrase names by demonym or name ("Kenyan Air Forces", "Ethiopia's police"), or ""."""
    _, demonyms, _ = _actor_tables()
    words = re.findall(r"[\w'’-]+", text)
    for i, word in enumerate(words):
        w = word.lower().replace("’", "'")
        for cand in (" ".join(x.lower() for x in words[i:i + 2]), w, _demonym_root(w), w.removesuffix("'s")):
            if cand in demonyms:
                return demonyms[cand]
    low = text.lower()
    for country in sorted(set(demonyms.values()), key=len, reverse=True):
        if re.search(rf"\b{re.escape(country.lower())}\b", low):
            return country
    return ""


def generic_role(text: str, lang: str) -> Optional[tuple[str, str]]:
    """(role, country) of an unnamed actor phrase ("unknown gunmen" -> ("unidentified", "")), or None.

    Roles: military, police, unidentified, protesters, rioters, civilians (see extract.yaml `generic_actors`)."""
    generic = _actor_tables()[0]
    table = generic.get(lang) or generic.get("en") or []
    for role, pattern in table:
        if pattern.search(text):
            return role, country_in_phrase(text)
    return None


_ROLE_NAMES = {"military": "Military Forces of {c}", "police": "Police Forces of {c}",
               "unidentified": "Unidentified Armed Group ({c})", "protesters": "Protesters ({c})",
               "rioters": "Rioters ({c})", "civilians": "Civilians ({c})"}


def generic_actor_name(role: str, country: str) -> str:
    """ACLED's name for an unnamed actor: "Military Forces of Kenya", "Unidentified Armed Group (Mali)".
    State forces need a country (""); the others drop the bracket when it is unknown."""
    pattern = _ROLE_NAMES.get(role, "")
    if not pattern:
        return ""
    if not country:
        return "" if "{c}" in pattern.split("(")[0] else pattern.split(" (")[0]
    return pattern.format(c=acled_country(country))


# --- the extractor -----------------------------------------------------------------------------------
def _actor_name(ctx: DocContext, phrase: Optional[tuple[int, int, str]], sent_start: int) -> tuple[str, str, Optional[tuple[int, int]]]:
    """(normalized name, text, absolute span) for a parsed actor phrase; pronouns and places are not actors."""
    if phrase is None:
        return "", "", None
    start, end, text = phrase
    words = text.strip().lower().split()
    if not words or (len(words) == 1 and words[0] in PRONOUNS):
        return "", "", None
    if ctx.actors is not None:
        actor = ctx.actors.normalize(text, ctx.lang)
        if actor is None:
            for m in ctx.actors.find(text, ctx.lang):
                actor = m.actor
                break
        if actor is not None:
            return actor.name, text, (start, end)
    # A phrase that is a known place ("la base d'al-Tanf") is a target place, not an actor.
    for top in ctx.toponyms:
        if top.span.start >= start and top.span.end <= end and top.place is not None:
            return "", "", None
    return "", text, (start, end)


def _target_actor(ctx: DocContext, target: Optional[tuple[int, int, str]], sdoc: Any) -> tuple[str, str, Optional[tuple[int, int]]]:
    """actor2 from the target phrase: an actor itself, or the nationality of a targeted base ("base américaine")."""
    if target is None:
        return "", "", None
    name, text, span = _actor_name(ctx, target, 0)
    if name:
        return name, text, span
    start, end, text = target
    if ctx.actors is None:
        return "", "", None
    for word_match in re.finditer(r"[\w.'’-]+", text):
        word = word_match.group(0).strip(".").lower()
        for pattern, phrase in _lang_cues(ctx.lang)["target_nationality"]:
            if pattern.match(word):
                actor = ctx.actors.normalize(phrase, ctx.lang)
                if actor is not None:
                    s = start + word_match.start()
                    return actor.name, text, (s, s + len(word_match.group(0)))
    # No named actor: keep the phrase ("deux gendarmes", "villagers"), which an unnamed-actor rule may still
    # name ("Police Forces of Mali", "Civilians (Mali)") and which is kept as actor2_text otherwise.
    return "", text.strip(), None


def _nationality_near(ctx: DocContext, text: str, offset: int) -> tuple[str, str, Optional[tuple[int, int]]]:
    """actor2 from a nationality adjective on a base/force noun anywhere in the given text window."""
    if ctx.actors is None:
        return "", "", None
    for m in re.finditer(r"\b(?:base|bases|forces|troupes|soldats|militaires|personnel|troops|forces|positions|emplacement|occupants)\s+([\w'’.-]+)", text, re.IGNORECASE):
        word = m.group(1).strip(".").lower()
        for pattern, phrase in _lang_cues(ctx.lang)["target_nationality"]:
            if pattern.match(word):
                actor = ctx.actors.normalize(phrase, ctx.lang)
                if actor is not None:
                    return actor.name, m.group(0), (offset + m.start(), offset + m.end())
    for m in re.finditer(r"\b(US|U\.S\.|American|Israeli|Russian|Turkish)\s+(?:base|bases|forces|troops|personnel|soldiers|positions)\b", text):
        for pattern, phrase in _lang_cues("en")["target_nationality"]:
            if pattern.match(m.group(1).lower()):
                actor = ctx.actors.normalize(phrase, "en")
                if actor is not None:
                    return actor.name, m.group(0), (offset + m.start(), offset + m.end())
    return "", "", None


def _sites_in(toponyms: Sequence[ResolvedPlace], start: int, end: int) -> list[ResolvedPlace]:
    return [t for t in toponyms if t.place is not None and start <= t.span.start and t.span.end <= end
            and t.place.feature in ("site", "airport")]


def _ev(doc_id: str, start: int, end: int, text: str, name: str) -> Evidence:
    return Evidence(doc_id=doc_id, start=start, end=end, text=text, field=name)


def extract_mentions(ctx: DocContext, sdoc: Any) -> list[Mention]:
    """Event mentions of one parsed document (`sdoc` is the spaCy Doc of `ctx.text`), in text order."""
    from .classify import retype_with_weapons, type_sentence, weapons_in

    from .attribution import attribute
    from .casualties import find_casualties
    from .dates import event_date

    doc = ctx.doc
    if not ctx.paragraphs:
        ctx.paragraphs = paragraphs_of(ctx.text)
    mentions: list[Mention] = []
    last_actor1: tuple[str, str, Optional[tuple[int, int]]] = ("", "", None)
    pending_casualties: list[Any] = []
    held_back: list[Mention] = []

    sents = [s for s in sdoc.sents if ctx.text[s.start_char:s.end_char].strip()]
    for index, sent in enumerate(sents):
        s_start, s_end = sent.start_char, sent.end_char
        while s_start < s_end and ctx.text[s_start].isspace():
            s_start += 1  # boilerplate blanked before a sentence is not part of it
        while s_end > s_start and ctx.text[s_end - 1].isspace():
            s_end -= 1
        s_text = ctx.text[s_start:s_end]
        hits = type_sentence(s_text, ctx.lang)
        if any(h.cue.startswith("generic:") for h in hits):
            # A report that continues across sentences: the neighbours name the weapon ("prise pour cible" ...
            # "une attaque de missiles").
            around = " ".join(ctx.text[x.start_char:x.end_char] for x in sents[max(0, index - 1):index + 1])
            weapons = weapons_in(around, ctx.lang)
            hits = [retype_with_weapons(h, weapons, ctx.lang) for h in hits]
        casualties = find_casualties(s_text, ctx.lang)
        aggregate = is_aggregate(s_text, ctx.lang)
        if aggregate:
            continue
        if not hits:
            _continue_casualties(ctx, mentions or held_back, casualties, s_start,
                                 TextSpan(s_start, s_end, doc.text[s_start:s_end]), sdoc)
            continue
        sentence_span = TextSpan(s_start, s_end, doc.text[s_start:s_end])
        new_in_sentence: list[Mention] = []
        held_in_sentence: list[Mention] = []
        anaphoric_hit: Optional[Mention] = None
        for hit in hits:
            a_start, a_end = s_start + hit.start, s_start + hit.end
            trigger_span = TextSpan(a_start, a_end, doc.text[a_start:a_end])
            attribution = attribute(s_text, ctx.lang, hit.start, hit.end)
            modality = attribution.modality if attribution else "asserted"
            if modality == "planned":
                continue
            if mentions and (is_anaphoric(s_text, hit.start, ctx.lang) or _repeats_trigger(mentions, s_text, hit, ctx.lang)):
                # Refers back to an event already reported: enrich it (claimant, casualties), no new event.
                anaphoric_hit = _antecedent(mentions, hit)
                if anaphoric_hit is not None:
                    if attribution and attribution.claimant and (not anaphoric_hit.claimant or attribution.modality == "claimed"):
                        _set_claim(anaphoric_hit, attribution, s_start, doc.doc_id, s_text)
                        if attribution.modality == "claimed" and not anaphoric_hit.actor1 and ctx.actors is not None:
                            # "X claimed responsibility for the attack": X carried it out.
                            actor = ctx.actors.normalize(attribution.claimant, ctx.lang)
                            if actor is not None:
                                anaphoric_hit.actor1 = actor.name
                                anaphoric_hit.actor1_text = attribution.claimant
                    _inherit_date(ctx, anaphoric_hit, sentence_span, trigger_span, sdoc)
                    continue

            last = max(mentions[-1:] + held_back[-1:], key=lambda m: m.trigger.start, default=None)
            if last is not None and hit.score < WEAK_HIT_SCORE and _continues(ctx, last, s_start, s_end):
                # "Two soldiers were killed on Sunday." after the attack: the same event's toll and date. An
                # undated, unplaced report held back as possible background is no longer so once dated.
                _inherit_date(ctx, last, sentence_span, trigger_span, sdoc)
                if any(h is last for h in held_back) and last.date is not None and last.date.span is not None:
                    held_back = [h for h in held_back if h is not last]
                    mentions.append(last)
                continue
            tok_span = sdoc.char_span(a_start, a_end, alignment_mode="expand")
            roles = roles_from_parse(tok_span.root) if tok_span is not None else {"actor1": None, "actor2": None, "target": None}
            a1 = _actor_name(ctx, roles["actor1"], s_start)
            if roles["actor1"] is not None and not a1[0] and not a1[1]:
                # A pronoun subject ("elle a lancé"): the last named initiator in the document.
                words = roles["actor1"][2].strip().lower().split()
                if len(words) == 1 and words[0] in PRONOUNS:
                    a1 = last_actor1
            if not a1[0]:
                a1 = _nearest_preceding_actor(ctx, s_text, s_start, hit.start, roles, attribution) or a1
            if not a1[0] and not (a1[1] and generic_role(a1[1], ctx.lang)):
                a1 = _nearest_generic_actor(ctx, s_text, s_start, hit.start, roles, attribution) or a1
            a2 = _target_actor(ctx, roles["target"], sdoc)
            if not a2[0]:
                window_end = min(s_end, a_end + 160)
                a2 = _nationality_near(ctx, ctx.text[a_start:window_end], a_start) \
                    if not (a2[1] and generic_role(a2[1], ctx.lang)) else a2
                if not a2[0] and not a2[1] and roles["target"] is not None:
                    a2 = ("", roles["target"][2].strip(), None)
            claimant = _resolve_claimant(ctx, attribution.claimant if attribution else None, mentions)
            if not claimant and attribution is not None and getattr(attribution, "refers_back", False):
                # "Il a ajouté que ...", "de la même source": the previous speaker.
                claimant = next((m.claimant for m in reversed(mentions) if m.claimant), None)
            if not a1[0] and claimant and ctx.actors is not None:
                actor = ctx.actors.get(claimant) or ctx.actors.normalize(claimant, ctx.lang)
                # A party claiming the event, or an armed group publishing it (rebels and militias report their
                # own attacks), is its initiator unless it is the target.
                party = actor is not None and (modality == "claimed" or actor.inter in (2, 3))
                if party and actor is not None and actor.name != a2[0]:
                    span = None
                    if attribution.claimant_start is not None:
                        span = (s_start + attribution.claimant_start,
                                s_start + (attribution.claimant_end or attribution.claimant_start))
                    a1 = (actor.name, claimant, span)

            # Place: the sentence's event location; several target sites joined by "et"/"and" are several events.
            places: list[Optional[ResolvedPlace]] = []
            if ctx.geocoder is not None:
                loc = ctx.geocoder.event_location(ctx.toponyms, ctx.text, sentence_span, trigger_span, ctx.lang)
                sites = [t for t in _sites_in(ctx.toponyms, s_start, s_end)
                         if a1[2] is None or not (t.span.start < a1[2][1] and a1[2][0] < t.span.end)]
                if loc is not None and a1[2] is not None and loc.span.start < a1[2][1] and a1[2][0] < loc.span.end:
                    # The initiator's name ("les États-Unis ont ...") is not where it happened, but a town that
                    # names a local force ("the Kinshasa police", "la police de Goma") is.
                    loc = _place_in_actor(ctx, loc, a1[2])
                if loc is not None and is_short_report(ctx.text):
                    loc = _consistent_place(ctx, loc, a_start, s_start, s_end)
                listed = _coordinated_places(ctx, loc, s_start, s_end) if hit.event_type != "Strategic developments" else []
                if len(listed) >= 2:
                    sites = listed
                site_ids = [s.place.place_id for s in sites if s.place is not None]
                if loc is not None and loc.place is not None and hit.event_type != "Strategic developments" \
                        and len(set(site_ids)) >= 2 and loc.place.place_id in site_ids:
                    seen = set()
                    for s in sites:
                        if s.place is not None and s.place.place_id not in seen:
                            seen.add(s.place.place_id)
                            places.append(s)
                else:
                    places.append(loc)
            else:
                places.append(None)

            dv = event_date(ctx.dates, ctx.text, sentence_span, trigger_span, ctx.ref, parse=sdoc)
            for place in places:
                if place is None:
                    place = _fallback_place(ctx, mentions, s_start, s_end)
                own_date = dv is not None and dv.span is not None
                coarse = place is None or place.place is None or place.place.feature == "country"
                generic = _generic_plural(s_text, ctx.lang)
                held = coarse and not own_date and not generic
                if coarse and (not own_date or generic) and not held:
                    continue  # generic plural without a place below country level: background
                if place is not None and place.place is not None and place.place.feature == "country" \
                        and hit.event_type != "Strategic developments" and _generic_plural(s_text, ctx.lang):
                    continue  # "X a lancé des attaques contre les bases en Syrie": background, not one event
                vague = coarse or (place is not None and place.place is not None
                                   and place.place.feature in ("region", "continent"))
                if vague and is_short_report(ctx.text):
                    # A short report (a wire note) names its place once, often in another sentence.
                    place = _document_place(ctx, a_start, _country_of(place)) or place
                if not _country_of(place):
                    # No place that lies in a country: the country its actors or demonyms tie the report to.
                    place = _actor_country_place(ctx) or place
                country = _country_of(place) or _doc_country(ctx)
                assoc1 = ""
                if hit.event_type in _DEFAULT_ACTORS:
                    # ACLED codes demonstrators and rioters by country; a named group is their associate.
                    actor1 = _default_actor(hit.event_type, country)
                    assoc1 = _acled_name(ctx, a1[0], country)
                else:
                    actor1 = _acled_name(ctx, a1[0], country) or _generic_name(ctx, a1[1], country, initiator=True)
                actor2 = _acled_name(ctx, a2[0], country) or _generic_name(ctx, a2[1], country, initiator=False)
                if not actor1 and actor2 and hit.event_type == "Battles":
                    actor1, actor2 = actor2, ""  # a battle has two active sides: the one named comes first
                if not actor1 and modality != "denied" and (hit.sub_event_type in _UNKNOWN_PERPETRATOR_TYPES
                                                            or (hit.event_type == "Battles" and actor2)):
                    # ACLED codes an unnamed perpetrator of an attack or a bombing, and the unnamed side of a
                    # clash with a named force ("des hommes armés ont tué deux gendarmes"), as an unidentified
                    # armed group.
                    actor1 = generic_actor_name("unidentified", country)
                m = Mention(
                    mention_id=mention_id(doc.doc_id, a_start, a_end, hit.sub_event_type,
                                          place.place.place_id if place and place.place else ""),
                    doc_id=doc.doc_id, sentence=sentence_span, trigger=trigger_span,
                    event_type=hit.event_type, sub_event_type=hit.sub_event_type, disorder_type=hit.disorder_type,
                    plover_type=hit.plover_type, plover_mode=hit.plover_mode,
                    actor1=actor1, actor1_text=a1[1], actor2=actor2, actor2_text=a2[1], assoc_actor_1=assoc1,
                    place=place, date=dv, weapons=list(hit.weapons), claimant=claimant, modality=modality,
                    source=doc.source or "", language=ctx.lang, confidence=float(hit.score),
                )
                m.evidence.append(_ev(doc.doc_id, s_start, s_end, doc.text[s_start:s_end], "sentence"))
                m.evidence.append(_ev(doc.doc_id, a_start, a_end, trigger_span.text, "sub_event_type"))
                if a1[2]:
                    m.evidence.append(_ev(doc.doc_id, a1[2][0], a1[2][1], doc.text[a1[2][0]:a1[2][1]], "actor1"))
                if a2[2]:
                    m.evidence.append(_ev(doc.doc_id, a2[2][0], a2[2][1], doc.text[a2[2][0]:a2[2][1]], "actor2"))
                if place is not None:
                    m.evidence.append(_ev(doc.doc_id, place.span.start, place.span.end, place.span.text, "location"))
                if dv is not None and dv.span is not None:
                    m.evidence.append(_ev(doc.doc_id, dv.span.start, dv.span.end, dv.span.text, "event_date"))
                if attribution is not None:
                    _claim_evidence(m, attribution, s_start, doc.doc_id, s_text)
                for w in hit.weapons:
                    m.evidence.append(_ev(doc.doc_id, a_start, a_end, trigger_span.text, "weapons"))
                    break
                if held:
                    # Neither a place below country level nor a date of its own: background in an article that
                    # reports other events, but the event itself in a one-event snippet (kept at the end).
                    held_back.append(m)
                    held_in_sentence.append(m)
                    continue
                new_in_sentence.append(m)
                if a1[0] or (a1[1] and generic_role(a1[1], ctx.lang)):
                    last_actor1 = a1
        # A retaliation is its own event: whoever retaliates was the target of the event it answers, and the
        # answered event's initiator is the retaliation's target (so the two never fuse).
        if new_in_sentence and mentions and _is_retaliation(s_text, ctx.lang):
            answered = anaphoric_hit or mentions[-1]
            for m in new_in_sentence:
                if m.actor1 and not m.actor1.startswith("Unidentified") and not answered.actor2:
                    answered.actor2 = m.actor1
                if answered.actor1 and not answered.actor1.startswith("Unidentified") and not m.actor2:
                    m.actor2 = answered.actor1
        # Retaliation with no date of its own takes the date of the event it answers.
        if anaphoric_hit is not None:
            for m in new_in_sentence:
                if (m.date is None or m.date.span is None) and anaphoric_hit.date is not None:
                    m.date = anaphoric_hit.date
        receivers = new_in_sentence or held_in_sentence
        if casualties and receivers:
            for c in casualties:
                # Each figure goes to the event whose trigger is nearest (before it, when there is one).
                before = [m for m in receivers if m.trigger.start <= s_start + c.start]
                pool = before or receivers
                target = min(pool, key=lambda m: abs(s_start + c.start - m.trigger.end))
                _add_casualties(target, [c], s_start, doc.doc_id)
        elif casualties:
            _continue_casualties(ctx, mentions or held_back, casualties, s_start, sentence_span, sdoc)
        mentions.extend(new_in_sentence)
    del pending_casualties
    mentions = drop_past_background(mentions, ctx.ref)
    if not mentions and held_back:
        best = max(m.confidence for m in held_back)
        first = next(m for m in held_back if m.confidence >= best - 1e-9)
        first.confidence *= 0.7  # a sole, weakly anchored report
        mentions = [first]
    return [_quote_as_given(m, doc.text) for m in mentions]


# An event dated by its own words this many days or more before the reference window, in a report that also tells
# of something recent, is background ("the group had attacked the same base on 3 March").
PAST_BACKGROUND_DAYS = 30


def drop_past_background(mentions: list[Mention], ref: Any) -> list[Mention]:
    """The mentions without those that recall an older event in a report about recent ones.

    A mention is background when its own date expression puts it wholly `PAST_BACKGROUND_DAYS` or more before
    the start of the reference window and another mention of the document is recent (within that many days of
    the window, or undated by its own words and so dated from the reference). A report whose events are all
    old (a retrospective, an archive) keeps them all.
    """
    if ref is None or not mentions:
        return mentions
    start = ref.window[0]

    def old(m: Mention) -> bool:
        return m.date is not None and m.date.span is not None and (start - m.date.last).days >= PAST_BACKGROUND_DAYS

    if all(old(m) for m in mentions) or not any(old(m) for m in mentions):
        return mentions
    return [m for m in mentions if not old(m)]


def _quote_as_given(m: Mention, text: str) -> Mention:
    """Evidence quotes the document as given (the models read a normalized copy with the same offsets)."""
    for e in m.evidence:
        e.text = text[e.start:e.end]
    for span in (m.sentence, m.trigger, m.place.span if m.place else None, m.date.span if m.date else None):
        if span is not None:
            span.text = text[span.start:span.end]
    return m


_DEFINITE = re.compile(r"(?:\b(?:le|la|les|the)\s+|\bl['’]\s*)$", re.IGNORECASE)


def _repeats_trigger(mentions: list[Mention], sentence: str, hit: Any, lang: str) -> bool:
    """A definite noun repeating an earlier trigger ("un convoi ..." then "le convoi ...") refers back to it."""
    if not _DEFINITE.search(sentence[max(0, hit.start - 12):hit.start]):
        return False
    word = hit.text.split()[0].lower() if hit.text.split() else ""
    return any(m.sub_event_type == hit.sub_event_type and m.trigger.text.split()[:1] and
               m.trigger.text.split()[0].lower() == word for m in mentions)


def _resolve_claimant(ctx: DocContext, claimant: Optional[str], mentions: list[Mention]) -> Optional[str]:
    """A pronoun claimant ("Il a ajouté") is the previous claimant; a short form ("la Résistance") the actor
    named in full earlier in the document."""
    if not claimant:
        return claimant
    words = claimant.strip().lower().split()
    if len(words) == 1 and words[0] in PRONOUNS:
        return next((m.claimant for m in reversed(mentions) if m.claimant), None)
    if ctx.actors is not None and ctx.actors.normalize(claimant, ctx.lang) is None and len(words) <= 2:
        head = words[-1]
        for m in reversed(mentions):
            for name, text in ((m.actor1, m.actor1_text), (m.claimant, m.claimant)):
                if name and text and head in text.lower().split():
                    return name
    return claimant


# ACLED names demonstrators and rioters by country when no group is named ("Protesters (Zambia)").
_DEFAULT_ACTORS = {"Protests": "Protesters", "Riots": "Rioters"}


def _country_of(place: Optional[ResolvedPlace]) -> str:
    return place.place.country if place is not None and place.place is not None else ""


def _doc_country(ctx: DocContext) -> str:
    """The country most resolved places of the document lie in ("" when none)."""
    counts: dict[str, int] = {}
    for top in ctx.toponyms:
        if top.place is not None and top.place.country:
            counts[top.place.country] = counts.get(top.place.country, 0) + 1
    return max(counts, key=lambda c: (counts[c], c)) if counts else ""


def _default_actor(event_type: str, country: str) -> str:
    base = _DEFAULT_ACTORS.get(event_type, "")
    return f"{base} ({acled_country(country)})" if base and country else base


def _acled_name(ctx: DocContext, name: str, country: str) -> str:
    """ACLED appends the event country to transnational or generic actors ("Islamic State (Syria)")."""
    if not name or "(" in name or ctx.actors is None:
        return name
    actor = ctx.actors.get(name) if hasattr(ctx.actors, "get") else None
    if actor is not None and not actor.country and country and actor.inter != 8:
        return f"{name} ({acled_country(country)})"
    return name


def _generic_name(ctx: DocContext, text: str, country: str, initiator: bool) -> str:
    """ACLED's name for an unnamed actor phrase ("Kenyan troops", "gunmen", "villagers"), or ""; the country is
    the one the phrase names, else the event's. Victims ("villagers") are never the initiator."""
    if not text:
        return ""
    found = generic_role(text, ctx.lang)
    if found is None:
        return ""
    role, own = found
    if initiator and role == "civilians":
        return ""
    return generic_actor_name(role, own or country)


def _nearest_generic_actor(ctx: DocContext, s_text: str, s_start: int, trigger_start: int, roles: dict,
                           attribution: Any) -> Optional[tuple[str, str, Optional[tuple[int, int]]]]:
    """When the parse gives no initiator, the closest unnamed armed actor noun ("gunmen", "soldiers") before the
    trigger in the same clause — never inside the target phrase nor the claimant."""
    generic = _actor_tables()[0]
    table = generic.get(ctx.lang) or generic.get("en") or []
    target = roles.get("target")
    t_span = (target[0] - s_start, target[1] - s_start) if target else None
    c_span = (attribution.claimant_start, attribution.claimant_end) \
        if attribution is not None and attribution.claimant_start is not None else None
    best: Optional[tuple[int, int]] = None
    for role, pattern in table:
        if role == "civilians":
            continue
        for m in pattern.finditer(s_text[:trigger_start]):
            if trigger_start - m.end() > 80:
                continue
            if any(sp and sp[1] is not None and m.start() < sp[1] and sp[0] < m.end() for sp in (t_span, c_span)):
                continue
            if re.search(r"[,;:«»\"]|\bque\b|\bthat\b|\bqui\b|\bwho\b|\bwhen\b|\bafter\b|\bquand\b",
                         s_text[m.end():trigger_start]):
                continue
            if best is None or m.start() > best[0]:
                best = (m.start(), m.end())
    if best is None:
        # A passive agent later in the sentence: "... was sprayed with bullets by heavily armed assailants".
        for role, pattern in table:
            if role == "civilians":
                continue
            for m in pattern.finditer(s_text, trigger_start):
                if re.search(r"\b(?:by|par)\s+(?:[\w'’-]+\s+){0,3}$", s_text[max(0, m.start() - 40):m.start()]):
                    best = (m.start(), m.end())
                    break
            if best is not None:
                break
    if best is None:
        return None
    # The whole noun phrase up to the noun ("Kenyan Air Forces", "unknown gunmen"): up to three words back.
    lo = best[0]
    for _ in range(3):
        word = re.search(r"([\w'’.-]+)\s+$", s_text[:lo])
        if word is None or word.group(1).lower() in _STOP_BEFORE_ACTOR:
            break
        lo = word.start(1)
    text = s_text[lo:best[1]]
    return "", text, (s_start + lo, s_start + best[1])


# Sub-event types whose unnamed perpetrator ACLED codes "Unidentified Armed Group (Country)".
_UNKNOWN_PERPETRATOR_TYPES = {"Attack", "Abduction/forced disappearance", "Sexual violence",
                              "Remote explosive/landmine/IED", "Grenade", "Suicide bomb"}

_STOP_BEFORE_ACTOR = {"by", "par", "the", "a", "an", "les", "des", "de", "the", "and", "et", "with", "avec", "of",
                      "in", "à", "au", "aux", "on", "sur", "when", "as", "while", "after", "before", "that", "which",
                      "who", "qui", "que", "were", "was", "are", "is", "have", "has", "had"}


def _nearest_preceding_actor(ctx: DocContext, s_text: str, s_start: int, trigger_start: int, roles: dict,
                             attribution: Any) -> Optional[tuple[str, str, Optional[tuple[int, int]]]]:
    """When the parse gives no known initiator (parsers misread "Mardi aussi la Résistance a lancé"), the
    closest dictionary actor before the trigger in the same clause — never the target, nor the source."""
    if ctx.actors is None:
        return None
    target = roles.get("target")
    t_span = (target[0] - s_start, target[1] - s_start) if target else None
    c_span = (attribution.claimant_start, attribution.claimant_end) \
        if attribution is not None and attribution.claimant_start is not None else None
    best = None
    for m in ctx.actors.find(s_text, ctx.lang):
        if m.end > trigger_start or trigger_start - m.end > 80:
            continue
        if any(sp and sp[1] is not None and m.start < sp[1] and sp[0] < m.end for sp in (t_span, c_span)):
            continue
        if re.search(r"[,;:«»\"]|\bque\b|\bthat\b|\bqui\b|\bwho\b", s_text[m.end:trigger_start]):
            continue  # another clause lies between the name and the trigger
        best = m
    if best is None:
        return None
    return best.actor.name, best.text, (s_start + best.start, s_start + best.end)


_KEEP_PLACE_IN_ACTOR = True
_LOCAL_FORCE_OF = re.compile(r"\b(?:police|gendarmerie|milice|militia|mairie|municipalit[ée]|garnison|garrison)\s+"
                             r"(?:de\s+|d'\s*|of\s+)(?:la\s+|le\s+|the\s+)?$", re.IGNORECASE)


def _place_in_actor(ctx: DocContext, loc: ResolvedPlace, actor: tuple[int, int]) -> Optional[ResolvedPlace]:
    """The event place found inside the initiator's phrase: kept (geo_precision 2) when it is a town or site that
    qualifies a local force or group ("the Kinshasa police", "a Derna militia", "la police de Goma"); dropped when
    the phrase is the place itself or a state ("les États-Unis ont frappé", "Damascus said")."""
    if not _KEEP_PLACE_IN_ACTOR or loc.place is None or loc.place.feature not in ("city", "admin2", "site", "airport"):
        return None
    before = ctx.text[actor[0]:loc.span.start]
    after = ctx.text[loc.span.end:actor[1]]
    premodifier = bool(re.search(r"\w", after)) and bool(
        re.fullmatch(r"\s*(?:(?:the|a|an)\s+)?", before, re.IGNORECASE))
    if not (premodifier or _LOCAL_FORCE_OF.search(before)):
        return None
    return ResolvedPlace(span=loc.span, place=loc.place, geo_precision=max(loc.geo_precision, GEO_NEAR),
                         score=loc.score * 0.8, reason=f"the place named in the initiator '{ctx.text[actor[0]:actor[1]]}'",
                         relation=loc.relation)


def _antecedent(mentions: list[Mention], hit: Any) -> Optional[Mention]:
    for m in reversed(mentions):
        if m.event_type == hit.event_type:
            return m
    return mentions[-1] if mentions else None


def _fallback_place(ctx: DocContext, mentions: list[Mention], s_start: int, s_end: int) -> Optional[ResolvedPlace]:
    """No place in the sentence: the place of the previous event in the same paragraph, as 'near' (precision 2)."""
    para = _paragraph_of(ctx, s_start)
    for m in reversed(mentions):
        if m.place is not None and m.place.place is not None and para[0] <= m.trigger.start < para[1]:
            return ResolvedPlace(span=m.place.span, place=m.place.place,
                                 geo_precision=max(m.place.geo_precision, GEO_NEAR), score=m.place.score * 0.8,
                                 reason="place of the preceding event in the same paragraph",
                                 relation=m.place.relation)
    # Otherwise a country or region named in the sentence, at region precision.
    for top in ctx.toponyms:
        if top.place is not None and s_start <= top.span.start < s_end and top.place.feature in ("country", "admin1"):
            return ResolvedPlace(span=top.span, place=top.place, geo_precision=GEO_REGION, score=top.score * 0.5,
                                 reason="only a country/region is named", relation=top.relation)
    return None


@functools.lru_cache(maxsize=1)
def _foreign_nouns() -> frozenset[str]:
    raw = data_yaml("lexicon/extract.yaml").get("foreign_nationals") or {}
    return frozenset(str(w).lower() for words in raw.values() for w in words or [])


def _country_votes(ctx: DocContext) -> dict[str, tuple[float, TextSpan]]:
    """Country votes of a document that names no usable place: its country-bound actors (`actors.yaml`
    countries, `data/geo/actor_countries.tsv`: "al Shabaab", "UPND"), demonyms ("Tunisian air force", "soldats
    maliens") and country names. A demonym on a foreigner noun ("a French tourist") is no vote. Each text span
    votes once; value: (weight, first span) per ISO2 code."""
    from .geo.geocode import load_actor_countries, load_demonyms
    from .geo.normalize import tokenize

    text = ctx.text
    taken: list[tuple[int, int]] = []
    votes: dict[str, tuple[float, TextSpan]] = {}

    def vote(cc: str, start: int, end: int, weight: float) -> None:
        if not cc or any(start < e and s < end for s, e in taken):
            return
        taken.append((start, end))
        w, span = votes.get(cc, (0.0, TextSpan(start, end, ctx.doc.text[start:end])))
        votes[cc] = (w + weight, span)

    for top in ctx.toponyms:  # a country named anywhere ("Egypt says ...")
        if top.place is not None and top.place.feature == "country":
            vote(top.place.country_code, top.span.start, top.span.end, 0.6)
    if ctx.actors is not None:
        for m in ctx.actors.find(text, ctx.lang):
            if m.actor.country:
                vote(m.actor.country, m.start, m.end, 0.6 if m.actor.inter in (2, 3, 4) else 0.5)
    caps, names = load_actor_countries()
    for name, cc in caps.items():
        for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
            vote(cc, m.start(), m.end(), 0.6)
    tokens = tokenize(text)
    norms = [t.norm for t in tokens]
    demonyms = load_demonyms()
    foreign = _foreign_nouns()
    for i, tok in enumerate(tokens):
        for n in (4, 3, 2, 1):
            key = " ".join(norms[i:i + n])
            if i + n <= len(norms) and key in names and tok.raw[:1].isupper():
                vote(names[key], tok.start, tokens[i + n - 1].end, 0.6)
                break
        if tok.norm in demonyms and (tok.raw[:1].isupper() or len(tok.norm) > 5):
            around = {tokens[j].raw.lower() for j in (i - 1, i + 1) if 0 <= j < len(tokens)}
            if not around & foreign:
                vote(demonyms[tok.norm], tok.start, tok.end, 0.5)
    return votes


def _actor_country_place(ctx: DocContext) -> Optional[ResolvedPlace]:
    """An event whose report names no place that resolves: the country its actors or demonyms tie the report to
    ("al Shabaab fighters attacked ...", "Tunisian air force bombed ..."), at the country's reference point with
    geo_precision 3, as ACLED codes an event it can place in a country only. None when nothing points to one
    country (a tie between two countries is no answer)."""
    gaz = getattr(ctx.geocoder, "gaz", None)
    if gaz is None:
        return None
    if ctx.country_votes is None:
        ctx.country_votes = _country_votes(ctx)
    votes = ctx.country_votes
    if not votes:
        return None
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1][0], kv[1][1].start))
    if len(ranked) > 1 and abs(ranked[0][1][0] - ranked[1][1][0]) < 1e-9:
        return None
    cc, (weight, span) = ranked[0]
    place = gaz.country_place(cc)
    if place is None:
        return None
    return ResolvedPlace(span=span, place=place, geo_precision=GEO_REGION, score=min(weight, 1.0) * 0.5,
                         reason=f"no place named: '{span.text}' ties the report to {place.name}")


def is_short_report(text: str) -> bool:
    """A wire note or headline: one or two short paragraphs (its place may be named in any sentence)."""
    body = text.strip()
    return len(body) <= 1500 and len(paragraphs_of(body)) <= 2


_FEATURE_RANK = {f: r for f, r in FEATURE_SIZE.items() if r <= FEATURE_SIZE["region"]}  # below country level
_LOCATIVE_BEFORE = re.compile(r"(?:\b(?:in|at|near|outside|around|inside|à|a|dans|près de|pres de|en|au|aux|"
                              r"vers|sur|of|de|d')\s*(?:the\s+|la\s+|le\s+|l')?)$", re.IGNORECASE)


def _document_place(ctx: DocContext, pos: int, country: str = "") -> Optional[ResolvedPlace]:
    """The document's most specific resolved place (below country level) for an event at `pos` whose own
    sentence names none: in the given country when one is known, else in the country most places lie in; a
    place after a locative preposition, then the nearest, wins among equally specific ones."""
    majority = country or _doc_country(ctx)
    best: Optional[tuple[tuple[int, int, int, int], ResolvedPlace]] = None
    for top in ctx.toponyms:
        p = top.place
        if p is None or p.feature not in _FEATURE_RANK:
            continue
        if majority and p.country != majority:
            continue  # a lone place in another country is more likely a misreading than the event's place
        before = ctx.text[max(0, top.span.start - 14):top.span.start]
        key = (0, _FEATURE_RANK[p.feature],
               0 if _LOCATIVE_BEFORE.search(before) else 1, abs(top.span.start - pos))
        if best is None or key < best[0]:
            best = (key, top)
    if best is None:
        return None
    top = best[1]
    precision = GEO_REGION if top.place is not None and top.place.feature in ("admin1", "region") \
        else max(top.geo_precision, GEO_NEAR)
    return ResolvedPlace(span=top.span, place=top.place, geo_precision=precision, score=top.score * 0.8,
                         reason="the report's place (the trigger's sentence names none below country level)",
                         relation=top.relation)


_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and|et|or|ou)?|and|et|or|ou|&)\s*$", re.IGNORECASE)
_NOT_A_LIST = re.compile(r"\b(?:between|entre|from|linking|reliant|de|road|route)\s+(?:the\s+|la\s+|le\s+)?$",
                         re.IGNORECASE)


def _coordinated_places(ctx: DocContext, loc: Optional[ResolvedPlace], s_start: int, s_end: int) -> list[ResolvedPlace]:
    """The places of a coordinated list that holds the event's place ("in Assiut, Alexandria and Suez", "à
    Deir ez-Zor et à Hassaké"): ACLED codes one event per place. Not a list: "between A and B", "from A to B"."""
    if loc is None or loc.place is None or loc.place.feature not in ("site", "airport", "city", "admin2"):
        return []
    cands = sorted((t for t in ctx.toponyms if t.place is not None and s_start <= t.span.start and t.span.end <= s_end
                    and t.place.feature in ("site", "airport", "city", "admin2")), key=lambda t: t.span.start)
    try:
        i = next(k for k, t in enumerate(cands) if t.span.start == loc.span.start)
    except StopIteration:
        return []
    lo = hi = i

    def joined(a: ResolvedPlace, b: ResolvedPlace) -> bool:
        gap = ctx.text[a.span.end:b.span.start]
        gap = re.sub(r"^(\s*(?:,|and|et|or|ou)?\s*)(?:in|at|à|dans|near|près de)\s+", r"\1", gap, flags=re.IGNORECASE)
        return bool(_LIST_GAP.match(gap))

    while lo > 0 and joined(cands[lo - 1], cands[lo]):
        lo -= 1
    while hi < len(cands) - 1 and joined(cands[hi], cands[hi + 1]):
        hi += 1
    if hi == lo or _NOT_A_LIST.search(ctx.text[max(s_start, cands[lo].span.start - 20):cands[lo].span.start]):
        return []
    out: list[ResolvedPlace] = []
    seen: set[str] = set()
    for t in cands[lo:hi + 1]:
        assert t.place is not None
        if t.place.place_id not in seen and (t.place.country == loc.place.country):
            seen.add(t.place.place_id)
            out.append(t)
    return out


def _consistent_place(ctx: DocContext, loc: ResolvedPlace, pos: int, s_start: int, s_end: int) -> ResolvedPlace:
    """In a short report, a town resolved in a country that none of the other places named in its sentence lie
    in ("New Brighton" read as the US town next to "Nelson Mandela Bay"; "Highfields, Harare") gives way to the
    nearest of those places, when they all agree on one country. Curated sites are never second-guessed."""
    if loc.place is None or loc.place.feature not in ("city", "admin2"):
        return loc
    in_sentence = [t for t in ctx.toponyms if t.place is not None and t.span.start != loc.span.start
                   and s_start <= t.span.start and t.span.end <= s_end]
    others = [t for t in in_sentence if t.place is not None and t.place.feature in _FEATURE_RANK]
    countries = {t.place.country for t in others if t.place is not None}
    # (a country named in the sentence backs its towns: "jailed near Algiers ... who lives in London, arrived
    # in Algeria")
    named = {t.place.country for t in in_sentence if t.place is not None and t.place.feature == "country"}
    if len(countries) != 1 or loc.place.country in countries | named:
        return loc
    nearest = min(others, key=lambda t: abs(t.span.start - loc.span.start))
    assert nearest.place is not None
    precision = GEO_REGION if nearest.place.feature in ("admin1", "region") else max(nearest.geo_precision, GEO_NEAR)
    return ResolvedPlace(span=nearest.span, place=nearest.place, geo_precision=precision, score=nearest.score * 0.8,
                         reason=f"'{loc.span.text}' resolved outside the country of the places named with it",
                         relation=nearest.relation)


def _near_report(ctx: DocContext, last: Mention, s_start: int) -> bool:
    """Whether a sentence starting at `s_start` is close enough to `last` to continue its report: the same
    paragraph, or within 400 characters after its sentence."""
    return _paragraph_of(ctx, last.trigger.start) == _paragraph_of(ctx, s_start) or s_start - last.sentence.end < 400


def _continue_casualties(ctx: DocContext, mentions: list[Mention], casualties: list[Any], s_start: int,
                         sentence: Optional[TextSpan] = None, sdoc: Any = None) -> None:
    """A sentence continuing a report ("one Iraqi soldier was wounded on 22 June") adds its casualties, and its
    date when the event has none of its own, to the last event of the same or the previous paragraph."""
    if not casualties or not mentions:
        return
    last = mentions[-1]
    if _near_report(ctx, last, s_start):
        _add_casualties(last, casualties, s_start, ctx.doc.doc_id)
        if sentence is not None:
            first = min((c.start for c in casualties), default=0)
            at = TextSpan(s_start + first, s_start + first + 1, ctx.text[s_start + first:s_start + first + 1])
            _inherit_date(ctx, last, sentence, at, sdoc)


# A hit this weak (a bare "killed"/"tués" with no attack word) in a sentence that follows an event of the same
# paragraph and names no other place continues that event's report instead of starting a new event.
WEAK_HIT_SCORE = 0.3


def _continues(ctx: DocContext, last: Mention, s_start: int, s_end: int) -> bool:
    """Whether the sentence at [s_start, s_end) can continue the report of `last`: same paragraph (or close
    after it) and no resolved place other than the event's own."""
    if not _near_report(ctx, last, s_start):
        return False
    own = last.place.place.place_id if last.place is not None and last.place.place is not None else None
    return all(t.place is None or t.place.place_id == own for t in ctx.toponyms
               if s_start <= t.span.start and t.span.end <= s_end)


def _inherit_date(ctx: DocContext, m: Mention, sentence: TextSpan, trigger: TextSpan, sdoc: Any) -> None:
    """A sentence that continues an event's report ("the fighting on 22 June left ...") dates it when the event's
    own sentence and paragraph gave no date (it was dated from the reference)."""
    from .dates import event_date

    if m.date is not None and m.date.span is not None:
        return
    dv = event_date(ctx.dates, ctx.text, sentence, trigger, ctx.ref, parse=sdoc)
    if dv is None or dv.span is None or not (sentence.start <= dv.span.start < sentence.end):
        return
    m.date = dv
    m.evidence = [e for e in m.evidence if e.field != "event_date"]
    m.evidence.append(_ev(ctx.doc.doc_id, dv.span.start, dv.span.end, ctx.doc.text[dv.span.start:dv.span.end],
                          "event_date"))


def _add_casualties(m: Mention, casualties: list[Any], offset: int, doc_id: str) -> None:
    for c in casualties:
        if c.kind == "fatalities" and m.fatalities is None:
            m.fatalities = c.value
            m.evidence.append(_ev(doc_id, offset + c.start, offset + c.end, c.text, "fatalities"))
        elif c.kind == "injuries" and m.injuries is None:
            m.injuries = c.value
            m.evidence.append(_ev(doc_id, offset + c.start, offset + c.end, c.text, "injuries"))


def _set_claim(m: Mention, attribution: Any, offset: int, doc_id: str, s_text: str) -> None:
    m.claimant = attribution.claimant
    if attribution.modality in ("claimed", "acknowledged", "denied") or m.modality == "asserted":
        m.modality = attribution.modality
    _claim_evidence(m, attribution, offset, doc_id, s_text)


def _claim_evidence(m: Mention, attribution: Any, offset: int, doc_id: str, s_text: str) -> None:
    if attribution.claimant and attribution.claimant_start is not None and attribution.claimant_end is not None:
        s, e = attribution.claimant_start, attribution.claimant_end
        m.evidence.append(_ev(doc_id, offset + s, offset + e, s_text[s:e], "claimant"))
    if attribution.cue and attribution.cue_start is not None and attribution.cue_end is not None:
        s, e = attribution.cue_start, attribution.cue_end
        m.evidence.append(_ev(doc_id, offset + s, offset + e, s_text[s:e], "modality"))
