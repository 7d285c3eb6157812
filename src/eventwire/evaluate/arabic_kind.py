"""The `arabic-events` kind: Arabic event detection (PLOVER ASSAULT / PROTEST) on the Arabic event GSR.

The gold is ../shared/eval/arabic_event_gsr/ (`assault_gsr.csv`, `protest_gsr.csv`: one Arabic sentence per
row with an annotators' label). A row is predicted positive when `classify.type_sentence` (lang "ar"), run on
each sentence of the text, gives a hit whose `plover_type` is the file's type (ASSAULT / PROTEST). Gold
positive is label "yes", negative "easy no" and "difficult no"; "ambiguous" rows are left out. Rows are split
into a `dev` half (sha1 of the row id ends in an even hex digit) used for tuning the Arabic lexicon and a
held-out `test` half; precision, recall, F1 and counts are reported per file and half.
"""
from __future__ import annotations

import csv
import hashlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, Sequence

from ..errors import Errors, EventwireError
from . import scorers as S
from .report import Report

# GSR file name -> the PLOVER type its rows are labelled for.
GSR_FILES = {"assault_gsr.csv": "ASSAULT", "protest_gsr.csv": "PROTEST"}
HALVES = ("dev", "test")
POSITIVE = ("yes",)
NEGATIVE = ("easy no", "difficult no")


@dataclass
class GsrRow:
    """One GSR sentence: its id, text, annotators' label and the PLOVER type it is labelled for."""

    row_id: str
    text: str
    label: str
    plover_type: str


def half_of(row_id: str) -> str:
    """"dev" when the last hex digit of sha1(row id) is even, else "test" (stable across runs and machines)."""
    return "dev" if int(hashlib.sha1(row_id.encode("utf-8")).hexdigest()[-1], 16) % 2 == 0 else "test"


def load_gsr(path: Path, limit: Optional[int] = None) -> list[GsrRow]:
    """Rows of one GSR CSV (columns id, label, text, event_type), the first `limit` when given.

    The PLOVER type comes from the file name (GSR_FILES), else from each row's `event_type`.
    Raises EventwireError E011 (missing) / E012 (unreadable columns).
    """
    if not path.exists():
        raise EventwireError(Errors.E011.format(path=path))
    default = GSR_FILES.get(path.name, "")
    out: list[GsrRow] = []
    with path.open(encoding="utf-8", newline="") as fp:
        reader = csv.DictReader(fp)
        missing = {"id", "label", "text"} - set(reader.fieldnames or [])
        if missing:
            raise EventwireError(Errors.E012.format(path=path, detail=f"missing columns {', '.join(sorted(missing))}"))
        for row in reader:
            ptype = default or (row.get("event_type") or "").strip().upper()
            out.append(GsrRow(row["id"].strip(), row["text"] or "", (row["label"] or "").strip().lower(), ptype))
            if limit is not None and len(out) >= limit:
                break
    return out


def gsr_files(gold: Path) -> list[Path]:
    """The GSR CSVs to score: `gold` itself when it is a file, else the GSR_FILES present in the folder."""
    if gold.is_file():
        return [gold]
    files = [gold / name for name in GSR_FILES if (gold / name).is_file()]
    if not files:
        raise EventwireError(Errors.E011.format(path=gold / "assault_gsr.csv"))
    return files


def detects(text: str, plover_type: str, lang: str = "ar",
            typer: Optional[Callable[[str, str], Iterable[Any]]] = None) -> bool:
    """True when some sentence of `text` is typed with an event of `plover_type` (a TypeHit.plover_type)."""
    from ..classify import _SENT_SPLIT, type_sentence

    typer = typer or type_sentence
    return any(getattr(hit, "plover_type", None) == plover_type
               for sent in _SENT_SPLIT.split(text) if sent.strip() for hit in typer(sent, lang))


def predict(rows: Sequence[GsrRow], typer: Optional[Callable[[str, str], Iterable[Any]]] = None) -> list[bool]:
    """For each row, whether eventwire detects an event of the row's PLOVER type in its Arabic text."""
    return [detects(r.text, r.plover_type, "ar", typer) for r in rows]


def score_detection(rows: Sequence[GsrRow], preds: Sequence[bool]) -> dict[str, Any]:
    """Precision, recall, F1 and counts of binary detection; "ambiguous" (or unknown) labels are left out."""
    if len(rows) != len(preds):
        raise ValueError(f"rows and predictions differ in length: {len(rows)} != {len(preds)}")
    tp = fp = fn = tn = left_out = 0
    for r, p in zip(rows, preds):
        if r.label in POSITIVE:
            tp, fn = (tp + 1, fn) if p else (tp, fn + 1)
        elif r.label in NEGATIVE:
            fp, tn = (fp + 1, tn) if p else (fp, tn + 1)
        else:
            left_out += 1
    precision, recall, f1 = S.prf(tp, fp, fn)
    return {"precision": precision, "recall": recall, "f1": f1, "n": tp + fp + fn + tn, "n_gold_yes": tp + fn,
            "n_tp": tp, "n_fp": fp, "n_fn": fn, "n_tn": tn, "n_ambiguous": left_out}


def score_halves(rows: Sequence[GsrRow], preds: Sequence[bool], name: str,
                 halves: Sequence[str] = HALVES) -> dict[str, dict[str, Any]]:
    """One metrics group per half ("assault dev", "assault test"...) from aligned rows and predictions."""
    out: dict[str, dict[str, Any]] = {}
    for half in halves:
        idx = [i for i, r in enumerate(rows) if half_of(r.row_id) == half]
        out[f"{name} {half}"] = score_detection([rows[i] for i in idx], [preds[i] for i in idx])
    return out


def run(gold: Path, limit: Optional[int] = None, settings: Any = None,
        halves: Sequence[str] = HALVES) -> Report:
    """Score Arabic ASSAULT / PROTEST detection on the GSR folder (or one GSR CSV); see the module docstring.

    halves: which of "dev" / "test" to score (rows of other halves are not even typed).
    """
    started = time.perf_counter()
    groups: dict[str, dict[str, Any]] = {}
    layout: list[list[str]] = []
    for path in gsr_files(Path(gold)):
        rows = [r for r in load_gsr(path, limit) if half_of(r.row_id) in halves]
        name = path.name.removesuffix("_gsr.csv").removesuffix(".csv")
        part = score_halves(rows, predict(rows), name, halves)
        groups.update(part)
        layout.append(list(part))
    report = Report(kind="arabic-events", gold=str(gold), limit=limit, groups=groups, layout=[sum(layout, [])])
    report.seconds = time.perf_counter() - started
    report.notes += [
        "positive: some sentence typed (lang ar) with an event of the file's PLOVER type (ASSAULT / PROTEST)",
        "gold yes = 'yes'; no = 'easy no' + 'difficult no'; 'ambiguous' rows left out (n_ambiguous)",
        "halves by sha1(id) last hex digit: even = dev (used for tuning the Arabic cues), odd = test (held out)",
    ]
    return report
