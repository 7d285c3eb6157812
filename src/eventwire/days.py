"""One event a day: a mention dated by a list or a short range of days becomes one mention per day.

ACLED codes an event reported over several named days ("clashes on 17 and 21 June", "fighting from 24 to 26
June") as one event for each day. `dates` keeps the days of such an expression in `DateValue.days`;
`split_by_day` turns the mention into one mention per day, each dated to its day with day precision and the
same evidence, and shares a casualty total reported for the whole span out over the days (an even share each,
the remainder going to the earliest days), so the days add up to the figure the report gives.
"""
from __future__ import annotations

import copy
from dataclasses import replace
from typing import Optional

from .dates import event_days
from .models import Mention


def _shares(total: Optional[int], n: int) -> list[Optional[int]]:
    """`total` shared out over n days: even shares, the remainder one each to the earliest days."""
    if total is None:
        return [None] * n
    base, rest = divmod(total, n)
    return [base + (1 if k < rest else 0) for k in range(n)]


def split_by_day(m: Mention) -> list[Mention]:
    """The mention itself, or one mention per day when its date names several days (see the module docstring).

    Day mentions get the id `<mention_id>-d<k>` so reruns give the same ids.
    """
    days = event_days(m.date)
    if len(days) < 2:
        return [m]
    fatalities, injuries = _shares(m.fatalities, len(days)), _shares(m.injuries, len(days))
    out = []
    for k, day in enumerate(days):
        out.append(replace(m, mention_id=f"{m.mention_id}-d{k + 1}", date=day, fatalities=fatalities[k],
                           injuries=injuries[k], weapons=list(m.weapons), evidence=copy.deepcopy(m.evidence)))
    return out
