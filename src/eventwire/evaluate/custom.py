"""The `custom` kind: score eventwire against an analyst's own coding of their own documents.

Two files. The documents: input JSONL as for `eventwire extract` (DESIGN.md §2.1: `id`, `text`, optional
`published`, `source`, `url`, `title`, `language`), given with `--input`; when it is omitted, each gold line
may carry the document itself in `text` (and `published`, `language`). The gold: JSONL, one gold event per
line:

    {"doc_id": "r-001", "event_date": "2024-01-04", "time_precision": 1,
     "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
     "latitude": 35.4, "longitude": 40.1, "admin1": "Deir ez-Zor", "country": "Syria",
     "fatalities": 0, "actor1": "Islamic Resistance in Iraq"}

Only `doc_id` is required; every other field is scored when present (ACLED names and conventions, §2.2):
`event_date` with `time_precision` (1 day, 2 week = ±3 days, 3 month) or an explicit `date_end`;
`event_type` / `sub_event_type` (current ACLED taxonomy; the event type is derived from the sub-event type
when absent); `latitude`/`longitude` (Acc@25km, Acc@161km); `admin1`, `country`; `fatalities` (exact, or
inside `fatalities_low`..`fatalities_high` when both are given); `actor1` (after normalization). Several gold
events may share a document: each is scored against the document's best-matching predicted event.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Optional

from ..errors import Errors, EventwireError
from .common import documents_from_records, extract_per_document, read_jsonl, settings_or_default
from .events import GoldEvent, score_events
from .report import Report
from .taxonomy_map import CURRENT, SUB_TO_TYPE, GoldLabel


def gold_from_custom_row(row: dict[str, Any]) -> GoldEvent:
    """A GoldEvent from one line of the documented custom gold format."""
    if row.get("doc_id") in (None, ""):
        raise EventwireError(Errors.E012.format(path="gold", detail=f"gold event without doc_id: {row}"))
    sub = row.get("sub_event_type") or None
    etype = row.get("event_type") or (SUB_TO_TYPE.get(sub) if sub else None)
    label = None
    if etype:
        accepted = (sub,) if sub else CURRENT.get(etype, ())
        label = GoldLabel(etype, sub, accepted)
    return GoldEvent(
        gold_id=str(row.get("id") or row["doc_id"]), doc_id=str(row["doc_id"]), group="custom",
        text=row.get("text"), lang=row.get("language"), date=row.get("event_date"), date_end=row.get("date_end"),
        time_precision=row.get("time_precision"), label=label, actor1=row.get("actor1"),
        country=row.get("country"), admin1=row.get("admin1"), latitude=row.get("latitude"),
        longitude=row.get("longitude"), fatalities=row.get("fatalities"),
        fatalities_low=row.get("fatalities_low"), fatalities_high=row.get("fatalities_high"),
    )


def load(gold: Path, inputs: Optional[Path] = None, limit: Optional[int] = None) -> tuple[list[GoldEvent], list[dict[str, Any]]]:
    """Gold events and the input records of their documents (the first `limit` documents when given)."""
    rows = list(read_jsonl(gold))
    golds = [gold_from_custom_row(r) for r in rows]
    if inputs is not None:
        records = list(read_jsonl(inputs))
    else:
        records = []
        seen: set[str] = set()
        for r in rows:
            if r.get("text") and str(r["doc_id"]) not in seen:
                seen.add(str(r["doc_id"]))
                records.append({"id": str(r["doc_id"]), "text": r["text"], "published": r.get("published"),
                                "language": r.get("language"), "title": r.get("title"), "source": r.get("source"),
                                "url": r.get("url")})
        if not records:
            raise EventwireError(Errors.E012.format(
                path=gold, detail="no documents: give the input JSONL with --input, or a 'text' in each gold line"))
    wanted = {g.doc_id for g in golds}
    records = [r for r in records if str(r.get("id")) in wanted]
    if limit is not None:
        records = records[:limit]
        keep = {str(r.get("id")) for r in records}
        golds = [g for g in golds if g.doc_id in keep]
    return golds, records


def run(gold: Path, limit: Optional[int] = None, settings: Any = None, inputs: Optional[Path] = None) -> Report:
    """Score the pipeline against a user's gold events (format in the module docstring)."""
    settings = settings_or_default(settings)
    started = time.perf_counter()
    golds, records = load(gold, inputs, limit)
    docs = documents_from_records(records, str(inputs or gold), settings)
    preds, failures = extract_per_document(docs, settings)
    report = Report(kind="custom", gold=str(gold), limit=limit, groups=score_events(golds, preds))
    report.seconds = time.perf_counter() - started
    missing = sorted({g.doc_id for g in golds} - {str(r.get("id")) for r in records})
    report.notes.append("best-matching predicted event per gold event; no prediction = wrong on every field")
    if missing:
        report.notes.append(f"{len(missing)} gold doc_id(s) have no input document (scored as missed): "
                            + ", ".join(missing[:5]))
    if failures.get("quarantined") or failures.get("failed"):
        report.notes.append(f"documents quarantined: {failures['quarantined']}, failed: {failures['failed']}")
    report.details["failures"] = failures
    return report
