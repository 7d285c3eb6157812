"""Find date expressions in a text: the lexicon-driven scanner behind `eventwire.dates`.

The date lexicon and grammar live in `data/lexicon/dates.yaml` (weekdays, months, relative words, periods
and `{kind, re}` templates per language). This module compiles them once per language into regexes that run
on a same-length normalized copy of the text (accents stripped, Arabic letters unified, Arabic-Indic digits
made ASCII), so every match keeps document offsets. `scan(text, lang)` returns `RawDate`s: the span, the
template kind and the slots read from it (weekday index, day, month number, year, offsets...), with
overlapping matches resolved longest-first. Resolution to calendar dates is done by `eventwire.dates`.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Optional

import yaml

SUPPORTED = ("fr", "en", "ar")

# ----------------------------------------------------------------------------------- normalization
_ARABIC_MAP = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "،": ",", "ـ": "ـ"}
_PUNCT_MAP = {"’": "'", "‘": "'", "\x92": "'", "ʼ": "'", "′": "'", "`": "'", "‐": "-", "‑": "-", "‒": "-", "–": "-",
              "—": "-", "―": "-", "−": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "}


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0x00C0, 0x0250):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base.isascii() and base.isalpha():
            table[cp] = base
    for src, dst in {**_ARABIC_MAP, **_PUNCT_MAP}.items():
        table[ord(src)] = dst
    for i in range(10):
        table[0x0660 + i] = str(i)  # Arabic-Indic digits
        table[0x06F0 + i] = str(i)  # Extended (Persian) digits
    return table


_TABLE = _build_table()
_LIGHT_TABLE = {cp: ch for cp, ch in _TABLE.items() if not 0x00C0 <= cp < 0x0250}


def normalize_light(text: str) -> str:
    """Same-length normalization that keeps Latin accents (for tense and reporting cues, where "à" is not "a")."""
    return text.translate(_LIGHT_TABLE)


def normalize(text: str) -> str:
    """Same-length normalization used for matching: offsets in the result are offsets in `text`."""
    return text.translate(_TABLE)


def key(text: str) -> str:
    """Lookup key of a lexicon phrase or a matched phrase: normalized, lower case, single spaces."""
    return " ".join(normalize(text).lower().split())


# Blank run between words: at least one blank, at most one line break (never across paragraphs).
_WS = r"(?:[ \t]+|[ \t]*\n[ \t]*)"


def _phrase_re(phrase: str) -> str:
    words = normalize(phrase).split()
    return _WS.join(re.escape(w) for w in words)


def _alternation(words: list[str], latin_dot: bool = False) -> str:
    # Longest first so "avant-hier" wins over "hier" and "kanun al-awwal" over shorter forms. Latin
    # abbreviations ("déc", "Dec": a prefix of a longer form) may carry a dot before a number; full names
    # only a dot glued to a digit ("June.27", note style), so they never swallow a sentence's full stop
    # ("in June. 27 people ...").
    keys = [key(w) for w in words]

    def dot(w: str) -> str:
        if not latin_dot:
            return ""
        k = key(w)
        abbreviation = any(o != k and o.startswith(k) for o in keys)
        return r"(?:\.(?=[ \t]*\d))?" if abbreviation else r"(?:\.(?=\d))?"
    forms = {_phrase_re(w) + dot(w) for w in words}
    return "(?:" + "|".join(sorted(forms, key=len, reverse=True)) + ")"


# ------------------------------------------------------------------------------------ the lexicon
@dataclass
class Lexicon:
    """One language's compiled date lexicon: lookup tables and the compiled templates."""

    lang: str
    weekdays: dict[str, int]
    ambiguous_weekdays: set[str]
    months: dict[str, int]
    relative_days: dict[str, int]
    numbers: dict[str, Optional[int]]
    units: dict[str, tuple[str, Optional[int]]]
    past_mods: set[str]
    next_mods: set[str]
    month_parts: dict[str, str]
    phrases: dict[str, dict[str, Any]]
    capitalized: bool
    patterns: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    period_cue_before: Optional[re.Pattern[str]] = None
    period_cue_start: Optional[re.Pattern[str]] = None
    future: list[re.Pattern[str]] = field(default_factory=list)
    past: list[re.Pattern[str]] = field(default_factory=list)
    reporting: list[re.Pattern[str]] = field(default_factory=list)
    event_links: list[re.Pattern[str]] = field(default_factory=list)
    naming_words: set[str] = field(default_factory=set)


