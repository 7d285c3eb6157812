"""The ACLED event taxonomy and its PLOVER mapping, read from the data file `data/taxonomy.yaml`.

ACLED codes every event with a disorder type, one of 6 event types and one of 25 sub-event types; when
several tactics describe one event the higher one in a fixed hierarchy wins. This module exposes those exact
strings (`SUB_EVENT_TYPES`, `EVENT_TYPES`), the collapse order (`HIERARCHY`, highest first), the combination
rules (a protest met with tear gas is a Protest with intervention), and the mapping of each sub-event type to
a PLOVER event type and mode, refined by the weapons involved (`plover_of`). Nothing here is hard-coded: the
module only validates and indexes the YAML, so the taxonomy is reviewed like the other data files.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

import yaml

DATA_FILE = "taxonomy.yaml"


@dataclass(frozen=True)
class SubEventType:
    """One ACLED sub-event type with its parent event type, disorder type, PLOVER default and CASE label."""

    name: str
    event_type: str
    disorder_type: str
    plover_type: str
    plover_mode: str
    case2021: str


@dataclass(frozen=True)
class CombineRule:
    """Cues of all `when` kinds in one clause describe one event of type `then`."""

    when: tuple[str, ...]
    then: str


@dataclass(frozen=True)
class Taxonomy:
    """The whole taxonomy as loaded from YAML (see module docstring)."""

    sub_types: dict[str, SubEventType]
    event_types: dict[str, tuple[str, ...]]
    hierarchy: tuple[str, ...]
    combine: tuple[CombineRule, ...]
    plover_modes: dict[str, dict[str, str]]
    absorb: dict[str, tuple[str, ...]]
    exclusive: tuple[tuple[str, ...], ...] = ()

    def rank(self, sub: str) -> int:
        """Position in the collapse hierarchy: 0 is the highest (wins); unknown names rank last."""
        try:
            return self.hierarchy.index(sub)
        except ValueError:
            return len(self.hierarchy)

    def collapse_rank(self, sub: str) -> int:
        """Like `rank`, but every member of an `exclusive` group ranks as the group's highest member."""
        for group in self.exclusive:
            if sub in group:
                return min(self.rank(s) for s in group)
        return self.rank(sub)


def _load_yaml() -> dict[str, Any]:
    text = resources.files("eventwire").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"{DATA_FILE}: expected a mapping at top level")
    return data


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    """Load and validate `data/taxonomy.yaml` once per process."""
    data = _load_yaml()
    sub_types: dict[str, SubEventType] = {}
    event_types: dict[str, tuple[str, ...]] = {}
    for event_type, subs in data["event_types"].items():
        names = []
        for name, info in subs.items():
            plover = info.get("plover") or ["", ""]
            sub_types[name] = SubEventType(
                name=name,
                event_type=event_type,
                disorder_type=info["disorder"],
                plover_type=str(plover[0]),
                plover_mode=str(plover[1]) if len(plover) > 1 else "",
                case2021=str(info.get("case2021", "")),
            )
            names.append(name)
        event_types[event_type] = tuple(names)
    hierarchy = tuple(data["hierarchy"])
    missing = set(sub_types) ^ set(hierarchy)
    if missing:
        raise ValueError(f"{DATA_FILE}: hierarchy and event_types disagree on {sorted(missing)}")
    combine = tuple(CombineRule(tuple(r["if"]), r["then"]) for r in data.get("combine", []))
    for rule in combine:
        for name in (*rule.when, rule.then):
            if not name.startswith("_") and name not in sub_types:
                raise ValueError(f"{DATA_FILE}: combine rule names unknown sub-event type {name!r}")
    plover_modes = {k: dict(v or {}) for k, v in (data.get("plover_modes") or {}).items()}
    absorb = {k: tuple(v or ()) for k, v in (data.get("absorb") or {}).items()}
    for name in {*absorb, *(n for v in absorb.values() for n in v)}:
        if name not in sub_types:
            raise ValueError(f"{DATA_FILE}: absorb rule names unknown sub-event type {name!r}")
    exclusive = tuple(tuple(g) for g in data.get("exclusive") or ())
    for name in (n for g in exclusive for n in g):
        if name not in sub_types:
            raise ValueError(f"{DATA_FILE}: exclusive group names unknown sub-event type {name!r}")
    return Taxonomy(sub_types, event_types, hierarchy, combine, plover_modes, absorb, exclusive)


