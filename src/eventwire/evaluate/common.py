"""Small helpers shared by the evaluation kinds: reading gold files, building documents, running the pipeline.

The pipeline pieces are imported inside functions so that the scorers import (and are tested) on their own.
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any, Iterator, Optional

from ..errors import Errors, EventwireError


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Records of a JSONL file (blank lines skipped); a coded error when the file is missing or malformed."""
    if not path.exists():
        raise EventwireError(Errors.E011.format(path=path))
    with path.open(encoding="utf-8") as fp:
        for lineno, line in enumerate(fp, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EventwireError(Errors.E012.format(path=path, detail=f"line {lineno}: {exc}")) from None
            if isinstance(record, dict):
                yield record


def settings_or_default(settings: Any = None) -> Any:
    from ..settings import Settings

    return settings if settings is not None else Settings.from_overrides({})


def fold(text: Optional[str]) -> str:
    """Casefolded text without accents or punctuation, for comparing place names across spellings."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


_ADMIN_WORDS = {"province", "region", "governorate", "state", "district", "department", "county", "prefecture",
                "municipality", "oblast", "division", "wilaya", "muhafazah", "region", "zone", "city", "of"}


def admin_match(pred: Optional[str], gold: Optional[str]) -> Optional[bool]:
    """Same administrative area name after folding, ignoring words like "province" (fuzzy ratio >= 85).

    None when the gold has no name; a missing prediction is wrong.
    """
    g = " ".join(w for w in fold(gold).split() if w not in _ADMIN_WORDS)
    if not g:
        return None
    p = " ".join(w for w in fold(pred).split() if w not in _ADMIN_WORDS)
    if not p:
        return False
    if p == g:
        return True
    from rapidfuzz import fuzz

    return fuzz.ratio(p, g) >= 85


def documents_from_records(records: list[dict[str, Any]], origin: str, settings: Any) -> list[Any]:
    """Documents (or Quarantined records) built by ingest from input-JSONL records (DESIGN.md §2.1)."""
    from ..ingest import document_from_record

    return [document_from_record(r, origin, settings) for r in records]


def extract_per_document(docs: list[Any], settings: Any) -> tuple[dict[str, list[dict[str, Any]]], dict[str, Any]]:
    """Events (§2.2 dicts) per document id, running the pipeline one document at a time.

    One document per call keeps events from fusing across unrelated gold records; the models and the
    gazetteer are loaded once per process by their modules, so this costs no reload. Quarantined records
    and documents whose processing fails get an empty list (a missed event, never a crash of the run); the
    second value counts them by cause ("quarantined", "failed", with the first error under "first_error").
    """
    from ..models import Document
    from ..pipeline import extract_events

    out: dict[str, list[dict[str, Any]]] = {}
    counts: dict[str, Any] = {"quarantined": 0, "failed": 0}
    for doc in docs:
        if not isinstance(doc, Document):
            out[getattr(doc, "doc_id", "")] = []
            counts["quarantined"] += 1
            continue
        try:
            events = extract_events([doc], settings)
        except Exception as exc:  # noqa: BLE001 - one bad document must not end a 10-minute evaluation
            events = []
            counts["failed"] += 1
            counts.setdefault("first_error", f"{doc.doc_id}: {type(exc).__name__}: {exc}")
        out[doc.doc_id] = [e.to_dict() if hasattr(e, "to_dict") else dict(e) for e in events]  # type: ignore[call-overload]
    return out, counts
