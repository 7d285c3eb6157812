"""Name normalization per script, shared by the gazetteer build and toponym matching.

`normalize_name` maps a place name written in Latin or Arabic script to a comparison key: Latin names are
casefolded, stripped of diacritics, of the transliteration marks ʿ ’ ' and of the Arabic article written as
al-/el-/ash-/ad-/ez-…; Arabic names lose tashkeel and tatweel, unify hamza/alef forms, ta marbuta and alef
maqsura, and drop the article ال and the clitics و ب ل ف before it. `loose_key` goes one step further
(transliteration-insensitive: ou→u, doubled letters, q→k, e→a…) and is used only to resolve spans that are
already known to be place names. `tokenize` yields normalized tokens with their character offsets so that a
phrase found in normalized space maps back to offsets into the original text.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Latin transliterations of the Arabic article (and its sun-letter assimilations).
LATIN_ARTICLES = frozenset(
    "al el ul il as es us ash esh ush ad ed ud adh az ez uz ar er ur at et ut ath an en un ath ed ad".split()
)
_ARABIC_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_MAP = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي",
    "ی": "ي", "ک": "ك", "ې": "ي", "ە": "ه", "ڤ": "ف", "پ": "ب", "چ": "ج", "گ": "ك",
})
_APOSTROPHES = "'’‘ʼʻʿʾ`´′"
_APOS_RE = re.compile("[" + _APOSTROPHES + "]")
# French elisions (l', d', qu', j', n', s', c') split from the following word.
_ELISION_RE = re.compile(r"(?i)\b(l|d|qu|j|n|s|c|m|t)[" + _APOSTROPHES + r"](?=\w)")
# A word: letters/digits plus any combining marks (Latin accents in NFD text, Arabic tashkeel, tatweel).
_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
_WORD = r"(?:[^\W_]|[" + _MARKS + r"])+"
_TOKEN_RE = re.compile(_WORD, re.UNICODE)
_ARABIC_CHAR = re.compile("[\u0600-\u06ff]")


def is_arabic(text: str) -> bool:
    """True when the text contains Arabic-script letters."""
    return bool(_ARABIC_CHAR.search(text))


def strip_diacritics(text: str) -> str:
    """Latin diacritics removed (é→e, ḩ→h), other scripts left as they are."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch) or _ARABIC_CHAR.match(ch))


def normalize_arabic_token(token: str, strip_article: bool = True) -> str:
    """One Arabic-script token normalized: tashkeel/tatweel out, letter variants unified, ال removed."""
    token = _ARABIC_TASHKEEL.sub("", token).translate(_ARABIC_MAP)
    if strip_article:
        for prefix in ("وال", "بال", "فال", "كال", "لل", "ال"):
            if token.startswith(prefix) and len(token) - len(prefix) >= 2:
                return token[len(prefix):]
    return token


_CLITICS = "وبلفك"


def arabic_key_variants(text: str) -> list[str]:
    """Other readings of an Arabic name whose first letter may be a clitic (و ب ل ف ك), beyond `normalize_name`:
    "للبنان" is ل + لبنان (not لل + بنان), "وبريطانيا" is و + بريطانيا, "بحلب" is ب + حلب. Empty for Latin
    text or when no other reading exists."""
    if not is_arabic(text):
        return []
    key = normalize_name(text)
    raw = [m.group(0) for m in _TOKEN_RE.finditer(_fold(unicodedata.normalize("NFKC", text)))]
    if not raw or not _ARABIC_CHAR.match(raw[0]):
        return []
    first = _ARABIC_TASHKEEL.sub("", raw[0])
    out: list[str] = []
    if len(first) >= 4 and first[0] in _CLITICS:
        variant = normalize_name(" ".join([first[1:], *raw[1:]]))
        if variant and variant != key:
            out.append(variant)
    return out


def _normalize_latin_token(token: str) -> str:
    return strip_diacritics(token).casefold()


def _fold(text: str) -> str:
    # Transliteration apostrophes inside a word vanish (Ma'arrat → Maarrat); elided French articles split.
    text = _ELISION_RE.sub(r"\1 ", text)
    text = _APOS_RE.sub("", text)
    return text


