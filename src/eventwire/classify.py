"""Event typing: find event triggers in a sentence and give each its ACLED and PLOVER types and weapons.

Everything comes from data files in `data/lexicon/` (`triggers_<lang>.yaml`, `weapons.yaml`) and the taxonomy
(`data/taxonomy.yaml`). Text is matched lowercased and accent-free with word boundaries, through a
length-preserving normalization so offsets stay valid. Within one clause, cues of different strengths are
combined the way an ACLED coder would: a generic attack cue ("attaque", "targeted", "a ciblé") takes its
sub-type from the weapon in the clause (drone -> Air/drone strike, missile/rocket/mortar -> Shelling,
IED -> Remote explosive...), or with no weapon falls back to Attack when civilians are the target and Armed
clash otherwise (with a low score, so a caller can re-type it from context with `retype_with_weapons`);
concurrent tactics collapse to the highest in `taxonomy.HIERARCHY` (shelling + air strike -> Air/drone
strike); combination rules turn a protest met with tear gas into a Protest with intervention; strategic
developments mentioned inside a violent clause ("an IED hit a convoy") are not separate events. A bare
"strike" is an air strike only without a labour context (workers, unions, pay: then it is a protest), and a bare
violent verb ("kill", "beats") is an Attack when armed forces named before it act on a civilian target.
ACLED's actor rules are read from the clause: a violent verb whose target (first noun after an active verb,
the one before a passive) is civilian is an Attack whoever acts, and an Attack on state forces or an armed
group is an Armed clash (unless the victim was off duty or at home); a clash between unarmed parties
(supporters, communities, traders) is Mob violence, or a Violent demonstration against the police or when
demonstrators or rioters fight (militias, herdsmen and raiders are armed sides: their clashes stay battles,
and their attack on a place with no fighting side named is an Attack); a death "during a clash" is the clash;
clashes that are only the setting of a protest still make it violent; a
territorial change belongs to the first actor before the control verb (state forces -> Government regains
territory, an armed group -> Non-state actor overtakes).
In Arabic only, a trigger that a `non_event` cue precedes in its clause (negation, question, condemnation,
intention, condition, trial or anniversary, figurative use) is dropped, and a weak hit needs a report anchor
(casualties, "أمس", witnesses) in its sentence (`report_anchors` in triggers_ar.yaml).
`type_sentence` returns every distinct event in a sentence; `type_snippet` gives one label for a whole
snippet (CASE 2021 Task 2 style).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any, Optional

import yaml

from eventwire import taxonomy as tx

SUPPORTED_LANGS = ("en", "fr", "ar")
_GAP = r"(?:\W+\w+){0,3}\W+"
_WIDE_GAP = r"(?:\W+\w+){0,8}\W+"
# Arabic proclitics: conjunction و/ف, then preposition ب/ك/ل (ل + ال is written لل), then the article ال.
_AR_PREFIX = r"(?<!\w)(?:[وف]?(?:[بك]?ال|لل|[بكل])?)"
# Arabic enclitics / inflection endings a pattern may carry without listing them (ها، هم، ات، ين، ون، ية…).
_AR_SUFFIX = r"\w{0,3}(?!\w)"
# Tashkeel (short vowels, shadda, sukun, tanwin, dagger alef) and tatweel may sit after any letter.
_AR_IGNORABLE = "[\u064b-\u065f\u0670\u0640]*"
# Strategic-development cues that still count as their own event inside a violent clause.
_SD_KEPT_IN_VIOLENT_CLAUSE = ("Arrests", "Looting/property destruction", "Agreement")
# Strategic developments whose hit carries the clause's weapons (a deployed or seized weapon system).
_SD_WITH_WEAPONS = ("Other", "Change to group/activity", "Disrupted weapons use")
# Concurrent violent cues within this score of the strongest one collapse by the hierarchy.
_COLLAPSE_MARGIN = 0.2
# Weight of a generic "strike" cue re-read as a labour action.
_LABOUR_WEIGHT = 0.65
# Auxiliaries marking a passive between an armed-force noun and a generic verb ("soldiers were killed").
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|a ete|ont ete|ete|sont|est)\b")
# Factor applied to a trigger inside a background phrase ("amid ongoing clashes", "au milieu des combats").
_BACKGROUND_FACTOR = 0.5
# Generic cues below this weight are bare casualty words ("killed", "wounded", "leaving ... dead").
_CASUALTY_WEIGHT = 0.25


@dataclass
class TypeHit:
    """One event trigger with its ACLED / PLOVER typing.

    `start`/`end`/`text` are the trigger span (offsets relative to the text given); `weapons` are normalized
    weapon names found in the trigger's clause; `score` is a 0-1 confidence; `cue` names the lexicon entry
    that decided the type ("generic:" prefix when the type came from a generic attack cue).
    """

    start: int
    end: int
    text: str
    event_type: str
    sub_event_type: str
    disorder_type: str
    plover_type: str
    plover_mode: str
    weapons: list[str]
    score: float
    cue: str


# --------------------------------------------------------------------------------------------- normalization
_CHAR_MAP = {"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "«": '"', "»": '"', "–": "-", "—": "-",
             "œ": "o", "æ": "a", "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
             "٬": ",", "،": ",", "؛": ";"}


@lru_cache(maxsize=4096)
def _norm_char(ch: str) -> str:
    if ch in _CHAR_MAP:
        return _CHAR_MAP[ch]
    low = ch.lower()
    if len(low) != 1:
        low = low[0]
    decomposed = unicodedata.normalize("NFKD", low)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    if len(base) == 1:
        return base
    return low if not base else base[0]


def normalize(text: str) -> str:
    """Lowercase, accent-free, apostrophe-unified copy of `text` with exactly the same length."""
    return "".join(_norm_char(c) for c in text)


# ------------------------------------------------------------------------------------------------- lexicons
# Inflection macros for French verbs, so one lexicon entry covers every tense, agreement and the passive:
# `tir@er` -> tire, tiree, tirees, tirent, tirait, tireraient...; `sais@ir` -> saisi, saisie, saisissent...
_FR_ER = (r"(?:e|es|ee|ees|ent|er|ez|ons|ai|ais|ait|aient|ions|iez|a|as|ant|erent|era|eras|eront|erai|erais|"
          r"erait|erions|eraient)")
_FR_IR = r"(?:i|ie|is|ies|it|ir|issent|issait|issaient|issant|irent|ira|iront|irait|iraient)"
_MACROS = {"er": _FR_ER, "ir": _FR_IR}


def _expand_macros(pattern: str) -> str:
    return re.sub(r"(?<=\w)@(er|ir)\b", lambda m: _MACROS[m.group(1)], pattern)


def _compile_ar(pattern: str) -> re.Pattern[str]:
    """Arabic pattern: normalized letters (alef/hamza/ya/ta marbuta unified), clitics and tashkeel allowed.

    A pattern starting with "=" is a whole word (function words: "=لم|لن|هل"): only the conjunctions و / ف may
    precede it and nothing may follow it.
    """
    exact = pattern.startswith("=")
    pattern = "".join(_CHAR_MAP.get(ch, ch) for ch in pattern.lstrip("="))
    pattern = pattern.replace(" ~~ ", _WIDE_GAP).replace(" ~ ", _GAP)
    pattern = re.sub(r"(?<=\w)(?<!\\w)\*", r"\\w*", pattern)
    # Words after the first may carry the article too (adjective agreement: "الطائرات الحربية").
    pattern = pattern.replace(" ", r"\W+(?:ال)?")
    # Let tashkeel follow every Arabic letter or character class (after its quantifier, if any).
    pattern = re.sub(r"(\[[^\]]*[\u0621-\u064a][^\]]*\]|[\u0621-\u064a])([?*+]|\{\d*,?\d*\})?",
                     lambda m: m.group(0) + _AR_IGNORABLE, pattern)
    if exact:
        return re.compile(r"(?<!\w)[وف]?(?:" + pattern + r")(?!\w)")
    return re.compile(_AR_PREFIX + "(?:" + pattern + ")" + _AR_SUFFIX)


def _compile(pattern: str, lang: str) -> re.Pattern[str]:
    """Turn a lexicon pattern (see weapons.yaml header) into a compiled regex with word boundaries."""
    if lang == "ar":
        return _compile_ar(pattern)
    pattern = _expand_macros(normalize(pattern))
    pattern = pattern.replace(" ~~ ", _WIDE_GAP).replace(" ~ ", _GAP)
    pattern = re.sub(r"(?<=\w)(?<!\\w)\*", r"\\w*", pattern)
    pattern = pattern.replace(" ", r"\W+")
    return re.compile(r"\b(?:" + pattern + r")\b")


@dataclass
class _Entry:
    kind: str  # specific | generic | modifier | weapon | civilian | victim | military | off_duty | unarmed |
    #            demonstrator | armed | armed_sign | state | labour | break | background
    label: str  # sub-event type, modifier name, or weapon name; for a generic cue, its default sub-type
    weight: float
    source: str
    regex: re.Pattern[str]
    not_after: Optional[re.Pattern[str]] = None
    labour: str = ""  # generic cue only: its sub-type in a labour-dispute context ("strike" -> protest)
    by_weapon: bool = False  # specific cue only: an explosive weapon in the clause decides its sub-type


@dataclass
class _Lexicon:
    lang: str
    entries: list[_Entry]
    weapon_implies: dict[str, str]
    fallback: str
    civilian_fallback: str
    retaliation_breaks: list[re.Pattern[str]] = field(default_factory=list)
    # Arabic only (see `_ar_reported`): hits scoring below this need a report anchor in the sentence.
    weak_below: float = 0.0
    floor: float = 0.0  # Arabic only: hits scoring below this are dropped


def _read_yaml(*parts: str) -> Any:
    res = resources.files("eventwire").joinpath("data", *parts)
    if not res.is_file():
        return None
    return yaml.safe_load(res.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def load_lexicon(lang: str) -> _Lexicon:
    """Load and compile the trigger and weapon lexicons for a language once per process."""
    data = _read_yaml("lexicon", f"triggers_{lang}.yaml")
    if data is None:
        raise ValueError(f"no trigger lexicon for language {lang!r}; supported: {', '.join(SUPPORTED_LANGS)}")
    entries: list[_Entry] = []
    generic = data.get("generic") or {}
    for pat, val in (generic.get("cues") or {}).items():
        # `pattern: weight`, or `pattern: [weight, default sub-type]` for cues that name a likely type by
        # themselves when no weapon decides ("frappes" -> Air/drone strike, "explosion" -> Remote explosive),
        # or `pattern: [weight, default, labour sub-type]` for a cue that names a labour action instead when
        # the clause speaks of workers or unions and of no weapon or armed force ("strike", "grève").
        vals = list(val) if isinstance(val, list) else [val]
        w = vals[0]
        default = str(vals[1]) if len(vals) > 1 and vals[1] else ""
        labour = str(vals[2]) if len(vals) > 2 and vals[2] else ""
        for name in (default, labour):
            if name:
                tx.event_type_of(name)
        entries.append(_Entry("generic", default, float(w), pat, _compile(pat, lang), labour=labour))
    for sub, cues in (data.get("triggers") or {}).items():
        tx.event_type_of(sub)  # validates the name
        for pat, val in (cues or {}).items():
            # `pattern: weight`, or `pattern: [weight, by_weapon]` for a cue (an attack on a base) that an
            # explosive weapon named in the clause re-types like a generic attack cue.
            vals = list(val) if isinstance(val, list) else [val]
            entries.append(_Entry("specific", sub, float(vals[0]), pat, _compile(pat, lang),
                                  by_weapon="by_weapon" in vals[1:]))
    for mod, cues in (data.get("modifiers") or {}).items():
        for pat, w in (cues or {}).items():
            entries.append(_Entry("modifier", mod, float(w), pat, _compile(pat, lang)))
    for pat in data.get("civilians") or []:
        entries.append(_Entry("civilian", "", 1.0, pat, _compile(pat, lang)))
    for kind, key in (("unarmed", "unarmed_parties"), ("demonstrator", "demonstrators"), ("armed", "armed_groups"),
                      ("armed_sign", "weapon_signs"),
                      ("state", "state_forces")):
        for pat in data.get(key) or []:
            entries.append(_Entry(kind, "", 1.0, pat, _compile(pat, lang)))
    for pat in data.get("victims") or []:
        entries.append(_Entry("victim", "", 1.0, pat, _compile(pat, lang)))
    for pat in data.get("military") or []:
        entries.append(_Entry("military", "", 1.0, pat, _compile(pat, lang)))
    for pat in data.get("off_duty") or []:
        entries.append(_Entry("off_duty", "", 1.0, pat, _compile(pat, lang)))
    for pat in data.get("labour") or []:
        entries.append(_Entry("labour", "", 1.0, pat, _compile(pat, lang)))
    for pat in data.get("background") or []:
        entries.append(_Entry("background", "", 1.0, pat, _compile(pat, lang)))
    for kind, key in (("position", "combat_positions"), ("place", "places"), ("brief", "brief_control"),
                      ("raider", "raiders")):
        for pat in data.get(key) or []:
            entries.append(_Entry(kind, "", 1.0, pat, _compile(pat, lang)))
    if lang == "ar":
        # Arabic event-reporting families (see `_ar_reported`): cues that say a trigger is not a new event
        # (negated, questioned, condemned, planned, hypothetical, past background, figurative) and anchors that
        # say a sentence reports one (casualties, "yesterday", eyewitnesses).
        families = (("non_event", "non_event", "cues"), ("non_event_violent", "non_event", "violent_cues"),
                    ("non_event_clause", "non_event", "clause_cues"), ("anchor", "report_anchors", "cues"))
        for kind, key, sub in families:
            for pat in (data.get(key) or {}).get(sub) or []:
                entries.append(_Entry(kind, "", 1.0, pat, _compile(pat, lang)))
    breaks: list[re.Pattern[str]] = []
    for pat in data.get("clause_breaks") or []:
        if pat.strip() in (";",):
            entries.append(_Entry("break", "", 1.0, pat, re.compile(re.escape(pat.strip()))))
            continue
        regex = _compile(pat, lang)
        entries.append(_Entry("break", "", 1.0, pat, regex))
        if re.search(r"reaction|reponse|response|retaliation|represailles|riposte|reprisal|رد", pat):
            breaks.append(regex)
    weapons = (_read_yaml("lexicon", "weapons.yaml") or {}).get("weapons", {})
    implies: dict[str, str] = {}
    for name, info in weapons.items():
        implies[name] = info.get("implies") or ""
        neg = (info.get("not_after") or {}).get(lang)
        neg_re = re.compile(r"\W+(?:" + "|".join(normalize(p) for p in neg) + r")\b") if neg else None
        for pat in info.get(lang) or []:
            entries.append(_Entry("weapon", name, 1.0, pat, _compile(pat, lang), neg_re))
    anchors = (data.get("report_anchors") or {}) if lang == "ar" else {}
    return _Lexicon(lang, entries, implies, generic.get("fallback", "Armed clash"),
                    generic.get("civilian_fallback", "Attack"), breaks, float(anchors.get("weak_below", 0.0)),
                    float(anchors.get("floor", 0.0)))


# -------------------------------------------------------------------------------------------------- matching
@dataclass
class _Cue:
    start: int
    end: int
    kind: str
    label: str
    weight: float
    source: str
    labour: str = ""
    by_weapon: bool = False


def _find_cues(norm: str, lex: _Lexicon) -> list[_Cue]:
    cues: list[_Cue] = []
    for e in lex.entries:
        for m in e.regex.finditer(norm):
            if m.end() <= m.start():
                continue
            if e.not_after is not None and e.not_after.match(norm, m.end()):
                continue
            cues.append(_Cue(m.start(), m.end(), e.kind, e.label, e.weight, e.source, e.labour, e.by_weapon))
    return cues


def _clauses(norm: str, cues: list[_Cue], lex: _Lexicon) -> list[tuple[int, int]]:
    """Split a sentence at clause breaks; a retaliation marker's clause ends at the next comma."""
    cuts = {0, len(norm)}
    for c in cues:
        if c.kind == "break":
            cuts.add(c.start)
    for regex in lex.retaliation_breaks:
        for m in regex.finditer(norm):
            comma = norm.find(",", m.end())
            if comma != -1:
                cuts.add(comma + 1)
    points = sorted(cuts)
    return [(a, b) for a, b in zip(points, points[1:]) if b > a]


