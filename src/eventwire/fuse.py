"""Fusion: mentions of the same real-world event, within and across documents, become one event.

Two mentions are the same event when their event families agree, their date windows meet (within
`fuse_days`), their places agree (same gazetteer place, or within `fuse_km` when one is only approximate) and
their actors do not contradict each other (the attacker of one is not the target of the other). Clustering is
greedy over a deterministic order, so the same mentions always give the same events and event ids. Values that
disagree are resolved by explicit rules (the most specific type by ACLED's hierarchy, the date most reports
give, the most precise place, the lowest casualty figure) and every mention's evidence is kept.
"""
from __future__ import annotations

import hashlib
import math
from collections import Counter
from typing import Iterable, Optional

from .models import GEO_EXACT, Event, Evidence, Mention
from .settings import Settings

VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests"}
# Which modality an event carries when its mentions differ: a party's own claim first, then acknowledgement,
# denial, plain report, unconfirmed report.
MODALITY_PRIORITY = ("claimed", "acknowledged", "denied", "asserted", "unconfirmed", "planned")


# Mentions typed with less confidence than this (a bare casualty sentence, a generic cue) do not decide the type
# of an event that has a clearly typed mention.
WEAK_TYPE_CONFIDENCE = 0.3


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _hierarchy_rank(sub_event_type: str) -> int:
    try:
        from .taxonomy import HIERARCHY

        return list(HIERARCHY).index(sub_event_type)
    except (ImportError, ValueError):
        return 99


# Demonstrations (peaceful or violent) fuse with each other, armed violence with armed violence: a protest and an
# attack reported at the same place and day are two events (ACLED codes them apart).
DEMONSTRATIONS = {"Riots", "Protests"}


def _family(m: Mention) -> str:
    if m.event_type in DEMONSTRATIONS:
        return "demonstration"
    return "violent" if m.event_type in VIOLENT else m.event_type


def compatible(a: Mention, b: Mention, settings: Settings) -> bool:
    """Whether two mentions can describe the same real-world event."""
    if _family(a) != _family(b):
        return False
    if _family(a) not in ("violent", "demonstration") and a.sub_event_type != b.sub_event_type:
        return False
    if a.doc_id == b.doc_id and a.sentence.start == b.sentence.start and a.trigger.start != b.trigger.start:
        return False  # two triggers of one sentence were split on purpose (two events)
    if a.doc_id == b.doc_id and a.trigger.start == b.trigger.start and a.date is not None and b.date is not None \
            and a.date.span is not None and a.date.date != b.date.date:
        return False  # one report of several named days: one event a day (days.split_by_day)
    if a.date is not None and b.date is not None:
        days = settings.fuse_days
        if (a.date.first - b.date.last).days > days or (b.date.first - a.date.last).days > days:
            return False
    pa = a.place.place if a.place else None
    pb = b.place.place if b.place else None
    if pa is not None and pb is not None:
        if pa.place_id != pb.place_id:
            if a.place and b.place and a.place.geo_precision == GEO_EXACT and b.place.geo_precision == GEO_EXACT:
                return False
            if haversine_km(pa.latitude, pa.longitude, pb.latitude, pb.longitude) > settings.fuse_km:
                return False
    elif a.doc_id != b.doc_id:
        return False
    a1, b1 = _named(a.actor1), _named(b.actor1)
    if a1 and b1 and a1 != b1:
        return False
    if (a1 and a1 == b.actor2) or (b1 and b1 == a.actor2):
        return False
    if a.weapons and b.weapons and not set(a.weapons) & set(b.weapons) and a.doc_id == b.doc_id \
            and (pa is None or pb is None or pa.place_id != pb.place_id):
        return False  # one report naming a drone strike and, elsewhere, a rocket attack: two events
    return True


# An unnamed perpetrator ("Unidentified Armed Group (Iraq)") contradicts no named actor: a report that does not
# say who attacked can describe the same event as one that does.
UNNAMED_PREFIXES = ("Unidentified Armed Group",)


def _named(actor: str) -> str:
    return "" if not actor or actor.startswith(UNNAMED_PREFIXES) else actor


def _order_key(m: Mention) -> tuple[str, int, str]:
    return (m.doc_id, m.trigger.start, m.mention_id)


# A date window longer than this (a year-level guess) is not indexed by day: such a mention is compared with
# every cluster, and its cluster is a candidate for every mention, like an undated one.
MAX_WINDOW_DAYS = 62


def _indexed_days(m: Mention) -> list[int]:
    """The day numbers (proleptic ordinals) of a mention's date window; [] when it is undated or its window is
    longer than `MAX_WINDOW_DAYS`."""
    if m.date is None or (m.date.last - m.date.first).days > MAX_WINDOW_DAYS:
        return []
    return list(range(m.date.first.toordinal(), m.date.last.toordinal() + 1))


def cluster(mentions: Iterable[Mention], settings: Settings) -> list[list[Mention]]:
    """Group mentions into events (deterministic greedy clustering, every member compatible with the cluster).

    Clusters are blocked by day: a mention is only compared with the clusters that have a member dated within
    `fuse_days` of its window (plus the clusters with an undated or very long-window member), which are the
    only ones it can be compatible with. The result is the same as comparing it with every cluster, in
    near-linear time on a corpus spread over many days.
    """
    clusters: list[list[Mention]] = []
    by_day: dict[int, set[int]] = {}
    always: set[int] = set()  # clusters with a member that has no date, or a window too long to index
    pad = max(0, int(settings.fuse_days))
    for m in sorted(mentions, key=_order_key):
        days = _indexed_days(m)
        candidates: list[int]
        if not days:
            candidates = list(range(len(clusters)))  # an undated mention may fit any cluster
        else:
            near: set[int] = set(always)
            for d in range(days[0] - pad, days[-1] + pad + 1):
                near |= by_day.get(d, set())
            candidates = sorted(near)
        fits = [i for i in candidates if all(compatible(m, other, settings) for other in clusters[i])]
        if fits:
            # Among the events it fits, the one whose members give its own day (a report of the second day of a
            # two-day clash joins that day, not the first), else the earliest formed.
            same_day = [i for i in fits if m.date is not None
                        and any(o.date is not None and o.date.date == m.date.date for o in clusters[i])]
            index = (same_day or fits)[0]
            clusters[index].append(m)
        else:
            index = len(clusters)
            clusters.append([m])
        if not days:
            always.add(index)
        for d in days:
            by_day.setdefault(d, set()).add(index)
    return clusters