def _norm_regex(rx: str) -> str:
    # Lexicon regexes are written with accents / hamza; normalize their literal letters (never ASCII, so
    # escapes like \w or \d are untouched) and let spaces match any blank run.
    return normalize(rx).replace(" ", _WS)


def _light_regex(rx: str) -> str:
    return normalize_light(rx).replace(" ", _WS)


def _compile_lexicon(lang: str, raw: dict[str, Any]) -> Lexicon:
    lex = Lexicon(
        lang=lang,
        weekdays={key(k): int(v) for k, v in raw["weekdays"].items()},
        ambiguous_weekdays={key(k) for k in raw.get("ambiguous_weekdays") or []},
        months={key(k): int(v) for k, v in raw["months"].items()},
        relative_days={key(k): int(v) for k, v in raw["relative_days"].items()},
        numbers={key(k): (None if v is None else int(v)) for k, v in raw["numbers"].items()},
        units={key(k): (str(v[0]), None if v[1] is None else int(v[1])) for k, v in raw["units"].items()},
        past_mods={key(k) for k in raw["past_mods"]},
        next_mods={key(k) for k in raw["next_mods"]},
        month_parts={key(k): str(v) for k, v in raw["month_parts"].items()},
        phrases={key(k): dict(v) for k, v in raw["phrases"].items()},
        capitalized=bool(raw.get("capitalized_names", False)),
        naming_words={str(w).casefold() for w in raw.get("naming_words") or []},
    )
    latin = lang != "ar"
    wd = _alternation(list(raw["weekdays"]))
    mon = _alternation(list(raw["months"]), latin_dot=latin)
    day = r"[0-3]?\d(?!\d)"
    day_suffix = r"(?:er|st|nd|rd|th|e)?" if latin else ""
    year = r"(?:19|20)\d\d(?!\d)"
    num = r"(?:\d{1,3}|" + _alternation([k for k in raw["numbers"]]) + ")"
    slots = {
        "WD": f"(?P<wd>{wd})", "WD2": f"(?P<wd2>{wd})",
        "DAY": f"(?P<day>{day}){day_suffix}", "DAY2": f"(?P<day2>{day}){day_suffix}",
        "MON": f"(?P<mon>{mon})", "MON2": f"(?P<mon2>{mon})",
        "YEAR": f"(?P<year>{year})", "YEAR2": f"(?P<year2>{year})",
        "REL": f"(?P<rel>{_alternation(list(raw['relative_days']))})",
        "POD": f"(?P<pod>{_alternation(list(raw['parts_of_day']))})",
        "N": f"(?P<n>{num})", "N2": f"(?P<n2>{num})",
        "UNIT": f"(?P<unit>{_alternation(list(raw['units']))})",
        "PHRASE": f"(?P<phrase>{_alternation(list(raw['phrases']))})",
        "PAST": f"(?P<past>{_alternation(list(raw['past_mods']))})",
        "NEXT": f"(?P<next>{_alternation(list(raw['next_mods']))})",
        "MPRE": f"(?P<mpre>{_alternation(list(raw['month_parts']))})",
    }
    for entry in raw["patterns"]:
        template = _norm_regex(entry["re"])
        body = re.sub(r"\{([A-Z0-9]+)\}", lambda m: slots[m.group(1)], template)
        rx = re.compile(r"(?<![\w])(?:" + body + r")(?![\w])", re.IGNORECASE)
        lex.patterns.append((str(entry["kind"]), rx))
    cues = "|".join(_norm_regex(c) for c in raw.get("period_cues") or [])
    if cues:
        lex.period_cue_before = re.compile(r"(?<![\w])(?:" + cues + r")\s*$", re.IGNORECASE)
        lex.period_cue_start = re.compile(r"^(?:" + cues + r")(?![\w])", re.IGNORECASE)
    for name in ("future", "past", "reporting", "event_links"):
        yaml_name = {"future": "future_cues", "past": "past_cues"}.get(name, name)
        getattr(lex, name).extend(re.compile(_light_regex(p), re.IGNORECASE) for p in raw.get(yaml_name) or [])
    return lex