def _weapons_in(cues: list[_Cue]) -> list[str]:
    names: list[str] = []
    # Longest weapon mention wins where weapon cues overlap ("rocket launchers" is HIMARS, not rocket).
    ws = sorted((c for c in cues if c.kind == "weapon"), key=lambda c: (c.start, -(c.end - c.start)))
    last_end = -1
    for c in ws:
        if c.start < last_end:
            continue
        last_end = c.end
        if c.label not in names:
            names.append(c.label)
    return names


def _drop_overlapped(cues: list[_Cue]) -> list[_Cue]:
    """Among trigger cues, drop generic cues overlapping a specific cue, and weaker overlapping cues of one type."""
    trig = [c for c in cues if c.kind in ("specific", "generic", "modifier")]
    kept: list[_Cue] = []
    for c in trig:
        dominated = False
        for o in trig:
            if o is c or o.end <= c.start or o.start >= c.end:
                continue
            if c.kind == "generic" and o.kind == "specific":
                dominated = True
            elif c.kind == o.kind == "specific" and o.label == c.label and (
                    (o.weight, o.end - o.start) > (c.weight, c.end - c.start)):
                dominated = True
            elif c.kind == o.kind == "generic" and (o.end - o.start) > (c.end - c.start):
                dominated = True
            if dominated:
                break
        if not dominated:
            kept.append(c)
    return kept


