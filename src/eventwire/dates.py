"""Dates a researcher can trust: date expressions resolved to absolute dates with ACLED time precision.

Three steps. `reference_for` decides the document's reference "today": the publication date when known
(day or month precision), otherwise a date inferred from the text (a weekday named with a day and month,
"jeudi 14 décembre", fixes the year; explicit years and other dated references constrain it), otherwise
today's date with the precision lowered and the reason in `note`. `find_dates` finds every date expression
with the lexicon-driven scanner (`dates_scan`, grammar in `data/lexicon/dates.yaml`) and resolves each one
against that reference: weekdays go to the most recent such day on or before the reference unless the tense
says future; "since/depuis" expressions become periods, never event dates; week- and month-level expressions
get ACLED precision 2/3 with the ACLED midpoint date. `event_date` picks the governing date of one event:
the date of the trigger's clause, then its sentence, then the closest earlier date of the paragraph, then the
reference date with lower precision; given the parse, a date the parse ties to another noun or to a clause
modifying one ("near X, which saw other clashes on 8 June", "for the August 3 elections") is not the event's.
A list or a short range of days keeps its days (`DateValue.days`, `event_days`): one event a day, as ACLED codes. `parse_expression` resolves one short expression, falling back to
dateparser (RELATIVE_BASE = reference, PREFER_DATES_FROM = current_period) for forms the grammar lacks.

Documented choices: a night "de mercredi à jeudi 14 décembre" is dated to the later day (Thursday), with
`first`/`last` covering both days and the span kept, while an unnamed "overnight"/"last night" in a report is
the day before the reference (like "hier soir"); a month-level window that contains the reference is clipped
at the reference, so its midpoint never lies after publication (a whole calendar month keeps the 15th); a
yearless "28/06" reads day/month unless month/day lies nearer the reference; "June-July 1994" is a period.

The fallback (an event whose clause, sentence and paragraph state no date, in a report dated to the day) is
the day before publication, precision 2 over the week up to it (`fallback_day`, `FALLBACK_LAG_DAYS`). Chosen
with numbers on ../shared/eval/conflict_events_dev.jsonl: (a) the only real publication lags in it — UCDP
headlines that carry their own report date ("DAILY ALERT 16 AUG 2022", "roundup 16 September 2019") and ACLED
notes citing one ("source dated 22/06") — put the single-day event 1 day before the report in 3 of 7 cases,
2 days in 1, 3 days in 3, the same day in none;
(b) with `eventwire evaluate --anchor next-day` (published = the day after the gold window, a wire report by
construction, so this one favours the day before by design) date exact is ACLED 83.6% vs 15.8% with the
publication day, UCDP 68.8% vs 2.5% (within: 88.0% vs 16.0%, 92.5% vs 4.0%). "In the past 24/48 hours" is
dated the same way. A weekday naming the publication day itself still resolves to that day.
"""
from __future__ import annotations

import calendar
import functools
import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any, Optional, Sequence

from .dates_scan import Lexicon, RawDate, lexicon, normalize, normalize_light, scan
from .models import TIME_DAY, TIME_MONTH, TIME_WEEK, DateValue, TextSpan

# Note of a relative expression that could not be resolved to a day (the reference day is unknown).
_UNRESOLVED = "relative to a reference known only to precision"

# Days between an undated event and a day-precision publication date (see `fallback_day`).
FALLBACK_LAG_DAYS = 1

# A list or range of days up to this long is one event a day (ACLED codes each day of a multi-day event as its
# own event); a longer range is one event with week or month precision.
MAX_SPLIT_DAYS = 7

# Reference precision beyond ACLED's 1..3: 4 = only the year is (weakly) known, 5 = nothing known (today used).
REF_YEAR, REF_UNKNOWN = 4, 5
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass
class DateReference:
    """The reference "today" of a document and how well it is known.

    `date` is the reference day (for a month-only publication date, the 15th: ACLED's midpoint);
    `precision` 1 = day known, 3 = only the month, 4 = only the year (weakly), 5 = unknown (today used);
    `source` is "metadata", "inferred" or "today"; `first`/`last` bound the window the reference lies in.
    """

    date: dt.date
    precision: int
    source: str
    note: str = ""
    first: Optional[dt.date] = None
    last: Optional[dt.date] = None

    def __post_init__(self) -> None:
        if self.first is None:
            self.first = self.date
        if self.last is None:
            self.last = self.date

    @property
    def anchor(self) -> Optional[dt.date]:
        """The day relative expressions count from, or None when the day is not known."""
        return self.date if self.precision == TIME_DAY else None

    @property
    def window(self) -> tuple[dt.date, dt.date]:
        assert self.first is not None and self.last is not None
        return self.first, self.last


# ------------------------------------------------------------------------------------- calendar helpers
def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, k: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + k
    return idx // 12, idx % 12 + 1


