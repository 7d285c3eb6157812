"""Document-level language identification with lingua, built once per process.

The detector knows the supported languages plus a handful of common others (German, Spanish, Chinese…), so
that a German or Chinese article is recognised as such and quarantined (Q007) instead of being forced into
French or English. Short strings are meaningless to any detector (`Deir ez-Zor` looks Portuguese), so text
with too few letters, or whose best guess is not confident, gets None and the caller falls back on
`settings.default_language`. Only a bounded sample of long texts is read, so cost does not grow with size.
"""
from __future__ import annotations

import functools
import re
from typing import Any, Optional, Sequence

__all__ = ["detect_language", "OTHER_LANGUAGES", "MIN_LETTERS", "MIN_CONFIDENCE"]

# Common languages recognised so they can be set aside; ISO 639-1 codes.
OTHER_LANGUAGES = ("de", "es", "it", "pt", "ru", "tr", "fa", "zh", "nl", "ja", "ko", "he", "uk", "pl", "ur")
MIN_LETTERS = 20  # fewer letters than this: undecidable
MIN_CONFIDENCE = 0.5  # best guess below this: undecidable
SAMPLE_CHARS = 4000

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@functools.lru_cache(maxsize=8)
def _detector(codes: tuple[str, ...]) -> tuple[Any, dict[Any, str]]:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = []
    names: dict[Any, str] = {}
    for code in codes:
        iso = getattr(IsoCode639_1, code.upper(), None)
        if iso is None:
            continue
        language = Language.from_iso_code_639_1(iso)
        languages.append(language)
        names[language] = code
    if len(languages) < 2:  # lingua needs two; an unrecognisable code must not break detection
        languages.append(Language.ENGLISH if Language.ENGLISH not in languages else Language.FRENCH)
        names.setdefault(languages[-1], languages[-1].iso_code_639_1.name.lower())
    return LanguageDetectorBuilder.from_languages(*languages).build(), names


def _sample(text: str) -> str:
    if len(text) <= SAMPLE_CHARS:
        return text
    half = SAMPLE_CHARS // 2
    middle = len(text) // 2
    return text[:half] + "\n" + text[middle:middle + half]


def detect_language(text: str, supported: Sequence[str] = ("fr", "en", "ar")) -> Optional[str]:
    """ISO 639-1 code of the language of `text`, possibly one outside `supported`; None if undecidable.

    text (str): the document body (detect at document level, not per sentence). supported (Sequence[str]):
    the languages the run analyses; the detector also knows OTHER_LANGUAGES so unsupported text is named.
    Returns None when the text has fewer than MIN_LETTERS letters or the best confidence is below
    MIN_CONFIDENCE. The detector for a given language set is built once per process.
    """
    sample = _sample(text)
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return None
    codes = tuple(dict.fromkeys([c.lower() for c in supported] + list(OTHER_LANGUAGES)))
    detector, names = _detector(codes)
    values = detector.compute_language_confidence_values(sample)
    if not values:
        return None
    best = values[0]
    if best.value < MIN_CONFIDENCE:
        return None
    return names.get(best.language, best.language.iso_code_639_1.name.lower())