def _make_hit(text: str, offset: int, cue: _Cue, sub: str, weapons: list[str], score: float,
              source: str) -> TypeHit:
    ptype, pmode = tx.plover_of(sub, weapons)
    return TypeHit(
        start=offset + cue.start, end=offset + cue.end, text=text[cue.start:cue.end],
        event_type=tx.event_type_of(sub), sub_event_type=sub, disorder_type=tx.disorder_type_of(sub),
        plover_type=ptype, plover_mode=pmode, weapons=list(weapons), score=round(min(1.0, score), 3), cue=source)


def _civilians_after_actor(text: str, cues: list[_Cue], g: _Cue) -> bool:
    """True when armed forces act on civilians: the forces are named before the generic verb `g` (not as the
    subject of a passive), and the first target named after it is a civilian one."""
    before = [c for c in cues if c.kind == "military" and c.end <= g.start]
    after = sorted((c for c in cues if c.kind in ("military", "civilian") and c.start >= g.end),
                   key=lambda c: c.start)
    if not before or not after or after[0].kind != "civilian":
        return False
    if any(c.kind == "military" and c.start < g.end and c.end > g.start for c in cues):
        return False
    last = max(before, key=lambda c: c.end)
    return not _PASSIVE.search(normalize(text[last.end:g.start]))


