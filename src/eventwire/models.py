"""Plain dataclasses that cross stage boundaries: documents, spans, places, dates, mentions and events.

Every stage of the pipeline (ingest -> nlp -> extract -> resolve -> fuse -> store -> export) reads and writes
these records and nothing richer, so a stage can be tested alone with hand-built values.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Optional

# ACLED geo precision: 1 the place itself, 2 near / part of a region, 3 region.
GEO_EXACT, GEO_NEAR, GEO_REGION = 1, 2, 3
# Place features from the smallest to the largest (a site lies in a town, a town in a district...)
FEATURE_SIZE = {"site": 0, "airport": 0, "city": 1, "admin2": 2, "admin1": 3, "region": 4, "country": 5, "continent": 6}
# ACLED time precision: 1 day, 2 week, 3 month.
TIME_DAY, TIME_WEEK, TIME_MONTH = 1, 2, 3

MODALITIES = ("asserted", "claimed", "denied", "acknowledged", "planned", "unconfirmed")


@dataclass
class Document:
    """One input document as given, plus what ingest learnt about it.

    `text` is the decoded text exactly as given: every evidence offset points into it. `masked` lists
    (start, end) ranges of boilerplate (inline metadata, photo credits, share buttons, link lines) that the
    analysis must skip; `analysis_text()` blanks them with spaces so offsets stay valid.
    `published` is "YYYY-MM-DD", "YYYY-MM" or None; `published_precision` is "day", "month" or None.
    """

    doc_id: str
    text: str
    title: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = None
    published_precision: Optional[str] = None
    language: Optional[str] = None
    body_start: int = 0
    masked: list[tuple[int, int]] = field(default_factory=list)
    origin: str = ""
    content_hash: str = ""

    def analysis_text(self) -> str:
        """The text with boilerplate ranges replaced by spaces (same length, same offsets)."""
        if not self.masked:
            return self.text
        chars = list(self.text)
        for start, end in self.masked:
            for i in range(max(0, start), min(len(chars), end)):
                if chars[i] not in "\n":
                    chars[i] = " "
        return "".join(chars)

    def published_date(self) -> Optional[dt.date]:
        """The publication date as a date (first of the month when only the month is known)."""
        if not self.published:
            return None
        parts = self.published.split("-")
        try:
            if len(parts) == 3:
                return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
            if len(parts) == 2:
                return dt.date(int(parts[0]), int(parts[1]), 1)
        except ValueError:
            return None
        return None


@dataclass
class Quarantined:
    """A document that could not be processed, kept with a coded reason (see errors.QUARANTINE_CODES)."""

    doc_id: str
    origin: str
    code: str
    reason: str
    size: int = 0


@dataclass
class TextSpan:
    """A span of a document's text: character offsets into `Document.text` and the covered text."""

    start: int
    end: int
    text: str


@dataclass
class Place:
    """A gazetteer entry."""

    place_id: str  # "geonames:170794", "site:conoco-gas-field", "admin1:SY.07", "country:SY"
    name: str
    latitude: float
    longitude: float
    country_code: str  # ISO 3166-1 alpha-2
    country: str = ""  # English country name
    iso3: str = ""
    admin1: str = ""
    feature: str = "city"  # city | site | airport | admin1 | admin2 | country
    site_type: str = ""  # for sites: base, oil_field, gas_field, crossing, camp, dam, airport, checkpoint...
    population: int = 0


@dataclass
class ResolvedPlace:
    """A toponym in the text linked to a gazetteer place, with ACLED geo precision and why it was chosen."""

    span: TextSpan
    place: Optional[Place]
    geo_precision: int = GEO_EXACT
    score: float = 0.0
    reason: str = ""  # why chosen, or why abstained when place is None
    relation: str = ""  # "", "near", "north of", "countryside", "20 km east of" ...


@dataclass
class DateValue:
    """An absolute date resolved from a date expression, with ACLED time precision.

    `date` follows ACLED: the exact day, or the midpoint of the week/month window when less precise.
    `first`/`last` bound the window. `kind` is "point" for an event date and "period" for spans such as
    "depuis le 17 octobre" which must never become a single event date. `days` lists the separate days a
    list or a short range of days names ("17 and 21 June", "du 3 au 5 juin"): ACLED codes one event a day.
    """

    date: dt.date
    precision: int
    first: dt.date
    last: dt.date
    span: Optional[TextSpan] = None
    kind: str = "point"
    note: str = ""
    days: tuple[dt.date, ...] = ()


