"""Pure metric functions used by every evaluation kind: class F1s, distances, dates, fatalities, actors, matching.

Nothing here loads a model or reads a file, so each function is tested on tiny hand-made gold/prediction
pairs. Conventions follow ../shared/eval/README.md: a missing prediction always counts as wrong (never
skipped), Acc@k km is over every gold item that has coordinates, dates are scored exactly and within the
gold precision window, fatalities exactly or inside UCDP's [low, high].
"""
from __future__ import annotations

import datetime as dt
import math
import re
import statistics
from dataclasses import dataclass, field
from typing import Any, Callable, Optional, Sequence, TypeVar

EARTH_RADIUS_KM = 6371.0088
NO_LABEL = "<none>"

T = TypeVar("T")


# ---------------------------------------------------------------------------------------------- classes

@dataclass
class ClassScores:
    """Per-class precision/recall/F1 and their averages for one labelling task."""

    labels: list[str]
    per_class: dict[str, dict[str, float]] = field(default_factory=dict)
    accuracy: float = 0.0
    macro_f1: float = 0.0
    weighted_f1: float = 0.0
    n: int = 0


def class_scores(gold: Sequence[Optional[str]], pred: Sequence[Optional[str]],
                 labels: Optional[Sequence[str]] = None) -> ClassScores:
    """Precision, recall and F1 per class with macro and support-weighted averages (sklearn's definitions).

    gold, pred: aligned label sequences; None means "no label / no prediction" and never matches anything.
    labels: the classes averaged over; by default the classes present in `gold`. A class in `labels` that
    never occurs in gold has support 0: it still counts (F1 0 unless never predicted either, then 0) in the
    macro average, and weighs nothing in the weighted one. Predictions outside `labels` are simply wrong
    (a false negative for the gold class). accuracy is over all aligned pairs.
    """
    if len(gold) != len(pred):
        raise ValueError(f"gold and pred differ in length: {len(gold)} != {len(pred)}")
    g = [x if x is not None else NO_LABEL for x in gold]
    p = [x if x is not None else NO_LABEL for x in pred]
    if labels is None:
        labels = sorted({x for x in g if x != NO_LABEL})
    out = ClassScores(labels=list(labels), n=len(g))
    if not g:
        return out
    out.accuracy = sum(1 for a, b in zip(g, p) if a == b and a != NO_LABEL) / len(g)
    total_support = 0
    weighted = 0.0
    f1s = []
    for label in labels:
        tp = sum(1 for a, b in zip(g, p) if a == label and b == label)
        fp = sum(1 for a, b in zip(g, p) if a != label and b == label)
        fn = sum(1 for a, b in zip(g, p) if a == label and b != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        support = tp + fn
        out.per_class[label] = {"precision": precision, "recall": recall, "f1": f1, "support": support}
        f1s.append(f1)
        weighted += f1 * support
        total_support += support
    out.macro_f1 = sum(f1s) / len(f1s) if f1s else 0.0
    out.weighted_f1 = weighted / total_support if total_support else 0.0
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0.0 where undefined)."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def rate(flags: Sequence[Optional[bool]]) -> Optional[float]:
    """Share of True among the flags that apply (None = not applicable); None when none apply."""
    applicable = [f for f in flags if f is not None]
    if not applicable:
        return None
    return sum(1 for f in applicable if f) / len(applicable)


# ---------------------------------------------------------------------------------------------- geography

def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two WGS84 points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def error_km(gold_lat: Optional[float], gold_lon: Optional[float],
             pred_lat: Optional[float], pred_lon: Optional[float]) -> Optional[float]:
    """Distance between gold and predicted points; None when either side has no coordinates."""
    if None in (gold_lat, gold_lon, pred_lat, pred_lon):
        return None
    return haversine_km(float(gold_lat), float(gold_lon), float(pred_lat), float(pred_lon))  # type: ignore[arg-type]


def acc_at_km(errors: Sequence[Optional[float]], km: float) -> Optional[float]:
    """Share of gold items whose prediction lies within `km`; a missing prediction (None) counts as wrong."""
    if not errors:
        return None
    return sum(1 for e in errors if e is not None and e <= km) / len(errors)


def error_stats(errors: Sequence[Optional[float]]) -> dict[str, Optional[float]]:
    """Mean and median error over the items that were resolved, and the share resolved (coverage)."""
    known = [e for e in errors if e is not None]
    return {
        "mean_km": statistics.fmean(known) if known else None,
        "median_km": statistics.median(known) if known else None,
        "coverage": len(known) / len(errors) if errors else None,
    }


