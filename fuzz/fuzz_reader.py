"""Atheris (libFuzzer) target for the text reader: any bytes must give a Document or a Quarantined.

Coverage-guided companion to the hypothesis properties in tests/test_fuzz_ingest.py. atheris is an optional
extra (`pip install -e '.[fuzz]'`) and is imported lazily, so this file imports without it; it is not run by
the test suite. Run it by hand, for example:

    python fuzz/fuzz_reader.py -max_total_time=300 -max_len=65536 [corpus_dir]

The first input byte picks the reader (text / html / JSONL record); the rest is the document.
"""
from __future__ import annotations

import json
import sys
from typing import Any


def _setup() -> Any:
    from eventwire.settings import Settings

    return Settings.from_overrides({"max_doc_bytes": 200_000})


SETTINGS: Any = None


def test_one_input(data: bytes) -> None:
    """One fuzz case: the reader must return a well-formed item and never raise."""
    from eventwire.ingest import document_from_bytes, document_from_record
    from eventwire.models import Document, Quarantined

    global SETTINGS
    if SETTINGS is None:
        SETTINGS = _setup()
    if not data:
        return
    selector, payload = data[0] % 3, data[1:]
    if selector == 2:
        try:
            record = json.loads(payload.decode("utf-8", errors="replace"))
        except (ValueError, RecursionError):
            return
        item = document_from_record(record, "fuzz.jsonl:1", SETTINGS)
    else:
        kind = "html" if selector else "text"
        item = document_from_bytes(payload, "fuzz", "fuzz." + kind, kind, SETTINGS)
    assert isinstance(item, (Document, Quarantined))
    if isinstance(item, Document):
        assert len(item.analysis_text()) == len(item.text)
        assert all(0 <= s < e <= len(item.text) for s, e in item.masked)
        assert 0 <= item.body_start <= len(item.text)


def main(argv: list[str]) -> None:
    try:
        import atheris
    except ImportError:
        sys.exit("atheris is not installed: pip install -e '.[fuzz]' (needs clang/libFuzzer on some platforms)")
    with atheris.instrument_imports():
        import eventwire.ingest  # noqa: F401  (instrument the reader and its helpers)
        import eventwire.ingest_decode  # noqa: F401
        import eventwire.ingest_html  # noqa: F401
        import eventwire.ingest_text  # noqa: F401
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
