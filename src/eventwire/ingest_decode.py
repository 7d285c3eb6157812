"""Bytes to text for ingest: BOM-aware decoding, encoding guesses, and refusal of binary or compressed input.

`decode_bytes` never guesses silently wrong on hostile input: it returns `(text, encoding)` for text in UTF-8,
UTF-16/32 (with BOM, or BOM-less UTF-16 recognised by its NUL pattern), mixed UTF-8 + cp1252 lines, cp1256
(Arabic) or cp1252/latin-1, and raises a `RejectedBytes` (a `ValueError`) carrying the quarantine code otherwise:
`CompressedContent` (Q012) for gzip/zip/bzip2/xz/zstd/7z/rar magic numbers, `BinaryContent` (Q003) for other
magic numbers (PDF, images, executables, SQLite) or NUL bytes, `UndecodableText` (Q002) when every decoding
leaves control characters in more than a small fraction of the text. Compressed data is never decompressed.
"""
from __future__ import annotations

import codecs
import re

__all__ = [
    "RejectedBytes", "BinaryContent", "CompressedContent", "UndecodableText", "decode_bytes", "sniff_magic",
]


class RejectedBytes(ValueError):
    """Bytes that are not a text document; `code` is the quarantine code (errors.QUARANTINE_CODES)."""

    code = "Q002"


class UndecodableText(RejectedBytes):
    code = "Q002"


class BinaryContent(RejectedBytes):
    code = "Q003"


class CompressedContent(BinaryContent):
    code = "Q012"


# (magic prefix, name, compressed?) — checked on the first bytes only.
_MAGIC: tuple[tuple[bytes, str, bool], ...] = (
    (b"\x1f\x8b", "gzip", True),
    (b"PK\x03\x04", "zip", True),
    (b"PK\x05\x06", "zip (empty)", True),
    (b"PK\x07\x08", "zip (spanned)", True),
    (b"BZh", "bzip2", True),
    (b"\xfd7zXZ\x00", "xz", True),
    (b"\x28\xb5\x2f\xfd", "zstd", True),
    (b"7z\xbc\xaf\x27\x1c", "7z", True),
    (b"Rar!\x1a\x07", "rar", True),
    (b"\x04\x22\x4d\x18", "lz4", True),
    (b"%PDF-", "pdf", False),
    (b"\x89PNG\r\n\x1a\n", "png", False),
    (b"\xff\xd8\xff", "jpeg", False),
    (b"GIF87a", "gif", False),
    (b"GIF89a", "gif", False),
    (b"\x7fELF", "elf executable", False),
    (b"SQLite format 3\x00", "sqlite database", False),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ms office (ole2)", False),
    (b"\x00asm", "wasm", False),
    (b"\xca\xfe\xba\xbe", "java class / mach-o", False),
    (b"OggS", "ogg", False),
    (b"ID3", "mp3", False),
)
# The tar magic sits at offset 257.
_TAR_OFFSET, _TAR_MAGIC = 257, b"ustar"

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Controls that never occur in real text (C0 except tab/newline/CR/FF/VT, DEL, C1).
_BAD_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f\x80-\x9f\ufffd]")
_MAX_BAD_RATIO = 0.01
# cp1256 bytes for Arabic letters (0xC1-0xFE, minus the Latin letters cp1256 keeps for French).
_CP1256_LATIN = frozenset(b"\xe0\xe2\xe7\xe8\xe9\xea\xeb\xee\xef\xf4\xf9\xfb\xfc")


def sniff_magic(head: bytes) -> tuple[str, bool] | None:
    """The (kind, compressed) of a known non-text magic number at the start of `head`, or None."""
    for magic, name, compressed in _MAGIC:
        if head.startswith(magic):
            return name, compressed
    if head[_TAR_OFFSET:_TAR_OFFSET + len(_TAR_MAGIC)] == _TAR_MAGIC:
        return "tar", True
    return None


def _bad_ratio(text: str) -> float:
    if not text:
        return 0.0
    return len(_BAD_CONTROLS.findall(text)) / len(text)