def _safe_date(year: int, month: int, day: int) -> Optional[dt.date]:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _midpoint(first: dt.date, last: dt.date, precision: int) -> dt.date:
    """ACLED convention: the exact day, or the middle of the week/month window (a whole month -> the 15th)."""
    if precision == TIME_MONTH and first.day == 1 and last == _month_end(first.year, first.month):
        return first.replace(day=15)
    return first + dt.timedelta(days=((last - first).days) // 2)


def _precision_of(first: dt.date, last: dt.date) -> int:
    days = (last - first).days + 1
    return TIME_DAY if days <= 1 else TIME_WEEK if days <= 7 else TIME_MONTH


def _value(first: dt.date, last: dt.date, precision: int, raw: Optional[RawDate], note: str,
           kind: str = "point", date: Optional[dt.date] = None) -> DateValue:
    if last < first:
        first, last = last, first
    span = TextSpan(raw.start, raw.end, raw.text) if raw is not None else None
    return DateValue(date=date or _midpoint(first, last, precision), precision=precision, first=first,
                     last=last, span=span, kind=kind, note=note)


def fallback_day(published: dt.date) -> dt.date:
    """The point estimate for an event a report dated `published` (to the day) states no date for.

    Wire-style reports tell of what happened the day before ("yesterday", "overnight") more often than of
    the day itself: the day before publication (`FALLBACK_LAG_DAYS`); see the module docstring for the numbers.
    """
    return published - dt.timedelta(days=FALLBACK_LAG_DAYS)


def _most_recent_weekday(on_or_before: dt.date, weekday: int, strict: bool = False) -> dt.date:
    back = (on_or_before.weekday() - weekday) % 7
    if strict and back == 0:
        back = 7
    return on_or_before - dt.timedelta(days=back)


def _next_weekday(on_or_after: dt.date, weekday: int, strict: bool = False) -> dt.date:
    ahead = (weekday - on_or_after.weekday()) % 7
    if strict and ahead == 0:
        ahead = 7
    return on_or_after + dt.timedelta(days=ahead)


# ------------------------------------------------------------------------------------------ resolution
class _Resolver:
    """Resolves the RawDates of one text against one reference."""

    def __init__(self, text: str, lang: str, ref: DateReference):
        self.text = text
        self.lex: Lexicon = lexicon(lang)
        self.ref = ref
        self._norm: Optional[str] = None
        self._light: Optional[str] = None

    @property
    def norm(self) -> str:
        if self._norm is None:
            self._norm = normalize(self.text)
        return self._norm

    @property
    def light(self) -> str:
        if self._light is None:
            self._light = normalize_light(self.text)
        return self._light

    # -- context
    def is_future(self, raw: RawDate) -> bool:
        """Whether the clause around the expression speaks of the future (nearest tense cue wins)."""
        text = self.light
        left = max(raw.start - 90, 0)
        for i in range(raw.start - 1, left - 1, -1):
            if text[i] in ".!?;\n":
                left = i + 1
                break
        right = min(raw.end + 90, len(text))
        for i in range(raw.end, right):
            if text[i] in ".!?;\n":
                right = i
                break

        def nearest(patterns: list[re.Pattern[str]]) -> Optional[int]:
            best: Optional[int] = None
            for rx in patterns:
                for m in rx.finditer(text, left, right):
                    if m.start() < raw.end and m.end() > raw.start:
                        continue  # the expression's own words ("prochain") are handled by the grammar
                    d = raw.start - m.end() if m.end() <= raw.start else m.start() - raw.end
                    best = d if best is None else min(best, d)
            return best

        fut = nearest(self.lex.future)
        if fut is None:
            return False
        past = nearest(self.lex.past)
        return past is None or fut < past

    def period_cue(self, raw: RawDate) -> Optional[str]:
        """'since' or 'until' when a period cue stands right before (or opens) the expression."""
        lex = self.lex
        if lex.period_cue_before is None or lex.period_cue_start is None:
            return None
        m = lex.period_cue_before.search(self.norm, max(0, raw.start - 40), raw.start)
        if m is None:
            m = lex.period_cue_start.search(normalize(raw.text))
        if m is None:
            return None
        cue = m.group(0).lower()
        return "until" if any(w in cue for w in ("jusqu", "until", "till", "through", "حتي", "حتى")) else "since"

    # -- year inference for day-month and month expressions
    def year_for(self, month: int, day: int, future: bool) -> Optional[dt.date]:
        first, last = self.ref.window
        base = last if self.ref.precision <= TIME_MONTH else self.ref.date
        for year in (base.year, base.year - 1, base.year + 1, base.year - 4, base.year + 4):
            if _safe_date(year, month, day) is not None:
                break
        else:
            return None
        cand = _safe_date(base.year, month, day) or _safe_date(year, month, day)
        assert cand is not None
        if future:
            if cand < first:
                cand = _safe_date(cand.year + 1, month, day) or cand
        elif cand > base + dt.timedelta(days=2):  # 2 days' grace for publication lag and time zones
            cand = _safe_date(cand.year - 1, month, day) or _safe_date(cand.year - 4, month, day) or cand
        return cand

    def year_note(self) -> str:
        if self.ref.precision >= REF_YEAR:
            return "; year uncertain (reference " + self.ref.source + ")"
        return ""

    # -- relative expressions when the reference day is unknown
    def ref_window_value(self, raw: RawDate, what: str) -> DateValue:
        ref = self.ref
        if ref.precision == TIME_MONTH:
            first, last = ref.window
        else:
            first = ref.date.replace(day=1)
            last = _month_end(ref.date.year, ref.date.month)
        note = (f"{what}: {_UNRESOLVED} {ref.precision} ({ref.source}); month precision, {first:%Y-%m}")
        return _value(first, last, TIME_MONTH, raw, note, date=_midpoint(first, last, TIME_MONTH))

    # -- the kinds
    def resolve(self, raw: RawDate) -> Optional[DateValue]:
        handler = getattr(self, "_r_" + raw.kind, None)
        if handler is None:
            return None
        value: Optional[DateValue] = handler(raw)
        if value is None:
            return None
        if raw.kind not in ("phrase", "ago", "pastn") and value.kind == "point":
            cue = self.period_cue(raw)
            if cue is not None:
                value = self._as_period(raw, value, cue)
        return value

    def _as_period(self, raw: RawDate, value: DateValue, cue: str) -> DateValue:
        lex = self.lex
        start = raw.start
        m = lex.period_cue_before.search(self.norm, max(0, raw.start - 40), raw.start) if lex.period_cue_before \
            else None
        if m is not None:
            start = m.start()
        span = TextSpan(start, raw.end, self.text[start:raw.end])
        _, ref_last = self.ref.window
        if cue == "since":
            first, last = value.first, max(ref_last, value.first)
            note = f"period since {value.first.isoformat()} (not an event date)"
        else:
            first, last = min(self.ref.date, value.last), value.last
            note = f"period until {value.last.isoformat()} (not an event date)"
        precision = _precision_of(first, last)
        return DateValue(date=_midpoint(first, last, precision), precision=precision, first=first, last=last,
                         span=span, kind="period", note=note)

    def _day_month(self, raw: RawDate, day: int, month: int, year: Optional[int]) -> Optional[dt.date]:
        if year is not None:
            return _safe_date(year, month, day)
        return self.year_for(month, day, self.is_future(raw))

    def _r_date(self, raw: RawDate) -> Optional[DateValue]:
        d = self._day_month(raw, raw.get("day"), raw.get("mon"), raw.get("year"))
        if d is None:
            return None
        note = f"explicit date {d.isoformat()}"
        if raw.get("year") is None:
            note += " (year from reference" + self.year_note() + ")"
        wd = raw.get("wd")
        if wd is not None and d.weekday() != wd:
            note += f"; named weekday {_WEEKDAY_NAMES[wd]} disagrees with {_WEEKDAY_NAMES[d.weekday()]}"
        return _value(d, d, TIME_DAY, raw, note)

    def _r_iso(self, raw: RawDate) -> Optional[DateValue]:
        d = _safe_date(raw.get("year"), raw.get("m"), raw.get("d"))
        return _value(d, d, TIME_DAY, raw, f"ISO date {d.isoformat()}") if d else None

    def _r_numeric(self, raw: RawDate) -> Optional[DateValue]:
        a, b, y = raw.get("a"), raw.get("b"), raw.get("y")
        if y is None:
            return self._numeric_day_month(raw, a, b)
        day, month = (b, a) if self.lex.lang == "en" else (a, b)
        if month > 12 and day <= 12:
            day, month = month, day
        d = _safe_date(y, month, day)
        return _value(d, d, TIME_DAY, raw, f"numeric date {d.isoformat()}") if d else None

    def _numeric_day_month(self, raw: RawDate, a: int, b: int) -> Optional[DateValue]:
        """A yearless "28/06" or "01/07": day/month, or month/day when that reading lies nearer the reference.

        Notes in ACLED style write day/month; a month/day reading wins only when it is valid and lies closer
        to the reference (both readings placed in their most plausible year).
        """
        future = self.is_future(raw)
        readings = [(a, b, "day/month")]
        if a <= 12 and a != b:
            readings.append((b, a, "month/day"))
        best: Optional[tuple[int, dt.date, str]] = None
        for day, month, how in readings:
            d = self.year_for(month, day, future) if 1 <= month <= 12 else None
            if d is None:
                continue
            dist = abs((d - self.ref.date).days)
            if self.ref.precision <= TIME_MONTH and self.ref.window[0] <= d <= self.ref.window[1]:
                dist = 0
            if best is None or dist < best[0]:
                best = (dist, d, how)
        if best is None:
            return None
        _, d, how = best
        return _value(d, d, TIME_DAY, raw, f"numeric date {d.isoformat()} (read {how}; year from reference"
                      + self.year_note() + ")")

    def _r_monthrange(self, raw: RawDate) -> Optional[DateValue]:
        """"June-July 1994", "from April to July": a span of whole months, a period (never an event date)."""
        mon, mon2 = raw.get("mon"), raw.get("mon2")
        year2 = raw.get("year2")
        if year2 is None:
            base = self.ref.window[1] if self.ref.precision <= TIME_MONTH else self.ref.date
            year2 = base.year if mon2 <= base.month else base.year - 1
        year = raw.get("year") or (year2 if mon <= mon2 else year2 - 1)
        first, last = dt.date(year, mon, 1), _month_end(year2, mon2)
        if last <= first:
            return None
        return _value(first, last, TIME_MONTH, raw, f"months {first:%Y-%m}..{last:%Y-%m}: a period (not an "
                      "event date)", kind="period")

    def _r_range(self, raw: RawDate) -> Optional[DateValue]:
        mon = raw.get("mon")
        mon2 = raw.get("mon2") or mon
        last = self._day_month(raw, raw.get("day2"), mon2, raw.get("year"))
        if last is None:
            return None
        first_month = mon if raw.get("mon2") else mon2
        if raw.get("list") or (not raw.get("mon2") and raw.get("day") > raw.get("day2")):
            # "17 and 21 June" / "June 24 and 21" is a list of days, not a range: the first one named is the
            # date; every day named is kept in `days` (one event a day, see `event_days`).
            d = self._day_month(raw, raw.get("day"), mon, raw.get("year"))
            if d is None:
                return None
            days = tuple(sorted({d, last}))
            return replace(_value(d, d, TIME_DAY, raw, "list of days: first one kept"), days=days)
        else:
            first = _safe_date(last.year, first_month, raw.get("day"))
            if first is not None and first > last:
                first = _safe_date(last.year - 1, first_month, raw.get("day"))
        if first is None:
            return None
        precision = _precision_of(first, last)
        span_days = (last - first).days
        days = tuple(first + dt.timedelta(days=k) for k in range(span_days + 1)) \
            if 0 < span_days < MAX_SPLIT_DAYS else ()
        return replace(_value(first, last, precision, raw, f"range {first.isoformat()}..{last.isoformat()}"),
                       days=days)

    def _r_nightrange(self, raw: RawDate) -> Optional[DateValue]:
        last = self._day_month(raw, raw.get("day2"), raw.get("mon"), raw.get("year"))
        if last is None:
            return None
        first = last - dt.timedelta(days=1)
        return _value(first, last, TIME_DAY, raw, f"night {first.isoformat()}->{last.isoformat()}: dated to the "
                      "later day", date=last)

    def _r_night(self, raw: RawDate) -> Optional[DateValue]:
        wd, wd2 = raw.get("wd"), raw.get("wd2")
        if raw.get("day") is not None and raw.get("mon") is not None:
            last = self._day_month(raw, raw.get("day"), raw.get("mon"), raw.get("year"))
            if last is None:
                return None
            note = f"night of {_WEEKDAY_NAMES[wd]} to {_WEEKDAY_NAMES[wd2]} {last.isoformat()}: dated to the later day"
            if last.weekday() != wd2:
                note += f"; named weekday disagrees with {_WEEKDAY_NAMES[last.weekday()]}"
        else:
            anchor = self.ref.anchor
            if anchor is None:
                return self.ref_window_value(raw, "night of weekdays")
            if self.is_future(raw):
                last = _next_weekday(anchor, wd2)
            else:
                last = _most_recent_weekday(anchor, wd2)
            note = f"night of {_WEEKDAY_NAMES[wd]} to {_WEEKDAY_NAMES[wd2]}: dated to the later day {last.isoformat()}"
        return _value(last - dt.timedelta(days=1), last, TIME_DAY, raw, note, date=last)

    def _r_month(self, raw: RawDate) -> Optional[DateValue]:
        month = raw.get("mon")
        year = raw.get("year")
        part = raw.get("part", "whole")
        future = self.is_future(raw)
        ref_first, ref_last = self.ref.window
        base = ref_last if self.ref.precision <= TIME_MONTH else self.ref.date
        note = ""
        if year is None:
            year = base.year
            if future and (year, month) < (ref_first.year, ref_first.month):
                year += 1
            elif not future and month > base.month:
                year -= 1
            note = " (year from reference" + self.year_note() + ")"
        first, last = dt.date(year, month, 1), _month_end(year, month)
        if part == "since":
            return DateValue(date=_midpoint(first, max(first, ref_last), TIME_MONTH), precision=TIME_MONTH,
                             first=first, last=max(first, ref_last),
                             span=TextSpan(raw.start, raw.end, raw.text), kind="period",
                             note=f"period since {first:%Y-%m} (not an event date)")
        if part == "early":
            last = first.replace(day=10)
        elif part == "mid":
            first, last = first.replace(day=11), first.replace(day=20)
        elif part == "late":
            first = first.replace(day=21)
        if not future and self.ref.precision == TIME_DAY and first <= self.ref.date < last:
            last = self.ref.date  # a month that is still running ends at the reference
        return _value(first, last, TIME_MONTH, raw, f"month {year:04d}-{month:02d} ({part}){note}")

    def _r_rel(self, raw: RawDate) -> Optional[DateValue]:
        anchor = self.ref.anchor
        if anchor is None:
            return self.ref_window_value(raw, f"'{raw.text}'")
        d = anchor + dt.timedelta(days=raw.get("rel"))
        note = f"'{raw.text}' -> {d.isoformat()}"
        wd = raw.get("wd")
        if wd is not None and d.weekday() != wd:
            d = _most_recent_weekday(d, wd)
            note += (f"; named weekday {_WEEKDAY_NAMES[wd]} disagrees with the reference: most recent "
                     f"{_WEEKDAY_NAMES[wd]} {d.isoformat()}")
        return _value(d, d, TIME_DAY, raw, note)

    def _r_weekday(self, raw: RawDate) -> Optional[DateValue]:
        anchor = self.ref.anchor
        wd = raw.get("wd")
        if anchor is None:
            return self.ref_window_value(raw, f"weekday {_WEEKDAY_NAMES[wd]}")
        if raw.get("next"):
            d, how = _next_weekday(anchor, wd, strict=True), "next"
        elif raw.get("past"):
            d, how = _most_recent_weekday(anchor, wd, strict=True), "previous"
        elif self.is_future(raw):
            d, how = _next_weekday(anchor, wd), "coming (future tense)"
        else:
            d, how = _most_recent_weekday(anchor, wd), "most recent on or before the reference"
        return _value(d, d, TIME_DAY, raw, f"{_WEEKDAY_NAMES[wd]}: {how} -> {d.isoformat()}")

    def _r_phrase(self, raw: RawDate) -> Optional[DateValue]:
        spec = raw.get("phrase")
        unit = str(spec.get("unit", "day"))
        offset = int(spec.get("offset", 0))
        part = str(spec.get("part", "whole"))
        n = int(spec.get("n", 1))
        kind = str(spec.get("kind", "point"))
        anchor = self.ref.anchor
        if anchor is None and unit in ("month", "year") and self.ref.precision == TIME_MONTH:
            anchor_m: Optional[dt.date] = self.ref.window[1]
        else:
            anchor_m = anchor
        if unit == "year":
            base = anchor_m or self.ref.date
            first, last = dt.date(base.year + offset, 1, 1), dt.date(base.year + offset, 12, 31)
            if part != "whole" or offset == 0:
                last = min(last, base)
            return _value(first, last, TIME_MONTH, raw, f"'{raw.text}': year-level (not an event date)",
                          kind="period")
        if unit == "month" and anchor_m is not None:
            if part == "past":
                y, m = _add_months(anchor_m.year, anchor_m.month, -n)
                first = _safe_date(y, m, anchor_m.day) or _month_end(y, m)
                last = anchor_m
            else:
                y, m = _add_months(anchor_m.year, anchor_m.month, offset)
                first, last = dt.date(y, m, 1), _month_end(y, m)
                if offset == 0:
                    last = min(last, anchor_m)
            return _value(first, last, TIME_MONTH, raw, f"'{raw.text}': {first.isoformat()}..{last.isoformat()}",
                          kind=kind)
        if anchor is None:
            value = self.ref_window_value(raw, f"'{raw.text}'")
            return replace(value, kind=kind)
        if part == "past":
            days = {"day": 1, "week": 7, "month": 30}.get(unit, 1) * n
            first, last = anchor - dt.timedelta(days=days - 1), anchor
        elif unit == "week":
            monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=offset)
            first, last = monday, monday + dt.timedelta(days=6)
            if offset == 0:
                last = min(last, anchor)
        elif unit == "weekend":
            saturday = _most_recent_weekday(anchor, 5)
            if offset < 0 and anchor.weekday() >= 5:
                saturday -= dt.timedelta(days=7)
            first, last = saturday, min(saturday + dt.timedelta(days=1), anchor)
        else:
            first = last = anchor + dt.timedelta(days=offset)
        precision = _precision_of(first, last)
        return _value(first, last, precision, raw, f"'{raw.text}': {first.isoformat()}..{last.isoformat()}",
                      kind=kind)

    def _r_ago(self, raw: RawDate) -> Optional[DateValue]:
        unit, n, few = raw.get("unit"), raw.get("n"), raw.get("few")
        anchor = self.ref.anchor
        if anchor is None:
            return self.ref_window_value(raw, f"'{raw.text}'")
        note = f"'{raw.text}'"
        if unit == "hour":
            d = anchor - dt.timedelta(days=round(n / 24))
            return _value(d, d, TIME_DAY, raw, note)
        if unit == "day" and not few:
            d = anchor - dt.timedelta(days=n)
            return _value(d, d, TIME_DAY, raw, note)
        if unit == "day":
            return _value(anchor - dt.timedelta(days=7), anchor - dt.timedelta(days=2), TIME_WEEK, raw,
                          note + " (a few days)")
        if unit == "week":
            d = anchor - dt.timedelta(weeks=n)
            return _value(d - dt.timedelta(days=3), min(d + dt.timedelta(days=3), anchor), TIME_WEEK, raw, note,
                          date=d)
        if unit == "month":
            y, m = _add_months(anchor.year, anchor.month, -n)
            return _value(dt.date(y, m, 1), _month_end(y, m), TIME_MONTH, raw, note)
        first = dt.date(anchor.year - n, 1, 1)
        return _value(first, dt.date(anchor.year - n, 12, 31), TIME_MONTH, raw, note + " (year-level)",
                      kind="period")

    def _r_pastn(self, raw: RawDate) -> Optional[DateValue]:
        unit, n = raw.get("unit"), raw.get("n")
        anchor = self.ref.anchor
        if anchor is None:
            return replace(self.ref_window_value(raw, f"'{raw.text}'"), kind="period")
        if unit == "hour" and n <= 48:
            d = fallback_day(anchor)
            return _value(anchor - dt.timedelta(days=1), anchor, TIME_DAY, raw,
                          f"'{raw.text}': the last {n} hours, dated like an undated report ({d.isoformat()})",
                          date=d)
        days = {"hour": n / 24, "day": n, "week": 7 * n, "month": 30 * n, "year": 365 * n}[unit]
        first = anchor - dt.timedelta(days=int(days))
        precision = _precision_of(first, anchor)
        return _value(first, anchor, precision, raw, f"'{raw.text}': period (not an event date)", kind="period")


