"""Casualty figures (fatalities, injuries) in a sentence, normalized the ACLED way (fr, en, ar).

A figure counts only when a casualty word governs it: after it ("deux soldats américains ont été tués", "62
blessés", "three people were killed", "٧ قتلى") or before it ("tuant trois civils", "killing at least five", "the
death toll rose to 12", "مقتل 3 جنود"). Figures in words and digits (Arabic-Indic too) are read; an indefinite
article counts one ("a civilian was killed", "مقتل جندي"); conjuncts sharing a casualty word are summed ("trois
soldats et deux civils tués" → 5); an inserted clause does not break a figure from its casualty word ("16 people,
including two children, were killed" → 16); a singular subject opening the sentence counts one ("Farmer killed in
X.", "The priest was shot dead."), and so does "later died of her injuries" (replacing a lone injured figure of one);
a toll update supersedes earlier fatality figures of the sentence. Vague
quantities get ACLED's fixed values ("des dizaines" → 12, "hundreds" → 100) and hedges ("environ", "at least")
mark the value approximate. Explicit zeros ("aucune victime", "no casualties") give 0. Figures that count something
else (dates, ages, "66 fois", "55 kilomètres", "deux drones ont tué", "l'un des appareils a été abattu") are not
casualties. Whether a figure is an aggregate over a period is the caller's call. Lexicon:
`data/lexicon/casualties.yaml`.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Optional


from .actors import fold_arabic, fold_text
from .datafiles import data_yaml

__all__ = ["Casualty", "find_casualties", "parse_number"]


@dataclass
class Casualty:
    """One casualty figure: kind "fatalities" or "injuries", value, span in the searched text, approximate flag."""

    kind: str
    value: int
    start: int
    end: int
    text: str
    approximate: bool


@functools.lru_cache(maxsize=1)
def _lexicon() -> dict[str, Any]:
    data: dict[str, Any] = fold_arabic(data_yaml("lexicon/casualties.yaml"))
    return data


def _langs(lang: str) -> list[str]:
    lex = _lexicon()
    return [lang] if lang in lex["number_words"] else ["en", "fr"]


def _alt(items: Any) -> str:
    return "|".join(sorted((str(i) for i in items), key=len, reverse=True)) or "(?!)"


# Start of a word, or right after an Arabic conjunction/preposition glued to it ("وإصابة", "و5", "بمقتل").
_START = r"(?:(?<!\w)|(?<=(?<!\w)[وفبل]))"


@dataclass
class _Rules:
    words: dict[str, int]
    vague: dict[str, int]
    after: re.Pattern[str]
    before: re.Pattern[str]
    zero: list[tuple[str, re.Pattern[str]]]
    ambiguous: Optional[re.Pattern[str]]
    counted: dict[str, int]
    before_counted: Optional[re.Pattern[str]]
    chain: re.Pattern[str]
    masked: Optional[re.Pattern[str]]
    toll: Optional[re.Pattern[str]]
    self_counting: list[tuple[str, re.Pattern[str]]]
    bare: Optional[re.Pattern[str]]
    number_start: re.Pattern[str]
    singular_aux: Optional[re.Pattern[str]]


@functools.lru_cache(maxsize=8)
def _rules(lang: str) -> _Rules:
    lex = _lexicon()
    langs = _langs(lang)
    words: dict[str, int] = {}
    vague: dict[str, int] = {}
    mods: list[str] = []
    blockers: list[str] = []
    after: dict[str, list[str]] = {"fatalities": [], "injuries": []}
    before: dict[str, list[str]] = {"fatalities": [], "injuries": []}
    zero: list[tuple[str, re.Pattern[str]]] = []
    ambiguous: list[str] = []
    followers: list[str] = []
    counted: dict[str, int] = {}
    things: list[str] = []
    inserts: list[str] = []
    self_counting: list[tuple[str, re.Pattern[str]]] = []
    bare = lex.get("bare_singular") or {}
    bare_cues: list[str] = []
    bare_dets: list[str] = []
    bare_pronouns: list[str] = []
    bare_blockers: list[str] = []
    singular_aux: list[str] = []
    for lg in langs:
        singular_aux.extend(re.escape(a) for a in (lex.get("singular_auxiliaries") or {}).get(lg) or [])
        inserts.extend(re.escape(i) for i in (lex.get("inserts", {}).get(lg) or []))
        for kind, patterns in ((lex.get("self_counting") or {}).get(lg) or {}).items():
            self_counting.extend((kind, re.compile(_START + r"(?:" + p + r")(?!\w)")) for p in patterns)
        bare_cues.extend((bare.get("cues") or {}).get(lg) or [])
        bare_dets.extend(re.escape(d) for d in (bare.get("determiners") or {}).get(lg) or [])
        bare_pronouns.extend(re.escape(d) for d in (bare.get("pronouns") or {}).get(lg) or [])
        bare_blockers.extend(re.escape(str(b)) for b in (bare.get("blockers") or {}).get(lg) or [])
        counted.update({str(k): int(v) for k, v in (lex.get("counted_nouns", {}).get(lg) or {}).items()})
        things.extend(lex.get("counted_things", {}).get(lg) or [])
        followers.extend(lex.get("passive_followers", {}).get(lg) or [])
        words.update(lex["number_words"].get(lg, {}))
        vague.update({str(k): int(v) for k, v in (lex["vague"].get(lg) or {}).items()})
        mods.extend(re.escape(m) for m in lex["modifiers"].get(lg, []))
        blockers.extend(lex["gap_blockers"].get(lg, []))
        for kind in after:
            after[kind].extend(lex["after"].get(lg, {}).get(kind, []))
            before[kind].extend(lex["before"].get(lg, {}).get(kind, []))
        for kind, patterns in (lex["zero"].get(lg) or {}).items():
            zero.extend((kind, re.compile(_START + r"(?:" + p + r")(?!\w)")) for p in patterns)
        ambiguous.extend(lex.get("active_ambiguous", {}).get(lg, []))
    word_alt = _alt(re.escape(w) for w in words)
    # Vague quantities first: "une dizaine" is not "une" (1).
    number_body = (r"\d{1,3}(?:[ ,.]\d{3})+(?!\d)|\d+(?![\d,.]\d)"
                   r"|(?:" + word_alt + r")(?:\s+(?:et\s+|and\s+|و)?(?:" + word_alt + r"))*(?!\w)")
    number = r"(?P<num>(?P<vague>" + _alt(re.escape(v) for v in vague) + r")(?!\w)|" + number_body + ")"
    modifier = r"(?:(?P<mod>" + _alt(mods) + r")\s+)?"
    not_people = _alt(re.escape(b) for b in things)
    blocked = _alt(re.escape(b) for b in list(blockers) + list(words) + things)
    gap = r"(?:\s+(?!(?:" + blocked + r")(?!\w))[^\W\d][\w']*){0,6}?"
    after_alt = "|".join(f"(?P<a_{k}>{'|'.join(v)})" for k, v in after.items() if v)
    before_alt = "|".join(f"(?P<b_{k}>{'|'.join(v)})" for k, v in before.items() if v)
    masked = lex.get("masked") or []
    # "16 people, including two children, were killed": an inserted clause between the figure and its casualty word.
    insert = (r"(?:\s*[,،]\s*(?:" + _alt(inserts) + r")(?!\w)[^,،;.()]{0,80}?[,،]|\s*\([^()]{0,80}\))?"
              if inserts else "")
    np_word = (r"(?!(?:" + _alt(bare_blockers + [re.escape(b) for b in list(blockers) + list(words) + things])
               + r")(?!\w))[^\W\d][\w']*")
    bare_re = None
    if bare_cues:
        subject = (r"(?:" + (r"(?:" + _alt(bare_dets) + r")\s*" if bare_dets else "") + r")?(?:" + np_word
                   + r"\s+){0,2}?" + np_word)
        if bare_pronouns:
            subject = r"(?:" + _alt(bare_pronouns) + r"|" + subject + r")"
        bare_re = re.compile(r"^\W*(?P<num>" + subject + r")\s+(?P<cue>" + "|".join(bare_cues) + r")(?!\w)")
    tolls = lex.get("toll_update") or []
    return _Rules(
        words=words, vague=vague, counted=counted,
        after=re.compile(_START + modifier + number + gap + insert + r"\s+(?:" + after_alt + r")(?!\w)"),
        before=re.compile(_START + r"(?:" + before_alt + r")\s+" + modifier + number + r"(?!\w)(?!\s+(?:"
                          + not_people + r")(?!\w))"),
        before_counted=re.compile(_START + r"(?:" + before_alt + r")\s+(?P<num>" + _alt(re.escape(c) for c in counted)
                                  + r")(?!\w)") if counted else None,
        zero=zero,
        ambiguous=re.compile(r"(?:" + _alt(re.escape(a) for a in ambiguous) + r")(?:\s+(?!(?:" + _alt(followers)
                             + r")(?!\w))[\w']|\s+" + modifier + number + r"(?!\w))") if ambiguous else None,
        # A conjunct before a figure, sharing its casualty word: "trois soldats et | deux civils ont été tués".
        chain=re.compile(r"(?<!\w)(?P<mod>" + _alt(mods) + r")?\s*(?P<num>" + number_body + r")"
                         r"(?:\s+(?!(?:" + blocked + r")(?!\w))[^\W\d][\w']*){0,3}?\s*(?:,|(?<!\w)(?:et|and|و))\s*$"),
        masked=re.compile(r"(?<!\w)(?:" + "|".join(masked) + r")(?!\w)") if masked else None,
        toll=re.compile(r"(?<!\w)(?:" + "|".join(tolls) + r")(?!\w)") if tolls else None,
        self_counting=self_counting, bare=bare_re,
        singular_aux=re.compile(r"(?:" + _alt(singular_aux) + r")\s") if singular_aux else None,
        number_start=re.compile(r"\s+(?:" + modifier + number + r")(?!\w)"),
    )


def parse_number(folded: str, lang: str = "") -> Optional[int]:
    """Value of a folded number expression: digits ("1,200", "62") or words ("vingt et un", "quatre vingt dix",
    "twenty five", "one hundred and five"); None when it is not a number."""
    text = folded.strip()
    digits = re.sub(r"[ ,.]", "", text)
    if digits.isdigit():
        return int(digits)
    rules = _rules(lang)
    if text in rules.counted:
        return rules.counted[text]
    words = rules.words
    total, current, prev = 0, 0, ""
    seen = False
    tokens = re.split(r"\s+", text)
    if len(tokens) > 1 and tokens[0] == "another":
        tokens = tokens[1:]  # "another two soldiers": two more
    for tok in tokens:
        if tok in ("et", "and"):
            continue
        if tok not in words and tok.startswith("و") and tok[1:] in words:
            tok = tok[1:]  # Arabic "وعشرون" (and twenty)
        if tok not in words:
            return None
        seen = True
        value = words[tok]
        if value == 100:
            current = (current or 1) * 100
        elif value == 1000:
            total += (current or 1) * 1000
            current = 0
        elif value == 20 and prev == "quatre":
            current += 80 - 4  # "quatre-vingt(s)" = 80
        else:
            current += value
        prev = tok
    return total + current if seen else None


def find_casualties(text: str, lang: str) -> list[Casualty]:
    """Fatality and injury figures in `text` (a sentence), in text order, with offsets into `text`."""
    rules = _rules(lang)
    folded, index = fold_text(text)
    if rules.masked is not None:
        # "a 12-year-old boy": the age is not a count (letters of the same length keep the offsets).
        folded = rules.masked.sub(lambda m: "x" * len(m.group(0)), folded)

    def span(s: int, e: int) -> tuple[int, int]:
        return index[s], index[e - 1] + 1

    found: list[tuple[int, int, int, int, str, int, bool]] = []  # start, end, num_start, num_end, kind, value, approx

    def add(m: re.Match[str], kind: str, chain: bool = False) -> None:
        vague = m.groupdict().get("vague")
        value = rules.vague[vague] if vague else parse_number(m.group("num"), lang)
        if value is None or (not vague and value == 0):
            return
        approximate = bool(vague) or bool(m.groupdict().get("mod"))
        start = m.start()
        while chain:
            # "trois soldats et deux civils tués": the conjuncts before the figure share its casualty word.
            c = rules.chain.search(folded, max(0, start - 80), start)
            if c is None or (c.end() != start and folded[c.end():start].strip()):
                break
            extra = parse_number(c.group("num"), lang)
            if not extra or any(c.start() < fe and start > fs for fs, fe, *_ in found):
                break
            value += extra
            approximate = approximate or bool(c.group("mod"))
            start = c.start("num") if not c.group("mod") else c.start()
        found.append((start, m.end(), start if chain else m.start("num"), m.end("num"), kind, value, approximate))

    for m in rules.after.finditer(folded):
        kind = "fatalities" if m.groupdict().get("a_fatalities") else "injuries"
        cue_start = m.start("a_" + kind)
        # "three soldiers killed two militants", "a strike killed civilians": an English participle followed by an
        # object is an active verb.
        if rules.ambiguous is not None and rules.ambiguous.match(folded, cue_start):
            continue
        # "11 goats was beaten to death": a plural figure cannot be the subject of a singular auxiliary.
        if rules.singular_aux is not None and rules.singular_aux.match(folded, cue_start):
            value = parse_number(m.group("num"), lang) if not m.group("vague") else 2
            if value is not None and value > 1:
                continue
        add(m, kind, chain=True)
    for m in rules.before.finditer(folded):
        add(m, "fatalities" if m.groupdict().get("b_fatalities") else "injuries")
    if rules.before_counted is not None:
        for m in rules.before_counted.finditer(folded):
            add(m, "fatalities" if m.groupdict().get("b_fatalities") else "injuries")
    for kind, pattern in rules.zero:
        for m in pattern.finditer(folded):
            kinds = ("fatalities", "injuries") if kind == "both" else (kind,)
            for k in kinds:
                found.append((m.start(), m.end(), m.start(), m.end(), k, 0, False))

    for kind, pattern in rules.self_counting:
        # "later died of her injuries": one dead, the same person as a lone injured figure before it.
        for m in pattern.finditer(folded):
            if any(k == kind and f_s < m.end() and f_e > m.start() for f_s, f_e, _, _, k, _, _ in found):
                continue
            found = [f for f in found if not (kind == "fatalities" and f[4] == "injuries" and f[5] == 1
                                              and f[1] <= m.end())]
            found.append((m.start(), m.end(), m.start(), m.end(), kind, 1, False))

    if rules.bare is not None and not any(f[4] == "fatalities" for f in found):
        # "Farmer killed in the north.", "The priest was shot dead.": a singular subject opening the sentence.
        b = rules.bare.match(folded)
        if b is not None and not re.search(r"(?:s|x)$", b.group("num")) and not (
                rules.ambiguous is not None and rules.ambiguous.match(folded, b.start("cue"))) and not (
                rules.number_start.match(folded, b.end("cue"))):
            found.append((b.start("num"), b.end(), b.start("num"), b.end("num"), "fatalities", 1, False))

    if rules.toll is not None:
        # "The death toll rose to 20": the latest toll supersedes the fatality figures before it.
        tolls = [f for f in found if f[4] == "fatalities" and rules.toll.search(folded, max(0, f[0] - 40), f[2])]
        if tolls:
            latest = max(tolls, key=lambda f: f[0])
            found = [f for f in found if f[4] != "fatalities" or f[0] >= latest[0] or f[5] == 0]

    out: list[Casualty] = []
    taken: list[tuple[int, int, str]] = []
    for s, e, ns, ne, kind, value, approx in sorted(found, key=lambda f: (f[0], -(f[1] - f[0]))):
        # One figure is one casualty count; the same words can hold a fatality and an injury zero ("aucune victime").
        if any(ns < te and ne > ts and kind == tk for ts, te, tk in taken) or any(
                ns < te and ne > ts and value != 0 for ts, te, _ in taken):
            continue
        taken.append((ns, ne, kind))
        o_start, o_end = span(s, e)
        out.append(Casualty(kind=kind, value=value, start=o_start, end=o_end, text=text[o_start:o_end],
                            approximate=approx))
    return sorted(out, key=lambda c: (c.start, c.kind))
