"""Property tests on ingest (issue #7 §3): any bytes, text or record yields a Document or a Quarantined, never an
exception; masked ranges stay in bounds; analysis_text keeps the text's length and newlines.

Example counts follow the hypothesis profile: `ci` by default, `HYPOTHESIS_PROFILE=fuzz` for many more
(`make fuzz`). Profiles are registered here only when conftest has not done it, so registering twice is harmless.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st
from hypothesis.errors import InvalidArgument

from eventwire.ingest import (
    decode_bytes, document_from_bytes, document_from_record, parse_text_document, read_inputs, safe_filename,
)
from eventwire.ingest_decode import RejectedBytes, sniff_magic
from eventwire.models import Document, Quarantined
from eventwire.settings import Settings

for _name, _count in (("ci", 200), ("fuzz", 20_000)):
    try:
        settings.get_profile(_name)
    except InvalidArgument:
        settings.register_profile(_name, max_examples=_count, deadline=None,
                                  suppress_health_check=[HealthCheck.too_slow])
_PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def budget(factor: float) -> settings:
    """The active profile scaled for one test (cheap properties run more examples than file-system ones)."""
    return settings(_PROFILE, max_examples=max(10, int(_PROFILE.max_examples * factor)), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


SETTINGS = Settings.from_overrides({"max_doc_bytes": 20_000})

# Text that looks like a seed: metadata, labels, credits, boilerplate, controls, scripts mixed together.
_PIECES = st.sampled_from([
    " date 2023-06 ", "date 2023-12-14 ", "date 2023-13 ", "TV", "SOURCE: FRENCH PRESS TV", "Source: Médias",
    "Partager Cet Article", "A lire: Irak : des bases visées", "Forces américaines ©AFP", "\n", "\n\n", "\r\n",
    "Une frappe de drone a visé la base. ", "A rocket hit the airfield. ", "قصفت طائرة مسيرة القاعدة. ",
    "\u202e", "\u200b", "\u2066", "\u2069", "\ufeff", "\x00", "\x1b[31m", "\x85", "\u2028", "é", "«", "»",
])
SEEDLIKE = st.lists(st.one_of(_PIECES, st.text(max_size=30)), max_size=25).map("".join)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
RECORDS = st.fixed_dictionaries(
    {},
    optional={"id": st.one_of(st.text(max_size=20), JSON_VALUES), "text": st.one_of(SEEDLIKE, JSON_VALUES),
              "published": st.one_of(st.none(), st.sampled_from(["2023-12-14", "2023-12", "2023-13", "x"]),
                                     JSON_VALUES),
              "source": st.one_of(st.none(), st.text(max_size=10), JSON_VALUES),
              "language": st.one_of(st.none(), st.sampled_from(["fr", "en", "ar", "de", "FR-fr", ""]), JSON_VALUES),
              "title": st.one_of(st.none(), st.text(max_size=10))},
)


def check_item(item: object) -> None:
    assert isinstance(item, (Document, Quarantined))
    if isinstance(item, Document):
        analysed = item.analysis_text()
        assert len(analysed) == len(item.text)
        assert all(0 <= s < e <= len(item.text) for s, e in item.masked)
        assert all(a[1] < b[0] for a, b in zip(item.masked, item.masked[1:]))  # sorted, merged
        assert 0 <= item.body_start <= len(item.text)
        assert item.language in SETTINGS.languages
        assert [i for i, c in enumerate(analysed) if c == "\n"] == [i for i, c in enumerate(item.text) if c == "\n"]
    else:
        assert item.code.startswith("Q") and item.reason


@budget(2.0)
@given(st.binary(max_size=3000))
def test_decode_bytes_returns_text_or_a_coded_value_error(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data)
    except RejectedBytes as exc:
        assert isinstance(exc, ValueError) and exc.code in ("Q002", "Q003", "Q012")
    else:
        assert isinstance(text, str) and encoding


@budget(3.0)
@given(SEEDLIKE)
def test_parse_text_document_keeps_text_and_offsets(text: str) -> None:
    doc = parse_text_document("d", text, "d.txt")
    assert doc.text == text
    assert len(doc.analysis_text()) == len(text)
    assert all(0 <= s < e <= len(text) for s, e in doc.masked)
    assert 0 <= doc.body_start <= len(text)
    assert doc.published is None or doc.published_date() is not None


@budget(1.0)
@given(st.one_of(st.binary(max_size=2000), SEEDLIKE.map(lambda t: t.encode("utf-8", "surrogatepass"))),
       st.sampled_from(["text", "html"]))
def test_document_from_bytes_never_raises(data: bytes, kind: str) -> None:
    check_item(document_from_bytes(data, "d", "d." + kind, kind, SETTINGS))


@budget(1.0)
@given(SEEDLIKE.map(lambda t: f"<html><body><div><p>{t}</p><p>{t}</div></body>"))
def test_html_strings_never_raise(page: str) -> None:
    check_item(document_from_bytes(page.encode("utf-8", "surrogatepass"), "h", "h.html", "html", SETTINGS))


@budget(2.0)
@given(st.one_of(RECORDS, JSON_VALUES))
def test_document_from_record_never_raises(record: object) -> None:
    check_item(document_from_record(record, "in.jsonl:1", SETTINGS))  # type: ignore[arg-type]


def _expected_units(suffix: str, data: bytes) -> int:
    """What read_inputs must yield for one file: 1, or one per non-blank JSONL line (1 for none)."""
    if suffix != ".jsonl" or data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return 1
    if sniff_magic(data[:512]) is not None:
        return 1
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return sum(1 for line in data.split(b"\n") if line.strip()) or 1


@budget(0.25)
@given(st.lists(st.tuples(st.sampled_from([".txt", ".html", ".htm", ".jsonl", ".csv", ""]),
                          st.binary(max_size=1500)), min_size=1, max_size=5))
def test_read_inputs_accounts_for_every_file(files: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        expected = 0
        for n, (suffix, data) in enumerate(files):
            (root / f"f{n}{suffix}").write_bytes(data)
            expected += _expected_units(suffix, data)
        items = list(read_inputs([root], SETTINGS))
        for item in items:
            check_item(item)
        # one item per file, one per non-blank JSONL line (a JSONL file with no records is one Q001)
        assert len(items) == expected


@budget(0.5)
@given(st.lists(st.one_of(st.binary(max_size=200),
                          st.builds(lambda r: json.dumps(r, ensure_ascii=False).encode(), RECORDS)), max_size=8))
def test_jsonl_yields_one_item_per_non_blank_line(lines: list[bytes]) -> None:
    lines = [line.replace(b"\n", b" ").replace(b"\r", b" ") for line in lines]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.jsonl"
        path.write_bytes(b"x\n" + b"\n".join(lines))  # a first non-magic line keeps the file-level checks out
        items = list(read_inputs([path], SETTINGS))
        for item in items:
            check_item(item)
        assert len(items) == 1 + sum(1 for line in lines if line.strip())


@budget(2.0)
@given(st.text())
def test_safe_filename_is_a_single_safe_component(doc_id: str) -> None:
    name = safe_filename(doc_id)
    assert name and name not in (".", "..") and not name.startswith(".")
    assert all(c.isascii() and (c.isalnum() or c in "._-") for c in name)
    assert len(name) <= 120
