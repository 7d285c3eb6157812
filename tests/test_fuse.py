"""Fusion: one event per real-world event, within and across documents."""
from __future__ import annotations

import pytest

from builders import mention
from eventwire.fuse import fuse, haversine_km
from eventwire.settings import Settings

S = Settings.from_overrides({})


def test_fuse_same_place_and_day_across_documents_gives_one_event():
    events = fuse([mention("a", 10), mention("b", 50, source="Other")], S)
    assert len(events) == 1
    ev = events[0]
    assert sorted(ev.mentions) == ["m-a-10-conoco", "m-b-50-conoco"]
    assert ev.source == "Outlet;Other"
    assert ev.confidence > 0.6


def test_fuse_keeps_distinct_sites_apart_even_when_close():
    # al-Tanf and Rukban are ~20 km apart: two exact sites are two events.
    events = fuse([mention("a", 10, where="tanf"), mention("a", 80, where="rukban")], S)
    assert len(events) == 2


def test_fuse_never_merges_attack_and_retaliation():
    attack = mention("a", 10, actor2="Military Forces of the United States")
    retaliation = mention("a", 200, where="deir", actor1="Military Forces of the United States")
    retaliation.place.geo_precision = 2
    assert len(fuse([attack, retaliation], S)) == 2


@pytest.mark.parametrize("first,second,expected", [("2023-12-13", "2023-12-14", 1), ("2023-12-11", "2023-12-14", 2)])
def test_fuse_date_window(first, second, expected):
    assert len(fuse([mention("a", 10, when=first), mention("b", 10, when=second)], S)) == expected


def test_fuse_prefers_weapon_specific_type_and_majority_date():
    generic = mention("a", 10, sub="Armed clash", event_type="Battles", weapons=(), when="2023-12-14")
    specific = mention("a", 90, when="2023-12-14")
    other = mention("b", 5, when="2023-12-13")
    ev = fuse([generic, specific, other], S)[0]
    assert ev.sub_event_type == "Shelling/artillery/missile attack"
    assert ev.event_date == "2023-12-14"


def test_fuse_claim_by_party_wins_and_lowest_fatalities_kept():
    a = mention("a", 10, claimant="Al Mayadeen correspondent", fatalities=5)
    b = mention("b", 10, claimant="Islamic Resistance in Iraq", modality="claimed", fatalities=3)
    ev = fuse([a, b], S)[0]
    assert (ev.claimant, ev.modality, ev.fatalities) == ("Islamic Resistance in Iraq", "claimed", 3)


def test_fuse_is_deterministic_and_ids_stable():
    ms = [mention("a", 10), mention("b", 10, where="tanf"), mention("c", 3)]
    first = [e.to_dict() for e in fuse(ms, S)]
    second = [e.to_dict() for e in fuse(list(reversed(ms)), S)]
    assert first == second


def test_haversine_known_distance():
    # Damascus -> Baghdad is about 760 km.
    assert 740 < haversine_km(33.5138, 36.2765, 33.3152, 44.3661) < 780


def test_fuse_unidentified_perpetrator_does_not_contradict_a_named_one():
    unnamed = mention("a", 10, actor1="Unidentified Armed Group (Syria)")
    named = mention("b", 10, actor1="Islamic Resistance in Iraq")
    events = fuse([unnamed, named], S)
    assert len(events) == 1
    assert events[0].actor1 == "Islamic Resistance in Iraq"


def test_fuse_keeps_a_protest_and_an_attack_at_the_same_place_apart():
    attack = mention("a", 10, sub="Attack", event_type="Violence against civilians")
    protest = mention("a", 200, sub="Peaceful protest", event_type="Protests", weapons=())
    assert len(fuse([attack, protest], S)) == 2


def test_fuse_weak_fallback_type_does_not_override_a_clear_type():
    from dataclasses import replace as _replace

    clear = mention(start=10, sub="Attack", event_type="Violence against civilians", weapons=())
    weak = _replace(mention(start=60, sub="Armed clash", event_type="Battles", weapons=()), confidence=0.14)
    [event] = fuse([clear, weak], Settings.from_overrides({}))
    assert event.sub_event_type == "Attack"


def _brute_force_cluster(mentions, settings):
    from eventwire.fuse import _order_key, compatible

    clusters = []
    for m in sorted(mentions, key=_order_key):
        fits = [c for c in clusters if all(compatible(m, o, settings) for o in c)]
        if fits:
            same = [c for c in fits if m.date is not None
                    and any(o.date is not None and o.date.date == m.date.date for o in c)]
            (same or fits)[0].append(m)
        else:
            clusters.append([m])
    return clusters


@pytest.mark.parametrize("seed", range(5))
def test_fuse_day_blocking_gives_the_same_clusters_as_comparing_every_pair(seed):
    import datetime as dt
    import random
    from dataclasses import replace as _replace

    from eventwire.fuse import cluster

    rng = random.Random(seed)
    mentions = []
    for i in range(300):
        when = None if rng.random() < 0.05 else (dt.date(2023, 12, 1) + dt.timedelta(days=rng.randrange(40))).isoformat()
        m = mention(doc_id=f"d{rng.randrange(60)}", start=rng.randrange(2000), when=when,
                    where=rng.choice(["conoco", "tanf", "rukban", "deir", None]),
                    actor1=rng.choice(["", "Islamic Resistance in Iraq", "Military Forces of the United States"]))
        m.mention_id = f"m{i}"
        if m.date is not None and rng.random() < 0.1:  # a month-precision window
            m.date = _replace(m.date, precision=3, first=m.date.date.replace(day=1),
                              last=m.date.date.replace(day=28))
        mentions.append(m)
    settings = Settings.from_overrides({})
    got = [[x.mention_id for x in c] for c in cluster(mentions, settings)]
    want = [[x.mention_id for x in c] for c in _brute_force_cluster(mentions, settings)]
    assert got == want
