"""Text-level ingest: seed-like metadata and boilerplate in plain text, content hashes and safe file names.

`parse_text_document` keeps `Document.text` exactly as given and records what it learnt as offsets: inline
metadata at the start (`" date 2023-06 …"` -> published + precision), a section label line (`"TV"`), a title
line, photo-credit captions (`"… ©AFP"`), share buttons (`"Partager Cet Article"`), read-also link lines
(`"A lire: …"`) and a trailing outlet line (`"SOURCE: FRENCH PRESS TV"` -> `source`) all go into
`Document.masked`, so `analysis_text()` blanks them while every offset stays valid. Invisible controls (bidi
embeddings/overrides/isolates and marks, zero-width space, word joiner, inner BOM, C0/C1 controls) are masked
too: they are blanked for analysis, never removed from the text. ZWJ/ZWNJ and soft hyphens are left alone:
they sit inside words, and blanking them would split the word; name normalizers drop them.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Optional

from .models import Document

__all__ = ["parse_text_document", "content_hash", "safe_filename", "control_ranges", "merge_ranges"]

# Boilerplate line patterns (whole line, case-insensitive). Kept here, next to the code that applies them,
# because they describe page furniture rather than language knowledge; candidates for data/ if they grow.
_SHARE_LINE = re.compile(
    r"^\s*(?:partager(?:\s+(?:cet|l')\s*article|\s+sur\s+\w+)?|share(?:\s+(?:this|the)\s+(?:article|story|post))?"
    r"|tweet(?:er)?|imprimer(?:\s+l'article)?|print|شارك(?:\s+المقال)?|مشاركة)\s*[:!]?\s*$",
    re.IGNORECASE,
)
_READ_ALSO_LINE = re.compile(
    r"^\s*(?:[àa]\s+lire(?:\s+aussi|\s+également)?|lire\s+aussi|voir\s+aussi|sur\s+le\s+même\s+sujet"
    r"|read\s+(?:more|also)|see\s+also|related(?:\s+articles?)?|اقرأ\s+(?:أيضا|أيضاً|ايضا)|إقرأ\s+أيضا)"
    r"\s*[:：\-–—]\s*\S.*$",
    re.IGNORECASE,
)
_CREDIT_LINE = re.compile(
    r"^.{0,200}(?:©|\(c\)\s*(?:photo|afp|reuters|ap)\b|crédit(?:s)?\s+photo\s*:|photo\s*(?:credit)?\s*:\s*\S).{0,80}$",
    re.IGNORECASE,
)
_SOURCE_LINE = re.compile(r"^\s*(?:source|sources|المصدر)\s*[:：]\s*(?P<outlet>\S.{0,79}?)\s*$", re.IGNORECASE)
_INLINE_DATE = re.compile(
    r"(?P<lead>\s*)(?P<meta>(?:date|publi[ée](?:\s+le)?|published)\s*[:：]?\s*"
    r"(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)(?:-(?P<d>\d\d))?)(?![\d-])[ \t]*",
    re.IGNORECASE,
)
_SENTENCE_END = ".,;:!…»\"'”"
# Invisible characters masked for analysis (see module docstring for why ZWJ/ZWNJ/SHY are not).
_CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\ufff9-\ufffb]+"
)
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u061c]")
_WS = re.compile(r"\s+")
_UNSAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")
_WINDOWS_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"COM{i}" for i in range(1, 10)] + [f"LPT{i}" for i in range(1, 10)]
)


def merge_ranges(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping, non-empty (start, end) ranges."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(r for r in ranges if r[1] > r[0]):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def control_ranges(text: str) -> list[tuple[int, int]]:
    """Ranges of invisible control characters (bidi controls, zero-width space, C0/C1) to blank for analysis."""
    return [m.span() for m in _CONTROLS.finditer(text)]


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, end excluding the line break."""
    spans = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        spans.append((pos, pos + len(stripped)))
        pos += len(line)
    return spans


def _is_label(line: str) -> bool:
    """A section label such as 'TV' or 'MONDE': one to three short words, no sentence punctuation."""
    words = line.split()
    return 0 < len(words) <= 3 and len(line.strip()) <= 24 and not any(c in line for c in ".,;:!?«»\"")


def _is_title(line: str) -> bool:
    stripped = line.strip()
    return 0 < len(stripped) <= 200 and len(stripped.split()) <= 30 and stripped[-1] not in _SENTENCE_END


