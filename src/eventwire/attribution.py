"""Who asserts an event and how: the claimant and the modality of a sentence's event trigger (fr, en, ar).

`attribute` reads a sentence with lexicon cues (`data/lexicon/attribution.yaml`): speech verbs and their subject
("la Résistance islamique en Irak a annoncé", "the Pentagon said", inverted "indique une note du mouvement", Arabic
verb-first "قالت مصادر محلية"), source prepositions ("selon le correspondant d'Al Mayadeen", "according to local
sources", "بحسب"), denials, admissions and claims of responsibility, plans and threats just before the trigger ("va",
"menace de", "vowed to", "هددت بـ"), and hedges (French conditional "auraient pilonné", "reportedly"). When several
cues exist, the one governing the trigger wins: the trigger's own mood first, then the nearest cue before it (else
the nearest after it), so in "X ont avoué l'envoi ..., démentant ... le transfert" the trigger's position decides
between acknowledged and denied. A negated cue ("No group claimed", "n'a pas démenti") leaves the event asserted, and
a denial whose object is the casualties ("a démenti que l'attaque ait fait des blessés") does not deny the event.
Claimant names are normalized: official bodies and outlets from the lexicon, actors through the actor dictionary,
correspondents as "<Outlet> correspondent", unnamed sources as "local sources" or "sources cited by <Outlet>". A
source preposition followed by a relative pronoun ("des sources selon lesquelles") names its antecedent, not the
clause after it; a media outlet citing anonymous sources is asserted (the modality follows the grammar of the
report; only explicit hedges make it unconfirmed). A pronoun speaker ("Il a ajouté", "She said", "a-t-elle
précisé") gives no claimant and `refers_back=True`: the caller reuses the previous claimant.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Optional


from .actors import ActorDictionary, fold_arabic, fold_text, strip_determiners
from .datafiles import data_yaml

__all__ = ["Attribution", "attribute", "claimant_name"]


@dataclass
class Attribution:
    """Claimant (normalized name and its span in the sentence) and modality, with the cue that decided it.

    `modality` is one of asserted, claimed, denied, acknowledged, planned, unconfirmed. `refers_back` is True when
    the sentence cites "the same source": the caller should carry the previous claimant over.
    """

    claimant: Optional[str]
    claimant_start: Optional[int]
    claimant_end: Optional[int]
    modality: str
    cue: Optional[str]
    cue_start: Optional[int]
    cue_end: Optional[int]
    refers_back: bool = False


@dataclass
class _Cue:
    start: int  # folded offsets
    end: int
    kind: str  # speech | claimed | denied | acknowledged | source
    verb: bool = True


@functools.lru_cache(maxsize=1)
def _lexicon() -> dict[str, Any]:
    data: dict[str, Any] = fold_arabic(data_yaml("lexicon/attribution.yaml"))
    return data


def _langs(lang: str) -> list[str]:
    return [lang] if lang in ("fr", "en", "ar") else ["fr", "en", "ar"]


def _per_lang(section: dict[str, list[str]], langs: list[str]) -> list[str]:
    return [p for lg in langs for p in (section.get(lg) or [])]


def _words(items: list[str]) -> str:
    return "|".join(sorted(items, key=len, reverse=True))


@functools.lru_cache(maxsize=4)
def _compiled(lang: str) -> dict[str, Any]:
    lex = _lexicon()
    langs = _langs(lang)
    speech: list[tuple[str, re.Pattern[str]]] = []
    for lg in langs:
        for kind, patterns in (lex["speech"].get(lg) or {}).items():
            for p in patterns:
                speech.append((kind, re.compile(r"(?<!\w)(?:" + p + r")(?!\w)")))
    named = []
    for section in ("officials", "outlets", "generic_sources"):
        for entry in lex[section]:
            pat = re.compile(r"(?<!\w)(?:" + _words(entry["patterns"]) + r")(?!\w)")
            named.append((section, entry["name"], bool(entry.get("party")), pat))
    def alt(items: list[str]) -> str:
        return r"(?<!\w)(?:" + _words(items) + r")(?!\w)"

    return {
        "speech": speech,
        # Arabic source prepositions may end on a clitic glued to the next word ("وفقا لمصادر").
        "preps": re.compile(r"(?<!\w)(?:" + _words(_per_lang(lex["source_preps"], langs)) + r")(?:(?!\w)|(?<=ل))"),
        "relative": re.compile(r" *(?:" + _words(lex["relative_after_prep"]) + r")(?!\w)"),
        "report_nouns": re.compile(alt(lex["report_nouns"])),
        "pronoun": re.compile(r"^(?:" + _words(lex["pronouns"]) + r")$"),
        "asides": re.compile(r"^(?:" + "|".join(lex["asides"]) + r")(?!\w)"),
        "negated": re.compile(r"(?<!\w)(?:" + "|".join(lex["negators"]) + r") ?$"),
        "negation_inside": re.compile(r"(?<!\w)(?:pas|jamais|not|never)(?!\w)"),
        "no_subject": re.compile(r"^(?:" + "|".join(lex["no_subject"]) + r")$"),
        "casualty_object": re.compile(r" *(?:" + "|".join(lex["casualty_objects"]) + r")(?!\w)"),
        "casualty_scope": re.compile(r"(?<!\w)(?:" + "|".join(lex["casualty_scope"]) + r")(?!\w)"),
        "self_ref": [re.compile(p) for p in _per_lang(lex["self_reference"], langs)],
        "containers": re.compile(alt(_per_lang(lex["containers"], langs))),
        "group_nouns": re.compile(alt(_per_lang(lex["group_nouns"], langs))),
        "roles": [re.compile(r"^" + p) for p in lex["role_prefixes"]],
        "named": named,
        "refers_back": re.compile(alt(lex["refers_back"])),
        # Up to two words between the cue and the trigger; Arabic puts the subject there ("هددت جماعة الحوثي باستهداف").
        "planned": re.compile(r"(?<!\w)(?:(?:" + _words([re.escape(p) for p in _per_lang(lex["planned_before"], [g for g in langs if g != "ar"])] or ["(?!)"])
                              + r")(?: [\w']+){0,2}|(?:" + _words([re.escape(p) for p in (lex["planned_before"].get("ar") or []) if "ar" in langs] or ["(?!)"])
                              + r")(?: \S+){0,5}) ?$"),
        "unconfirmed": re.compile(r"(?<!\w)(?:" + "|".join(_per_lang(lex["unconfirmed"], langs)) + r")"),
        "announce": re.compile(alt(_per_lang(lex["announce_verbs"], langs))),
        "cond_aux": re.compile(r"(?<!\w)(?:aurai(?:t|ent)|serai(?:t|ent))(?: (?:ete|deja|egalement|aussi|ensuite|alors|bien|meme|directement))* ?$"),
    }


# Clause boundaries for the subject of a speech verb.
_BOUNDARY = re.compile(r"[;:«»\"“”()\[\]]|(?<!\w)(?:qu'|que|that|tandis que|while|mais|but|apres que|after)(?!\w)")
_ADVERBIAL = re.compile(
    r"^(?:en|dans|plus|au|aux|a|le (?=\d)|lors|mardi|lundi|mercredi|jeudi|vendredi|samedi|dimanche|hier|aujourd'hui|ce|cette"
    r"|depuis|par ailleurs|de son cote|pour sa part|ainsi|toutefois|cependant|in|on|at|earlier|later|meanwhile"
    r"|separately|also|however|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|last|this"
    r"|during|after|before|apres|avant|malgre|despite|d'autre part|de meme|de plus)(?!\w)")
_APPOSITION = re.compile(
    r"^(?:chef|porte parole|directeur|directrice|president|responsable|analyste|expert|commandant|ministre|secretaire"
    r"|head|chief|spokesman|spokesperson|director|president|analyst|expert|commander|minister|secretary|leader)(?!\w)")


def _named(phrase: str, lang: str) -> Optional[tuple[str, str, bool]]:
    """(section, name, party) of the first official/outlet/generic source named in a folded phrase."""
    best: Optional[tuple[int, str, str, bool]] = None
    for section, name, party, pattern in _compiled(lang)["named"]:
        m = pattern.search(phrase)
        if m is not None and (best is None or m.start() < best[0]):
            best = (m.start(), section, name, party)
    return (best[1], best[2], best[3]) if best else None


def _outlet_in(folded: str, lang: str) -> Optional[str]:
    for section, name, _party, pattern in _compiled(lang)["named"]:
        if section == "outlets" and pattern.search(folded):
            return name
    return None


def claimant_name(phrase: str, lang: str, actors: Optional[ActorDictionary] = None) -> tuple[Optional[str], bool]:
    """Normalized claimant for a phrase and whether it is a party to the fighting.

    Correspondents become "<Outlet> correspondent"; roles and containers are stripped ("un porte-parole du
    Commandement central américain" → "CENTCOM"); official bodies, outlets and unnamed sources come from the lexicon;
    other actors from the actor dictionary; anything else keeps its words.
    """
    folded = strip_determiners(fold_text(phrase)[0].strip())
    if not folded:
        return None, False
    if re.search(r"(?<!\w)(?:correspondante?s?|correspondents?|reporters?|envoye special|journalistes?|مراسل|مراسله|مراسلنا|مراسلو)(?!\w)", folded):
        outlet = _outlet_in(folded, lang)
        if outlet:
            return f"{outlet} correspondent", False
    core = folded
    for _ in range(3):
        for pattern in _compiled(lang)["roles"]:
            core = pattern.sub("", core)
        core = strip_determiners(core)
    for candidate in (core, folded):
        hit = _named(candidate, lang)
        if hit is not None and hit[0] != "generic_sources":
            return hit[1], hit[2]
    actors = actors or ActorDictionary.default()
    for candidate in (core, phrase):
        actor = actors.normalize(candidate, lang)
        if actor is not None:
            return actor.name, True
    hit = _named(folded, lang)
    if hit is not None:
        return hit[1], False
    party = bool(_compiled(lang)["group_nouns"].search(core))
    return _raw_words(phrase, core), party


_RAW_DETERMINER = re.compile(r"^(?:(?:le|la|les|the|des|un|une|a|an|d'autres|other)\s+|[ld]['’])", re.IGNORECASE)


def _raw_words(phrase: str, core: str) -> Optional[str]:
    """The words of `phrase` whose folded form is `core` (the phrase minus stripped roles), else the phrase."""
    words = phrase.strip(" ,;:.«»\"").split()
    for k in range(1, len(words) + 1):
        tail = " ".join(words[-k:])
        if fold_text(tail)[0].strip() == core:
            return tail
    text = _RAW_DETERMINER.sub("", " ".join(words[-8:])).strip()
    return text or None


def _subject_before(folded: str, verb_start: int, lang: str) -> Optional[tuple[int, int]]:
    """Folded span of the subject of a speech verb: the clause before it, adverbials and appositions removed."""
    left = 0
    for m in _BOUNDARY.finditer(folded, 0, verb_start):
        left = m.end()
    region = folded[left:verb_start].replace("،", ",")
    segments: list[tuple[int, int]] = []
    pos = left
    asides = _compiled(lang)["asides"]
    for part in region.split(","):
        s, e = pos, pos + len(part)
        pos = e + 1
        text = folded[s:e].strip()
        adverbial = _ADVERBIAL.match(text) is not None and not (lang == "en" and re.match(r"an? ", text))
        if not text or adverbial and len(text.split()) <= 4 or asides.match(text):
            continue
        lead = len(folded[s:e]) - len(folded[s:e].lstrip())
        segments.append((s + lead, s + lead + len(text)))
    if not segments:
        return None
    for s, e in reversed(segments):
        if _named(folded[s:e], lang) is not None or ActorDictionary.default().find(folded[s:e]):
            return s, e
    s, e = segments[-1]
    if len(segments) > 1 and _APPOSITION.match(strip_determiners(folded[s:e])):
        s, e = segments[-2]
    words = folded[s:e].split()
    if len(words) > 12:
        return None
    return s, e


# Words that end a noun phrase read after a cue: relative pronouns, complementizers, auxiliaries, and in Arabic
# "أن/إن" (that), "في بيان" (in a statement), time words and a preposition glued to a verbal noun ("بسقوط").
_AFTER_CUT = re.compile(
    r"(?<!\w)(?:rapportee?s? par|citee?s? par|cited by|reported by|que|qu'|that|qui|who|which|whom|lesquelles|lesquels"
    r"|laquelle|lequel|dont|a|ont|have|has|said|ان|بان|انه|انها|بانه|بانها|في بيان|عن|امس|اليوم|مساء|صباح|ب\S{3,})(?!\w)")


def _phrase_after(folded: str, start: int) -> Optional[tuple[int, int]]:
    """Folded span of the noun phrase after a cue (inverted subject or source), up to punctuation or a clause."""
    m = re.match(r" *((?:[^\s,.;:«»\"()،؛]+ ?){1,10})", folded[start:])
    if m is None:
        return None
    s, e = start + m.start(1), start + m.end(1)
    cut = _AFTER_CUT.search(folded, s, e)
    if cut is not None and cut.start() > s:
        e = cut.start()
    e = s + len(folded[s:e].rstrip())
    return (s, e) if e > s else None


def _clause_end(folded: str, start: int) -> int:
    m = re.compile(r"[.;!?]").search(folded, start)
    return m.start() if m else len(folded)


def _negated(folded: str, cue: _Cue, rules: dict[str, Any]) -> bool:
    """A claim/denial/admission cue under negation: "No group claimed", "n'a pas démenti", "did not deny"."""
    left = max([m.end() for m in re.finditer(r"[.;:«»\"“”,]", folded[:cue.start])] + [0])
    before = folded[max(left, cue.start - 40):cue.start]
    return bool(rules["negated"].search(before)) or bool(rules["negation_inside"].search(folded, cue.start, cue.end))


def _antecedent(folded: str, prep: _Cue, cues: list[_Cue], lang: str
                ) -> tuple[Optional[tuple[int, int]], Optional[tuple[str, tuple[int, int]]]]:
    """Source of "X selon lesquelles ...": the noun phrase X before the preposition, and, when X is unnamed
    sources or reports introduced by a report verb ("Daily Sabah a cité des sources selon lesquelles"), the
    claimant "sources cited by <subject>" with a span from the subject to X."""
    before = [c for c in cues if c.end <= prep.start and c is not prep]
    left = before[-1].end if before else 0
    for m in re.finditer(r"[,;:«»\"“”()]|(?<!\w)(?:que|qu'|that|et|and)(?!\w)", folded[:prep.start]):
        if m.end() > left:
            left = m.end()
    np = folded[left:prep.start]
    lead = len(np) - len(np.lstrip())
    s, e = left + lead, left + len(np.rstrip())
    if e <= s:
        return None, None
    rules = _compiled(lang)
    core = strip_determiners(folded[s:e])
    report = rules["report_nouns"].search(core)
    named = _named(core, lang)
    unnamed = report is not None or (named is not None and named[0] == "generic_sources") or core in ("sources", "source")
    verb = before[-1] if before and before[-1].verb and not folded[before[-1].end:s].strip() else None
    if report is not None:
        rest = strip_determiners(core[report.end():].strip())
        if rest:  # "les informations des médias turcs selon lesquelles": the media
            return (s + folded[s:e].index(rest), e), None
    if unnamed and verb is not None:
        subject = _subject_before(folded, verb.start, lang)
        if subject is not None:
            name, _party = claimant_name(folded[subject[0]:subject[1]], lang)
            if name:
                label = name if report is not None else f"{named[1] if named and named[1] != 'sources' else 'sources'} cited by {name}"
                return None, (label, (subject[0], e))
    if report is not None:
        return None, None
    return (s, e), None


def _arabic_subject(folded: str, cue: _Cue, lang: str) -> Optional[tuple[int, int]]:
    """Arabic puts the subject after the verb ("قالت وزارة الدفاع"); a named subject before it also counts."""
    rules = _compiled(lang)

    def known(span: Optional[tuple[int, int]]) -> bool:
        if span is None:
            return False
        text = folded[span[0]:span[1]]
        return bool(_named(text, lang) or ActorDictionary.default().find(text) or rules["group_nouns"].search(text))

    after = _phrase_after(folded, cue.end)
    before = _subject_before(folded, cue.start, lang)
    if known(after):
        return after
    if known(before):
        return before
    return after or before


def attribute(sentence: str, lang: str, trigger_start: Optional[int] = None,
              trigger_end: Optional[int] = None) -> Attribution:
    """Claimant and modality for the event trigger at [trigger_start, trigger_end) of `sentence` (offsets in it).

    Without a trigger the first cue of the sentence governs. Modality precedence: the trigger's own mood
    (conditional "auraient pilonné" → unconfirmed; "va cibler", "vowed to strike", future/conditional after an
    announcement → planned), then the governing cue (claimed, denied, acknowledged; a party announcing its own
    action → claimed), then sentence hedges ("reportedly", a conditional elsewhere) → unconfirmed, else asserted.
    """
    rules = _compiled(lang)
    folded, index = fold_text(sentence)
    n = len(folded)

    def to_f(offset: int) -> int:
        for k, i in enumerate(index):
            if i >= offset:
                return k
        return n

    def to_o(s: int, e: int) -> tuple[int, int]:
        return index[s], index[e - 1] + 1

    t_s = to_f(trigger_start) if trigger_start is not None else None
    t_e = to_f(trigger_end) if trigger_end is not None else t_s

    cues: list[_Cue] = []
    for kind, pattern in rules["speech"]:
        for m in pattern.finditer(folded):
            if t_s is not None and m.start() < (t_e or t_s) and m.end() > t_s:
                continue  # the trigger itself is not its own report verb
            if any(c.start <= m.start() < c.end or m.start() <= c.start < m.end() for c in cues):
                continue
            cues.append(_Cue(m.start(), m.end(), kind))
    for m in rules["preps"].finditer(folded):
        cues.append(_Cue(m.start(), m.end(), "source", verb=False))
    cues.sort(key=lambda c: c.start)

    governing: Optional[_Cue] = None
    if cues:
        if t_s is None:
            governing = cues[0]
        else:
            before = [c for c in cues if c.end <= t_s]
            after = [c for c in cues if c.start >= (t_e or t_s)]
            governing = before[-1] if before else (after[0] if after else None)

    # --- claimant --------------------------------------------------------------------------------------------
    claim_cue = governing
    if claim_cue is not None and claim_cue.kind not in ("speech", "source"):
        # A participle denial ("démentant") has no subject of its own: the nearest report verb names the speaker.
        subject_cues = [c for c in cues if c.verb and c is not claim_cue and c.start < claim_cue.start]
        participle = folded[claim_cue.start:claim_cue.end].endswith("ant")
        if subject_cues and (participle or _subject_before(folded, claim_cue.start, lang) is None):
            claim_cue = subject_cues[-1]
    claimant: Optional[str] = None
    c_span: Optional[tuple[int, int]] = None
    party = False
    refers_back = False
    negated = governing is not None and governing.kind in ("claimed", "denied", "acknowledged") and \
        _negated(folded, governing, rules)
    cited_by: Optional[tuple[str, tuple[int, int]]] = None
    if claim_cue is not None:
        claim_text = folded[claim_cue.start:claim_cue.end]
        if claim_cue.verb and re.search(r"(?<!\w)t (?:il|elle|ils|elles)(?!\w)", claim_text):
            refers_back = True  # "a-t-elle précisé": the speaker was named before
        elif not claim_cue.verb and rules["relative"].match(folded, claim_cue.end):
            # "des sources selon lesquelles ...", "reports according to which ...": the antecedent is the source.
            c_span, cited_by = _antecedent(folded, claim_cue, cues, lang)
        elif claim_cue.verb and lang == "ar":
            c_span = _arabic_subject(folded, claim_cue, lang)
        elif claim_cue.verb:
            c_span = _subject_before(folded, claim_cue.start, lang)
            if c_span is None:
                c_span = _phrase_after(folded, claim_cue.end)
        else:
            c_span = _phrase_after(folded, claim_cue.end)
        if c_span is not None and t_s is not None and c_span[0] < t_s < c_span[1]:
            c_span = (c_span[0], len(folded[:t_s].rstrip()))  # a subject read after its verb stops at the trigger
            if c_span[1] <= c_span[0]:
                c_span = None
        subject = folded[c_span[0]:c_span[1]].strip() if c_span is not None else ""
        subject = re.sub(r"(?: n'| ne)$", "", subject)
        if c_span is not None and rules["pronoun"].match(subject):
            refers_back, c_span = True, None  # "Il a ajouté", "She said": the caller reuses the previous claimant
        elif c_span is not None and negated and rules["no_subject"].match(subject):
            c_span = None  # "No group claimed responsibility": nobody claims
        elif cited_by is not None:
            claimant = cited_by[0]
            c_span = cited_by[1]
        elif c_span is not None:
            phrase = sentence[to_o(*c_span)[0]:to_o(*c_span)[1]]
            if rules["refers_back"].search(folded[c_span[0]:c_span[1]]):
                refers_back = True
            else:
                claimant, party = claimant_name(phrase, lang)
                if claimant == "sources" or (claimant and claimant.endswith("sources") and claimant != "sources"):
                    # "des sources ont rapporté à la chaîne Al-Mayadeen": sources cited by an outlet.
                    window = folded[claim_cue.end:claim_cue.end + 70]
                    outlet = _outlet_in(window, lang) if re.match(r"^(?: \S+){0,2}? (?:a|au|aux|to)(?!\w)", window) else None
                    if outlet is None:
                        after_src = folded[c_span[1]:c_span[1] + 60]
                        m = re.match(r"^ (?:citees?|cited|quoted) (?:par|by) (.*)", after_src)
                        outlet = _outlet_in(m.group(1), lang) if m else None
                    if outlet:
                        claimant = f"sources cited by {outlet}"
        if claimant is None:
            c_span = None

    # --- modality ----------------------------------------------------------------------------------------------
    modality, cue_span = "asserted", None
    if t_s is not None:
        clause_start = max([m.end() for m in re.finditer(r"[.;:«»\"“”]|, (?=\w)", folded[:t_s])] + [0])
        window = folded[max(clause_start, t_s - 60):t_s]
        trigger_word = folded[t_s:t_e] if t_e and t_e > t_s else ""
        m_cond = rules["cond_aux"].search(window)
        m_plan = rules["planned"].search(window)
        m_futcond = re.search(r"(?<!\w)(\w{3,}(?:erait|eraient|irait|iraient|rait|raient|era|eront|ira|iront))(?: [\w']+){0,2} ?$",
                              window + trigger_word)
        w0 = max(clause_start, t_s - 60)
        if m_cond is not None:
            modality, cue_span = "unconfirmed", (w0 + m_cond.start(), w0 + m_cond.end())
        elif m_plan is not None:
            modality, cue_span = "planned", (w0 + m_plan.start(), w0 + m_plan.end())
        elif m_futcond is not None and not re.match(r"(?:aurai|serai|aura|sera)", m_futcond.group(1)) \
                and lang != "en":
            verb = m_futcond.group(1)
            s = w0 + m_futcond.start(1)
            future = not verb.endswith(("rait", "raient"))
            announced = rules["announce"].search(folded, 0, s) is not None
            modality = "planned" if future or announced else "unconfirmed"
            cue_span = (s, min(n, s + len(verb)))
    if modality == "asserted" and governing is not None and governing.kind in ("claimed", "denied", "acknowledged"):
        if negated:
            cue_span = (governing.start, governing.end)  # "n'a pas été revendiqué", "No group claimed": asserted
        elif governing.kind == "denied" and t_e is not None and t_s is not None and governing.end <= t_s and (
                rules["casualty_scope"].search(folded[t_e:_clause_end(folded, t_e)])
                or rules["casualty_object"].match(folded, governing.end)):
            cue_span = (governing.start, governing.end)  # the denial bears on the casualties, not on the event
        else:
            modality, cue_span = governing.kind, (governing.start, governing.end)
    if modality == "asserted" and claim_cue is not None and claim_cue.verb and (party or claimant is None) and c_span:
        after_verb = folded[claim_cue.end:claim_cue.end + 80]
        near = folded[max(0, c_span[0] - 30):min(n, claim_cue.end + 40)]
        if any(p.search(after_verb) for p in rules["self_ref"]) or (
                party and rules["containers"].search(near)):
            modality, cue_span = "claimed", (claim_cue.start, claim_cue.end)
    if modality == "asserted":
        m = rules["unconfirmed"].search(folded)
        if m is not None:
            modality, cue_span = "unconfirmed", (m.start(), m.end())
    if cue_span is None and governing is not None:
        cue_span = (governing.start, governing.end)

    cue_text = cue_o = None
    if cue_span is not None:
        cue_span = (cue_span[0], len(folded[:cue_span[1]].rstrip()))
    if cue_span is not None and cue_span[1] > cue_span[0]:
        cue_o = to_o(*cue_span)
        cue_text = sentence[cue_o[0]:cue_o[1]]
    claim_o = to_o(*c_span) if c_span is not None else None
    return Attribution(
        claimant=claimant,
        claimant_start=claim_o[0] if claim_o else None,
        claimant_end=claim_o[1] if claim_o else None,
        modality=modality,
        cue=cue_text,
        cue_start=cue_o[0] if cue_o else None,
        cue_end=cue_o[1] if cue_o else None,
        refers_back=refers_back,
    )
