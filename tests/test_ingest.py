"""Ingest: seed-like text quirks, decoding, input JSONL records, HTML, directory walks, duplicates, safe names."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from eventwire.errors import QUARANTINE_CODES, EventwireError
from eventwire.ingest import (
    SUFFIX_KINDS, UNSUPPORTED_CODE, decode_bytes, document_from_bytes, document_from_record, parse_text_document,
    read_inputs, read_path, safe_filename,
)
from eventwire.ingest_decode import BinaryContent, CompressedContent, RejectedBytes, UndecodableText
from eventwire.models import Document, Quarantined
from eventwire.settings import Settings

SEEDS = Path(__file__).parents[2] / "shared" / "seeds"

FR = ("Une frappe de drone a visé tôt ce matin une base militaire près de la frontière, selon des sources "
      "locales. Aucun bilan n'a été communiqué par les autorités.")
EN = ("A rocket attack struck a military airfield overnight, officials said on Thursday, adding that no "
      "casualties were reported.")
AR = "استهدفت طائرة مسيرة فجر اليوم قاعدة عسكرية قرب الحدود، وفق ما أفادت به مصادر محلية."


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings.from_overrides({"max_doc_bytes": 200_000})


def masked_texts(doc: Document) -> list[str]:
    return [doc.text[s:e] for s, e in doc.masked]


# --- parse_text_document: seed-like quirks ------------------------------------------------------------------


@pytest.mark.parametrize(
    "head, published, precision",
    [
        (" date 2023-06 ", "2023-06", "month"),
        ("date 2023-12-14 ", "2023-12-14", "day"),
        ("Date: 2024-02-29 ", "2024-02-29", "day"),
        ("publié le 2023-11-05 ", "2023-11-05", "day"),
        ("date 2023-13 ", None, None),  # month 13: not metadata
        ("date 2023-02-30 ", None, None),
        ("Le 2023-06 ", None, None),  # a date inside the body is not inline metadata
    ],
)
def test_inline_date_at_start_gives_published_and_precision(head: str, published: str, precision: str) -> None:
    doc = parse_text_document("d", head + FR, "d.txt")
    assert (doc.published, doc.published_precision) == (published, precision)
    assert doc.text == head + FR
    if published:
        assert doc.text[doc.masked[0][0]:doc.masked[0][1]].strip().endswith(published)
        assert doc.text[doc.body_start:].startswith("Une frappe")


@pytest.mark.parametrize(
    "last_line, outlet",
    [("SOURCE: FRENCH PRESS TV", "FRENCH PRESS TV"), ("Source: MédiasTV", "MédiasTV"),
     ("Source : Agence X", "Agence X"), ("المصدر: وكالة الأنباء", "وكالة الأنباء")],
)
def test_trailing_source_line_names_outlet_and_is_masked(last_line: str, outlet: str) -> None:
    text = f"{FR}\n\nPartager Cet Article\n{last_line}"
    doc = parse_text_document("d", text, "d.txt")
    assert doc.source == outlet
    assert last_line in masked_texts(doc)
    assert "Partager Cet Article" in masked_texts(doc)
    assert outlet not in doc.analysis_text()


def test_source_in_the_middle_of_the_body_is_not_an_outlet() -> None:
    doc = parse_text_document("d", f"Source: un responsable local.\n\n{FR}\n\n{EN}", "d.txt")
    assert doc.source is None


def test_section_label_then_title_then_caption() -> None:
    text = f"TV\n\nSyrie : une base visée deux fois en une heure\n\nDes soldats près d'un véhicule ©AFP\n\n{FR}"
    doc = parse_text_document("d", text, "d.txt")
    assert doc.title == "Syrie : une base visée deux fois en une heure"
    assert masked_texts(doc) == ["TV", "Des soldats près d'un véhicule ©AFP"]
    assert doc.text[doc.body_start:].startswith("Des soldats")


def test_short_first_line_without_title_after_it_is_a_title_not_a_label() -> None:
    doc = parse_text_document("d", f"Frappe nocturne\n\n{FR}", "d.txt")
    assert doc.title == "Frappe nocturne"
    assert doc.masked == []
    assert doc.text[doc.body_start:] == FR


@pytest.mark.parametrize("first_line", [FR, "Une phrase qui finit par un point.", "x" * 300])
def test_first_line_that_is_a_sentence_is_not_a_title(first_line: str) -> None:
    doc = parse_text_document("d", f"{first_line}\n\n{EN}", "d.txt")
    assert doc.title is None
    assert doc.body_start == 0


@pytest.mark.parametrize(
    "line",
    [
        "A lire: Irak : des bases visées par des drones",
        "À lire aussi : le bilan de la semaine",
        "Read more: convoy ambushed near the border",
        "اقرأ أيضا: هجوم على قاعدة",
        "Partager cet article",
        "Share this article",
        "Un blindé à l'entrée de la base ©AFP",
        "Crédit photo : Reuters",
    ],
)
def test_boilerplate_lines_are_masked_with_offsets_kept(line: str) -> None:
    text = f"{FR}\n\n{line}\n\n{EN}"
    doc = parse_text_document("d", text, "d.txt")
    assert line in masked_texts(doc)
    analysed = doc.analysis_text()
    assert len(analysed) == len(text)
    assert analysed.index(EN) == text.index(EN)
    assert FR in analysed


@pytest.mark.parametrize("char", ["\u202e", "\u202b", "\u2066", "\u200f", "\u200b", "\ufeff", "\x1b", "\x85"])
def test_invisible_controls_are_masked_not_removed(char: str) -> None:
    text = f"La base{char} a été visée. {FR}"
    doc = parse_text_document("d", text, "d.txt")
    assert doc.text == text
    assert doc.analysis_text()[7] == " "
    assert len(doc.analysis_text()) == len(text)


@pytest.mark.parametrize("char", ["\u200c", "\u200d", "\u00ad"])
def test_in_word_joiners_are_left_alone(char: str) -> None:
    doc = parse_text_document("d", f"mi{char}litaire {FR}", "d.txt")
    assert doc.masked == []


def test_content_hash_ignores_case_spacing_and_boilerplate() -> None:
    a = parse_text_document("a", f"{FR}\n\nPartager cet article", "a.txt")
    b = parse_text_document("b", "  " + FR.upper().replace(" ", "  \n ") + "\u200b", "b.txt")
    c = parse_text_document("c", FR + " Autre phrase.", "c.txt")
    assert a.content_hash == b.content_hash != c.content_hash


# --- decode_bytes ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, text, encoding",
    [
        (FR.encode("utf-8"), FR, "utf-8"),
        (b"\xef\xbb\xbf" + FR.encode("utf-8"), FR, "utf-8"),
        (FR.encode("utf-16"), FR, "utf-16-le"),
        (EN.encode("utf-16-be"), EN, "utf-16-be"),  # no BOM: recognised by its NUL pattern
        (EN.encode("utf-16-le"), EN, "utf-16-le"),
        ("\ufeff".encode("utf-32-le") + AR.encode("utf-32-le"), AR, "utf-32-le"),
        (AR.encode("cp1256"), AR, "cp1256"),
        (FR.encode("latin-1"), FR, "cp1252"),
        ("Côte d’Ivoire – été".encode("cp1252"), "Côte d’Ivoire – été", "cp1252"),
    ],
)
def test_decode_bytes_recognises_encodings(data: bytes, text: str, encoding: str) -> None:
    assert decode_bytes(data) == (text, encoding)


def test_decode_bytes_mixed_utf8_and_latin1_keeps_both_halves() -> None:
    data = "Première partie été.\n".encode("utf-8") + "Seconde partie déjà.\n".encode("latin-1")
    text, encoding = decode_bytes(data)
    assert text == "Première partie été.\nSeconde partie déjà.\n"
    assert encoding == "utf-8+cp1252"


@pytest.mark.parametrize(
    "data, error, code",
    [
        (gzip.compress(b"<html>" * 100), CompressedContent, "Q012"),
        (b"PK\x03\x04" + b"\x00" * 30, CompressedContent, "Q012"),
        (b"BZh91AY&SY", CompressedContent, "Q012"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", BinaryContent, "Q003"),
        (b"%PDF-1.4\n", BinaryContent, "Q003"),
        (b"text\x00with\x00some\x00nul bytes inside", BinaryContent, "Q003"),
        (b"\x01\x02\x03\x04\x05\x06 abc" * 20, UndecodableText, "Q002"),
        (b"\xff\xfe\x00\xd8", UndecodableText, "Q002"),  # UTF-16 BOM then a lone surrogate
    ],
)
def test_decode_bytes_refuses_non_text_with_a_code(data: bytes, error: type, code: str) -> None:
    with pytest.raises(error) as info:
        decode_bytes(data)
    assert isinstance(info.value, ValueError) and isinstance(info.value, RejectedBytes)
    assert info.value.code == code and code in QUARANTINE_CODES


# --- document_from_record (input JSONL, DESIGN.md §2.1) -----------------------------------------------------


def test_record_fields_become_document_fields(settings: Settings) -> None:
    record = {"id": "r1", "text": FR, "published": "2023-12-14", "source": "Agence X", "url": "https://x.test/a",
              "title": "Titre", "language": None, "extra": [1, 2]}
    doc = document_from_record(record, "in.jsonl:3", settings)
    assert isinstance(doc, Document)
    assert (doc.doc_id, doc.text, doc.published, doc.published_precision) == ("r1", FR, "2023-12-14", "day")
    assert (doc.source, doc.url, doc.title, doc.language, doc.origin) == (
        "Agence X", "https://x.test/a", "Titre", "fr", "in.jsonl:3")


def test_record_values_win_over_inline_metadata(settings: Settings) -> None:
    text = f" date 2023-06 {FR}\n\nSOURCE: TEXT TV"
    doc = document_from_record({"id": "r", "text": text, "published": "2023-07", "source": "Record"}, "o", settings)
    assert isinstance(doc, Document)
    assert (doc.published, doc.published_precision, doc.source) == ("2023-07", "month", "Record")
    assert "SOURCE: TEXT TV" in masked_texts(doc)


def test_record_without_metadata_uses_the_text_quirks(settings: Settings) -> None:
    doc = document_from_record({"id": "r", "text": f"date 2023-12-14 {FR}\nSource: Médias"}, "o", settings)
    assert isinstance(doc, Document)
    assert (doc.published, doc.published_precision, doc.source) == ("2023-12-14", "day", "Médias")


@pytest.mark.parametrize("published, expected", [
    ("2023-12-14T08:30:00Z", ("2023-12-14", "day")), ("2023-12", ("2023-12", "month")), (None, (None, None)),
])
def test_record_published_forms(settings: Settings, published: str, expected: tuple) -> None:
    doc = document_from_record({"id": "r", "text": EN, "published": published}, "o", settings)
    assert isinstance(doc, Document)
    assert (doc.published, doc.published_precision) == expected


@pytest.mark.parametrize(
    "record, code",
    [
        ({"text": FR}, "Q006"),
        ({"id": 1, "text": FR}, "Q006"),
        ({"id": "", "text": FR}, "Q006"),
        ({"id": "a\nb", "text": FR}, "Q006"),
        ({"id": "a", "text": None}, "Q006"),
        ({"id": "a", "text": ["x"]}, "Q006"),
        ({"id": "a", "text": FR, "published": 2023}, "Q006"),
        ({"id": "a", "text": FR, "published": "14 décembre 2023"}, "Q006"),
        ({"id": "a", "text": FR, "published": "2023-02-30"}, "Q006"),
        ({"id": "a", "text": FR, "source": {"name": "x"}}, "Q006"),
        ({"id": "a", "text": FR, "language": 3}, "Q006"),
        ({"id": "a", "text": ""}, "Q001"),
        ({"id": "a", "text": "\u200b \n"}, "Q001"),
        ({"id": "a", "text": FR, "language": "de"}, "Q007"),
        ({"id": "a", "text": "x" * 300_000}, "Q004"),
        ({"id": "a", "text": "bad \ud800 surrogate " + FR}, "Q002"),
        (["not", "a", "dict"], "Q006"),
    ],
)
def test_bad_records_are_quarantined_with_a_code(settings: Settings, record: object, code: str) -> None:
    item = document_from_record(record, "in.jsonl:7", settings)  # type: ignore[arg-type]
    assert isinstance(item, Quarantined)
    assert item.code == code, item.reason
    assert item.origin == "in.jsonl:7" and item.reason


def test_record_id_with_path_segments_is_kept_as_data(settings: Settings) -> None:
    doc = document_from_record({"id": "../../etc/passwd", "text": EN}, "o", settings)
    assert isinstance(doc, Document) and doc.doc_id == "../../etc/passwd"


@pytest.mark.parametrize("declared, language", [("EN", "en"), ("fr-FR", "fr"), ("ar_SY", "ar")])
def test_declared_language_is_normalized_and_trusted(settings: Settings, declared: str, language: str) -> None:
    doc = document_from_record({"id": "r", "text": FR, "language": declared}, "o", settings)
    assert isinstance(doc, Document) and doc.language == language


# --- HTML ---------------------------------------------------------------------------------------------------


def test_html_page_gives_text_title_date_and_site(settings: Settings) -> None:
    page = (f"<html><head><title>Frappe nocturne</title><meta property='og:site_name' content='Le Journal'>"
            f"<meta name='date' content='2023-12-14'></head><body><article><h1>Frappe nocturne</h1>"
            f"<p>{FR}</p><p>{FR.replace('drone', 'roquette')}</p><p>Partager cet article</p></article></body></html>")
    doc = document_from_bytes(page.encode(), "p", "p.html", "html", settings)
    assert isinstance(doc, Document)
    assert FR in doc.text
    assert (doc.title, doc.published, doc.published_precision, doc.source, doc.language) == (
        "Frappe nocturne", "2023-12-14", "day", "Le Journal", "fr")


def test_deeply_nested_html_falls_back_to_linear_parser(settings: Settings) -> None:
    page = "<div>" * 15_000 + f"<p>{EN}</p><script>var x = '{FR}';</script>" + "</div>" * 15_000
    doc = document_from_bytes(page.encode(), "deep", "deep.html", "html", settings)
    assert isinstance(doc, Document)
    assert doc.text.strip() == EN and doc.language == "en"


def test_html_without_text_is_q011(settings: Settings) -> None:
    item = document_from_bytes(b"<html><body><img src='a.png'><script>x()</script></body></html>", "e",
                               "e.html", "html", settings)
    assert isinstance(item, Quarantined) and item.code == "Q011"


# --- files, directories, duplicates -------------------------------------------------------------------------


def test_missing_path_raises_e001(tmp_path: Path, settings: Settings) -> None:
    with pytest.raises(EventwireError) as info:
        read_inputs([tmp_path / "nope.txt"], settings)
    assert info.value.code == "E001"


@pytest.mark.parametrize("name", ["table.csv", "page.pdf", "noext"])
def test_explicit_unsupported_file_raises_e002(tmp_path: Path, settings: Settings, name: str) -> None:
    (tmp_path / name).write_text("x")
    with pytest.raises(EventwireError) as info:
        read_inputs([tmp_path / name], settings)
    assert info.value.code == "E002"


def test_directory_is_walked_recursively_in_sorted_order_skipping_hidden(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.txt").write_text(FR)
    (tmp_path / "a" / "9.txt").write_text(EN)
    (tmp_path / "a" / "10.txt").write_text(FR + " Encore.")
    (tmp_path / ".git" / "HEAD.txt").write_text(EN + " hidden")
    (tmp_path / "a" / ".draft.txt").write_text(EN + " draft")
    (tmp_path / "a" / "notes.md").write_text("# notes")
    items = list(read_inputs([tmp_path], settings))
    assert [(i.doc_id, type(i).__name__) for i in items] == [
        ("10", "Document"), ("9", "Document"), ("notes", "Quarantined"), ("2", "Document")]
    assert items[2].code == UNSUPPORTED_CODE  # type: ignore[union-attr]


def test_txt_doc_id_is_file_name_without_extension(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "000_abc.txt"
    path.write_text(FR)
    [doc] = list(read_path(path, settings))
    assert isinstance(doc, Document) and doc.doc_id == "000_abc" and doc.origin == str(path)


def test_same_file_twice_is_a_duplicate(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "a.txt"
    path.write_text(FR)
    first, second = read_inputs([path, path], settings)
    assert isinstance(first, Document)
    assert isinstance(second, Quarantined) and second.code == "Q008"


def test_same_id_different_content_is_q013(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "n.txt").write_text(FR)
    (tmp_path / "y" / "n.txt").write_text(EN)
    codes = [getattr(i, "code", None) for i in read_inputs([tmp_path], settings)]
    assert codes == [None, "Q013"]


def test_jsonl_file_yields_one_item_per_non_blank_line(tmp_path: Path, settings: Settings) -> None:
    lines = [json.dumps({"id": "a", "text": FR}), "", "{oops", json.dumps({"id": "b", "text": EN}), "   "]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines))
    items = list(read_inputs([path], settings))
    assert [(i.doc_id, getattr(i, "code", None), i.origin) for i in items] == [
        ("a", None, f"{path}:1"), ("in.jsonl:3", "Q005", f"{path}:3"), ("b", None, f"{path}:4")]


def test_oversized_file_is_q004_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a " * 600)
    [item] = read_path(path, Settings.from_overrides({"max_doc_bytes": 1000}))
    assert isinstance(item, Quarantined) and item.code == "Q004" and item.size == 1200


def test_suffix_table_covers_the_documented_inputs() -> None:
    assert set(SUFFIX_KINDS) >= {".txt", ".html", ".htm", ".jsonl"}


# --- safe_filename ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("doc_id", ["../../etc/passwd", "/abs/path", "..", ".", "", "a/../../b", "CON",
                                    "x" * 1000, "نص عربي", "C:\\Windows\\win.ini", "a\x00b", ".hidden"])
def test_safe_filename_cannot_escape_a_folder(tmp_path: Path, doc_id: str) -> None:
    name = safe_filename(doc_id)
    assert name and name not in (".", "..") and "/" not in name and "\\" not in name and "\x00" not in name
    assert not name.startswith(".") and len(name) <= 120
    assert (tmp_path / name).resolve().parent == tmp_path.resolve()


def test_safe_filename_keeps_safe_ids_and_separates_unsafe_ones() -> None:
    assert safe_filename("000_cd395327afe08646") == "000_cd395327afe08646"
    assert safe_filename("a/b") != safe_filename("a_b")
    assert safe_filename("a/b") != safe_filename("a?b")


# --- the seeds (../shared/seeds) ----------------------------------------------------------------------------


def _seed(prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"seed {prefix} is absent")
    return found[0]


@pytest.mark.integration
def test_seed_000_month_date_outlet_and_masks() -> None:
    path = _seed("000")
    [doc] = read_inputs([path], Settings.from_overrides())
    assert isinstance(doc, Document)
    text = path.read_text(encoding="utf-8")
    assert doc.text == text and doc.doc_id == path.stem
    assert (doc.published, doc.published_precision, doc.language) == ("2023-06", "month", "fr")
    last_line = text.rstrip().splitlines()[-1]
    assert doc.source and last_line.endswith(doc.source)
    masked = masked_texts(doc)
    assert masked[0].startswith("date 2023-06") and last_line in masked
    assert not doc.analysis_text().lstrip().startswith("date")


@pytest.mark.integration
def test_seed_003_label_title_credit_links_and_outlet() -> None:
    path = _seed("003")
    [doc] = read_inputs([path], Settings.from_overrides())
    assert isinstance(doc, Document)
    text = path.read_text(encoding="utf-8")
    assert doc.text == text and doc.doc_id == path.stem
    assert (doc.published, doc.published_precision, doc.language) == (None, None, "fr")
    assert doc.source == "FRENCH PRESS TV"
    assert doc.title and doc.title in text.splitlines()[:4]
    masked = masked_texts(doc)
    lines = [line for line in text.splitlines() if line.strip()]
    expected = [lines[0]] + [line for line in lines if "©" in line or line.startswith("A lire")
                             or line.startswith("Partager") or line.startswith("SOURCE")]
    assert all(line in masked for line in expected), (expected, masked)
    assert len(expected) == 5
    assert doc.body_start > text.index(doc.title)