def _patient(text: str, cues: list[_Cue], g: _Cue) -> Optional[_Cue]:
    """The target of the violent verb `g`: the first civilian / armed-force / armed-group noun after an active
    verb ("gunmen attacked villagers"), or, after a passive auxiliary ("a man was attacked by…", "soldiers were
    killed") or a headline's bare participle ("farmer killed in X"), the last one before it. Nouns overlapping
    the verb, nouns that are the source of the report ("police said") and a victim word inside an armed-group
    phrase ("armed men") do not count.
    """
    norm = normalize(text)
    targets = [c for c in cues if c.kind in ("military", "civilian", "victim", "armed")
               and not (c.start < g.end and c.end > g.start) and not _REPORTING.match(norm, c.end)
               and not (c.kind == "victim" and _within_kind(cues, c, "armed"))]
    before = [c for c in targets if c.end <= g.start]
    after = sorted((c for c in targets if c.start >= g.end), key=lambda c: c.start)
    if before:
        last = max(before, key=lambda c: c.end)
        if _PASSIVE.search(normalize(text[last.end:g.start])) or (not after and not text[last.end:g.start].strip()):
            return last
    return after[0] if after else None


def _without_actor(text: str, cues: list[_Cue], cue: _Cue) -> _Cue:
    """The trigger `cue` without the armed-group phrase it opens with ("hommes armés ont tué" -> "ont tué"), so
    that the phrase stays a side of the battle for the actor finder, not part of its trigger."""
    lead = [c for c in cues if c.kind == "armed" and c.start == cue.start and c.end < cue.end]
    if not lead:
        return cue
    start = max(c.end for c in lead)
    while start < cue.end and not text[start].isalnum():
        start += 1
    return replace(cue, start=start) if start < cue.end else cue


def _patient_is_combatant(text: str, cues: list[_Cue], g: _Cue, off_duty: bool) -> bool:
    """True when the target of `g` is an armed group, or state forces not said to be off duty / at home."""
    kind = getattr(_patient(text, cues, g), "kind", "")
    return kind == "armed" or (kind == "military" and not off_duty)


def _patient_kind(text: str, cues: list[_Cue], g: _Cue) -> str:
    """"civilian" or "military" (an armed force or armed group): the kind of the target of `g` (see `_patient`),
    or "" when none is named."""
    target = _patient(text, cues, g)
    if target is None:
        return ""
    return {"victim": "civilian", "armed": "military"}.get(target.kind, target.kind)


_POLICE = re.compile(r"polic|gendarm|riot|law enforcement")
# A noun followed by a reporting verb is the source of the report ("police said"), not a party to the event.
_REPORTING = re.compile(r"\W+(?:said|says|say|told|reported|confirmed|announced|stated|a (?:dit|declare|indique|annonce|"
                        r"confirme|affirme)|ont (?:dit|declare|indique|annonce|confirme|affirme))\b")
_TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")
# A passive or "fell to" between the actor and the control verb: the named actor lost the place, not took it.
_LOST = re.compile(r"\b(?:was|were|been|being|is|are|fell|falls|fallen|a ete|ont ete|est|sont|tombe\w*)\b")


def _within_kind(cues: list[_Cue], cue: _Cue, kind: str) -> bool:
    """True when `cue` lies inside a cue of `kind` ("men" inside "armed men")."""
    return any(o.kind == kind and o.start <= cue.start and cue.end <= o.end for o in cues)