_TAX = load_taxonomy()

#: The 25 ACLED sub-event types, in ACLED's codebook order.
SUB_EVENT_TYPES: tuple[str, ...] = tuple(_TAX.sub_types)
#: The 6 ACLED event types, in codebook order.
EVENT_TYPES: tuple[str, ...] = tuple(_TAX.event_types)
#: The 3 ACLED disorder types (Excessive force carries the compound "Political violence; Demonstrations").
DISORDER_TYPES: tuple[str, ...] = ("Political violence", "Demonstrations", "Strategic developments")
#: Sub-event types in collapse order, highest first (concurrent tactics collapse to the earliest).
HIERARCHY: list[str] = list(_TAX.hierarchy)
#: CASE 2021 Task 2 label -> ACLED sub-event type (for evaluation).
CASE2021_LABELS: dict[str, str] = {s.case2021: s.name for s in _TAX.sub_types.values() if s.case2021}


def _get(sub: str) -> SubEventType:
    try:
        return _TAX.sub_types[sub]
    except KeyError:
        raise KeyError(f"unknown ACLED sub-event type {sub!r}; known: {', '.join(SUB_EVENT_TYPES)}") from None


def event_type_of(sub: str) -> str:
    """The ACLED event type of a sub-event type ("Air/drone strike" -> "Explosions/Remote violence")."""
    return _get(sub).event_type


def disorder_type_of(sub: str) -> str:
    """The ACLED disorder type of a sub-event type ("Other" -> "Strategic developments")."""
    return _get(sub).disorder_type


def is_violent(sub: str) -> bool:
    """True for sub-event types whose disorder type is political violence or demonstrations."""
    return _get(sub).disorder_type != "Strategic developments"


def rank(sub: str) -> int:
    """Position of a sub-event type in `HIERARCHY` (0 = highest)."""
    return _TAX.rank(sub)


def collapse_rank(sub: str) -> int:
    """Rank used to collapse one event's concurrent cues: `rank`, with `exclusive` groups tied (the stronger
    cue then decides, e.g. who took a town decides between the two territory types)."""
    return _TAX.collapse_rank(sub)


def plover_of(sub: str, weapons: Iterable[str] = ()) -> tuple[str, str]:
    """PLOVER (type, mode) for an ACLED sub-event type, the mode refined by the weapons used.

    An air/drone strike with a drone is ASSAULT/drone, with aircraft ASSAULT/aerial; a deployment ("Other")
    of a weapon system is MOBILIZE/weapons and of people MOBILIZE/troops.
    """
    info = _get(sub)
    overrides = _TAX.plover_modes.get(sub, {})
    weapons = list(weapons)
    for weapon in weapons:
        if weapon in overrides:
            return info.plover_type, overrides[weapon]
    if weapons and "_any" in overrides:
        return info.plover_type, overrides["_any"]
    return info.plover_type, info.plover_mode


def absorbed_by(sub: str) -> tuple[str, ...]:
    """Sub-event types that are part of an event of type `sub` when reported with it, not events of their own.

    ACLED codes arrests made at a protest as a Protest with intervention, the looting done by rioters as
    part of the Violent demonstration (`absorb` in the data file).
    """
    return _TAX.absorb.get(sub, ())


def combine_rules() -> tuple[CombineRule, ...]:
    """The combination rules of the taxonomy file (see `CombineRule`)."""
    return _TAX.combine
