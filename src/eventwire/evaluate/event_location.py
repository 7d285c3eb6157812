"""The `event-location` kind: which toponym is where *this* event happened (Halterman 2019 sentences).

Each sentence of ../shared/eval/event_location/event_location_slim.jsonl has a gold event verb and the span(s)
of the place where that event happened, or none. eventwire finds the sentence's toponyms
(`Geocoder.find_toponyms`, with spaCy NER candidates) and picks one with `Geocoder.event_location`, the gold
verb as trigger. Correct when the chosen toponym overlaps a gold location span, or when the gold has no
location (the sentence has only a verb span) and eventwire abstains. Sentences with a broken location span
(empty or one character, its text lost: "demonstrated in Rome" with LOCATION "" at offset 8) have no usable
gold and are skipped and counted (about 200 of the RELABEL subset). Reported for the RELABEL gold subset and for all sentences, with the
recognition ceiling (a found toponym overlaps the gold place) and a nearest-toponym-to-the-verb baseline.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Sequence

from . import scorers as S
from .common import read_jsonl, settings_or_default
from .report import Report


@dataclass
class GoldSentence:
    sentence_id: str
    source: str
    text: str
    verb: tuple[int, int]
    locations: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Choice:
    """What eventwire saw in a sentence: every toponym span found and the one chosen (None = abstained)."""

    found: list[tuple[int, int]]
    chosen: Optional[tuple[int, int]]


def _broken(span: dict[str, Any]) -> bool:
    return int(span["end"]) - int(span["start"]) < 2 or not str(span.get("text", "")).strip()


def load_sentences(path: Path, limit: Optional[int] = None,
                   skipped: Optional[dict[str, int]] = None) -> list[GoldSentence]:
    """Sentences with a verb span and usable gold; `limit` caps the RELABEL subset and the others separately.

    `skipped`, when given, receives counts of sentences left out ("no_verb", "broken_location").
    """
    out = []
    counts = {True: 0, False: 0}
    skipped = skipped if skipped is not None else {}
    skipped.setdefault("no_verb", 0)
    skipped.setdefault("broken_location", 0)
    for i, row in enumerate(read_jsonl(path)):
        spans = row.get("spans") or []
        verbs = [s for s in spans if s.get("label") == "VERB"]
        if not verbs:
            skipped["no_verb"] += 1
            continue
        loc_spans = [s for s in spans if s.get("label") == "LOCATION"]
        if any(_broken(s) for s in loc_spans):
            skipped["broken_location"] += 1
            continue
        relabel = row.get("source") == "RELABEL"
        if limit is not None and counts[relabel] >= limit:
            continue
        counts[relabel] += 1
        locs = [(int(s["start"]), int(s["end"])) for s in loc_spans]
        verb = verbs[0]
        out.append(GoldSentence(f"{i}:{row.get('id')}", str(row.get("source")), row.get("text") or "",
                                (int(verb["start"]), int(verb["end"])), locs))
    return out


def _nearest(found: Sequence[tuple[int, int]], verb: tuple[int, int]) -> Optional[tuple[int, int]]:
    if not found:
        return None
    return min(found, key=lambda s: (min(abs(s[0] - verb[1]), abs(verb[0] - s[1])), s[0]))


def score_group(sentences: Sequence[GoldSentence], choices: dict[str, Choice]) -> dict[str, Any]:
    """Accuracy overall, on sentences with / without a gold place, recognition ceiling and nearest baseline."""
    def correct(s: GoldSentence, chosen: Optional[tuple[int, int]]) -> bool:
        if not s.locations:
            return chosen is None
        return chosen is not None and any(S.spans_overlap(chosen, loc) for loc in s.locations)

    rows = [(s, choices.get(s.sentence_id, Choice([], None))) for s in sentences]
    with_loc = [(s, c) for s, c in rows if s.locations]
    without = [(s, c) for s, c in rows if not s.locations]
    return {
        "n": len(rows),
        "n_with_location": len(with_loc),
        "accuracy": S.rate([correct(s, c.chosen) for s, c in rows]),
        "acc_with_location": S.rate([correct(s, c.chosen) for s, c in with_loc]),
        "acc_no_location": S.rate([c.chosen is None for _, c in without]),
        "recognition_ceiling": S.rate([any(S.spans_overlap(f, loc) for f in c.found for loc in s.locations)
                                       for s, c in with_loc]),
        "baseline_nearest_acc": S.rate([correct(s, _nearest(c.found, s.verb)) for s, c in rows]),
    }


def predict(sentences: Sequence[GoldSentence], settings: Any) -> dict[str, Choice]:
    """Toponyms found and the event location chosen for each sentence (English)."""
    from ..geo import Gazetteer, Geocoder
    from ..models import TextSpan
    from ..nlp import get_nlp

    geocoder = Geocoder(Gazetteer.open(settings.gazetteer_file()))
    nlp = get_nlp("en", settings)
    keep = [name for name in nlp.pipe_names if name in ("tok2vec", "ner")]
    out: dict[str, Choice] = {}
    with nlp.select_pipes(enable=keep):
        for s, sdoc in zip(sentences, nlp.pipe((s.text for s in sentences), batch_size=64)):
            ner = [(e.start_char, e.end_char, e.label_) for e in sdoc.ents]
            toponyms = geocoder.find_toponyms(s.text, "en", ner_spans=ner)
            sentence = TextSpan(0, len(s.text), s.text)
            trigger = TextSpan(s.verb[0], s.verb[1], s.text[s.verb[0]:s.verb[1]])
            chosen = geocoder.event_location(toponyms, s.text, sentence, trigger, "en")
            out[s.sentence_id] = Choice([(t.span.start, t.span.end) for t in toponyms],
                                        (chosen.span.start, chosen.span.end) if chosen is not None else None)
    return out


def run(gold: Path, limit: Optional[int] = None, settings: Any = None) -> Report:
    """Score event-location choice on event_location_slim.jsonl (RELABEL subset and all sentences)."""
    settings = settings_or_default(settings)
    started = time.perf_counter()
    skipped: dict[str, int] = {}
    sentences = load_sentences(gold, limit, skipped)
    choices = predict(sentences, settings)
    groups = {
        "RELABEL": score_group([s for s in sentences if s.source == "RELABEL"], choices),
        "all": score_group(sentences, choices),
    }
    report = Report(kind="event-location", gold=str(gold), limit=limit, groups=groups)
    report.seconds = time.perf_counter() - started
    report.notes += [
        "correct = chosen toponym overlaps a gold location span, or abstention when the gold has none; "
        "recognition_ceiling = share of located sentences where some found toponym overlaps the gold place",
        "baseline_nearest_acc = always choosing the found toponym closest to the verb (never abstaining "
        "unless nothing was found)",
        f"skipped: {skipped['broken_location']} sentences whose gold location span is broken (empty or one "
        f"character), {skipped['no_verb']} without a verb span",
    ]
    report.details["skipped"] = skipped
    return report
