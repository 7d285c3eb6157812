"""Score `classify.type_snippet` on CASE 2021 Task 2 (25 seen ACLED classes) and print per-class numbers.

Reads the gold from ../shared/eval/case2021_task2/ (never copied into the repo). Usage:
    .venv/bin/python scripts/measure_typing.py [--gold PATH] [--confusions] [--errors CLASS]
Weighted and macro F1 are over the 25 seen classes (the published best is 83.9 weighted); snippets whose
gold label is one of the unseen classes are left out, and a prediction of None counts as wrong.
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

from eventwire.classify import type_snippet
from eventwire.taxonomy import CASE2021_LABELS, SUB_EVENT_TYPES

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared/eval/case2021_task2/test_set_final_release_with_labels.tsv"


def prf(gold: list[str], pred: list[str], labels: list[str]) -> dict[str, tuple[float, float, float, int]]:
    out = {}
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred) if g == lab and p != lab)
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        out[lab] = (pr, rc, f1, tp + fn)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--confusions", action="store_true")
    ap.add_argument("--errors", default="")
    args = ap.parse_args(argv)
    if not args.gold.exists():
        print(f"gold not found: {args.gold}", file=sys.stderr)
        return 2
    gold, pred, texts = [], [], []
    with args.gold.open(encoding="utf-8") as fp:
        for row in csv.DictReader(fp, delimiter="\t", quoting=csv.QUOTE_NONE):
            label = CASE2021_LABELS.get(row["SubType"])
            if label is None:
                continue
            hit = type_snippet(row["EventSnippet"], "en")
            gold.append(label)
            pred.append(hit.sub_event_type if hit else "NONE")
            texts.append(row["EventSnippet"])
    labels = list(SUB_EVENT_TYPES)
    stats = prf(gold, pred, labels)
    n = len(gold)
    weighted = sum(f * s for _, _, f, s in stats.values()) / n
    macro = sum(f for _, _, f, _ in stats.values()) / len(labels)
    acc = sum(g == p for g, p in zip(gold, pred)) / n
    print(f"CASE 2021 Task 2, 25 seen classes: n={n} weighted F1={weighted:.3f} macro F1={macro:.3f} acc={acc:.3f} "
          f"no-label={pred.count('NONE')}")
    for lab in sorted(labels, key=lambda k: stats[k][2]):
        p, r, f, s = stats[lab]
        top = Counter(pp for g, pp in zip(gold, pred) if g == lab and pp != lab).most_common(2)
        print(f"  {lab:38s} P={p:.2f} R={r:.2f} F1={f:.2f} n={s:3d}  confused with: {top}")
    if args.confusions:
        conf = Counter((g, p) for g, p in zip(gold, pred) if g != p)
        for (g, p), c in conf.most_common(25):
            print(f"  {c:3d}  {g} -> {p}")
    if args.errors:
        for g, p, t in zip(gold, pred, texts):
            if args.errors in (g, p) and g != p:
                print(f"[{g} -> {p}] {t[:300]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