def _territory_by_actor(text: str, cues: list[_Cue],
                        cands: list[tuple[_Cue, str, float, str]]) -> list[tuple[_Cue, str, float, str]]:
    """Re-decide a territorial change by who took the place: the first actor named in the clause before the
    control verb (the grammatical subject: "the army and allied militias took control of X" is the
    government's, "rebels seized X from the army" a non-state actor's). State forces -> Government regains
    territory; an armed group -> Non-state actor overtakes territory; no actor, or a passive, keeps the cue's
    own type.
    """
    terr = [c for c in cands if c[1] in _TERRITORY]
    if not terr:
        return cands
    anchor = max(terr, key=lambda c: c[2])
    # Actors up to the verb; one named after the cue's start is the loser ("retook X from militants").
    actors = [c for c in cues if c.kind in ("state", "armed") and c.start <= anchor[0].start]
    if not actors:
        return cands
    first = min(actors, key=lambda c: (c.start, -(c.end - c.start)))
    # An armed-group word inside a state-force phrase or right after it ("pro-government militias") counts
    # with the state force that comes first.
    if _LOST.search(normalize(text[first.end:max(first.end, anchor[0].start)])):
        return cands
    sub = _TERRITORY[0] if first.kind == "state" else _TERRITORY[1]
    return [(c[0], sub, c[2], f"{c[3]} + actor") if c[1] in _TERRITORY else c for c in cands]


# Words between a control verb and its object ("took control over five more positions").
_OBJECT_GAP = re.compile(r"\W*(?:\w+\W+){0,4}")


def _territory_object(text: str, cues: list[_Cue], cue: _Cue) -> str:
    """"position" or "place": the kind of the first combat-position or place noun the control verb `cue`
    takes (the noun ending the cue, or the first one within four words after it), or "" when none."""
    nouns = [c for c in cues if c.kind in ("position", "place") and cue.start < c.start < cue.end + 60]
    ending = [c for c in nouns if c.end == cue.end]
    if ending:
        return "place" if any(c.kind == "place" for c in ending) else "position"
    norm = normalize(text)
    after = sorted((c for c in nouns if c.start >= cue.end), key=lambda c: (c.start, -(c.end - c.start)))
    if after:
        m = _OBJECT_GAP.match(norm, cue.end)
        if m is not None and m.end() >= after[0].start:
            return after[0].kind
    return ""


def _territory_as_clash(text: str, cues: list[_Cue],
                        cands: list[tuple[_Cue, str, float, str]]) -> list[tuple[_Cue, str, float, str]]:
    """A territorial cue that only takes combat positions (posts, checkpoints, trenches) in a fight the clause
    reports (an attack or clash cue), or holds a place only briefly, is an Armed clash: ACLED codes a territorial
    change only for lasting control of a location, and overrunning an enemy position is part of the fight."""
    brief = any(c.kind == "brief" for c in cues)
    fight = any(c.kind == "generic" or (c.kind == "specific" and c.label == "Armed clash" and c.weight >= 0.5)
                for c in cues)
    out = []
    for c in cands:
        if c[1] in _TERRITORY and (brief or (fight and _territory_object(text, cues, c[0]) == "position")):
            c = (c[0], "Armed clash", c[2], f"{c[3]} + positions only")
        out.append(c)
    return out


# A capitalised word right after a verb: the name of the place (or people) it acts on.
_PROPER_OBJECT = re.compile(r"\s+(?:the\s+|le\s+|la\s+|les\s+|l')?[A-Z\u00c0-\u00dd][\w'-]*")


def _raid_on_place(text: str, cues: list[_Cue], g: _Cue) -> bool:
    """True when an identity militia or raiders (`raiders` in the lexicon) named before the generic attack verb
    `g` act on a place: a place noun within four words after it ("attacked Kenjarh area") or a name right after
    it ("attack Tur"), with no target noun of any kind. ACLED codes such raids on settlements as attacks on
    civilians (Attack); a named armed force or armed group on the other side keeps them a battle."""
    raiders = [c for c in cues if c.kind == "raider" and c.end <= g.start]
    if not raiders or any(c.kind == "specific" and c.label == "Armed clash" for c in cues):
        # A clash named in the clause, even as its setting ("kill during clashes"), says both sides fought.
        return False
    target = _patient(text, cues, g)
    # A headline's "militia attack X" reads the militia as a bare participle's target: it is the subject.
    if target is not None and not (target.end <= g.start and any(r.start <= target.start and target.end <= r.end
                                                                    for r in raiders)):
        return False
    norm = normalize(text)
    places = [c for c in cues if c.kind == "place" and c.start >= g.end]
    m = _OBJECT_GAP.match(norm, g.end)
    if places and m is not None and m.end() >= min(c.start for c in places):
        return True
    # In a title-case headline every word is capitalised: a capital says nothing there.
    words = re.findall(r"[^\W\d_]+", text)
    headline = sum(w[0].isupper() for w in words) * 2 > len(words)
    return not headline and _PROPER_OBJECT.match(text, g.end) is not None


def _unarmed_clash_type(text: str, cues: list[_Cue], weapons: list[str]) -> str:
    """The riot sub-type a clash in this clause really is, or "" when armed actors may be involved.

    Unarmed parties (supporters, communities, traders...) with no weapon, armed group or raiders: Mob violence
    between themselves, Violent demonstration when the police is the other side or when the party is
    demonstrators or rioters; an armed group or weapon keeps it an Armed clash.
    """
    if weapons or not any(c.kind in ("unarmed", "demonstrator") for c in cues) \
            or any(c.kind in ("armed", "armed_sign", "raider") for c in cues):
        # Militias, herdsmen and raiders are organised armed sides (ACLED identity militias): their clash
        # with a community is an Armed clash.
        return ""
    if any(c.kind == "demonstrator" for c in cues):
        # "Rioters clashed with troops", "rival protesters fought": a clash of demonstrators, with any state
        # force or with each other, is a riot (ACLED Violent demonstration).
        return "Violent demonstration"
    forces = [c for c in cues if c.kind == "military"]
    if not forces:
        return "Mob violence"
    if all(_POLICE.search(normalize(text[c.start:c.end])) for c in forces):
        return "Violent demonstration"
    return ""


