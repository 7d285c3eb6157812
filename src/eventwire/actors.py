"""Actor dictionary: finds and normalizes actor mentions (fr, en, ar) to canonical ACLED-style actors.

The dictionary is data (`data/actors.yaml`): one entry per actor with its canonical English name, ACLED inter code,
country, Wikidata id, PLOVER sector and aliases per language, plus nationality noun groups that generate phrases
such as "les forces américaines", "US troops" or "القوات الأمريكية". Matching works on a folded copy of the text
(case, accents, Arabic letter variants, hyphens and in-name apostrophes neutralized) whose characters map back to
the original offsets, so every match is a span of the text as given. `fold_text` is shared by the casualty and
attribution modules.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Optional, Union

import yaml

__all__ = ["Actor", "ActorMatch", "ActorDictionary", "fold_arabic", "fold_text", "strip_determiners"]

_APOSTROPHES = "'’‘ʼ`´ʹ′"
_DASHES = "-‐‑‒–—―−"
_ARABIC_MAP = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ک": "ك", "ی": "ي", "ـ": ""}
_SPECIAL = {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"}
# French elided words keep their apostrophe ("l'armée"); any other apostrophe inside a word is dropped ("Kata'ib").
_ELISIONS = {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"}
_DOTTED_ACRONYM = re.compile(r"(?<![\w.])(?:[A-Za-z]\.){2,}")


def fold_text(text: str, keep_case: bool = False) -> tuple[str, list[int]]:
    """Fold `text` for matching and return (folded, index) where index[k] is the offset in `text` of folded char k.

    Folding lower-cases (unless `keep_case`), strips accents and Arabic diacritics, unifies Arabic letter variants
    (أ إ آ → ا, ة → ه, ى → ي), turns hyphens and dashes into spaces, collapses whitespace, unifies apostrophes and
    drops those inside names ("Kata'ib" → "kataib", "People's" → "peoples") but keeps French elisions ("l'armée"),
    and drops the dots of dotted acronyms ("U.S." → "us").
    """
    drop: set[int] = set()
    for m in _DOTTED_ACRONYM.finditer(text):
        drop.update(m.start() + k for k in range(1, len(m.group(0)), 2))
    out: list[str] = []
    index: list[int] = []
    n = len(text)
    for i, ch in enumerate(text):
        if i in drop:
            continue
        if ch in _APOSTROPHES:
            prev_letter = bool(out) and out[-1].isalpha()
            next_letter = i + 1 < n and text[i + 1].isalpha()
            if prev_letter and next_letter:
                j = len(out)
                while j > 0 and out[j - 1].isalpha():
                    j -= 1
                if "".join(out[j:]).lower() not in _ELISIONS:
                    continue
            out.append("'")
            index.append(i)
            continue
        if ch in _DASHES or ch.isspace():
            if out and out[-1] == " ":
                continue
            out.append(" ")
            index.append(i)
            continue
        if ch in _ARABIC_MAP:
            rep = _ARABIC_MAP[ch]
        elif ch in _SPECIAL:
            rep = _SPECIAL[ch]
        else:
            rep = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
            rep = "".join(_ARABIC_MAP.get(c, c) for c in rep)
        for c in rep:
            if not keep_case:
                low = c.lower()
                c = low if len(low) == 1 else c
            out.append(c)
            index.append(i)
    return "".join(out), index


def fold_arabic(data: Any) -> Any:
    """Fold the Arabic letters of every string in parsed lexicon data the way `fold_text` folds text (أ → ا,
    ة → ه, ى → ي, ؤ → و, ئ → ي, no diacritics or tatweel), leaving every other character (regex syntax, Latin
    case) untouched, so lexicon authors may write Arabic as it is spelled."""
    if isinstance(data, str):
        return "".join(fold_text(ch, keep_case=True)[0] if "\u0600" <= ch <= "\u06ff" else ch for ch in data)
    if isinstance(data, list):
        return [fold_arabic(x) for x in data]
    if isinstance(data, dict):
        return {fold_arabic(k): fold_arabic(v) for k, v in data.items()}
    return data


def _fold(text: str, keep_case: bool = False) -> str:
    return fold_text(text, keep_case)[0].strip()


_DETERMINERS = re.compile(
    r"^(?:(?:la|le|les|the|des|du|de la|de|un|une|a|an|ces|cette|cet|ce|this|these|those|that|aux|au|leurs|leur"
    r"|ses|son|sa|its|their|certaines|certains|plusieurs|some|several|d'autres|other)\s+|(?:l|d)')+",
)


def strip_determiners(folded: str) -> str:
    """Remove leading articles/determiners (fr, en) from a folded phrase: "les forces us" → "forces us"."""
    return _DETERMINERS.sub("", folded).strip(" ,;:.!?\"«»()[]")


def _is_acronym(alias: str) -> bool:
    letters = alias.replace(" ", "").replace("-", "")
    return 1 < len(letters) <= 6 and letters.isalnum() and letters.upper() == letters and not letters.isdigit()


@dataclass
class Actor:
    """One dictionary actor: canonical ACLED-style name, inter code 1-8, ISO2 country, Wikidata id, PLOVER sector."""

    name: str
    inter: int
    country: str
    wikidata: str
    sector: str
    aliases: list[str] = field(default_factory=list)
    aliases_by_lang: dict[str, list[str]] = field(default_factory=dict, repr=False)
    note: str = field(default="", repr=False)


@dataclass
class ActorMatch:
    """An actor mention: character offsets into the searched text, the covered text and the dictionary actor."""

    start: int
    end: int
    text: str
    actor: Actor


class ActorDictionary:
    """Aliases of every actor compiled into two matchers (case-insensitive words, case-sensitive acronyms)."""

    def __init__(self, actors: list[Actor], phrase_aliases: Optional[dict[str, Actor]] = None):
        self.actors = actors
        self._by_name = {a.name: a for a in actors}
        self._ci: dict[str, Actor] = {}
        self._cs: dict[str, Actor] = {}
        self.conflicts: list[tuple[str, str, str]] = []
        for actor in actors:
            for alias in actor.aliases:
                self._add(alias, actor)
        # Whole-phrase names of states ("Washington", "les États-Unis"): only `normalize` uses them, because in
        # running text they are usually places.
        self._phrase: dict[str, Actor] = {}
        for alias, actor in (phrase_aliases or {}).items():
            self._phrase.setdefault(strip_determiners(_fold(alias)), actor)
        self._ci_re = self._compile(self._ci)
        self._cs_re = self._compile(self._cs)

    def _add(self, alias: str, actor: Actor) -> None:
        if _is_acronym(alias):
            key, table = _fold(alias, keep_case=True), self._cs
        else:
            key, table = strip_determiners(_fold(alias)), self._ci
        if not key:
            return
        other = table.get(key)
        if other is not None and other is not actor:
            self.conflicts.append((key, other.name, actor.name))
            return
        table[key] = actor

    @staticmethod
    def _compile(table: dict[str, Actor]) -> Optional[re.Pattern[str]]:
        if not table:
            return None
        alts = "|".join(re.escape(k) for k in sorted(table, key=lambda k: (-len(k), k)))
        # Arabic proclitics: wa-/fa- before any word ("وكتائب حزب الله"), bi-/li-/ka- before the article al-
        # ("بالقوات الأمريكية"). Backtracking still tries the bare word, so names starting with و are safe.
        return re.compile(r"(?<!\w)(?:[وف]|[بلك](?=ال))?(?P<m>" + alts + r")(?!\w)")

    # --- construction ---------------------------------------------------------------------------------------------
    @classmethod
    def from_yaml(cls, path: Union[str, Path]) -> "ActorDictionary":
        """Load a dictionary file with the layout of `data/actors.yaml`."""
        with open(path, encoding="utf-8") as fh:
            return cls.from_data(yaml.safe_load(fh))

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> "ActorDictionary":
        """Build from parsed YAML: `actors`, optional `noun_groups`, `nationalities` and per-actor `phrase_aliases`."""
        groups: dict[str, dict[str, list[str]]] = data.get("noun_groups") or {}
        nations: dict[str, dict[str, list[str]]] = data.get("nationalities") or {}
        actors: list[Actor] = []
        phrase_aliases: dict[str, Actor] = {}
        for entry in data.get("actors") or []:
            by_lang: dict[str, list[str]] = {}
            for lang, names in (entry.get("aliases") or {}).items():
                by_lang.setdefault(lang, []).extend(str(n) for n in names or [])
            group = entry.get("nationality")
            country = str(entry.get("country") or "")
            if group and country in nations:
                for lang, nouns in (groups.get(group) or {}).items():
                    demonyms = nations[country].get(lang) or []
                    for noun in nouns:
                        for dem in demonyms:
                            phrase = f"{dem} {noun}" if lang == "en" else f"{noun} {dem}"
                            by_lang.setdefault(lang, []).append(phrase)
            flat = [entry["name"]]
            for names in by_lang.values():
                flat.extend(names)
            actor = Actor(
                name=str(entry["name"]), inter=int(entry.get("inter") or 0), country=country,
                wikidata=str(entry.get("wikidata") or ""), sector=str(entry.get("sector") or ""),
                aliases=list(dict.fromkeys(flat)), aliases_by_lang=by_lang, note=str(entry.get("note") or ""),
            )
            actors.append(actor)
            for phrase in entry.get("phrase_aliases") or []:
                phrase_aliases[str(phrase)] = actor
        return cls(actors, phrase_aliases)

    @classmethod
    def default(cls) -> "ActorDictionary":
        """The packaged dictionary (`eventwire/data/actors.yaml`), loaded once per process."""
        return _default_dictionary()

    # --- queries -----------------------------------------------------------------------------------------------------
    def get(self, name: str) -> Optional[Actor]:
        """The actor with this canonical name, or None."""
        return self._by_name.get(name)

    def __len__(self) -> int:
        return len(self.actors)

    def find(self, text: str, lang: str = "") -> list[ActorMatch]:
        """Every actor mention in `text`, in text order: longest match, case/accent-insensitive, whole words.

        French elisions and articles stay outside the span ("l'armée américaine" → "armée américaine"). Aliases
        of all languages are tried whatever `lang` is, because names cross languages ("Kataib Hezbollah" in French
        text); acronyms (US, IS, SDF...) only match in capitals.
        """
        candidates: list[tuple[int, int, Actor]] = []
        for pattern, table, keep_case in ((self._ci_re, self._ci, False), (self._cs_re, self._cs, True)):
            if pattern is None:
                continue
            folded, index = fold_text(text, keep_case=keep_case)
            for m in pattern.finditer(folded):
                s, e = m.span("m")
                actor = table[m.group("m")]
                candidates.append((index[s], index[e - 1] + 1, actor))
        chosen: list[tuple[int, int, Actor]] = []
        for s, e, actor in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[0])):
            if all(e <= cs or s >= ce for cs, ce, _ in chosen):
                chosen.append((s, e, actor))
        return [ActorMatch(s, e, text[s:e], a) for s, e, a in sorted(chosen, key=lambda c: c[0])]

    def normalize(self, text: str, lang: str = "") -> Optional[Actor]:
        """The dictionary actor a phrase (e.g. a parsed subject) refers to, or None.

        Tries, in order: the whole phrase without its determiners as an alias or a state name ("les États-Unis");
        the first actor mentioned inside the phrase ("un porte-parole du Commandement central américain"); a close
        spelling of an alias (fuzzy ratio >= 90 for phrases of 8+ characters).
        """
        raw = text.strip()
        if not raw:
            return None
        key = strip_determiners(_fold(raw))
        if key in self._ci:
            return self._ci[key]
        cs_key = _fold(raw, keep_case=True).strip(" ,;:.!?\"«»()[]")
        if cs_key in self._cs:
            return self._cs[cs_key]
        if key in self._phrase:
            return self._phrase[key]
        found = self.find(raw, lang)
        if found:
            return found[0].actor
        if len(key) >= 8:
            try:
                from rapidfuzz import fuzz, process
            except ImportError:  # pragma: no cover - rapidfuzz is a core dependency
                return None
            best = process.extractOne(key, list(self._ci), scorer=fuzz.ratio, score_cutoff=90)
            if best is not None:
                return self._ci[best[0]]
        return None

    def stats(self) -> dict[str, Any]:
        """Entry and alias counts per language (explicit and generated), and alias conflicts."""
        per_lang: dict[str, int] = {}
        for actor in self.actors:
            for lang, names in actor.aliases_by_lang.items():
                per_lang[lang] = per_lang.get(lang, 0) + len(names)
        return {"entries": len(self.actors), "aliases_per_language": per_lang,
                "matchable_aliases": len(self._ci) + len(self._cs), "phrase_aliases": len(self._phrase),
                "conflicts": list(self.conflicts)}


def _iter_data_text() -> str:
    return resources.files("eventwire").joinpath("data", "actors.yaml").read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def _default_dictionary() -> ActorDictionary:
    return ActorDictionary.from_data(yaml.safe_load(_iter_data_text()))


def actor_names(matches: Iterable[ActorMatch]) -> list[str]:
    """Distinct canonical names of matches, in order of first mention."""
    return list(dict.fromkeys(m.actor.name for m in matches))
