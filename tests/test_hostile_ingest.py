"""Hostile corpus (issue #7): every generated file and JSONL line ends processed or quarantined, with the
expected coded reason; documents in = processed + quarantined; the 50 MB file is refused without reading it."""
from __future__ import annotations

import collections
import time
from pathlib import Path

import pytest

from eventwire.errors import QUARANTINE_CODES
from eventwire.ingest import UNSUPPORTED_CODE, read_inputs
from eventwire.models import Document, Quarantined
from eventwire.settings import Settings

from hostile import SETTINGS, UNSUPPORTED, Expect, write_hostile_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Expect], list, float]:
    root = tmp_path_factory.mktemp("hostile")
    manifest = write_hostile_corpus(root)
    start = time.perf_counter()
    items = list(read_inputs([root], Settings.from_overrides(SETTINGS)))
    return root, manifest, items, time.perf_counter() - start


def _want(expect: Expect) -> str | None:
    return UNSUPPORTED_CODE if expect.code == UNSUPPORTED else expect.code


def test_documents_in_equal_processed_plus_quarantined(corpus) -> None:
    root, manifest, items, _ = corpus
    processed = [i for i in items if isinstance(i, Document)]
    quarantined = [i for i in items if isinstance(i, Quarantined)]
    assert len(processed) + len(quarantined) == len(items) == len(manifest)
    assert len(processed) == sum(1 for e in manifest if e.code is None)
    # every input unit is accounted for exactly once
    origins = collections.Counter(i.origin for i in items)
    assert origins == collections.Counter(e.origin(root) for e in manifest)


def test_every_input_gets_its_expected_outcome(corpus) -> None:
    root, manifest, items, _ = corpus
    by_origin = {i.origin: i for i in items}
    wrong = []
    for expect in manifest:
        item = by_origin[expect.origin(root)]
        got = (None, item.language) if isinstance(item, Document) else (item.code, None)
        if got != (_want(expect), expect.language):
            wrong.append((expect.path, expect.line, expect.note, got, getattr(item, "reason", "")))
    assert not wrong


def test_quarantine_reasons_are_coded_and_explained(corpus) -> None:
    _, _, items, _ = corpus
    for item in items:
        if isinstance(item, Quarantined):
            assert item.code in QUARANTINE_CODES or item.code == UNSUPPORTED_CODE
            assert item.reason and len(item.reason) <= 500


def test_hidden_entries_are_skipped(corpus) -> None:
    _, _, items, _ = corpus
    assert not any("/." in i.origin for i in items)


def test_processed_documents_are_well_formed(corpus) -> None:
    _, _, items, _ = corpus
    for doc in items:
        if isinstance(doc, Document):
            assert len(doc.analysis_text()) == len(doc.text)
            assert all(0 <= s < e <= len(doc.text) for s, e in doc.masked)
            assert 0 <= doc.body_start <= len(doc.text)
            assert len(doc.content_hash) == 64


def test_zero_width_and_bidi_controls_are_masked(corpus) -> None:
    root, _, items, _ = corpus
    [doc] = [i for i in items if i.origin == str(root / "lang/rtl_zero_width.txt")]
    analysed = doc.analysis_text()
    assert not any(c in analysed for c in "\u202e\u200b\u2066\u2069\u200f")
    assert "\u202e" in doc.text


def test_payloads_in_html_stay_data(corpus) -> None:
    root, _, items, _ = corpus
    [doc] = [i for i in items if i.origin == str(root / "html/07_script_injection.html")]
    assert "$(rm -rf /) {0} %s ../../etc" in doc.text and "alert" not in doc.text


def test_reading_the_corpus_is_quick_and_deterministic(corpus) -> None:
    root, _, items, seconds = corpus
    assert seconds < 60
    again = list(read_inputs([root], Settings.from_overrides(SETTINGS)))
    assert [(i.origin, type(i).__name__, getattr(i, "code", None)) for i in again] == [
        (i.origin, type(i).__name__, getattr(i, "code", None)) for i in items]


def test_quarantine_table(corpus, capsys) -> None:
    _, manifest, items, seconds = corpus
    counts = collections.Counter(getattr(i, "code", "processed") for i in items)
    with capsys.disabled():
        print(f"\nhostile corpus: {len(items)} units in {seconds:.2f}s")
        for code, n in sorted(counts.items()):
            print(f"  {code:10} {n:3}  {QUARANTINE_CODES.get(code, '')}")
    assert sum(counts.values()) == len(manifest)
    assert {"Q001", "Q002", "Q003", "Q004", "Q005", "Q006", "Q007", "Q008", "Q011", "Q012", "Q013"} <= set(counts)