def _type_clause(text: str, offset: int, cues: list[_Cue], lex: _Lexicon,
                 sentence_weapons: Optional[list[str]] = None) -> list[TypeHit]:
    weapons = _weapons_in(cues)
    if not weapons and sentence_weapons and not any(c.kind == "specific" for c in cues):
        # "deux drones ont été tirés…, le premier a visé X et le second Y": an elliptic clause keeps the
        # weapon named earlier in the sentence.
        weapons = list(sentence_weapons)
    # A generic attack with no weapon is a clash when armed forces are involved, an attack on civilians
    # when only civilian targets are named.
    military = any(c.kind == "military" for c in cues)
    civilians = any(c.kind == "civilian" for c in cues) and not military
    trig = _drop_overlapped(cues)
    backgrounds = [c for c in cues if c.kind == "background"]
    bg_clash = False
    if backgrounds:
        # A trigger inside a background phrase is dropped when the clause reports something else, and only
        # counts for less otherwise; a modifier there never applies.
        # A trigger ending inside one counts too ("the rebels intended to take control": the trigger starts
        # at its actor, the background at the intention).
        inside = [any(b.start <= c.end <= b.end and b.start < c.end for b in backgrounds) for c in trig]
        # A bare casualty word ("a man was killed during a clash") does not report something else: the
        # clash it happened in is the event (ACLED codes deaths in a fight to the fight).
        foreground = any(not bg and c.kind != "modifier" and not (c.kind == "generic" and c.weight < _CASUALTY_WEIGHT)
                         for c, bg in zip(trig, inside))
        # Clashes as the setting of a protest ("police dispersed protesters during clashes") still say the
        # protesters fought: the clash stays as a modifier for the combination rules.
        bg_clash = any(bg and c.kind == "specific" and c.label == "Armed clash" for c, bg in zip(trig, inside))
        trig = [replace(c, weight=c.weight * _BACKGROUND_FACTOR) if bg else c
                for c, bg in zip(trig, inside) if not (bg and (c.kind == "modifier" or foreground))]
    if not weapons and not military and any(c.kind == "labour" for c in cues):
        # A bare "strike" / "grève" among workers, unions or wages, with no weapon, armed force or other
        # violent cue in the clause, is a labour action: it is typed like a specific protest cue, so tear gas
        # or arrests in the clause still combine with it.
        gen = [c for c in trig if c.kind == "generic"]
        if gen and all(c.labour for c in gen):
            trig = [replace(c, kind="specific", label=c.labour, weight=_LABOUR_WEIGHT,
                            source=f"labour:{c.source}") if c.kind == "generic" else c for c in trig]
    specific = [c for c in trig if c.kind == "specific"]
    generic = [c for c in trig if c.kind == "generic"]
    modifiers = {c.label for c in trig if c.kind == "modifier"}
    if bg_clash and any(tx.event_type_of(c.label) == "Protests" for c in specific):
        modifiers.add("Armed clash")
    implied = sorted({lex.weapon_implies.get(w, "") for w in weapons} - {""}, key=tx.rank)

    # Candidate (cue, sub-type, score, source) per specific cue.
    cands: list[tuple[_Cue, str, float, str]] = [(c, c.label, c.weight, c.source) for c in specific]

    # Combination rules (protest + tear gas -> Protest with intervention ...).
    labels = {c[1] for c in cands} | modifiers
    for rule in tx.combine_rules():
        if all(w in labels for w in rule.when):
            base = [c for c in cands if c[1] in rule.when]
            if not base:
                continue
            anchor = max(base, key=lambda c: c[2])
            cands = [c for c in cands if c[1] not in rule.when]
            cands.append((anchor[0], rule.then, min(1.0, anchor[2] + 0.1), f"{anchor[3]} + {'/'.join(rule.when)}"))
            labels = {c[1] for c in cands} | modifiers

    cands = _territory_as_clash(text, cues, _territory_by_actor(text, cues, cands))
    # "Two militants shot dead", "insurgents were killed by gunmen", "gunmen killed two gendarmes": killing
    # members of an armed group or of the state forces is a battle (ACLED Armed clash: an attack on state forces
    # by an armed group), never violence against civilians -- unless the victim was off duty or at home
    # ("a policeman was shot in front of his house"), where ACLED records an attack on a civilian.
    # A bomb or shell in the clause names the tactic instead ("an IED attack executed against their vehicle").
    off_duty = any(c.kind == "off_duty" for c in cues)
    remote = any(tx.event_type_of(c[1]) == "Explosions/Remote violence" for c in cands)
    cands = [(_without_actor(text, cues, c[0]), "Armed clash", c[2], f"{c[3]} + armed target")
             if c[1] == "Attack" and _patient_is_combatant(text, cues, c[0], off_duty)
             and not (remote and _patient_kind(text, cues, c[0]) == "military")
             and not any(t.kind in ("civilian", "victim") and c[0].start <= t.start and t.end <= c[0].end
                         and not _within_kind(cues, t, "armed") for t in cues) else c for c in cands]
    riot = _unarmed_clash_type(text, cues, weapons)
    if riot:
        # ACLED: a clash between unorganised, unarmed groups (party supporters, rival communities, traders
        # and the police) is a riot, not an Armed clash between organised armed groups.
        cands = [(c[0], riot, c[2], f"{c[3]} + unarmed parties") if c[1] == "Armed clash" else c for c in cands]
    present = {c[1] for c in cands}
    absorbed = {a for sub in present for a in tx.absorbed_by(sub)}
    cands = [c for c in cands if c[1] not in absorbed]
    violent = [c for c in cands if tx.is_violent(c[1])]
    strategic = [c for c in cands if not tx.is_violent(c[1])]
    # A strong strategic cue ("explosive devices were found and defused", "weapons seized in a raid") beats
    # weak or merely nominal violent cues in the same clause: the weapon is the object, not the event.
    # Arrests after a clearly named battle ("repel an attack …, 21 arrested") are a second event, not the object.
    top_sd = max((c[2] for c in strategic), default=0.0)
    if all(c[1] == "Arrests" for c in strategic if c[2] == top_sd) and any(
            c[2] >= 0.7 and tx.event_type_of(c[1]) == "Battles" for c in violent):
        top_sd = 0.0
    if top_sd >= 0.8 and all(c[2] < top_sd for c in violent):
        violent = []
        generic = []
    # Weapons can raise an explosion-type cue to a higher explosion sub-type (bombardment by jets -> air strike),
    # and name the tactic of an attack on a base or position (mortar fire on army posts -> Shelling).
    if implied:
        upgraded = []
        for c in violent:
            if (tx.event_type_of(c[1]) == "Explosions/Remote violence" and tx.rank(implied[0]) < tx.rank(c[1])) \
                    or (c[0].by_weapon and not tx.event_type_of(c[1]) == "Explosions/Remote violence"):
                upgraded.append((c[0], implied[0], c[2], f"{c[3]} + weapon"))
            else:
                upgraded.append(c)
        violent = upgraded

    if not violent and generic:
        # A generic cue that names a likely type by itself ("frappe", "explosion") decides over a bare verb
        # ("a ciblé") in the same clause.
        g = max(generic, key=lambda c: (bool(c.label), c.weight, c.end - c.start))
        if military and _civilians_after_actor(text, cues, g):
            # "Soldiers kill three members of a family": armed forces acting on a civilian target.
            military, civilians = False, True
        elif military and off_duty and _patient_kind(text, cues, g) == "military":
            # "A policeman was killed in front of his home": off duty, the victim is a civilian for ACLED.
            military, civilians = False, True
        elif not civilians and _patient_kind(text, cues, g) == "civilian":
            # "Opposition forces opened fire on residential areas", "a man was attacked by party supporters":
            # whoever acts, a civilian target makes it violence against civilians (ACLED Attack).
            military, civilians = False, True
        elif not military and not civilians and _raid_on_place(text, cues, g):
            # "Militia attacked X area", "herdsmen attack Y": a raid on a settlement with no fighting side named.
            civilians = True
        if implied:
            violent = [(g, implied[0], max(0.75, g.weight + 0.3), f"generic:{g.source} + weapon")]
        else:
            if g.label and not (military and g.label == lex.civilian_fallback):
                sub = g.label
            else:
                sub = lex.civilian_fallback if civilians else lex.fallback
            violent = [(g, sub, g.weight * 0.7, f"generic:{g.source}")]

    hits: list[TypeHit] = []
    if violent:
        # ACLED's hierarchy collapses concurrent tactics of one event, but only among cues that really
        # describe it: a weak or backgrounded cue ("offensive", "amid clashes") does not outrank a clear one.
        top = max(c[2] for c in violent)
        eligible = [c for c in violent if c[2] >= top - _COLLAPSE_MARGIN]
        best = min(eligible, key=lambda c: (tx.collapse_rank(c[1]), -c[2], tx.rank(c[1])))
        support = max(c[2] for c in violent)
        score = max(best[2], support) + 0.05 * (len(violent) - 1)
        if implied and implied[0] == best[1]:
            score += 0.1
        hits.append(_make_hit(text, offset, best[0], best[1], weapons, score, best[3]))

    if hits:
        strategic = [c for c in strategic if c[1] in _SD_KEPT_IN_VIOLENT_CLAUSE and c[2] >= 0.8]
    seen: dict[str, tuple[_Cue, str, float, str]] = {}
    for c in strategic:
        if c[1] not in seen or c[2] > seen[c[1]][2]:
            seen[c[1]] = c
    for c in seen.values():
        hits.append(_make_hit(text, offset, c[0], c[1], weapons if c[1] in _SD_WITH_WEAPONS else [], c[2], c[3]))
    return hits