def _accept(text: str, encoding: str) -> tuple[str, str]:
    if _bad_ratio(text) > _MAX_BAD_RATIO:
        raise UndecodableText(f"decoded as {encoding} but {_bad_ratio(text):.0%} of characters are controls")
    return text, encoding


def _bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'-be' when NULs sit on one byte parity only (ASCII-range UTF-16 without a BOM)."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd >= 0.6 * half and even == 0:
        return "utf-16-le"
    if even >= 0.6 * half and odd == 0:
        return "utf-16-be"
    return None


_ESCAPED = re.compile("[\udc80-\udcff]+")
_ESCAPED_CHAR = re.compile("[\udc80-\udcff]")


def _mixed_utf8(data: bytes) -> str | None:
    """UTF-8 text with some cp1252 bytes mixed in (a concatenation of files), decoded piecewise."""
    escaped = data.decode("utf-8", errors="surrogateescape")
    invalid = len(_ESCAPED_CHAR.findall(escaped))
    non_ascii = len(escaped) - len(escaped.encode("ascii", errors="ignore"))
    valid_multibyte = non_ascii - invalid
    # Mostly UTF-8 with stray single-byte pieces; cp1256/cp1252 text only forms valid pairs by accident.
    if valid_multibyte == 0 or invalid == 0 or valid_multibyte * 4 < invalid:
        return None

    def _as_cp1252(match: re.Match[str]) -> str:
        raw = match.group(0).encode("utf-8", errors="surrogateescape")
        return raw.decode("cp1252", errors="replace").replace("\ufffd", "\u00bf")

    return _ESCAPED.sub(_as_cp1252, escaped)


_HIGH = bytes(range(0x80, 0x100))
_ARABIC_1256 = bytes(b for b in range(0xC1, 0x100) if b not in _CP1256_LATIN)
_ASCII_LETTERS = bytes(range(0x41, 0x5B)) + bytes(range(0x61, 0x7B))


def _count(data: bytes, members: bytes) -> int:
    return len(data) - len(data.translate(None, members))


def _looks_arabic_cp1256(data: bytes) -> bool:
    high = _count(data, _HIGH)
    if not high:
        return False
    arabic = _count(data, _ARABIC_1256)
    letters = _count(data, _ASCII_LETTERS) + high
    # Arabic text is mostly high bytes; French in cp1252 has a few accented letters among ASCII ones.
    return arabic / max(1, letters) > 0.4


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode document bytes to text: `(text, encoding)`.

    Order: BOM (UTF-8, UTF-16, UTF-32) -> compressed/binary magic numbers -> BOM-less UTF-16 -> NUL bytes ->
    strict UTF-8 -> UTF-8 with cp1252 pieces -> cp1256 when the high bytes look like Arabic letters -> cp1252
    -> latin-1. Raises `CompressedContent` (Q012), `BinaryContent` (Q003) or `UndecodableText` (Q002), all
    `ValueError` subclasses with a `code` attribute, so the caller can quarantine with the right reason.
    The BOM is dropped from the text.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _accept(data[len(bom):].decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise UndecodableText(f"starts with a {encoding} byte-order mark but is not {encoding}: {exc.reason}")
    magic = sniff_magic(data[:512])
    if magic is not None:
        kind, compressed = magic
        if compressed:
            raise CompressedContent(f"{kind} compressed/archive data (never decompressed)")
        raise BinaryContent(f"{kind} file, not text")
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        try:
            return _accept(data.decode(utf16), utf16)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise BinaryContent(f"{data.count(0)} NUL byte(s): binary data, not text")
    try:
        return _accept(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    mixed = _mixed_utf8(data)
    if mixed is not None and _bad_ratio(mixed) <= _MAX_BAD_RATIO:
        return mixed, "utf-8+cp1252"
    if _looks_arabic_cp1256(data):
        return _accept(data.decode("cp1256"), "cp1256")
    try:
        return _accept(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        return _accept(data.decode("latin-1"), "latin-1")
