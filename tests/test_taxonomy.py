"""The ACLED taxonomy data file: exact strings, hierarchy and the ACLED -> PLOVER mapping."""
from __future__ import annotations

import pytest

from eventwire.taxonomy import (CASE2021_LABELS, EVENT_TYPES, HIERARCHY, SUB_EVENT_TYPES, absorbed_by,
                                disorder_type_of, event_type_of, plover_of, rank)


def test_taxonomy_has_six_event_types_and_twenty_five_sub_event_types():
    assert len(EVENT_TYPES) == 6
    assert len(SUB_EVENT_TYPES) == 25
    assert sorted(HIERARCHY) == sorted(SUB_EVENT_TYPES)


@pytest.mark.parametrize("sub, event_type, disorder", [
    ("Air/drone strike", "Explosions/Remote violence", "Political violence"),
    ("Shelling/artillery/missile attack", "Explosions/Remote violence", "Political violence"),
    ("Remote explosive/landmine/IED", "Explosions/Remote violence", "Political violence"),
    ("Armed clash", "Battles", "Political violence"),
    ("Peaceful protest", "Protests", "Demonstrations"),
    ("Excessive force against protesters", "Protests", "Political violence; Demonstrations"),
    ("Abduction/forced disappearance", "Violence against civilians", "Political violence"),
    ("Headquarters or base established", "Strategic developments", "Strategic developments"),
    ("Disrupted weapons use", "Strategic developments", "Strategic developments"),
    ("Other", "Strategic developments", "Strategic developments"),
])
def test_taxonomy_sub_event_type_maps_to_exact_acled_event_and_disorder_type(sub, event_type, disorder):
    assert event_type_of(sub) == event_type
    assert disorder_type_of(sub) == disorder


def test_taxonomy_unknown_sub_event_type_raises_with_known_names():
    with pytest.raises(KeyError, match="Air/drone strike"):
        event_type_of("Drone attack")


@pytest.mark.parametrize("higher, lower", [
    ("Armed clash", "Air/drone strike"),
    ("Air/drone strike", "Shelling/artillery/missile attack"),
    ("Suicide bomb", "Remote explosive/landmine/IED"),
    ("Grenade", "Attack"),
    ("Violent demonstration", "Peaceful protest"),
    ("Violent demonstration", "Excessive force against protesters"),
    ("Attack", "Other"),
])
def test_taxonomy_hierarchy_ranks_more_severe_tactic_first(higher, lower):
    assert rank(higher) < rank(lower)


@pytest.mark.parametrize("sub, weapons, expected", [
    ("Air/drone strike", ["drone"], ("ASSAULT", "drone")),
    ("Air/drone strike", ["aircraft"], ("ASSAULT", "aerial")),
    ("Air/drone strike", [], ("ASSAULT", "aerial")),
    ("Shelling/artillery/missile attack", ["rocket"], ("ASSAULT", "heavy-weapons")),
    ("Suicide bomb", [], ("ASSAULT", "suicide-attack")),
    ("Other", [], ("MOBILIZE", "troops")),
    ("Other", ["HIMARS"], ("MOBILIZE", "weapons")),
    ("Change to group/activity", [], ("MOBILIZE", "troops")),
    ("Change to group/activity", ["HIMARS"], ("MOBILIZE", "weapons")),
    ("Peaceful protest", [], ("PROTEST", "demo")),
    ("Arrests", [], ("COERCE", "arrest")),
    ("Abduction/forced disappearance", [], ("ASSAULT", "abduct")),
])
def test_taxonomy_plover_type_and_mode_follow_sub_type_and_weapons(sub, weapons, expected):
    assert plover_of(sub, weapons) == expected


def test_taxonomy_case2021_labels_cover_all_seen_classes():
    assert len(CASE2021_LABELS) == 25
    assert CASE2021_LABELS["ART_MISS_ATTACK"] == "Shelling/artillery/missile attack"


@pytest.mark.parametrize("sub, part", [
    ("Protest with intervention", "Arrests"),
    ("Excessive force against protesters", "Protest with intervention"),
    ("Violent demonstration", "Looting/property destruction"),
])
def test_taxonomy_protest_types_absorb_what_happens_at_the_protest(sub, part):
    assert part in absorbed_by(sub)


def test_taxonomy_violent_types_absorb_nothing():
    assert absorbed_by("Air/drone strike") == ()