# ------------------------------------------------------------------------------------------- public API
def _parse_published(published: str) -> Optional[DateReference]:
    parts = published.strip().split("-")
    try:
        nums = [int(p) for p in parts]
    except ValueError:
        return None
    if len(nums) == 3 and (d := _safe_date(*nums)) is not None:
        return DateReference(d, TIME_DAY, "metadata", f"published {d.isoformat()}")
    if len(nums) == 2 and 1 <= nums[1] <= 12:
        first, last = dt.date(nums[0], nums[1], 1), _month_end(nums[0], nums[1])
        return DateReference(first.replace(day=15), TIME_MONTH, "metadata",
                             f"published {published}: month only, reference set to the 15th (ACLED midpoint)",
                             first, last)
    if len(nums) == 1 and 1900 <= nums[0] <= 2100:
        return DateReference(dt.date(nums[0], 7, 1), REF_YEAR, "metadata", f"published {published}: year only",
                             dt.date(nums[0], 1, 1), dt.date(nums[0], 12, 31))
    return None


def _anchored_year(triples: list[tuple[int, int, int]], min_year: Optional[int], today: dt.date) -> Optional[int]:
    """The most recent year (not after today) in which the most (weekday, day, month) triples hold."""
    best: Optional[tuple[int, int, int, int]] = None
    for year in range(today.year, today.year - 60, -1):
        hits = 0
        for wd, day, month in triples:
            d = _safe_date(year, month, day)
            if d is not None and d <= today and d.weekday() == wd:
                hits += 1
        if hits == 0:
            continue
        # Explicit years in the text pull the choice toward them (articles date events close to
        # publication); without any, the most recent matching year wins.
        meets_min = 1 if (min_year is None or year >= min_year) else 0
        closeness = year if min_year is None else -(year - min_year)
        score = (meets_min, hits, closeness, year)
        if best is None or score > best:
            best = score
    return best[3] if best else None