def type_sentence(text: str, lang: str) -> list[TypeHit]:
    """All distinct event triggers in one sentence, in text order, typed with ACLED's hierarchy rules.

    Cues in one clause describing one attack collapse to one hit (a generic attack verb plus a weapon noun
    gives one hit typed by the weapon); separate clauses (";", "tandis que", a retaliation "en réaction à…")
    may give separate hits. Unsupported languages fall back to English cues.
    """
    lang = lang if lang in SUPPORTED_LANGS else "en"
    try:
        lex = load_lexicon(lang)
    except ValueError:
        lex = load_lexicon("en")
    norm = normalize(text)
    cues = _find_cues(norm, lex)
    hits: list[TypeHit] = []
    retaliation = {m.start() for r in lex.retaliation_breaks for m in r.finditer(norm)}
    clauses = _clauses(norm, cues, lex)
    sentence_weapons = _weapons_in([c for c in cues if not any(
        a in retaliation and a <= c.start < b for a, b in clauses)])
    for a, b in clauses:
        inside = [c for c in cues if c.start >= a and c.end <= b and c.kind != "break"]
        if not any(c.kind in ("specific", "generic") for c in inside):
            continue
        if lex.lang == "ar":
            inside = _ar_reported(inside)
            if not any(c.kind in ("specific", "generic") for c in inside):
                continue
        hits.extend(_type_clause(text, 0, inside, lex, None if a in retaliation else sentence_weapons))
    if lex.lang == "ar":
        # Arabic: a weak hit needs a report anchor in the sentence; one below the floor never counts.
        anchored = any(c.kind == "anchor" for c in cues)
        hits = [h for h in hits if h.score >= (lex.floor if anchored else max(lex.floor, lex.weak_below))]
    hits.sort(key=lambda h: h.start)
    return hits


