"""The `events` kind: text → events end to end on ../shared/eval/conflict_events_dev.jsonl (ACLED 2016 + UCDP).

Each gold record's text (ACLED `notes`, UCDP `source_headline`) is one document; the pipeline's events for it
are compared with the gold record through the best-matching predicted event (`match_score`). Rows without
text are skipped, and so are UCDP headlines in which eventwire's typer finds no event cue (victim records such
as "At night"): that filter uses the system under test, so the skipped count is reported next to the numbers.
Publication date: documents get `published` from `anchor` — "month" (default: the gold date's year and month,
month precision, so the year is known as it would be from any real report while the day must come from the
text), "none" (the pipeline infers the year alone; ACLED notes almost never state it) or "next-day" (the day
after the gold window, as for a wire report; the most generous). Scoring is shared with the `custom` kind.
"""
from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from . import scorers as S
from .common import admin_match, documents_from_records, extract_per_document, read_jsonl, settings_or_default
from .report import Report
from .taxonomy_map import EVENT_TYPES, UCDP_COMPATIBLE, GoldLabel, map_acled_2016

ANCHORS = ("month", "none", "next-day")


@dataclass
class GoldEvent:
    """One gold event in current terms (the fields every scorer reads)."""

    gold_id: str
    doc_id: str
    group: str  # "acled", "ucdp", "custom"
    text: Optional[str] = None
    lang: Optional[str] = None
    date: Optional[str] = None
    date_end: Optional[str] = None
    time_precision: Optional[int] = None
    label: Optional[GoldLabel] = None
    compatible_types: tuple[str, ...] = ()  # UCDP: ACLED event types compatible with its type of violence
    actor1: Optional[str] = None
    actor2: Optional[str] = None
    country: Optional[str] = None
    admin1: Optional[str] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    fatalities: Optional[int] = None
    fatalities_low: Optional[int] = None
    fatalities_high: Optional[int] = None

    def window(self) -> Optional[tuple[dt.date, dt.date]]:
        return S.gold_window(self.date, self.time_precision if self.group != "ucdp" else None, self.date_end)

    def type_ok(self, pred: dict[str, Any]) -> Optional[bool]:
        if self.label is not None:
            return pred.get("event_type") == self.label.event_type
        if self.compatible_types:
            return pred.get("event_type") in self.compatible_types
        return None

    def sub_ok(self, pred: dict[str, Any]) -> Optional[bool]:
        if self.label is None or self.label.sub_event_type is None:
            return None
        return pred.get("sub_event_type") in self.label.accepted


def gold_from_conflict_row(row: dict[str, Any]) -> GoldEvent:
    """A GoldEvent from one conflict_events_dev.jsonl row (ACLED 2016 or UCDP GED schema)."""
    ucdp = str(row.get("dataset", "")).startswith("ucdp")
    g = GoldEvent(
        gold_id=str(row["id"]), doc_id=str(row["id"]), group="ucdp" if ucdp else "acled",
        text=row.get("text"), lang=row.get("lang"), date=row.get("date"), date_end=row.get("date_end"),
        time_precision=row.get("time_precision"), actor1=row.get("actor1"), actor2=row.get("actor2"),
        country=row.get("country"),
        admin1=row.get("admin1"), latitude=row.get("lat"), longitude=row.get("lon"),
        fatalities=row.get("fatalities"),
    )
    if ucdp:
        g.compatible_types = UCDP_COMPATIBLE.get(str(row.get("event_type")), ())
        g.fatalities_low, g.fatalities_high = row.get("fatalities_low"), row.get("fatalities_high")
    else:
        g.label = map_acled_2016(row.get("event_type"), row.get("actor1"))
    return g


def published_anchor(g: GoldEvent, anchor: str) -> Optional[str]:
    """The publication date given to the document for `anchor` (see the module docstring)."""
    start = S.parse_date(g.date)
    if anchor == "none" or start is None:
        return None
    if anchor == "month":
        return start.strftime("%Y-%m")
    window = g.window()
    last = window[1] if window else start
    return (last + dt.timedelta(days=1)).isoformat()


def match_score(g: GoldEvent, pred: dict[str, Any]) -> float:
    """How well a predicted event agrees with a gold event; the best-scoring prediction is the one scored."""
    score = 0.0
    if g.type_ok(pred):
        score += 2.0
    if g.sub_ok(pred):
        score += 1.0
    if S.date_within(pred.get("event_date"), g.window()):
        score += 1.0
    err = S.error_km(g.latitude, g.longitude, pred.get("latitude"), pred.get("longitude"))
    if err is not None:
        score += 1.0 if err <= 161 else 0.0
        score += 0.5 if err <= 25 else 0.0
    if admin_match(pred.get("country"), g.country):
        score += 0.5
    if S.fatalities_match(pred.get("fatalities"), g.fatalities, g.fatalities_low, g.fatalities_high):
        score += 0.25
    if S.actor_match(pred.get("actor1"), g.actor1):
        score += 0.5
    return score


