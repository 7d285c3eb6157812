"""Hostile-corpus generator for ingest tests: writes dirty and malicious inputs into a folder, with a manifest.

`write_hostile_corpus(root)` creates binary files, wrong and mixed encodings (cp1256, latin-1, UTF-16 with
and without BOM, UTF-8 + latin-1), empty and whitespace-only files, a 50 MB document, malformed and deeply
nested HTML, gzip and zip bombs named .html/.txt, JSONL with broken lines, wrong types, duplicate ids and
deeply nested JSON, unsupported languages (German, Chinese), RTL overrides and zero-width characters, and
returns one `Expect` per input unit (file or non-blank JSONL line) with the outcome ingest must produce:
a language code for a processed document or a quarantine code. All texts are written for these tests.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

# Settings the manifest assumes (the default languages; a 1 MB document limit keeps the test fast).
SETTINGS = {"max_doc_bytes": 1_000_000, "languages": ("fr", "en", "ar")}
UNSUPPORTED = "Q014-or-Q003"  # the walk's code for unsupported file types (see eventwire.ingest.UNSUPPORTED_CODE)

FR = ("Une frappe de drone a visé tôt ce matin une base militaire près de la frontière, selon des sources "
      "locales citées par plusieurs agences. Aucun bilan n'a été communiqué par les autorités de la région.")
FR2 = ("Un convoi de camions chargés de carburant est arrivé mardi soir dans la ville, escorté par des "
       "véhicules blindés, ont rapporté des habitants joints par téléphone.")
EN = ("A rocket attack struck a military airfield overnight, officials said on Thursday, adding that no "
      "casualties were reported and that an investigation had been opened.")
EN2 = ("Armed men ambushed a supply convoy on the main road east of the city on Monday, according to a "
       "statement released by the provincial police.")
AR = ("استهدفت طائرة مسيرة فجر اليوم قاعدة عسكرية قرب الحدود، وفق ما أفادت به مصادر محلية، "
      "ولم تعلن السلطات عن وقوع إصابات حتى الآن.")
DE = ("Ein Konvoi mit Lastwagen ist am Dienstagabend in der Stadt eingetroffen, wie Anwohner am Telefon "
      "berichteten. Die Behörden haben sich bisher nicht dazu geäußert.")
ZH = "周二晚上，一支满载燃料的卡车车队在装甲车护送下抵达该市，当地居民通过电话向记者证实了这一消息。"


@dataclass(frozen=True)
class Expect:
    """One input unit: `path` relative to the corpus root, `line` for JSONL lines, and the expected outcome:
    `code` None means processed (with `language`), else the quarantine code."""

    path: str
    line: Optional[int]
    code: Optional[str]
    language: Optional[str] = None
    note: str = ""

    def origin(self, root: Path) -> str:
        base = str(root / self.path)
        return f"{base}:{self.line}" if self.line is not None else base


def _write(root: Path, rel: str, data: bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _write_big(path: Path, size: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    chunk = (FR + "\n").encode("utf-8") * 256
    with open(path, "wb") as fp:
        written = 0
        while written < size:
            fp.write(chunk)
            written += len(chunk)


def _jsonl_lines(limit: int) -> list[tuple[Optional[bytes], Optional[str], Optional[str], str]]:
    """(line bytes or None for a blank line, expected code, expected language, note)."""
    def rec(**kw: object) -> bytes:
        return json.dumps(kw, ensure_ascii=False).encode("utf-8")

    nested = b"[" * 100_000 + b"]" * 100_000
    return [
        (rec(id="j-fr", text=FR2 + " (dépêche)", published="2023-12-14", source="Agence X"), None, "fr",
         "valid French"),
        (rec(id="j-en", text=EN2 + " (wire)", published="2023-12", language="en"), None, "en", "valid English, month"),
        (rec(id="../../etc/passwd", text=EN + " (path id)"), None, "en", "path-like id kept as data"),
        (None, None, None, "blank line: not a record"),
        (b'{"id": "broken", "text": "unterminated', "Q005", None, "broken JSON"),
        (b"this is not json at all", "Q005", None, "not JSON"),
        (nested, "Q005", None, "deeply nested JSON (recursion)"),
        (b"[1, 2, 3]", "Q006", None, "array, not object"),
        (rec(text=FR), "Q006", None, "missing id"),
        (rec(id=42, text=FR + " 42"), "Q006", None, "integer id"),
        (rec(id=["a"], text=FR + " list"), "Q006", None, "list id"),
        (rec(id="j-int-text", text=12345), "Q006", None, "integer text"),
        (rec(id="j-no-text"), "Q006", None, "missing text"),
        (rec(id="j-bad-date", text=FR + " date", published="14/12/2023"), "Q006", None, "bad published"),
        (rec(id="j-bad-month", text=FR + " mois", published="2023-13"), "Q006", None, "month 13"),
        (rec(id="j-title-int", text=FR + " titre", title=7), "Q006", None, "integer title"),
        (rec(id="j-ctrl\x07id", text=FR + " ctrl"), "Q006", None, "control character in id"),
        (rec(id="x" * 600, text=FR + " long id"), "Q006", None, "id too long"),
        (rec(id="j-empty", text="   \n\t "), "Q001", None, "whitespace text"),
        (rec(id="j-de", text=DE), "Q007", None, "German detected"),
        (rec(id="j-zh", text=ZH), "Q007", None, "Chinese detected"),
        (rec(id="j-lang-tr", text=EN + " tr", language="tr"), "Q007", None, "declared Turkish"),
        (rec(id="j-fr", text=FR2 + " (dépêche)", published="2023-12-14"), "Q008", None, "same id same text"),
        (rec(id="j-fr", text=FR + " other"), "Q013", None, "same id, different text"),
        (rec(id="j-copy", text="  " + FR2.upper() + "  (DÉPÊCHE)\n"), "Q008", None, "same normalized content"),
        (b'{"id": "j-nul", "text": "a\x00b"}', "Q003", None, "raw NUL byte in the line"),
        (rec(id="j-big", text="a" * (limit + 10)), "Q004", None, "line over max_doc_bytes"),
        (rec(id="j-ar", text=AR + " (وكالة)"), None, "ar", "Arabic"),
    ]


def write_hostile_corpus(root: Path, big_bytes: int = 50 * 1024 * 1024) -> list[Expect]:
    """Write the hostile corpus under `root` and return the expected outcome of every input unit.

    root (Path): an empty folder. big_bytes (int): size of the oversized document (default 50 MB).
    Also writes a hidden `.git/` folder that a walk must skip (not in the manifest).
    """
    limit = int(SETTINGS["max_doc_bytes"])  # type: ignore[call-overload]
    out: list[Expect] = []

    def add(rel: str, data: bytes, code: Optional[str], language: Optional[str] = None, note: str = "") -> None:
        _write(root, rel, data)
        out.append(Expect(rel, None, code, language, note))

    # Encodings
    add("enc/01_utf8.txt", ("Titre d'essai\n\n" + FR + "\n").encode("utf-8"), None, "fr", "plain UTF-8")
    add("enc/02_latin1.txt", (FR2 + "\n").encode("latin-1"), None, "fr", "latin-1 French")
    add("enc/03_cp1256.txt", (AR + "\n").encode("cp1256"), None, "ar", "cp1256 Arabic")
    add("enc/04_utf16_bom.txt", (EN + "\n").encode("utf-16"), None, "en", "UTF-16 with BOM")
    add("enc/05_utf16le_nobom.txt", (EN2 + "\n").encode("utf-16-le"), None, "en", "UTF-16-LE without BOM")
    mixed = ("Premier paragraphe écrit en UTF-8 : " + FR[:80] + "\n\n").encode("utf-8") + \
        ("Second paragraphe en latin-1 : été, déjà, très " + FR[80:] + "\n").encode("latin-1")
    add("enc/06_mixed.txt", mixed, None, "fr", "UTF-8 + latin-1 in one file")
    add("enc/07_utf8_bom.txt", b"\xef\xbb\xbf" + (EN + " BOM").encode("utf-8"), None, "en", "UTF-8 BOM")
    add("enc/08_dup_of_latin1.txt", (FR2 + "\n").encode("utf-8"), "Q008", None, "same content, other encoding")
    add("enc/09_controls.txt", b"\x01\x02\x03\x04abc\x05\x06 " * 200, "Q002", None, "control characters")
    # Empty and binary
    add("empty/empty.txt", b"", "Q001", None, "zero bytes")
    add("empty/whitespace.txt", b"  \n\t\r\n   \n", "Q001", None, "whitespace only")
    add("empty/utf16_whitespace.txt", "   \n  ".encode("utf-16"), "Q001", None, "UTF-16 whitespace")
    add("empty/boilerplate_only.txt", "Partager Cet Article\n\nSOURCE: SOME TV\n".encode(), "Q001", None,
        "only boilerplate")
    add("empty/zero_width_only.txt", "\u200b\u202e\u200b\n".encode(), "Q001", None, "only invisible characters")
    add("binary/random.txt", bytes(range(256)) * 64, "Q003", None, "NUL bytes")
    add("binary/image.html", b"\x89PNG\r\n\x1a\n" + os.urandom(2048), "Q003", None, "PNG named .html")
    add("binary/doc.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"1 0 obj\n" * 50, "Q003", None, "PDF named .txt")
    add("binary/elf.htm", b"\x7fELF\x02\x01\x01" + bytes(200), "Q003", None, "executable named .htm")
    # Bombs: compressed data is recognised by its magic number and never inflated.
    add("bomb/gzip_bomb.html", gzip.compress(b"\0" * (20 * 1024 * 1024), compresslevel=9), "Q012", None,
        "gzip bomb named .html")
    zbuf = io.BytesIO()
    with zipfile.ZipFile(zbuf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("page.html", b"<p>" + b"A" * (20 * 1024 * 1024))
    add("bomb/zip_bomb.htm", zbuf.getvalue(), "Q012", None, "zip bomb named .htm")
    add("bomb/gzip_text.txt", gzip.compress((FR * 1000).encode()), "Q012", None, "gzip named .txt")
    add("bomb/archive.zip", zbuf.getvalue(), "Q012", None, "archive with its own extension")
    # Size
    _write_big(root / "big/50mb.txt", big_bytes)
    out.append(Expect("big/50mb.txt", None, "Q004", None, f"{big_bytes:,} bytes"))
    add("big/just_over.txt", b"a " * (limit // 2 + 1), "Q004", None, "one byte over the limit")
    # HTML
    page = (f"<html><head><title>Frappe nocturne</title><meta charset='utf-8'></head><body><article>"
            f"<h1>Frappe nocturne</h1><p>{FR}</p><p>{FR2}</p><p>Partager cet article</p></article></body></html>")
    add("html/01_article.html", page.encode("utf-8"), None, "fr", "a normal page")
    add("html/02_malformed.html", (f"<html><body><p>{EN}<b><i><p>{EN2}<div><span>" * 3).encode(), None, "en",
        "unclosed tags")
    add("html/03_deep.html", ("<div>" * 50_000 + f"<p>{FR}</p>" + "</div>" * 50_000).encode(), None, "fr",
        "50k nested divs")
    add("html/04_no_text.html", b"<html><head><script>var a = 1;</script><style>p{}</style></head>"
        b"<body><img src='a.png'><br/></body></html>", "Q011", None, "no text")
    add("html/05_cp1256.html", (f"<html><head><meta charset='windows-1256'></head><body><p>{AR} (صفحة)</p></body>"
                                f"</html>").encode("cp1256"), None, "ar", "declared cp1256")
    add("html/06_empty.html", b"", "Q001", None, "empty HTML file")
    add("html/07_script_injection.html", (f"<html><body><p>{EN}</p><script>alert('x')</script>"
                                          f"<p>$(rm -rf /) {{0}} %s ../../etc</p></body></html>").encode(),
        None, "en", "payloads stay data")
    # Languages, RTL and zero-width
    add("lang/german.txt", DE.encode(), "Q007", None, "German")
    add("lang/chinese.txt", ZH.encode(), "Q007", None, "Chinese")
    rtl = ("Une attaque\u202e a visé \u200bla base\u200b\u2066 de\u2069 nuit\u200f, " + FR).encode()
    add("lang/rtl_zero_width.txt", rtl, None, "fr", "bidi override and zero-width")
    add("lang/short.txt", "Deir ez-Zor".encode(), None, "fr", "too short to detect: default language")
    # Unsupported types in a walk, special files
    add("other/table.csv", b"id,text\n1,hello\n", UNSUPPORTED, None, "unsupported extension")
    add("other/noext", (FR + " sans extension").encode(), UNSUPPORTED, None, "no extension")
    _write(root, ".git/config", b"[core]\n")  # hidden: skipped by the walk, not in the manifest
    _write(root, "other/.hidden.txt", FR.encode())
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "other/pipe.txt")
        out.append(Expect("other/pipe.txt", None, UNSUPPORTED, None, "FIFO must not block the reader"))
    (root / "other/link_to_enc").symlink_to(root / "enc", target_is_directory=True)
    out.append(Expect("other/link_to_enc", None, UNSUPPORTED, None, "symlinked directory not followed"))
    # JSONL
    lines = _jsonl_lines(limit)
    _write(root, "jsonl/records.jsonl", b"\n".join(b"" if data is None else data for data, *_ in lines) + b"\n")
    for lineno, (data, code, language, note) in enumerate(lines, start=1):
        if data is not None:
            out.append(Expect("jsonl/records.jsonl", lineno, code, language, note))
    add("jsonl/empty.jsonl", b"\n\n", "Q001", None, "no records")
    add("jsonl/utf16.jsonl", json.dumps({"id": "u16", "text": EN}).encode("utf-16"), "Q002", None,
        "UTF-16 JSONL")
    add("jsonl/gzipped.jsonl", gzip.compress(b'{"id": "g", "text": "x"}\n'), "Q012", None, "gzip named .jsonl")
    return out