@dataclass
class Evidence:
    """Where a field's value was read: character offsets into a document's text as given."""

    doc_id: str
    start: int
    end: int
    text: str
    field: str

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class Mention:
    """One event mention read from one document (before fusion)."""

    mention_id: str
    doc_id: str
    sentence: TextSpan
    trigger: TextSpan
    event_type: str
    sub_event_type: str
    disorder_type: str
    plover_type: str
    plover_mode: str = ""
    actor1: str = ""
    actor1_text: str = ""
    assoc_actor_1: str = ""
    actor2: str = ""
    actor2_text: str = ""
    assoc_actor_2: str = ""
    inter1: Optional[int] = None
    inter2: Optional[int] = None
    place: Optional[ResolvedPlace] = None
    date: Optional[DateValue] = None
    fatalities: Optional[int] = None
    injuries: Optional[int] = None
    weapons: list[str] = field(default_factory=list)
    claimant: Optional[str] = None
    modality: str = "asserted"
    source: str = ""
    language: str = ""
    confidence: float = 0.5
    evidence: list[Evidence] = field(default_factory=list)


EVENT_FIELDS = (
    "event_id", "doc_id", "event_date", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "plover_type", "plover_mode", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "actor1_text",
    "actor2_text", "location", "admin1", "country", "iso3", "latitude", "longitude", "geo_precision",
    "place_id", "fatalities", "injuries", "weapons", "claimant", "modality", "source", "language",
    "confidence", "evidence", "mentions",
)


@dataclass
class Event:
    """One real-world event: the DESIGN.md §2.2 record. Unknown values are None, never absent."""

    event_id: str
    doc_id: str
    event_date: Optional[str] = None
    time_precision: Optional[int] = None
    disorder_type: Optional[str] = None
    event_type: Optional[str] = None
    sub_event_type: Optional[str] = None
    plover_type: Optional[str] = None
    plover_mode: Optional[str] = None
    actor1: Optional[str] = None
    assoc_actor_1: Optional[str] = None
    actor2: Optional[str] = None
    assoc_actor_2: Optional[str] = None
    actor1_text: Optional[str] = None
    actor2_text: Optional[str] = None
    location: Optional[str] = None
    admin1: Optional[str] = None
    country: Optional[str] = None
    iso3: Optional[str] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    geo_precision: Optional[int] = None
    place_id: Optional[str] = None
    fatalities: Optional[int] = None
    injuries: Optional[int] = None
    weapons: list[str] = field(default_factory=list)
    claimant: Optional[str] = None
    modality: str = "asserted"
    source: Optional[str] = None
    language: Optional[str] = None
    confidence: float = 0.5
    evidence: list[Evidence] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The event as a JSON-ready dict with every §2.2 field, in contract order."""
        out: dict[str, Any] = {}
        for name in EVENT_FIELDS:
            value = getattr(self, name)
            if name == "evidence":
                value = [e.to_dict() for e in value]
            elif isinstance(value, list):
                value = list(value)
            out[name] = value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Event":
        """Rebuild an event from `to_dict()` output (e.g. a stored JSON row)."""
        kwargs: dict[str, Any] = {name: data.get(name) for name in EVENT_FIELDS if name in data}
        kwargs["evidence"] = [Evidence(**e) for e in data.get("evidence") or []]
        kwargs["weapons"] = list(data.get("weapons") or [])
        kwargs["mentions"] = list(data.get("mentions") or [])
        kwargs["modality"] = data.get("modality") or "asserted"
        kwargs["confidence"] = float(data.get("confidence") or 0.0)
        return cls(**kwargs)


def _span(d: Optional[dict[str, Any]]) -> Optional[TextSpan]:
    return TextSpan(**d) if d else None


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def mention_from_dict(d: dict[str, Any]) -> Mention:
    """Rebuild a Mention from `dataclasses.asdict` output that went through JSON (dates as ISO strings)."""
    data = dict(d)
    data["sentence"] = _span(data["sentence"])
    data["trigger"] = _span(data["trigger"])
    place = data.get("place")
    if place:
        place = dict(place)
        place["span"] = _span(place["span"])
        place["place"] = Place(**place["place"]) if place.get("place") else None
        data["place"] = ResolvedPlace(**place)
    date = data.get("date")
    if date:
        date = dict(date)
        for key in ("date", "first", "last"):
            date[key] = _date(date[key])
        date["span"] = _span(date.get("span"))
        date["days"] = tuple(_date(day) for day in date.get("days") or ())
        data["date"] = DateValue(**date)
    data["evidence"] = [Evidence(**e) for e in data.get("evidence") or []]
    return Mention(**data)