def _valid_month_day(y: str, m: str, d: Optional[str]) -> bool:
    month = int(m)
    if not 1 <= month <= 12:
        return False
    if d is None:
        return True
    days = [31, 29 if int(y) % 4 == 0 and (int(y) % 100 != 0 or int(y) % 400 == 0) else 28,
            31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return 1 <= int(d) <= days


def parse_text_document(doc_id: str, text: str, origin: str) -> Document:
    """Read seed-like metadata and boilerplate out of a plain-text article, keeping its text as given.

    doc_id (str): the document id. text (str): the decoded text, kept exactly. origin (str): "path" or
    "path:line". Returns a Document with `published`/`published_precision` from inline `date YYYY-MM[-DD]`
    metadata at the very start, `source` from a trailing `Source: …` line, `title` from a first short line
    without final punctuation that is followed by a blank line (after an optional section label), `body_start`
    at the first body character, `masked` covering metadata, labels, credits, share and read-also lines and
    invisible controls, and `content_hash`. Language is left to the caller.
    """
    masked: list[tuple[int, int]] = control_ranges(text)
    published: Optional[str] = None
    precision: Optional[str] = None
    source: Optional[str] = None
    title: Optional[str] = None
    body_start = 0

    lines = _lines(text)
    line_text = [text[s:e] for s, e in lines]
    nonblank = [i for i, line in enumerate(line_text) if line.strip()]

    # Inline metadata at the very start of the first line.
    first = nonblank[0] if nonblank else None
    if first is not None:
        start, end = lines[first]
        match = _INLINE_DATE.match(text, start, end)
        if match and match.start() == start and _valid_month_day(match["y"], match["m"], match["d"]):
            published = f"{match['y']}-{match['m']}" + (f"-{match['d']}" if match["d"] else "")
            precision = "day" if match["d"] else "month"
            masked.append((match.start("meta"), match.end()))
            body_start = match.end()
            if not text[match.end():end].strip():
                first = nonblank[1] if len(nonblank) > 1 else None
                body_start = lines[first][0] if first is not None else len(text)
            else:
                first = None  # the body starts on this line: no label, no title

    # Section label and title at the head (each must be followed by a blank line and more text).
    def followed_by_blank(i: int) -> bool:
        return i + 1 < len(line_text) and not line_text[i + 1].strip() and any(j > i for j in nonblank)

    if first is not None:
        k = nonblank.index(first)
        candidate = first
        # A label only counts when a title follows it ("TV" / blank / title / blank / body).
        if (_is_label(line_text[candidate]) and followed_by_blank(candidate) and k + 2 < len(nonblank)
                and _is_title(line_text[nonblank[k + 1]]) and followed_by_blank(nonblank[k + 1])):
            masked.append(lines[candidate])
            k += 1
            candidate = nonblank[k]
            body_start = lines[candidate][0]
        if _is_title(line_text[candidate]) and followed_by_blank(candidate) and k + 1 < len(nonblank):
            title = line_text[candidate].strip()
            body_start = lines[nonblank[k + 1]][0]
        else:
            body_start = lines[candidate][0]

    # Boilerplate lines anywhere; the trailing block may name the outlet.
    for i in nonblank:
        line = line_text[i]
        if _SHARE_LINE.match(line) or _READ_ALSO_LINE.match(line) or (
            _CREDIT_LINE.match(line) and len(line.split()) <= 25
        ):
            masked.append(lines[i])
    for i in reversed(nonblank[-4:]):
        line = line_text[i]
        match = _SOURCE_LINE.match(line)
        if match:
            source = match["outlet"].strip()
            masked.append(lines[i])
            break
        if not (_SHARE_LINE.match(line) or _READ_ALSO_LINE.match(line)):
            break

    doc = Document(
        doc_id=doc_id, text=text, title=title, source=source, published=published,
        published_precision=precision, body_start=min(body_start, len(text)), masked=merge_ranges(masked),
        origin=origin,
    )
    doc.content_hash = content_hash(doc)
    return doc


def content_hash(doc: Document) -> str:
    """sha256 of the document's analysed content, NFKC-normalized, invisible characters dropped,
    whitespace collapsed and casefolded: the key for duplicate detection (Q008)."""
    norm = unicodedata.normalize("NFKC", doc.analysis_text())
    norm = _INVISIBLE.sub("", norm)
    norm = _WS.sub(" ", norm).strip().casefold()
    return hashlib.sha256(norm.encode("utf-8", errors="surrogatepass")).hexdigest()


def safe_filename(doc_id: str) -> str:
    """A file name derived from an untrusted document id that cannot escape a folder.

    Keeps ASCII letters, digits, '.', '_' and '-', folds the rest to '_', strips leading dots, caps the
    length at 100 characters and, whenever anything was changed (or the name is a Windows device name),
    appends 8 hex digits of the id's sha256 so distinct ids keep distinct names. Never empty, '.' or '..'.
    """
    slug = _UNSAFE_FILENAME.sub("_", doc_id).strip("._")[:100].strip("._") or "doc"
    if slug != doc_id or slug.split(".")[0].upper() in _WINDOWS_RESERVED:
        digest = hashlib.sha256(doc_id.encode("utf-8", errors="surrogatepass")).hexdigest()[:8]
        slug = f"{slug}-{digest}"
    return slug
