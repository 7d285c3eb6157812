"""Score eventwire against third-party gold: `evaluate(kind, gold)` returns a `Report` of every metric.

Kinds: `events` (conflict_events_dev.jsonl end to end), `typing` (CASE 2021 Task 2), `toponyms`
(toponyms_gold.jsonl, given spans and end to end), `event-location` (Halterman 2019 sentences),
`arabic-events` (Arabic ASSAULT / PROTEST detection on the Arabic event GSR, dev and held-out test halves) and
`custom` (an analyst's own gold events, format in `evaluate/custom.py`). Each kind lives in its own module with a
loader, a predictor (the only part that runs the pipeline, loading models once) and a pure scorer built on
`evaluate.scorers`. `DEFAULT_GOLD` names each kind's file under ../shared/eval.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from ..errors import Errors, EventwireError
from .report import Report, print_report, to_markdown, write_json

KINDS = ("events", "typing", "toponyms", "event-location", "arabic-events", "custom")
DEFAULT_GOLD = {
    "events": "conflict_events_dev.jsonl",
    "typing": "case2021_task2/test_set_final_release_with_labels.tsv",
    "toponyms": "geoparsing/toponyms_gold.jsonl",
    "event-location": "event_location/event_location_slim.jsonl",
    "arabic-events": "arabic_event_gsr",
}

__all__ = ["KINDS", "DEFAULT_GOLD", "Report", "evaluate", "print_report", "to_markdown", "write_json"]


def evaluate(kind: str, gold: Path, limit: Optional[int] = None, settings: Any = None, *,
             anchor: str = "month", inputs: Optional[Path] = None) -> Report:
    """Run one evaluation kind on a gold file and return its metrics.

    kind (str): one of KINDS. gold (Path): the gold file. limit (int | None): cap on records (per dataset,
    corpus or subset, as each kind documents). settings (Settings | None): pipeline settings (defaults).
    anchor (str): `events` only: publication date given to documents, "month" | "none" | "next-day".
    inputs (Path | None): `custom` only: the input JSONL of the documents.
    RETURNS (Report): grouped metrics, notes and timing. Raises EventwireError E010 / E011.
    """
    gold = Path(gold)
    if kind not in KINDS:
        raise EventwireError(Errors.E010.format(kind=kind, choices=", ".join(KINDS)))
    if not gold.exists():
        raise EventwireError(Errors.E011.format(path=gold))
    if kind == "events":
        from . import events

        return events.run(gold, limit, settings, anchor=anchor)
    if kind == "typing":
        from . import typing_kind

        return typing_kind.run(gold, limit, settings)
    if kind == "toponyms":
        from . import toponyms

        return toponyms.run(gold, limit, settings)
    if kind == "event-location":
        from . import event_location

        return event_location.run(gold, limit, settings)
    if kind == "arabic-events":
        from . import arabic_kind

        return arabic_kind.run(gold, limit, settings)
    from . import custom

    return custom.run(gold, limit, settings, inputs=inputs)