def normalize_tokens(text: str) -> list[str]:
    """The normalized tokens of a name (articles dropped unless the name is only an article)."""
    # NFKC first: presentation forms and ligatures (ﴑ, ﬁ) become the letters the rules below know.
    raw = [m.group(0) for m in _TOKEN_RE.finditer(_fold(unicodedata.normalize("NFKC", text)))]
    out: list[str] = []
    for i, tok in enumerate(raw):
        if _ARABIC_CHAR.search(tok):
            # casefold too: a stray Latin letter inside an Arabic-script token must not survive in capitals;
            # Latin combining marks go as in Latin tokens, or a key like "\u0301" would vanish when normalized again
            out.extend(_TOKEN_RE.findall(normalize_arabic_token(strip_diacritics(tok)).casefold()))
            continue
        norm = _normalize_latin_token(tok)
        if norm in LATIN_ARTICLES and i + 1 < len(raw):
            continue
        # Compatibility decomposition can split a token ("¼" -> "1⁄4"): keep only its word pieces, so the key
        # is stable when normalized again.
        out.extend(_TOKEN_RE.findall(norm))
    return out


def normalize_name(text: str) -> str:
    """The comparison key of a place name in any supported script ("Deir ez-Zor" → "deir zor",
    "Aïn al-Assad" → "ain assad", "الحسكة" → "حسكه")."""
    return " ".join(normalize_tokens(text))


_LOOSE_RULES = (
    (re.compile(r"ou"), "u"), (re.compile(r"ee"), "i"), (re.compile(r"oo"), "u"),
    (re.compile(r"ch"), "sh"), (re.compile(r"dj"), "j"), (re.compile(r"kh"), "k"), (re.compile(r"gh"), "g"),
    (re.compile(r"dh"), "d"), (re.compile(r"th"), "t"), (re.compile(r"q"), "k"), (re.compile(r"c(?=[aou]|$)"), "k"),
    (re.compile(r"ph"), "f"), (re.compile(r"w"), "u"), (re.compile(r"y"), "i"), (re.compile(r"e"), "a"),
    (re.compile(r"o"), "u"), (re.compile(r"(.)\1+"), r"\1"), (re.compile(r"(?<=[aiu])h\b"), ""),
)


def spelling_key(text: str) -> str:
    """A transliteration-folded spelling that keeps the vowels ("Kamechliyé" → "kamashlia", "Qamishli" →
    "kamishli"): compared by edit similarity to check that a loose match is a spelling variant, not a
    different name with the same consonants."""
    key = normalize_name(text)
    if is_arabic(key):
        return key
    key = key.replace(" ", "")
    for pattern, repl in _LOOSE_RULES:
        key = pattern.sub(repl, key)
    return key


def loose_key(text: str) -> str:
    """A transliteration-insensitive consonant skeleton ("Hassaké", "Hasakah" → "hsk"; "Kamechliyé",
    "Qamishli" → "kmshl").

    Too lossy for free-text matching; use it to resolve spans already judged to be place names."""
    key = spelling_key(text)
    if is_arabic(key):
        return key
    # consonant skeleton (first letter kept): vowels are what transliterations disagree on most
    return key[:1] + re.sub("[aiu]", "", key[1:]) if key else key


@dataclass(frozen=True)
class Token:
    """A normalized token with its character offsets in the original text (norm may be '' for articles)."""

    norm: str
    start: int
    end: int
    raw: str
    is_article: bool = False


def tokenize(text: str) -> list[Token]:
    """Normalized tokens of running text with offsets into `text` (same length folding is not assumed)."""
    tokens: list[Token] = []
    for m in re.finditer(_WORD + r"(?:[" + _APOSTROPHES + r"]" + _WORD + r")*", text):
        raw = m.group(0)
        start = m.start()
        # English possessive: "Sinai's" is the token "Sinai" ("North Sinai's Al Arish")
        if len(raw) > 4 and raw[-1] in "sS" and raw[-2] in "'’" and not _ARABIC_CHAR.search(raw):
            raw = raw[:-2]
        # French elision: "d'Aïn" → "d" + "Aïn"; transliteration apostrophes stay inside the word.
        em = _ELISION_RE.match(raw)
        if em and len(raw) > em.end():
            tokens.append(Token(_normalize_latin_token(em.group(1)), start, start + len(em.group(1)), em.group(1)))
            start += em.end()
            raw = raw[em.end():]
        word = _APOS_RE.sub("", raw)
        if _ARABIC_CHAR.search(word):
            tokens.append(Token(normalize_arabic_token(word), start, start + len(raw), raw))
            continue
        norm = _normalize_latin_token(word)
        tokens.append(Token(norm, start, start + len(raw), raw, is_article=norm in LATIN_ARTICLES))
    return tokens