def reference_for(text: str, published: str | None, lang: str, today: dt.date | None = None) -> DateReference:
    """The reference date of a document: its publication date, else a date inferred from the text, else today.

    `published` is "YYYY-MM-DD", "YYYY-MM" (precision 3, reference on the 15th) or None. With None, a weekday
    named with a day and month ("jeudi 14 décembre") fixes the year (the most recent matching year not after
    `today`), explicit years constrain it, and the reference becomes the latest dated reference of the text
    (precision 1). Without such an anchor the latest explicit dated reference gives a month-precision
    reference; a day-month without year gives the most recent such day (precision 4, year uncertain); with
    nothing at all the reference is `today` with precision 5. `note` says which rule applied.
    """
    today = today or dt.date.today()
    bad_note = ""
    if published:
        ref = _parse_published(published)
        if ref is not None:
            return ref
        bad_note = f"unreadable publication date {published!r}; "
    raws = scan(text, lang)
    probe = _Resolver(text, lang, DateReference(today, TIME_DAY, "today"))

    def usable(r: RawDate) -> bool:
        return probe.period_cue(r) is None and not probe.is_future(r)

    triples: list[tuple[int, int, int]] = []
    explicit: list[dt.date] = []
    years: list[int] = []
    for r in raws:
        if r.get("year") is not None and r.get("year") <= today.year and usable(r):
            years.append(r.get("year"))
        if r.kind in ("date", "night") and r.get("day") and r.get("mon") and r.get("year") is None:
            wd = r.get("wd2") if r.kind == "night" else r.get("wd")
            if wd is not None:
                triples.append((wd, r.get("day"), r.get("mon")))
        if r.kind in ("date", "night", "nightrange", "iso", "numeric") and usable(r) and r.get("year", r.get("y")):
            v = probe.resolve(r)
            if v is not None and r.get("year", r.get("y")) is not None and v.date <= today:
                explicit.append(v.date)
    if triples:
        year = _anchored_year(triples, max(years) if years else None, today)
        if year is not None:
            latest = max((d for wd, day, mon in triples
                          if (d := _safe_date(year, mon, day)) is not None and d.weekday() == wd), default=None)
            assert latest is not None
            provisional = DateReference(latest, TIME_DAY, "inferred")
            resolver = _Resolver(text, lang, provisional)
            dated = [latest] + [d for d in explicit if d <= today]
            for r in raws:
                if r.kind in ("date", "night", "nightrange", "range") and usable(r):
                    v = resolver.resolve(r)
                    if v is not None and v.kind == "point" and v.precision == TIME_DAY and v.date <= today:
                        dated.append(v.date)
            ref_day = max(dated)
            return DateReference(ref_day, TIME_DAY, "inferred",
                                 f"{bad_note}year {year} fixed by weekday+day+month "
                                 f"({len(triples)} anchor(s)); reference = latest dated reference {ref_day}")
    if explicit:
        latest = max(explicit)
        last = min(today, latest + dt.timedelta(days=27))
        return DateReference(latest, TIME_MONTH, "inferred",
                             f"{bad_note}no publication date; latest explicit date {latest} (publication may be "
                             "later: month precision)", latest, last)
    month_years = [r for r in raws if r.kind == "month" and r.get("year") is not None and usable(r)]
    if month_years:
        y, m = max((r.get("year"), r.get("mon")) for r in month_years)
        first, last = dt.date(y, m, 1), min(_month_end(y, m), today)
        if first <= today:
            return DateReference(_midpoint(first, last, TIME_MONTH), TIME_MONTH, "inferred",
                                 f"{bad_note}no publication date; latest month named with a year {y}-{m:02d}",
                                 first, last)
    day_months = [r for r in raws if r.kind in ("date", "night", "nightrange", "range", "numeric") and usable(r)]
    if day_months:
        values = [v for r in day_months if (v := probe.resolve(r)) is not None and v.kind == "point"]
        if values:
            latest = max(v.date for v in values)
            return DateReference(latest, REF_YEAR, "inferred",
                                 f"{bad_note}no publication date and no year evidence; day-month references "
                                 f"placed in the most recent year not after {today} (year uncertain)")
    return DateReference(today, REF_UNKNOWN, "today",
                         f"{bad_note}no publication date and no dated reference (W001): today used, precision "
                         "lowered")