def _most_common(values: list[str]) -> str:
    values = [v for v in values if v]
    if not values:
        return ""
    counts = Counter(values)
    best = max(counts.values())
    return next(v for v in values if counts[v] == best)


def merge(members: list[Mention]) -> Event:
    """One event from a cluster of mentions."""
    members = sorted(members, key=_order_key)
    first = members[0]
    # Type: a mention naming its weapon is more specific than a generic "targeted"; then ACLED's hierarchy.
    # A weak fallback reading ("5 seriously injured." alone reads as a clash) never overrides a clear one.
    clear = [m for m in members if m.confidence >= WEAK_TYPE_CONFIDENCE] or members
    typed = min(clear, key=lambda m: (0 if m.weapons else 1, _hierarchy_rank(m.sub_event_type), _order_key(m)))
    # Date: the day most explicit reports give (ties: the earliest), else any resolved date.
    explicit = [m.date for m in members if m.date is not None and m.date.span is not None and m.date.kind == "point"]
    dates = explicit or [m.date for m in members if m.date is not None]
    date = None
    if dates:
        counts = Counter(d.date for d in dates)
        best = max(counts.values())
        chosen_day = min(d for d, n in counts.items() if n == best)
        date = min((d for d in dates if d.date == chosen_day), key=lambda d: d.precision)
    placed = [m.place for m in members if m.place is not None and m.place.place is not None]
    place = min(placed, key=lambda p: (p.geo_precision, 0 if p.place and p.place.feature in ("site", "airport") else 1,
                                       -p.score)) if placed else None
    claim = min(members, key=lambda m: (MODALITY_PRIORITY.index(m.modality) if m.modality in MODALITY_PRIORITY else 9,
                                        0 if m.claimant else 1, _order_key(m)))
    claimant = claim.claimant or next((m.claimant for m in members if m.claimant), None)
    fatalities = [m.fatalities for m in members if m.fatalities is not None]
    injuries = [m.injuries for m in members if m.injuries is not None]
    weapons: list[str] = []
    for m in members:
        weapons.extend(w for w in m.weapons if w not in weapons)
    sources: list[str] = []
    for m in members:
        for s in (m.source or "").split(";"):
            if s.strip() and s.strip() not in sources:
                sources.append(s.strip())
    evidence: list[Evidence] = []
    seen = set()
    for m in members:
        for e in m.evidence:
            key = (e.doc_id, e.start, e.end, e.field)
            if key not in seen:
                seen.add(key)
                evidence.append(e)
    actor1 = _most_common([_named(m.actor1) for m in members]) or _most_common([m.actor1 for m in members])
    actor2 = _most_common([m.actor2 for m in members])
    a1m = next((m for m in members if m.actor1 == actor1 and actor1), None) or next((m for m in members if m.actor1_text), first)
    a2m = next((m for m in members if m.actor2 == actor2 and actor2), None) or next((m for m in members if m.actor2_text), first)
    n_docs = len({m.doc_id for m in members})
    confidence = min(0.99, max(m.confidence for m in members) + 0.05 * (len(members) - 1) + 0.1 * (n_docs - 1))
    ids = sorted(m.mention_id for m in members)
    p = place.place if place is not None else None
    return Event(
        event_id="ev" + hashlib.sha1(ids[0].encode("utf-8")).hexdigest()[:16],
        doc_id=first.doc_id,
        event_date=date.date.isoformat() if date else None,
        time_precision=date.precision if date else None,
        disorder_type=typed.disorder_type, event_type=typed.event_type, sub_event_type=typed.sub_event_type,
        plover_type=typed.plover_type, plover_mode=typed.plover_mode or None,
        actor1=actor1 or None, assoc_actor_1=_most_common([m.assoc_actor_1 for m in members]) or None,
        actor2=actor2 or None, assoc_actor_2=_most_common([m.assoc_actor_2 for m in members]) or None,
        actor1_text=a1m.actor1_text or None, actor2_text=a2m.actor2_text or None,
        location=p.name if p else None, admin1=(p.admin1 or None) if p else None,
        country=(p.country or None) if p else None, iso3=(p.iso3 or None) if p else None,
        latitude=round(p.latitude, 4) if p else None, longitude=round(p.longitude, 4) if p else None,
        geo_precision=place.geo_precision if place else None, place_id=p.place_id if p else None,
        fatalities=min(fatalities) if fatalities else None, injuries=min(injuries) if injuries else None,
        weapons=weapons, claimant=claimant, modality=claim.modality,
        source=";".join(sources) or None, language=first.language or None, confidence=round(confidence, 3),
        evidence=evidence, mentions=ids,
    )


def fuse(mentions: Iterable[Mention], settings: Optional[Settings] = None) -> list[Event]:
    """Events from mentions: cluster, then merge each cluster (sorted by date, then id)."""
    settings = settings or Settings.from_overrides({})
    events = [merge(c) for c in cluster(mentions, settings)]
    return sorted(events, key=lambda e: (e.event_date or "", e.event_id))