def score_events(golds: Sequence[GoldEvent], preds: dict[str, list[dict[str, Any]]],
                 groups: Optional[Sequence[str]] = None) -> dict[str, dict[str, Any]]:
    """Metrics per group (and "all" when there are several) from gold events and predicted events per doc.

    A gold event with no predicted event for its document counts as wrong on every field.
    """
    by_group: dict[str, list[GoldEvent]] = {}
    for g in golds:
        by_group.setdefault(g.group, []).append(g)
    names = list(groups) if groups else sorted(by_group)
    out: dict[str, dict[str, Any]] = {}
    for name in names:
        if by_group.get(name):
            out[name] = _score_group(by_group[name], preds)
    if len(out) > 1:
        out["all"] = _score_group(list(golds), preds)
    return out


def _score_group(golds: Sequence[GoldEvent], preds: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    matched: list[Optional[dict[str, Any]]] = [S.best_match(g, preds.get(g.doc_id, []), match_score) for g in golds]
    empty: dict[str, Any] = {}
    pairs = [(g, m if m is not None else empty) for g, m in zip(golds, matched)]
    docs = {g.doc_id for g in golds}
    m: dict[str, Any] = {"n": len(golds)}
    m["detected"] = S.rate([bool(preds.get(g.doc_id)) for g in golds])
    m["events_per_doc_ratio"] = (sum(len(preds.get(d, [])) for d in docs) / len(docs)) if docs else None
    m["event_type_acc"] = S.rate([g.type_ok(p) for g, p in pairs])
    labelled = [(g, p) for g, p in pairs if g.label is not None]
    if labelled:
        cs = S.class_scores([g.label.event_type for g, _ in labelled],  # type: ignore[union-attr]
                            [p.get("event_type") for _, p in labelled])
        m["event_type_weighted_f1"], m["event_type_macro_f1"] = cs.weighted_f1, cs.macro_f1
    with_sub = [(g, p) for g, p in labelled if g.label and g.label.sub_event_type]
    if with_sub:
        m["n_sub_event"] = len(with_sub)
        m["sub_event_acc"] = S.rate([g.sub_ok(p) for g, p in with_sub])
        gold_subs = [g.label.sub_event_type for g, _ in with_sub]  # type: ignore[union-attr]
        pred_subs = [g.label.sub_event_type if g.sub_ok(p) else p.get("sub_event_type")  # type: ignore[union-attr]
                     for g, p in with_sub]
        cs = S.class_scores(gold_subs, pred_subs)
        m["sub_event_weighted_f1"], m["sub_event_macro_f1"] = cs.weighted_f1, cs.macro_f1
    m["date_exact"] = S.rate([S.date_exact(p.get("event_date"), g.date) for g, p in pairs])
    m["date_within"] = S.rate([S.date_within(p.get("event_date"), g.window()) for g, p in pairs])
    # Most notes and headlines name no date at all (the date then falls back to the publication anchor):
    # the date resolver is measured on the records whose matched event took its date from the text.
    stated = [(g, p) for g, p in pairs if p and any(e.get("field") == "event_date" for e in p.get("evidence") or [])]
    m["n_date_stated"] = len(stated)
    m["date_exact_stated"] = S.rate([S.date_exact(p.get("event_date"), g.date) for g, p in stated])
    m["date_within_stated"] = S.rate([S.date_within(p.get("event_date"), g.window()) for g, p in stated])
    errors = [S.error_km(g.latitude, g.longitude, p.get("latitude"), p.get("longitude"))
              for g, p in pairs if g.latitude is not None and g.longitude is not None]
    m["acc_25km"] = S.acc_at_km(errors, 25)
    m["acc_161km"] = S.acc_at_km(errors, 161)
    m["median_error_km"] = S.error_stats(errors)["median_km"]
    m["admin1_match"] = S.rate([admin_match(p.get("admin1"), g.admin1) for g, p in pairs])
    m["country_match"] = S.rate([admin_match(p.get("country"), g.country) for g, p in pairs])
    m["fatalities_match"] = S.rate([S.fatalities_match(p.get("fatalities"), g.fatalities, g.fatalities_low,
                                                       g.fatalities_high) for g, p in pairs])
    m["actor1_match"] = S.rate([S.actor_match(p.get("actor1"), g.actor1) for g, p in pairs])
    # UCDP's side A is the government of a state-based dyad, not the initiator: the fair question there is
    # whether the event names both sides of the dyad at all (actor1 or actor2, either way round).
    found = [(dyad_sides_found(g, p), len([a for a in (g.actor1, g.actor2) if a])) for g, p in pairs]
    m["dyad_one_side_found"] = S.rate([None if n is None else n >= 1 for n, _ in found])
    m["dyad_both_sides_found"] = S.rate([None if n is None else n >= 2 for n, k in found if k == 2])
    return m


def dyad_sides_found(g: GoldEvent, pred: dict[str, Any]) -> Optional[int]:
    """How many of the gold's sides (actor1, actor2) the prediction names as its actor1 or actor2, in any
    order; None when the gold names no side."""
    sides = [a for a in (g.actor1, g.actor2) if a]
    if not sides:
        return None
    names = [n for n in (pred.get("actor1"), pred.get("actor2")) if n]
    return sum(1 for side in sides if any(S.actor_match(n, side) for n in names))


def load_conflict_gold(path: Path, limit: Optional[int] = None,
                       has_cue: Optional[Callable[[str, Optional[str]], bool]] = None) -> tuple[list[GoldEvent], dict[str, int]]:
    """Gold events to score and the counts of rows skipped (no text; UCDP headline without an event cue).

    limit caps the events kept per dataset (ACLED, UCDP) after skipping.
    """
    kept: list[GoldEvent] = []
    per_group: dict[str, int] = {}
    skipped = {"no_text": 0, "ucdp_no_event_cue": 0}
    for row in read_jsonl(path):
        g = gold_from_conflict_row(row)
        if not (g.text or "").strip():
            skipped["no_text"] += 1
            continue
        if limit is not None and per_group.get(g.group, 0) >= limit:
            continue
        if g.group == "ucdp" and has_cue is not None and not has_cue(g.text or "", g.lang):
            skipped["ucdp_no_event_cue"] += 1
            continue
        per_group[g.group] = per_group.get(g.group, 0) + 1
        kept.append(g)
    return kept, skipped


def has_event_cue(text: str, lang: Optional[str]) -> bool:
    """True when eventwire's snippet typer finds an event cue in the text (the UCDP victim-record filter)."""
    from ..classify import type_snippet

    return type_snippet(text, lang or "en") is not None


def predict(golds: Sequence[GoldEvent], settings: Any, anchor: str, origin: str) -> tuple[dict[str, list[dict[str, Any]]], dict[str, Any]]:
    """Run the pipeline on each gold record's text; events per doc id and counts of failures."""
    records = []
    seen = set()
    for g in golds:
        if g.doc_id in seen:
            continue
        seen.add(g.doc_id)
        records.append({"id": g.doc_id, "text": g.text, "published": published_anchor(g, anchor),
                        "source": None, "url": None, "title": None, "language": g.lang})
    docs = documents_from_records(records, origin, settings)
    return extract_per_document(docs, settings)


def run(gold: Path, limit: Optional[int] = None, settings: Any = None, anchor: str = "month") -> Report:
    """Score the pipeline end to end on conflict_events_dev.jsonl (see the module docstring)."""
    if anchor not in ANCHORS:
        raise ValueError(f"anchor must be one of {ANCHORS}, not {anchor!r}")
    settings = settings_or_default(settings)
    started = time.perf_counter()
    golds, skipped = load_conflict_gold(gold, limit, has_event_cue)
    preds, failures = predict(golds, settings, anchor, str(gold))
    report = Report(kind="events", gold=str(gold), limit=limit, groups=score_events(golds, preds, ["acled", "ucdp"]))
    report.seconds = time.perf_counter() - started
    report.notes += [
        f"published anchor: {anchor!r}; best-matching predicted event per gold record; a gold record without "
        "any predicted event counts as wrong on every field",
        f"skipped: {skipped['no_text']} rows without text, {skipped['ucdp_no_event_cue']} UCDP headlines without "
        "an event cue (eventwire typer)",
        "ACLED 2016 types mapped to the current taxonomy (evaluate/taxonomy_map.py); sub-event scored only where "
        "the old type fixes one; UCDP: event type must be compatible with its type of violence; fatalities "
        "UCDP inside [low, high]; dates within = inside the gold precision window (UCDP: [date, date_end])",
        f"event types averaged over: {', '.join(t for t in EVENT_TYPES)} (those present in gold)",
    ]
    if failures.get("quarantined") or failures.get("failed"):
        report.notes.append(f"documents quarantined: {failures['quarantined']}, failed: {failures['failed']}"
                            + (f" (first: {failures['first_error']})" if failures.get("first_error") else ""))
    report.details["skipped"] = skipped
    report.details["failures"] = failures
    return report
