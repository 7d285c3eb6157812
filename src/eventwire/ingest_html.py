"""HTML to text for ingest: trafilatura main-text extraction with its metadata, and a linear fallback.

`extract_html` returns the article text and the page's title, date, site name and URL. trafilatura (lxml)
gives up on pathological trees (e.g. thousands of nested tags); the fallback walks the markup with the
stdlib `html.parser`, which is linear and has no nesting limit, so deeply nested or malformed pages still
yield their text instead of crashing or hanging. The caller caps the input size before calling (Q004).
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Optional

__all__ = ["HtmlContent", "extract_html", "declared_charset"]

_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object"})
_BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
    "article", "header", "footer", "blockquote", "pre", "hr", "figcaption", "figure", "dd", "dt", "title",
})
_BLANKS = re.compile(r"[ \t\r\f\v]+")
_MANY_NEWLINES = re.compile(r"\n\s*\n\s*(?:\n\s*)+")


@dataclass
class HtmlContent:
    text: str
    title: Optional[str] = None
    published: Optional[str] = None
    sitename: Optional[str] = None
    url: Optional[str] = None
    extractor: str = "trafilatura"


def declared_charset(data: bytes) -> Optional[str]:
    """The codec named by a `<meta charset>` in the first 2 KB, when Python knows it."""
    match = _CHARSET.search(data[:2048])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.title_parts: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag in _SKIP_TAGS and tag != "head":
            self.skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIP_TAGS and tag != "head":
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        elif not self.skip_depth:
            self.parts.append(data)


def _fallback(html: str) -> HtmlContent:
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = [_BLANKS.sub(" ", line).strip() for line in "".join(collector.parts).split("\n")]
    text = _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()
    title = _BLANKS.sub(" ", "".join(collector.title_parts)).strip() or None
    return HtmlContent(text=text, title=title, extractor="html.parser")


def _clean(value: object) -> Optional[str]:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


def extract_html(html: str) -> HtmlContent:
    """Main text and metadata of an HTML page: trafilatura first, the linear stdlib walk when it fails.

    html (str): decoded markup, already size-capped by the caller. Returns HtmlContent whose `text` may be
    empty (the caller quarantines with Q011). `published` is "YYYY-MM-DD" or None.
    """
    import trafilatura  # heavy import, only needed for HTML

    result = None
    try:
        result = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True, deduplicate=False,
        )
    except (ValueError, TypeError, RecursionError, MemoryError, AttributeError, IndexError, KeyError):
        result = None
    if result is not None:
        get = result.get if isinstance(result, dict) else (lambda name: getattr(result, name, None))
        text = get("text") or ""
        if isinstance(text, str) and text.strip():
            date = _clean(get("date"))
            match = _ISO_DATE.match(date) if date else None
            return HtmlContent(
                text=text,
                title=_clean(get("title")),
                published=f"{match[1]}-{match[2]}-{match[3]}" if match else None,
                sitename=_clean(get("sitename")),
                url=_clean(get("url")),
            )
    return _fallback(html)
