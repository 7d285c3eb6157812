"""Maps third-party gold labels onto the current ACLED taxonomy eventwire emits, so predictions and gold compare.

Three label sets meet here: the 2016 ACLED event types of ../shared/eval/conflict_events_dev.jsonl (before the
2019 split into 6 event types and 25 sub-event types), UCDP GED's type of violence, and the CASE 2021 Task 2
codes. Where an old label covers several current sub-event types, the map gives the one to score against
(`sub_event_type`, None when no single one applies) plus every current sub-event type it covers (`accepted`):
a prediction inside `accepted` is counted as that label. Sources: ACLED codebook 2016 and 2019+ (sub-event
definitions), UCDP GED codebook 23.1 (type_of_violence 1-3), CASE 2021 Task 2 "Note on EVENT TYPES".
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

# Current ACLED taxonomy: event type -> sub-event types (25).
CURRENT: dict[str, tuple[str, ...]] = {
    BATTLES: ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    EXPLOSIONS: ("Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
                 "Remote explosive/landmine/IED", "Grenade"),
    VAC: ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    PROTESTS: ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    RIOTS: ("Violent demonstration", "Mob violence"),
    STRATEGIC: ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                "Headquarters or base established", "Looting/property destruction",
                "Non-violent transfer of territory", "Other"),
}
SUB_TO_TYPE = {sub: etype for etype, subs in CURRENT.items() for sub in subs}
EVENT_TYPES = tuple(CURRENT)
SUB_EVENT_TYPES = tuple(SUB_TO_TYPE)


@dataclass(frozen=True)
class GoldLabel:
    """A gold label in current terms: event type, the sub-event type scored (or None), and those accepted."""

    event_type: str
    sub_event_type: Optional[str]
    accepted: tuple[str, ...]


def _label(event_type: str, sub: Optional[str], accepted: Optional[tuple[str, ...]] = None) -> GoldLabel:
    return GoldLabel(event_type, sub, accepted if accepted is not None else ((sub,) if sub else CURRENT[event_type]))


# 2016 ACLED event type -> current. "Riots/Protests" is split by the actor (see map_acled_2016).
ACLED_2016: dict[str, GoldLabel] = {
    "Battle-No change of territory": _label(BATTLES, "Armed clash"),
    "Battle-Government regains territory": _label(BATTLES, "Government regains territory"),
    "Battle-Non-state actor overtakes territory": _label(BATTLES, "Non-state actor overtakes territory"),
    "Remote violence": _label(EXPLOSIONS, None),
    "Violence against civilians": _label(VAC, "Attack", CURRENT[VAC]),
    "Non-violent transfer of territory": _label(STRATEGIC, "Non-violent transfer of territory"),
    "Headquarters or base established": _label(STRATEGIC, "Headquarters or base established"),
    "Strategic development": _label(STRATEGIC, None),
}
_PROTEST = _label(PROTESTS, "Peaceful protest", CURRENT[PROTESTS])
_RIOT = _label(RIOTS, "Violent demonstration", CURRENT[RIOTS])


def map_acled_2016(event_type: Optional[str], actor1: Optional[str] = None) -> Optional[GoldLabel]:
    """The current label for a 2016 ACLED event type; "Riots/Protests" reads actor1 ("Rioters (X)" = riot)."""
    if not event_type:
        return None
    if event_type.strip() == "Riots/Protests":
        actors = (actor1 or "").casefold()
        return _RIOT if actors.startswith("rioters") else _PROTEST
    return ACLED_2016.get(event_type.strip())


# UCDP type of violence -> ACLED event types compatible with it (UCDP codes no ACLED sub-event).
UCDP_COMPATIBLE: dict[str, tuple[str, ...]] = {
    "state-based": (BATTLES, EXPLOSIONS),
    "non-state": (BATTLES, EXPLOSIONS, RIOTS),
    "one-sided": (VAC, EXPLOSIONS),
}

# CASE 2021 Task 2 codes -> current ACLED sub-event types; the 5 unseen codes map to themselves.
CASE2021: dict[str, str] = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "AGREEMENT": "Agreement",
    "AIR_STRIKE": "Air/drone strike",
    "ARMED_CLASH": "Armed clash",
    "ARREST": "Arrests",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "ATTACK": "Attack",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence",
    "SUIC_BOMB": "Suicide bomb",
    "VIOL_DEMONSTR": "Violent demonstration",
}
CASE2021_TO_CODE = {sub: code for code, sub in CASE2021.items()}
CASE2021_SEEN = tuple(CASE2021)
CASE2021_UNSEEN_3 = ("ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER")
CASE2021_UNSEEN_5 = CASE2021_UNSEEN_3 + ("DIPLO", "ATTRIB")


def case_code(sub_event_type: Optional[str]) -> Optional[str]:
    """The CASE 2021 code for a predicted ACLED sub-event type (None when it has none)."""
    if not sub_event_type:
        return None
    return CASE2021_TO_CODE.get(sub_event_type)