def spans_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when two half-open character ranges share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def match_spans(gold: Sequence[tuple[int, int]], pred: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one matching of overlapping spans: list of (gold index, pred index), greedy by largest overlap."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if spans_overlap(g, p):
                overlap = min(g[1], p[1]) - max(g[0], p[0])
                pairs.append((-overlap, abs(g[0] - p[0]), gi, pi))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return sorted(out)


# ---------------------------------------------------------------------------------------------- dates

def parse_date(value: Any) -> Optional[dt.date]:
    """A date from "YYYY-MM-DD" (or a date); None for anything else."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def acled_window(date: dt.date, precision: Optional[int]) -> tuple[dt.date, dt.date]:
    """The days an ACLED-coded date stands for: the day (1), the week around it (2, ±3 days), the month (3)."""
    if precision == 2:
        return date - dt.timedelta(days=3), date + dt.timedelta(days=3)
    if precision is not None and precision >= 3:
        first = date.replace(day=1)
        nxt = (first + dt.timedelta(days=32)).replace(day=1)
        return first, nxt - dt.timedelta(days=1)
    return date, date


def gold_window(date: Any, precision: Optional[int] = None, date_end: Any = None) -> Optional[tuple[dt.date, dt.date]]:
    """The gold date window: [date, date_end] when an end is given (UCDP), else the ACLED precision window."""
    start = parse_date(date)
    if start is None:
        return None
    end = parse_date(date_end)
    if end is not None:
        return (start, end) if end >= start else (end, start)
    return acled_window(start, precision)


def date_exact(pred: Any, gold: Any) -> Optional[bool]:
    """Same calendar day; None when the gold has no date; a missing prediction is wrong."""
    g = parse_date(gold)
    if g is None:
        return None
    return parse_date(pred) == g


def date_within(pred: Any, window: Optional[tuple[dt.date, dt.date]]) -> Optional[bool]:
    """The predicted day falls inside the gold window; None when there is no gold window."""
    if window is None:
        return None
    p = parse_date(pred)
    return p is not None and window[0] <= p <= window[1]


# ---------------------------------------------------------------------------------------------- fatalities

def fatalities_match(pred: Optional[int], gold: Optional[int], low: Optional[int] = None,
                     high: Optional[int] = None) -> Optional[bool]:
    """Exact fatality count, or inside [low, high] when UCDP bounds are given.

    A prediction of None ("not stated") reads as 0, the ACLED convention for events with no reported deaths.
    None when the gold has no figure at all.
    """
    value = 0 if pred is None else int(pred)
    if low is not None and high is not None:
        lo, hi = sorted((int(low), int(high)))
        if gold is not None:
            lo, hi = min(lo, int(gold)), max(hi, int(gold))
        return lo <= value <= hi
    if gold is None:
        return None
    return value == int(gold)


# ---------------------------------------------------------------------------------------------- actors

_PAREN = re.compile(r"\([^)]*\)")
_PREFIXES = ("military forces of ", "police forces of ", "government of ", "the ")
_NON_WORD = re.compile(r"[^\w]+")


def normalize_actor(name: Optional[str]) -> str:
    """Casefolded actor name without parenthesised parts (years, countries), state prefixes or punctuation.

    "Military Forces of Libya (2016-) Presidential Guard" -> "libya presidential guard";
    "Government of Afghanistan" -> "afghanistan"; "Protesters (Zambia)" -> "protesters".
    """
    if not name:
        return ""
    text = _PAREN.sub(" ", name).casefold()
    text = _NON_WORD.sub(" ", text).strip()
    changed = True
    while changed:
        changed = False
        for prefix in _PREFIXES:
            if text.startswith(prefix):
                text = text[len(prefix):].strip()
                changed = True
    return " ".join(text.split())


def actor_match(pred: Optional[str], gold: Optional[str]) -> Optional[bool]:
    """Same actor after normalization, or one names the parent unit of the other (a word prefix).

    None when the gold has no actor; a missing prediction is wrong.
    """
    g = normalize_actor(gold)
    if not g:
        return None
    p = normalize_actor(pred)
    if not p:
        return False
    return p == g or g.startswith(p + " ") or p.startswith(g + " ")


# ---------------------------------------------------------------------------------------------- matching

def best_match(gold: T, preds: Sequence[Any], score: Callable[[T, Any], float]) -> Optional[Any]:
    """The predicted item that scores highest against `gold` (first one on ties); None when there is none."""
    best = None
    best_score = -math.inf
    for p in preds:
        s = score(gold, p)
        if s > best_score:
            best, best_score = p, s
    return best
