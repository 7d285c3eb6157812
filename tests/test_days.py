"""One event a day: lists and short ranges of days split a mention into day mentions (ACLED's rule)."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from builders import mention
from eventwire.dates import DateReference, event_days, find_dates
from eventwire.days import split_by_day
from eventwire.fuse import fuse
from eventwire.settings import Settings

REF = DateReference(dt.date(2024, 6, 30), 1, "metadata")
D = dt.date


@pytest.mark.parametrize("lang,text,days", [
    ("en", "Clashes on 17 and 21 June killed four.", (D(2024, 6, 17), D(2024, 6, 21))),
    ("en", "Fighting went on from 24 to 26 June.", (D(2024, 6, 24), D(2024, 6, 25), D(2024, 6, 26))),
    ("en", "Militias fought between June 27-28 near the mine.", (D(2024, 6, 27), D(2024, 6, 28))),
    ("fr", "Des combats ont eu lieu du 3 au 5 juin près du barrage.", (D(2024, 6, 3), D(2024, 6, 4), D(2024, 6, 5))),
    ("fr", "Des affrontements les 12 et 14 juin ont fait six morts.", (D(2024, 6, 12), D(2024, 6, 14))),
])
def test_days_lists_and_short_ranges_keep_every_day(lang: str, text: str, days: tuple[dt.date, ...]) -> None:
    values = [d for d in find_dates(text, lang, REF) if d.kind == "point"]
    assert len(values) == 1
    assert values[0].days == days
    split = event_days(values[0])
    assert [v.date for v in split if v] == list(days)
    assert all(v is not None and v.precision == 1 and v.first == v.last == v.date for v in split)


@pytest.mark.parametrize("lang,text", [
    ("en", "Fighting went on from 1 to 20 June."),  # longer than a week: one event, lower precision
    ("en", "The attack took place on 17 June."),
    ("fr", "Un dépôt a brûlé dans la nuit de mercredi à jeudi 27 juin."),  # a night is one event
])
def test_days_single_days_nights_and_long_ranges_are_not_split(lang: str, text: str) -> None:
    values = [d for d in find_dates(text, lang, REF) if d.kind == "point"]
    assert values and all(len(event_days(v)) == 1 for v in values)


def _listed(m, days):
    value = m.date
    return replace(m, date=replace(value, days=tuple(D.fromisoformat(x) for x in days)))


def test_days_split_mention_shares_casualties_and_gets_stable_ids() -> None:
    m = _listed(mention(fatalities=7, when="2024-06-24"), ["2024-06-24", "2024-06-25", "2024-06-26"])
    m.injuries = 2
    days = split_by_day(m)
    assert [d.date.date.isoformat() for d in days] == ["2024-06-24", "2024-06-25", "2024-06-26"]
    assert [d.fatalities for d in days] == [3, 2, 2]
    assert [d.injuries for d in days] == [1, 1, 0]
    assert sum(d.fatalities for d in days) == 7
    assert len({d.mention_id for d in days}) == 3
    assert [d.mention_id for d in split_by_day(m)] == [d.mention_id for d in days]
    assert all(d.evidence == m.evidence and d.evidence is not m.evidence for d in days)


def test_days_mention_without_days_is_returned_unchanged() -> None:
    m = mention()
    assert split_by_day(m) == [m]


def test_days_split_mentions_stay_separate_events_after_fusion() -> None:
    m = _listed(mention(fatalities=4, when="2024-06-17"), ["2024-06-17", "2024-06-18"])
    events = fuse(split_by_day(m), Settings.from_overrides({}))
    assert sorted(e.event_date for e in events) == ["2024-06-17", "2024-06-18"]
    assert sorted(e.fatalities or 0 for e in events) == [2, 2]


def test_days_another_report_of_one_of_the_days_fuses_with_that_day() -> None:
    m = _listed(mention(when="2024-06-17", start=10), ["2024-06-17", "2024-06-18"])
    other = mention(doc_id="d2", when="2024-06-18", start=40)
    events = fuse([*split_by_day(m), other], Settings.from_overrides({}))
    by_day = {e.event_date: e for e in events}
    assert set(by_day) == {"2024-06-17", "2024-06-18"}
    assert len(by_day["2024-06-18"].mentions) == 2
