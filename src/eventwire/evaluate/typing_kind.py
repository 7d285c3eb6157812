"""The `typing` kind: CASE 2021 Task 2 fine-grained event classification of ACLED-style snippets.

Each snippet is typed by `classify.type_snippet` and its ACLED sub-event type mapped to the CASE code. Scored
as the shared task was: weighted and macro F1 over the 25 seen ACLED classes (snippets of those classes,
published best weighted F1 83.9), over 28 classes (+ ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER; 79.7)
and over all 30 (+ DIPLO, ATTRIB; 77.1). eventwire emits no unseen class, so unseen snippets count as
misses; a snippet with no type is a miss. Place names in this set are fictional: nothing geographic is scored.
"""
from __future__ import annotations

import csv
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from ..errors import Errors, EventwireError
from . import scorers as S
from .report import Report
from .taxonomy_map import CASE2021_SEEN, CASE2021_UNSEEN_3, CASE2021_UNSEEN_5, SUB_TO_TYPE, case_code


@dataclass
class Snippet:
    snippet_id: str
    text: str
    label: str


def load_snippets(path: Path, limit: Optional[int] = None) -> list[Snippet]:
    """Rows of the CASE 2021 Task 2 TSV (id, EventSnippet, SubType), the first `limit` when given."""
    if not path.exists():
        raise EventwireError(Errors.E011.format(path=path))
    out = []
    with path.open(encoding="utf-8", newline="") as fp:
        reader = csv.reader(fp, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if not header or len(header) < 3:
            raise EventwireError(Errors.E012.format(path=path, detail="expected columns id, EventSnippet, SubType"))
        for row in reader:
            if len(row) < 3:
                continue
            out.append(Snippet(row[0], row[1], row[2].strip()))
            if limit is not None and len(out) >= limit:
                break
    return out


def predict_codes(snippets: Sequence[Snippet], typer: Optional[Callable[[str, str], Any]] = None) -> list[Optional[str]]:
    """The CASE code predicted for each snippet (None when the typer finds nothing or has no CASE code)."""
    if typer is None:
        from ..classify import type_snippet

        typer = type_snippet
    codes = []
    for s in snippets:
        hit = typer(s.text, "en")
        codes.append(case_code(getattr(hit, "sub_event_type", None)) if hit is not None else None)
    return codes


def score_typing(snippets: Sequence[Snippet], codes: Sequence[Optional[str]]) -> dict[str, dict[str, Any]]:
    """Weighted/macro F1 and accuracy over 25, 28 and 30 classes; event-type accuracy on the seen classes."""
    settings = {
        "seen_25": CASE2021_SEEN,
        "with_3_unseen_28": CASE2021_SEEN + CASE2021_UNSEEN_3,
        "all_30": CASE2021_SEEN + CASE2021_UNSEEN_5,
    }
    from .taxonomy_map import CASE2021

    out: dict[str, dict[str, Any]] = {}
    for name, labels in settings.items():
        idx = [i for i, s in enumerate(snippets) if s.label in labels]
        gold = [snippets[i].label for i in idx]
        pred = [codes[i] for i in idx]
        cs = S.class_scores(gold, pred, labels=[lab for lab in labels if lab in set(gold)] or list(labels))
        out[name] = {"n": len(idx), "weighted_f1": cs.weighted_f1, "macro_f1": cs.macro_f1,
                     "accuracy": cs.accuracy, "typed": S.rate([p is not None for p in pred])}
        if name == "seen_25":
            out[name]["event_type_acc"] = S.rate([
                p is not None and SUB_TO_TYPE.get(CASE2021.get(p, "")) == SUB_TO_TYPE.get(CASE2021[g])
                for g, p in zip(gold, pred)])
    return out


def run(gold: Path, limit: Optional[int] = None, settings: Any = None) -> Report:
    """Score `classify.type_snippet` on the CASE 2021 Task 2 test set (see the module docstring)."""
    started = time.perf_counter()
    snippets = load_snippets(gold, limit)
    codes = predict_codes(snippets)
    report = Report(kind="typing", gold=str(gold), limit=limit, groups=score_typing(snippets, codes))
    report.seconds = time.perf_counter() - started
    report.notes += [
        "F1 averaged over the classes present in the scored snippets (sklearn 'weighted'/'macro' with those labels)",
        "published best weighted F1: 83.9 (seen 25), 79.7 (28), 77.1 (30); eventwire predicts no unseen class",
    ]
    return report
