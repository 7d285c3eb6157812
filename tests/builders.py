"""Hand-built records for unit tests (no models, no gazetteer)."""
from __future__ import annotations

import datetime as dt

from eventwire.models import DateValue, Evidence, Mention, Place, ResolvedPlace, TextSpan

PLACES = {
    "conoco": Place("site:conoco-gas-field", "Conoco gas field", 35.2653, 40.2697, "SY", "Syria", "SYR", "Deir ez-Zor", "site", "gas_field"),
    "tanf": Place("site:al-tanf-garrison", "Al-Tanf garrison", 33.4993, 38.6568, "SY", "Syria", "SYR", "Homs", "site", "base"),
    "rukban": Place("site:rukban-camp", "Rukban camp", 33.3176, 38.7000, "SY", "Syria", "SYR", "Homs", "site", "camp"),
    "deir": Place("geonames:170794", "Deir ez-Zor", 35.3359, 40.1408, "SY", "Syria", "SYR", "Deir ez-Zor", "city", "", 242565),
}


def place(key: str, precision: int = 1, start: int = 0) -> ResolvedPlace:
    p = PLACES[key]
    return ResolvedPlace(TextSpan(start, start + len(p.name), p.name), p, precision, 0.9, "test")


def day(iso: str, precision: int = 1, explicit: bool = True) -> DateValue:
    d = dt.date.fromisoformat(iso)
    return DateValue(d, precision, d, d, TextSpan(0, 5, "jeudi") if explicit else None)


def mention(doc_id: str = "d1", start: int = 10, sub: str = "Shelling/artillery/missile attack",
            event_type: str = "Explosions/Remote violence", where: str | None = "conoco", when: str | None = "2023-12-14",
            actor1: str = "", actor2: str = "", weapons: tuple[str, ...] = ("missile",), modality: str = "asserted",
            claimant: str | None = None, fatalities: int | None = None, sentence_start: int | None = None,
            source: str = "Outlet") -> Mention:
    s0 = start - 5 if sentence_start is None else sentence_start
    m = Mention(
        mention_id=f"m-{doc_id}-{start}-{where}", doc_id=doc_id, sentence=TextSpan(s0, start + 50, "s"),
        trigger=TextSpan(start, start + 6, "attack"), event_type=event_type, sub_event_type=sub,
        disorder_type="Political violence", plover_type="ASSAULT", plover_mode="heavy-weapons",
        actor1=actor1, actor2=actor2, place=place(where) if where else None, date=day(when) if when else None,
        weapons=list(weapons), modality=modality, claimant=claimant, fatalities=fatalities, source=source,
        language="fr", confidence=0.6,
    )
    m.evidence.append(Evidence(doc_id, start, start + 6, "attack", "sub_event_type"))
    return m


def place_row(place_id, name, lat, lon, cc, feature, names=(), **kw):
    """A gazetteer build row with its names registered (for tiny hand-built gazetteers)."""
    from eventwire.geo.build import PlaceRow, _add_name

    row = PlaceRow(place_id, name, lat, lon, cc, feature, **kw)
    for n in (name, *names):
        _add_name(row, n)
    return row


def tiny_geocoder(folder, rows, name: str = "tiny.sqlite"):
    """A Geocoder over a hand-built gazetteer of `rows` (place_row results) written into `folder`."""
    from eventwire.geo import Gazetteer
    from eventwire.geo.build import write_index
    from eventwire.geo.geocode import Geocoder

    path = folder / name
    write_index(path, iter(rows), "test")
    return Geocoder(Gazetteer.open(path))