def _ar_reported(cues: list[_Cue]) -> list[_Cue]:
    """Arabic only: the clause's cues without the triggers a `non_event` cue says are not a new event, and
    without the non-event and anchor cues themselves (they are no trigger). `cues` block a trigger they start
    before (in the clause: "نفى ... الهجوم", "هل ... اغتيال", "يعتزم ... التظاهر"; a trigger overlapping one is
    dropped too, so a family may name a whole figurative phrase, "هجوم إعلامي"); `violent_cues` block only
    violent triggers ("أدان ... التفجير", while protesters condemn things); `clause_cues` block every trigger
    of the clause ("؟")."""
    blocks = [c for c in cues if c.kind == "non_event"]
    violent_blocks = [c for c in cues if c.kind == "non_event_violent"]
    whole = any(c.kind == "non_event_clause" for c in cues)
    keep = []
    for c in cues:
        if c.kind in ("non_event", "non_event_violent", "non_event_clause", "anchor"):
            continue
        if c.kind in ("specific", "generic", "modifier") and (
                whole or any(b.start < c.end for b in blocks)
                or (any(b.start < c.end for b in violent_blocks) and not _is_protest_cue(c))):
            continue
        keep.append(c)
    return keep


def _is_protest_cue(c: _Cue) -> bool:
    """True for a specific cue of a demonstration type (condemning is what protesters do)."""
    return c.kind == "specific" and tx.disorder_type_of(c.label).startswith("Demonstrations")


_SENT_SPLIT = re.compile(r"(?<=[.!?؟])\s+|\n+")


def type_snippet(text: str, lang: str = "en") -> Optional[TypeHit]:
    """One ACLED sub-event label for a whole snippet (CASE 2021 Task 2 style), or None with no event cue.

    Every sentence is typed; per sub-event type the best hit is kept, reinforced a little by repeated hits
    and by appearing in the first sentence (where news snippets state their main event); the best-scoring
    type wins, ties going to the higher type in the hierarchy.
    """
    best: dict[str, tuple[float, TypeHit]] = {}
    pos = 0
    for i, sent in enumerate(_SENT_SPLIT.split(text)):
        start = text.find(sent, pos)
        pos = start + len(sent)
        for hit in type_sentence(sent, lang):
            hit = replace(hit, start=hit.start + start, end=hit.end + start)
            s = hit.score + (0.08 if i == 0 else 0.0)
            if hit.sub_event_type in best:
                prev_s, prev_hit = best[hit.sub_event_type]
                s = max(s, prev_s) + 0.04
                hit = hit if hit.score > prev_hit.score else prev_hit
            best[hit.sub_event_type] = (s, hit)
    if not best:
        return None
    # Combination rules also hold across the snippet's sentences (a protest, then tear gas in the next one).
    lex = load_lexicon(lang if lang in SUPPORTED_LANGS else "en")
    all_cues = _find_cues(normalize(text), lex)
    backgrounds = [c for c in all_cues if c.kind == "background"]
    modifiers = {c.label for c in all_cues if c.kind == "modifier"
                 and not any(b.start <= c.start and c.end <= b.end for b in backgrounds)}
    for rule in tx.combine_rules():
        present = set(best) | modifiers
        if all(w in present for w in rule.when) and any(w in best for w in rule.when):
            parts = [best[w] for w in rule.when if w in best]
            s_max, anchor = max(parts, key=lambda p: p[0])
            for w in rule.when:
                best.pop(w, None)
            ptype, pmode = tx.plover_of(rule.then, anchor.weapons)
            new = replace(anchor, sub_event_type=rule.then, event_type=tx.event_type_of(rule.then),
                          disorder_type=tx.disorder_type_of(rule.then), plover_type=ptype, plover_mode=pmode,
                          cue=f"{anchor.cue} + {'/'.join(rule.when)}")
            if rule.then not in best or best[rule.then][0] < s_max + 0.05:
                best[rule.then] = (s_max + 0.05, new)
    # Arrests at a protest are part of it, but a passing mention of "unrest" does not swallow a clear report
    # of looting: the absorbing type must be about as strong as the absorbed one.
    for sub in list(best):
        for absorbed in tx.absorbed_by(sub):
            if sub in best and absorbed in best and best[sub][0] >= best[absorbed][0] - _COLLAPSE_MARGIN:
                best.pop(absorbed)
    sub = min(best, key=lambda k: (-round(best[k][0], 3), tx.rank(k)))
    score, hit = best[sub]
    return replace(hit, score=round(min(1.0, score), 3))


def retype_with_weapons(hit: TypeHit, weapons: list[str], lang: str = "en") -> TypeHit:
    """Re-type a hit that came from a generic attack cue using weapons known from context.

    For a report that continues across sentences ("la base … a été prise pour cible" followed by "une attaque
    de missiles"), the caller passes the weapons of the neighbouring sentences; hits that were not decided by
    a generic cue are returned unchanged.
    """
    if not hit.cue.startswith("generic:") or not weapons:
        return hit
    lex = load_lexicon(lang if lang in SUPPORTED_LANGS else "en")
    implied = sorted({lex.weapon_implies.get(w, "") for w in weapons} - {""}, key=tx.rank)
    if not implied:
        return hit
    sub = implied[0]
    ptype, pmode = tx.plover_of(sub, weapons)
    return replace(hit, sub_event_type=sub, event_type=tx.event_type_of(sub),
                   disorder_type=tx.disorder_type_of(sub), plover_type=ptype, plover_mode=pmode,
                   weapons=list(dict.fromkeys([*hit.weapons, *weapons])), score=max(hit.score, 0.6),
                   cue=hit.cue + " + context weapon")


def weapons_in(text: str, lang: str) -> list[str]:
    """Normalized weapon names mentioned in `text`, in order of first mention."""
    lex = load_lexicon(lang if lang in SUPPORTED_LANGS else "en")
    return _weapons_in(_find_cues(normalize(text), lex))
