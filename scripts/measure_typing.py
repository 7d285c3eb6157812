"""Score `classify.type_snippet` on CASE 2021 Task 2 (25 seen ACLED classes) and print per-class numbers.

Reads the gold from ../shared/eval/case2021_task2/ (never copied into the repo). Usage:
    .venv/bin/python scripts/measure_typing.py [--gold PATH] [--confusions] [--errors CLASS] [--arabic]
Weighted and macro F1 are over the 25 seen classes (the published best is 83.9 weighted); snippets whose
gold label is one of the unseen classes are left out, and a prediction of None counts as wrong. Further lines
score 28 labels (the 25 plus the 3 unseen crime / disaster codes) and all 30 labels (unseen codes can never be
predicted, so they only add errors).
`--arabic` also scores `type_sentence(text, "ar")` on ../shared/eval/arabic_event_gsr: a sentence is
predicted ASSAULT / PROTEST when one of its hits has that PLOVER type; gold "yes" is positive, "easy no" and
"difficult no" negative, "ambiguous" left out.
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

from eventwire.classify import type_snippet
from eventwire.evaluate.taxonomy_map import CASE2021_UNSEEN_3
from eventwire.taxonomy import CASE2021_LABELS, SUB_EVENT_TYPES

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared/eval/case2021_task2/test_set_final_release_with_labels.tsv"
ARABIC_GSR = Path(__file__).resolve().parents[2] / "shared/eval/arabic_event_gsr"


def arabic_scores(folder: Path = ARABIC_GSR, min_score: float = 0.0) -> dict[str, tuple[float, float, float, int, int]]:
    """PLOVER type -> (precision, recall, F1, positives, sentences scored) on the Arabic GSR files.

    Only hits scoring at least `min_score` count as detections.
    """
    from eventwire.classify import type_sentence
    out = {}
    for family in ("ASSAULT", "PROTEST"):
        path = folder / f"{family.lower()}_gsr.csv"
        if not path.exists():
            continue
        tp = fp = fn = n = pos = 0
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if row["label"] not in ("yes", "easy no", "difficult no"):
                    continue
                gold = row["label"] == "yes"
                pred = any(h.plover_type == family and h.score >= min_score
                           for h in type_sentence(row["text"], "ar"))
                n += 1
                pos += gold
                tp += gold and pred
                fp += pred and not gold
                fn += gold and not pred
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        out[family] = (p, r, 2 * p * r / (p + r) if p + r else 0.0, pos, n)
    return out


def prf(gold: list[str], pred: list[str], labels: list[str]) -> dict[str, tuple[float, float, float, int]]:
    """Per-class (precision, recall, F1, support), computed by the evaluation scorers."""
    from eventwire.evaluate.scorers import class_scores

    per_class = class_scores(gold, pred, labels).per_class
    return {lab: (c["precision"], c["recall"], c["f1"], c["support"]) for lab, c in per_class.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--confusions", action="store_true")
    ap.add_argument("--errors", default="")
    ap.add_argument("--arabic", action="store_true")
    args = ap.parse_args(argv)
    if not args.gold.exists():
        print(f"gold not found: {args.gold}", file=sys.stderr)
        return 2
    gold, pred, texts = [], [], []
    gold30, pred30 = [], []
    with args.gold.open(encoding="utf-8") as fp:
        for row in csv.DictReader(fp, delimiter="\t", quoting=csv.QUOTE_NONE):
            label = CASE2021_LABELS.get(row["SubType"])
            hit = type_snippet(row["EventSnippet"], "en")
            gold30.append(label or row["SubType"])
            pred30.append(hit.sub_event_type if hit else "NONE")
            if label is None:
                continue
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
    # 28 labels: the 25 seen ones plus the 3 unseen disaster / crime codes (the CASE 2021 "28-class" setting).
    keep = [i for i, g in enumerate(gold30) if g in labels or g in CASE2021_UNSEEN_3]
    g28, p28 = [gold30[i] for i in keep], [pred30[i] for i in keep]
    labels28 = sorted(set(g28))
    stats28 = prf(g28, p28, labels28)
    print(f"CASE 2021 Task 2, {len(labels28)} classes (25 seen + 3 unseen): n={len(g28)} "
          f"weighted F1={sum(f * s for _, _, f, s in stats28.values()) / len(g28):.3f} "
          f"macro F1={sum(f for _, _, f, _ in stats28.values()) / len(labels28):.3f}")
    labels30 = sorted(set(gold30))
    stats30 = prf(gold30, pred30, labels30)
    print(f"CASE 2021 Task 2, all {len(labels30)} classes: n={len(gold30)} "
          f"weighted F1={sum(f * s for _, _, f, s in stats30.values()) / len(gold30):.3f} "
          f"macro F1={sum(f for _, _, f, _ in stats30.values()) / len(labels30):.3f}")
    for lab in sorted(labels, key=lambda k: stats[k][2]):
        p, r, f, s = stats[lab]
        top = Counter(pp for g, pp in zip(gold, pred) if g == lab and pp != lab).most_common(2)
        print(f"  {lab:38s} P={p:.2f} R={r:.2f} F1={f:.2f} n={s:3d}  confused with: {top}")
    if args.confusions:
        conf = Counter((g, p) for g, p in zip(gold, pred) if g != p)
        for (g, p), c in conf.most_common(25):
            print(f"  {c:3d}  {g} -> {p}")
    if args.arabic:
        for min_score in (0.0, 0.7):
            for family, (p, r, f, pos, total) in arabic_scores(min_score=min_score).items():
                print(f"Arabic GSR {family} (hit score >= {min_score}): P={p:.3f} R={r:.3f} F1={f:.3f} "
                      f"(gold yes={pos} of {total} sentences)")
    if args.errors:
        for g, p, t in zip(gold, pred, texts):
            if args.errors in (g, p) and g != p:
                print(f"[{g} -> {p}] {t[:300]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