def find_dates(text: str, lang: str, ref: DateReference) -> list[DateValue]:
    """Every date expression in `text`, resolved against `ref`, in text order (offsets are `text` offsets).

    Each value has ACLED precision (1 day, 2 week, 3 month), the window `first..last`, the ACLED date
    (exact day or window midpoint), its span, `kind` "point" or "period" (since/until expressions, rolling
    "over the past month", year-level phrases: never event dates) and a note saying which rule applied.
    """
    resolver = _Resolver(text, lang, ref)
    out: list[DateValue] = []
    for raw in scan(text, lang):
        value = resolver.resolve(raw)
        if value is not None:
            out.append(value)
    return out


def parse_expression(expression: str, lang: str, ref: DateReference) -> DateValue | None:
    """Resolve one short date expression (the longest one found), falling back to dateparser.

    The fallback uses dateparser with RELATIVE_BASE = the reference and PREFER_DATES_FROM = current_period and
    returns a day-precision value whose note says so; None when neither understands the expression.
    """
    values = find_dates(expression, lang, ref)
    if values:
        return max(values, key=lambda v: (v.span.end - v.span.start) if v.span else 0)
    import dateparser  # lazy: only the fallback needs it (0.1 s import, ~100 ms first parse per language)

    settings = {"RELATIVE_BASE": dt.datetime.combine(ref.date, dt.time(12)),
                "PREFER_DATES_FROM": "current_period", "DATE_ORDER": "DMY" if lang != "en" else "MDY"}
    parsed = dateparser.parse(expression, languages=[lang] if lang in ("fr", "en", "ar") else None,
                              settings=settings)  # type: ignore[arg-type]
    if parsed is None:
        return None
    d = parsed.date()
    precision = TIME_DAY if ref.precision == TIME_DAY else TIME_MONTH
    return DateValue(date=d, precision=precision, first=d, last=d,
                     span=TextSpan(0, len(expression), expression), kind="point",
                     note="dateparser fallback (RELATIVE_BASE = reference)")