@functools.lru_cache(maxsize=1)
def _raw_lexicon() -> dict[str, Any]:
    text = resources.files("eventwire").joinpath("data/lexicon/dates.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@functools.lru_cache(maxsize=8)
def lexicon(lang: str) -> Lexicon:
    """The compiled lexicon for `lang` (English for languages we have no date lexicon for)."""
    raw = _raw_lexicon()
    if lang not in raw:
        lang = "en"
    return _compile_lexicon(lang, raw[lang])


# ---------------------------------------------------------------------------------------- scanning
@dataclass(frozen=True)
class RawDate:
    """A date expression found in the text, before resolution: span, template kind and its slots."""

    start: int
    end: int
    text: str
    kind: str
    slots: tuple[tuple[str, Any], ...]

    def get(self, name: str, default: Any = None) -> Any:
        for k, v in self.slots:
            if k == name:
                return v
        return default


def _slot_values(lex: Lexicon, kind: str, m: re.Match[str], original: str) -> Optional[dict[str, Any]]:
    """Turn a match's named groups into typed slots; None when the match is not a real date expression."""
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    out: dict[str, Any] = {}
    if lex.capitalized:
        for name in ("mon", "mon2", "wd", "wd2"):
            if name in g and not original[m.start(name)].isupper():
                return None
    for name in ("wd", "wd2"):
        if name in g:
            out[name] = lex.weekdays[key(g[name])]
    for name in ("mon", "mon2"):
        if name in g:
            out[name] = lex.months[key(g[name].rstrip("."))]
    for name in ("day", "day2", "year", "year2", "a", "b", "y", "m", "d"):
        if name in g:
            out[name] = int(g[name])
    for name in ("day", "day2"):
        if name in out and not 1 <= out[name] <= 31:
            return None
    if "rel" in g:
        out["rel"] = lex.relative_days[key(g["rel"])]
    if "pod" in g:
        out["pod"] = key(g["pod"])
    if "past" in g:
        out["past"] = True
    if "next" in g:
        out["next"] = True
    if "conj" in g and "btw" not in g:
        out["list"] = True
    if "phrase" in g:
        out["phrase"] = lex.phrases[key(g["phrase"])]
    if "unit" in g:
        unit, implied = lex.units[key(g["unit"])]
        out["unit"] = unit
        n: Optional[int] = implied if implied is not None else 1
        few = False
        for name in ("n", "n2"):
            if name in g:
                word = key(g[name])
                if word.isdigit():
                    n = int(word)
                else:
                    n = lex.numbers.get(word, 1)
                    few = n is None
        out["n"] = n if n is not None else 3
        out["few"] = few
    if "mpre" in g:
        out["part"] = lex.month_parts.get(key(g["mpre"]), "whole")
    if kind == "numeric" and "y" not in g and not (1 <= out["a"] <= 31 and 1 <= out["b"] <= 12):
        return None  # "28/06" must read as day/month at least one way round (scores, ratios are not)
    if kind == "month" and "mpre" not in g and "year" not in g and "mon2" not in g:
        return None  # a bare month name ("mars", "مارس" the verb) is too ambiguous alone
    if kind == "weekday" and lex.ambiguous_weekdays and "wd" in g and key(g["wd"]) in lex.ambiguous_weekdays:
        if not (g.get("cue") or g.get("past") or g.get("next")):
            return None
    return out


def _scan_uncached(text: str, lang: str) -> tuple[RawDate, ...]:
    lex = lexicon(lang)
    norm = normalize(text)
    found: list[tuple[int, int, int, str, dict[str, Any]]] = []
    for order, (kind, rx) in enumerate(lex.patterns):
        for m in rx.finditer(norm):
            if m.end() <= m.start():
                continue
            slots = _slot_values(lex, kind, m, text)
            if slots is None:
                continue
            found.append((m.start(), m.end(), order, kind, slots))
    # Longest match wins; among equal lengths, the earlier template in the grammar.
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    taken: list[tuple[int, int]] = []
    chosen: list[RawDate] = []
    for start, end, _order, kind, slots in found:
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        chosen.append(RawDate(start, end, text[start:end], kind, tuple(sorted(slots.items()))))
    chosen.sort(key=lambda r: r.start)
    return tuple(chosen)


@functools.lru_cache(maxsize=32)
def scan(text: str, lang: str) -> tuple[RawDate, ...]:
    """Every date expression in `text` for language `lang`, non-overlapping, in text order (cached)."""
    return _scan_uncached(text, lang)
