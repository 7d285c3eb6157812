"""Ingest: turn files, directories and input JSONL into `Document` records, or `Quarantined` ones with a code.

Every input is accounted for: each regular file and each non-blank JSONL line yields exactly one `Document`
or one `Quarantined` (codes in `errors.QUARANTINE_CODES`); nothing is dropped silently and no input,
however hostile, raises out of `read_inputs` once its paths have been validated. Text files keep their
seed-like quirks as offsets (`ingest_text.parse_text_document`), HTML goes through trafilatura
(`ingest_html`), bytes are decoded by `ingest_decode.decode_bytes`, language comes from
`language.detect_language` on the body. Duplicates within one `read_inputs` call are quarantined (Q008 same
content, Q013 same id with different content). Walk rules: directories are walked recursively in sorted
order; hidden entries (name starting with '.', e.g. `.git`) are skipped; a file with an unsupported
extension, a symlink to a directory (not followed) or a non-regular file (FIFO, device) is quarantined with
`UNSUPPORTED_CODE`; given explicitly, a missing path raises E001 and an unsupported one E002.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
from pathlib import Path
from typing import IO, Any, Iterator, Optional, Sequence, Union

from .errors import QUARANTINE_CODES, Errors, EventwireError
from .ingest_decode import RejectedBytes, decode_bytes, sniff_magic
from .ingest_html import declared_charset, extract_html
from .ingest_text import content_hash, parse_text_document, safe_filename
from .language import detect_language
from .models import Document, Quarantined
from .settings import Settings

__all__ = [
    "read_inputs", "read_path", "document_from_record", "document_from_bytes", "parse_text_document",
    "decode_bytes", "safe_filename", "SUFFIX_KINDS", "UNSUPPORTED_CODE", "MAX_ID_CHARS",
]

Item = Union[Document, Quarantined]

SUFFIX_KINDS = {".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".ndjson": "jsonl"}
_ARCHIVE_SUFFIXES = frozenset({".gz", ".tgz", ".zip", ".bz2", ".xz", ".zst", ".7z", ".rar", ".tar", ".lz4"})
# Unsupported file types found in a walk: a dedicated code when errors.py has one, else Q003 (not a document).
UNSUPPORTED_CODE = "Q014" if "Q014" in QUARANTINE_CODES else "Q003"
MAX_ID_CHARS = 512
_READ_CHUNK = 1 << 20


def _q(doc_id: str, origin: str, code: str, reason: str, size: int = 0) -> Quarantined:
    return Quarantined(doc_id=doc_id, origin=origin, code=code, reason=reason[:500], size=size)


def _too_large(doc_id: str, origin: str, size: int, limit: int) -> Quarantined:
    return _q(doc_id, origin, "Q004",
              f"{size:,} bytes > max_doc_bytes {limit:,}; raise the max_doc_bytes setting or split the document",
              size)


# ---------------------------------------------------------------------------------------------------------
# Documents from text, bytes and records


def _finish(doc: Document, settings: Settings, size: int) -> Item:
    """Checks shared by every reader: emptiness, then language (given or detected on the body)."""
    analysed = doc.analysis_text()
    if not analysed.strip():
        what = "only boilerplate or invisible characters" if doc.text.strip() else "empty or whitespace-only"
        return _q(doc.doc_id, doc.origin, "Q001", f"{what}; nothing to analyse", size)
    supported = tuple(settings.languages)
    if doc.language is None:
        body = analysed[doc.body_start:]
        lang = detect_language(body if body.strip() else analysed, supported)
        doc.language = lang or settings.default_language
    if doc.language not in supported:
        return _q(doc.doc_id, doc.origin, "Q007",
                  f"language '{doc.language}' is not analysed (supported: {', '.join(supported)}); "
                  "add it to the languages setting if a pipeline exists for it", size)
    return doc


def document_from_bytes(data: bytes, doc_id: str, origin: str, kind: str, settings: Settings) -> Item:
    """One document from raw bytes: `kind` is "text" or "html". Never raises for any bytes.

    data (bytes): the whole file (the caller enforces max_doc_bytes before reading). doc_id (str): id to
    give the document. origin (str): where it came from. kind (str): "text" or "html". Returns a Document or
    a Quarantined with Q001/Q002/Q003/Q004/Q007/Q009/Q011/Q012.
    """
    size = len(data)
    try:
        if size > settings.max_doc_bytes:
            return _too_large(doc_id, origin, size, settings.max_doc_bytes)
        if not data.strip():
            return _q(doc_id, origin, "Q001", "empty or whitespace-only file", size)
        try:
            if kind == "html":
                charset = declared_charset(data)
                try:
                    text, _encoding = (data.decode(charset), charset) if charset else decode_bytes(data)
                except (UnicodeDecodeError, LookupError):
                    text, _encoding = decode_bytes(data)
            else:
                text, _encoding = decode_bytes(data)
        except RejectedBytes as exc:
            return _q(doc_id, origin, exc.code, str(exc), size)
        if not text.strip():
            return _q(doc_id, origin, "Q001", "empty or whitespace-only text", size)
        if kind == "html":
            content = extract_html(text)
            if not content.text.strip():
                return _q(doc_id, origin, "Q011", f"no text extracted from the HTML ({content.extractor})", size)
            doc = parse_text_document(doc_id, content.text, origin)
            doc.title = content.title or doc.title
            if content.published:
                doc.published, doc.published_precision = content.published, "day"
            doc.source = content.sitename or doc.source
            doc.url = content.url
        else:
            doc = parse_text_document(doc_id, text, origin)
        return _finish(doc, settings, size)
    except Exception as exc:  # one bad document must never stop a batch (DESIGN.md §4.1)
        return _q(doc_id, origin, "Q009", f"{type(exc).__name__}: {exc}", size)


_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.+\-Z]*)?")
_MONTH = re.compile(r"\d{4}-\d{2}")


def _published(value: Any) -> tuple[Optional[str], Optional[str]] | None:
    """(published, precision) from a record value; None when the value is not a valid date."""
    if value is None:
        return None, None
    if not isinstance(value, str):
        return None
    value = value.strip()
    day = _DAY.fullmatch(value)
    try:
        if day:
            dt.date.fromisoformat(day.group(1))
            return day.group(1), "day"
        if _MONTH.fullmatch(value):
            dt.date.fromisoformat(value + "-01")
            return value, "month"
    except ValueError:
        return None
    return None


def _id_problem(doc_id: Any) -> Optional[str]:
    if not isinstance(doc_id, str):
        return f"'id' must be a string, got {type(doc_id).__name__}"
    if not doc_id.strip():
        return "'id' is empty"
    if len(doc_id) > MAX_ID_CHARS:
        return f"'id' is {len(doc_id)} characters (max {MAX_ID_CHARS})"
    if any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or 0xD800 <= ord(c) <= 0xDFFF for c in doc_id):
        return "'id' contains control characters"
    return None


def document_from_record(record: dict, origin: str, settings: Settings) -> Item:
    """One document from an input JSONL record (DESIGN.md §2.1). Never raises.

    record (dict): `{"id": str, "text": str, "published": "YYYY-MM-DD"|"YYYY-MM"|null, "source", "url",
    "title", "language": str|null}`; only id and text are required, unknown keys are ignored. origin (str):
    "path:line". Record values win over what the text itself says (inline date, trailing source line).
    Returns a Document, or a Quarantined: Q006 for missing/wrongly typed fields or an unusable id (not a
    string, empty, longer than MAX_ID_CHARS, control characters; ids with '/' or '..' are kept as data —
    use `safe_filename` to build paths), Q004 when the text exceeds max_doc_bytes, Q001 empty, Q007
    unsupported language.
    """
    label = origin.replace("\\", "/").rsplit("/", 1)[-1]
    try:
        if not isinstance(record, dict):
            return _q(label, origin, "Q006", f"a JSONL line must be an object, got {type(record).__name__}")
        problem = _id_problem(record.get("id"))
        if problem:
            return _q(label, origin, "Q006", problem + "; give every record a short string 'id'")
        doc_id: str = record["id"]
        text = record.get("text")
        if not isinstance(text, str):
            return _q(doc_id, origin, "Q006", f"'text' must be a string, got {type(text).__name__}")
        size = len(text.encode("utf-8", errors="surrogatepass"))
        if size > settings.max_doc_bytes:
            return _too_large(doc_id, origin, size, settings.max_doc_bytes)
        for name in ("source", "url", "title", "language"):
            if record.get(name) is not None and not isinstance(record[name], str):
                return _q(doc_id, origin, "Q006",
                          f"'{name}' must be a string or null, got {type(record[name]).__name__}", size)
        published = _published(record.get("published"))
        if published is None:
            return _q(doc_id, origin, "Q006",
                      f"'published' must be \"YYYY-MM-DD\", \"YYYY-MM\" or null, got {record.get('published')!r:.60}",
                      size)
        if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
            return _q(doc_id, origin, "Q002", "'text' contains lone surrogates (not valid Unicode)", size)
        doc = parse_text_document(doc_id, text, origin)
        if published[0] is not None:
            doc.published, doc.published_precision = published
        for name in ("source", "url", "title"):
            value = record.get(name)
            if isinstance(value, str) and value.strip():
                setattr(doc, name, value.strip())
        language = record.get("language")
        if isinstance(language, str) and language.strip():
            doc.language = language.strip().lower().replace("_", "-").split("-")[0]
        return _finish(doc, settings, size)
    except Exception as exc:  # one bad record must never stop a batch
        return _q(label, origin, "Q009", f"{type(exc).__name__}: {exc}")


# ---------------------------------------------------------------------------------------------------------
# Files


def _iter_lines(fp: IO[bytes], limit: int) -> Iterator[tuple[int, Optional[bytes], int]]:
    """(line number, bytes or None when longer than `limit`, size) for each line, reading bounded chunks."""
    lineno = 0
    while True:
        line = fp.readline(limit + 1)
        if not line:
            return
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            size = len(line)
            while not line.endswith(b"\n"):
                line = fp.readline(_READ_CHUNK)
                if not line:
                    break
                size += len(line)
            yield lineno, None, size
            continue
        yield lineno, line, len(line)


def _read_jsonl(path: Path, origin: str, settings: Settings) -> Iterator[Item]:
    limit = settings.max_doc_bytes
    with open(path, "rb") as fp:
        head = fp.read(512)
        if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
            yield _q(path.stem, origin, "Q002",
                     "JSONL must be UTF-8 (RFC 8259) but this file is UTF-16/32; re-encode it (iconv -t UTF-8)")
            return
        magic = sniff_magic(head)
        if magic is not None:
            kind, compressed = magic
            yield _q(path.stem, origin, "Q012" if compressed else "Q003",
                     f"{kind} data named .jsonl" + ("; decompress it first" if compressed else ""))
            return
        fp.seek(0)
        records = 0
        for lineno, line, size in _iter_lines(fp, limit):
            where = f"{origin}:{lineno}"
            label = f"{path.name}:{lineno}"
            if line is None:
                records += 1
                yield _too_large(label, where, size, limit)
                continue
            if lineno == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            if not line.strip():
                continue  # blank lines separate nothing in JSONL; they are not records
            records += 1
            try:
                text, _encoding = decode_bytes(line)
            except RejectedBytes as exc:
                yield _q(label, where, exc.code, str(exc), size)
                continue
            except Exception as exc:  # never lose the rest of the file to one line
                yield _q(label, where, "Q009", f"{type(exc).__name__}: {exc}", size)
                continue
            try:
                record = json.loads(text)
            except (ValueError, RecursionError) as exc:
                yield _q(label, where, "Q005", f"not a JSON object: {str(exc)[:200]}", size)
                continue
            except Exception as exc:
                yield _q(label, where, "Q009", f"{type(exc).__name__}: {exc}", size)
                continue
            yield document_from_record(record, where, settings)
        if records == 0:
            yield _q(path.stem, origin, "Q001", "JSONL file has no records", 0)


def _read_document_file(path: Path, origin: str, kind: str, settings: Settings) -> Item:
    limit = settings.max_doc_bytes
    size = os.stat(path).st_size
    with open(path, "rb") as fp:
        head = fp.read(512)
        magic = sniff_magic(head)
        if magic is not None:
            name, compressed = magic
            code = "Q012" if compressed else "Q003"
            hint = "; it is never decompressed — extract it first" if compressed else ""
            return _q(path.stem, origin, code, f"{name} data named {path.suffix}{hint}", size)
        if size > limit:
            return _too_large(path.stem, origin, size, limit)
        data = head + fp.read(limit + 1 - len(head))
    if len(data) > limit:
        return _too_large(path.stem, origin, len(data), limit)
    return document_from_bytes(data, path.stem, origin, kind, settings)


def read_path(path: Union[str, Path], settings: Settings) -> Iterator[Item]:
    """Documents from one file, by extension (.txt, .html/.htm, .jsonl/.ndjson); never raises.

    path (str | Path): a file (a directory is walked as by read_inputs). Yields one item per file, or one
    per non-blank JSONL line. Unsupported, unreadable or non-regular files are yielded as Quarantined.
    No duplicate detection here: that is read_inputs' job.
    """
    yield from _read_entry(Path(path), settings, explicit=True)


def _read_entry(path: Path, settings: Settings, explicit: bool) -> Iterator[Item]:
    origin = str(path)
    try:
        if path.is_dir() and (explicit or not path.is_symlink()):
            yield from _walk(path, settings)
            return
        if path.is_symlink() and path.is_dir():
            yield _q(path.name, origin, UNSUPPORTED_CODE,
                     "symbolic link to a directory is not followed; give its target explicitly")
            return
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            yield _q(path.name, origin, UNSUPPORTED_CODE, "not a regular file (FIFO, socket or device)")
            return
        kind = SUFFIX_KINDS.get(path.suffix.lower())
        if kind is None:
            compressed = path.suffix.lower() in _ARCHIVE_SUFFIXES
            yield _q(path.stem if path.suffix else path.name, origin, "Q012" if compressed else UNSUPPORTED_CODE,
                     f"unsupported file type '{path.suffix or path.name}'; supported: "
                     f"{', '.join(SUFFIX_KINDS)} (convert or rename it)", os.stat(path).st_size)
            return
        if kind == "jsonl":
            yield from _read_jsonl(path, origin, settings)
        else:
            yield _read_document_file(path, origin, kind, settings)
    except OSError as exc:
        yield _q(path.stem or path.name, origin, "Q009", f"cannot read: {exc.strerror or exc}")


def _walk(top: Path, settings: Settings) -> Iterator[Item]:
    try:
        entries = sorted(os.scandir(top), key=lambda e: e.name)
    except OSError as exc:
        yield _q(top.name, str(top), "Q009", f"cannot list directory: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # hidden files and folders (.git, .DS_Store) are not inputs
        yield from _read_entry(Path(top) / entry.name, settings, explicit=False)


# ---------------------------------------------------------------------------------------------------------
# The public entry point


class _Dedup:
    """Duplicate detection within one read: content hash -> first id, id -> content hash (16-byte keys)."""

    def __init__(self) -> None:
        self.by_hash: dict[bytes, str] = {}
        self.by_id: dict[str, bytes] = {}

    def check(self, doc: Document) -> Item:
        key = bytes.fromhex(doc.content_hash or content_hash(doc))[:16]
        size = len(doc.text)
        if doc.doc_id in self.by_id:
            if self.by_id[doc.doc_id] == key:
                return _q(doc.doc_id, doc.origin, "Q008", f"duplicate of document '{doc.doc_id}' read earlier", size)
            return _q(doc.doc_id, doc.origin, "Q013",
                      f"id '{doc.doc_id}' was already used by a different document; give documents unique ids",
                      size)
        if key in self.by_hash:
            return _q(doc.doc_id, doc.origin, "Q008",
                      f"same content as document '{self.by_hash[key]}' read earlier", size)
        self.by_hash[key] = doc.doc_id
        self.by_id[doc.doc_id] = key
        return doc


def read_inputs(paths: Sequence[Union[str, Path]], settings: Settings) -> Iterator[Item]:
    """Every document in `paths`, each as a Document or a Quarantined with a coded reason.

    paths (Sequence[str | Path]): .txt, .html/.htm, .jsonl/.ndjson files and directories (walked
    recursively in sorted order, hidden entries skipped). settings (Settings): max_doc_bytes, languages,
    default_language. Raises EventwireError E001 for a path that does not exist and E002 for an explicit
    file of an unsupported type — both checked before anything is read. After that nothing raises: each
    file or non-blank JSONL line yields exactly one item, and repeats within this call are quarantined
    (Q008 same content, Q013 same id with different content).
    """
    checked: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise EventwireError(Errors.E001.format(path=raw))
        if not path.is_dir() and path.suffix.lower() not in SUFFIX_KINDS:
            raise EventwireError(Errors.E002.format(path=raw))
        if not path.is_dir() and not stat.S_ISREG(os.stat(path).st_mode):
            raise EventwireError(Errors.E002.format(path=raw))
        checked.append(path)
    return _read_checked(checked, settings)


def _read_checked(paths: list[Path], settings: Settings) -> Iterator[Item]:
    dedup = _Dedup()
    for path in paths:
        for item in read_path(path, settings):
            yield dedup.check(item) if isinstance(item, Document) else item