# -------------------------------------------------------------------------------------- the governing date
_STRONG_BREAK = re.compile(r"[;:«»“”\"\n]")


@functools.lru_cache(maxsize=1)
def _cue_sets() -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    """Event-link cues and reporting cues of every language (event_date is not told the language)."""
    lexes = [lexicon(lang) for lang in ("fr", "en", "ar")]
    links = [rx for lex in lexes for rx in lex.event_links]
    # A reporting verb followed by at most two words, then the date: "a partagé mercredi", "said on".
    reporting = [re.compile(rx.pattern + r"[\s,]*(?:\S+[\s,]+){0,2}$", rx.flags) for lex in lexes
                 for rx in lex.reporting]
    return links, reporting


def _matches_before(patterns: Sequence[re.Pattern[str]], text: str, start: int, width: int, floor: int) -> bool:
    window = normalize_light(text[max(floor, start - width):start])
    return any(rx.search(window) for rx in patterns)


def _score(d: DateValue, text: str, sentence: TextSpan, trigger: TextSpan) -> float:
    assert d.span is not None
    links, reporting = _cue_sets()
    if d.span.end <= trigger.start:
        lo, hi = d.span.end, trigger.start
    elif trigger.end <= d.span.start:
        lo, hi = trigger.end, d.span.start
    else:
        lo = hi = 0
    score = 0.0
    if _STRONG_BREAK.search(text, lo, hi) if hi > lo else False:
        score -= 2.0  # another clause (quotation, colon, semicolon)
    if _matches_before(links, text, d.span.start, 40, sentence.start):
        score += 4.0  # "survenue le 11 décembre": the date is the event's own
    if _matches_before(reporting, text, d.span.start, 40, sentence.start):
        score -= 2.0  # "a partagé mercredi matin des images": dates the report, not the event
    if _UNRESOLVED in d.note:
        score -= 1.5  # "on Tuesday" against a month-only reference loses to "[21 June]" next to it
    score -= (hi - lo) / 200.0
    return score


_SEGMENT_BREAK = re.compile(r"[;\n]")


def _segment(text: str, sentence: TextSpan, trigger: TextSpan) -> tuple[int, int]:
    """The part of the sentence around the trigger between semicolons / line breaks (headline lists)."""
    start, end = sentence.start, sentence.end
    for m in _SEGMENT_BREAK.finditer(text, sentence.start, sentence.end):
        if m.end() <= trigger.start:
            start = m.end()
        elif m.start() >= trigger.end:
            end = m.start()
            break
    return start, end


def _inheritable(d: DateValue, ref: DateReference) -> bool:
    """Whether a date outside the trigger's clause may date the event.

    A month-level window that contains the reference day ("Casualty Report: December 2019" in another
    headline, "earlier this month" two sentences up) says less than the fallback near the reference does.
    """
    return not (d.precision == TIME_MONTH and d.first <= ref.date <= d.last)


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _paragraph_start(text: str, pos: int) -> int:
    blank = re.compile(r"\n[ \t]*\n")
    sep = blank if blank.search(text) else re.compile(r"\n")
    start = 0
    for m in sep.finditer(text, 0, pos):
        start = m.end()
    return start


# Dependency labels (spaCy English and French/UD) of a clause that modifies a noun: "who had returned on 2 May",
# "qui avait commencé le 3 juin", "suspected of attacks on 18 May".
_NOUN_CLAUSES = frozenset({"relcl", "acl", "acl:relcl"})
# A date modifying a noun directly: "the August 3 elections", "les élections du 3 août" (nmod).
_NOUN_MODIFIERS = frozenset({"nmod", "compound", "amod", "nummod", "poss"})


def _attachment(parse: Any, span: TextSpan) -> Any:
    """The token through which a date expression hangs in the parse: its first token (in text order) whose
    head lies outside the expression — the preposition of "on 11 May", the month of "the August 3 elections"."""
    toks = parse.char_span(span.start, span.end, alignment_mode="expand")
    if toks is None or len(toks) == 0:
        return None
    inside = {t.i for t in toks}
    for tok in toks:
        if tok.head.i not in inside or tok.head.i == tok.i:
            return tok
    return toks.root


def foreign_date(parse: Any, date_span: TextSpan, trigger: TextSpan) -> bool:
    """True when the parse ties a date of the trigger's sentence to something else than the event: it sits in a
    clause that modifies another noun ("near X, which was the site of other clashes on 8 June", "men charged
    with saying ... on 11 May were tortured") or modifies another noun directly ("for the August 3
    elections"). A clause or modifier of the trigger noun itself ("the attack carried out on Monday") is the
    event's. `parse` is the spaCy Doc of the text (any object with `char_span`)."""
    date_tok = _attachment(parse, date_span)
    trig = parse.char_span(trigger.start, trigger.end, alignment_mode="expand")
    if date_tok is None or trig is None or len(trig) == 0:
        return False
    trig_ids = {t.i for t in trig}
    trig_chain = set()
    tok = trig.root
    while True:
        trig_chain.add(tok.i)
        if tok.head.i == tok.i:
            break
        tok = tok.head
    if date_tok.dep_ in _NOUN_MODIFIERS and date_tok.head.i not in trig_ids \
            and date_tok.head.pos_ in ("NOUN", "PROPN") and not (date_tok.i in trig_ids):
        return True
    naming = _naming_words()
    tok = date_tok
    while tok.i not in trig_chain and tok.head.i != tok.i:
        if tok.dep_ in _NOUN_CLAUSES and tok.head.i not in trig_ids and tok.text.casefold() not in naming:
            return True
        tok = tok.head
    return False


@functools.lru_cache(maxsize=1)
def _naming_words() -> frozenset[str]:
    """Participles that only name something ("an area called Abu Sneeb on 29 June"): the parser hangs the
    event's date on them, so their clause does not make a date foreign (all languages: not told the language)."""
    return frozenset(w for lang in ("fr", "en", "ar") for w in lexicon(lang).naming_words)


def event_date(dates: list[DateValue], text: str, sentence: TextSpan, trigger: TextSpan,
               ref: DateReference, parse: Any = None) -> DateValue | None:
    """The governing date of the event whose trigger is `trigger` inside `sentence`.

    Order: (1) the best date of the trigger's clause — the sentence, cut at semicolons and line breaks so a
    list of headlines is a list of clauses — preferring the one tied to the trigger by "survenue le"/"which
    took place on", not the date of a reporting verb, not a relative day the reference cannot resolve,
    closest; (2) the closest earlier date of the same paragraph (earlier clauses of the sentence included)
    that is not the date of a report ("said on Monday", a bulletin label "DAILY ALERT 16 AUG 2022");
    (3) a day-precision date of a later clause of the sentence (a later headline's month or period label
    "Casualty Report: May 2021", "in Period of November 1st – 14th" is not the event's); (4) the fallback: with a day-precision reference the day
    before it (`fallback_day`) with precision 2 over the week up to the reference; with a month or weaker
    reference its date with precision 3. In (2) and (3) a month window containing the reference day is
    skipped (the fallback is more specific). Periods are never returned; the first date of the document is
    never used just because it is first. With `parse` (the spaCy Doc of `text`), a date of the clause that the
    parse ties to another noun or to a clause modifying one is not the event's (`foreign_date`). None only
    when `ref` is None.
    """
    points = [d for d in dates if d.kind == "point" and d.span is not None]
    seg_start, seg_end = _segment(text, sentence, trigger)
    in_clause = [d for d in points if d.span and seg_start <= d.span.start and d.span.end <= seg_end]
    if parse is not None:
        in_clause = [d for d in in_clause if d.span and not foreign_date(parse, d.span, trigger)]
    if in_clause:
        best = max(in_clause, key=lambda d: _score(d, text, sentence, trigger))
        return replace(best, note=best.note + "; governing date of the sentence")
    para = _paragraph_start(text, sentence.start)
    _, reporting = _cue_sets()
    before = [d for d in points if d.span and para <= d.span.start and d.span.end <= seg_start
              and _inheritable(d, ref)
              and not _matches_before(reporting, text, d.span.start, 40, _line_start(text, d.span.start))]
    if before:
        best = max(before, key=lambda d: d.span.end if d.span else 0)
        return replace(best, note=best.note + "; from an earlier sentence of the paragraph")
    after = [d for d in points if d.span and seg_end <= d.span.start and d.span.end <= sentence.end
             and d.precision == TIME_DAY]
    if after:
        best = min(after, key=lambda d: d.span.start if d.span else 0)
        return replace(best, note=best.note + "; from a later clause of the sentence")
    if ref is None:
        return None
    if ref.precision == TIME_DAY:
        day = fallback_day(ref.date)
        first, last, precision = ref.date - dt.timedelta(days=6), ref.date, TIME_WEEK
        how = f"the day before it ({day.isoformat()}), week precision"
    else:
        day = ref.date
        first, last = ref.window
        precision = TIME_MONTH
        how = "month precision"
    return DateValue(date=day, precision=precision, first=first, last=last, span=None, kind="point",
                     note=f"no date in the sentence or paragraph: reference date ({ref.source}), {how}")


def event_days(value: DateValue | None) -> list[DateValue | None]:
    """One date per day of an event dated by a list or a short range of days ("on 17 and 21 June",
    "24-26 June", "du 3 au 5 juin"), each of day precision with the same evidence span; otherwise `[value]`.

    ACLED codes an event that spans several named days as one event a day; casualties given for the whole
    span are then shared out by the caller.
    """
    if value is None or len(value.days) < 2:
        return [value]
    n = len(value.days)
    return [replace(value, date=day, first=day, last=day, precision=TIME_DAY, days=(),
                    note=value.note + f"; day {k} of {n} named (one event a day)")
            for k, day in enumerate(value.days, 1)]
