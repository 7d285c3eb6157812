"""Date resolution: expressions in fr/en/ar with expected date and ACLED precision, year inference, governing date.

The big table is resolved against a day-precision reference, Thursday 14 December 2023, unless a row says
otherwise. Sentences are written for these tests in the style of wire reports.
"""
from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path
from typing import Optional

import pytest

from eventwire.dates import DateReference, event_date, fallback_day, find_dates, parse_expression, reference_for
from eventwire.models import DateValue, TextSpan

REF = DateReference(dt.date(2023, 12, 14), 1, "metadata")  # a Thursday
TODAY = dt.date(2026, 11, 23)
SEEDS = Path(__file__).parents[2] / "shared" / "seeds"

D = dt.date
P = "period"

# (lang, text, expected date or None for periods, expected precision, expected kind)
CASES: list[tuple[str, str, Optional[dt.date], int, str]] = [
    # --- French: explicit dates
    ("fr", "Un tir de roquette survenu le 11 décembre a endommagé un hangar.", D(2023, 12, 11), 1, "point"),
    ("fr", "Le raid a eu lieu le 1er décembre.", D(2023, 12, 1), 1, "point"),
    ("fr", "Il a été arrêté le 21 mars 2020 à Bagdad.", D(2020, 3, 21), 1, "point"),
    ("fr", "Le mardi 12 décembre 2023, des roquettes ont visé la base.", D(2023, 12, 12), 1, "point"),
    ("fr", "Des tirs ont été signalés mardi 12 décembre près du camp.", D(2023, 12, 12), 1, "point"),
    ("fr", "Le convoi est arrivé le 3 janvier.", D(2023, 1, 3), 1, "point"),
    ("fr", "L'attaque a eu lieu le 25 décembre.", D(2022, 12, 25), 1, "point"),
    ("fr", "Le communiqué est daté du 14/12/2023.", D(2023, 12, 14), 1, "point"),
    ("fr", "Le 14 déc. 2023, un drone a été abattu.", D(2023, 12, 14), 1, "point"),
    ("fr", "Des frappes ont eu lieu le 2 novembre.", D(2023, 11, 2), 1, "point"),
    # --- French: nights and ranges
    ("fr", "Un dépôt a brûlé dans la nuit de mercredi à jeudi 14 décembre.", D(2023, 12, 14), 1, "point"),
    ("fr", "Deux drones ont visé un dépôt dans la nuit de mercredi à jeudi.", D(2023, 12, 14), 1, "point"),
    ("fr", "Des explosions ont été entendues dans la nuit du 12 au 13 décembre.", D(2023, 12, 13), 1, "point"),
    ("fr", "Des combats ont eu lieu du 10 au 12 décembre.", D(2023, 12, 11), 2, "point"),
    ("fr", "Des affrontements entre le 3 et le 5 novembre ont fait dix morts.", D(2023, 11, 4), 2, "point"),
    ("fr", "Des raids du 28 novembre au 2 décembre.", D(2023, 11, 30), 2, "point"),
    ("fr", "Des frappes les 10 et 12 décembre ont visé le camp.", D(2023, 12, 10), 1, "point"),
    ("fr", "Des hommes armés ont attaqué le poste le 12/12 à l'aube.", D(2023, 12, 12), 1, "point"),
    ("fr", "Les combats de juin à août 2023 ont fait des centaines de morts.", None, 3, P),
    # --- French: weekdays
    ("fr", "Mardi aussi, des miliciens ont tiré des obus sur le camp.", D(2023, 12, 12), 1, "point"),
    ("fr", "Plus tôt mercredi, un drone a été abattu au-dessus du camp.", D(2023, 12, 13), 1, "point"),
    ("fr", "Des témoins ont signalé jeudi matin des tirs de missiles.", D(2023, 12, 14), 1, "point"),
    ("fr", "Le groupe a publié mercredi matin une vidéo.", D(2023, 12, 13), 1, "point"),
    ("fr", "Un drone a frappé la position vendredi.", D(2023, 12, 8), 1, "point"),
    ("fr", "Samedi dernier, deux obus sont tombés.", D(2023, 12, 9), 1, "point"),
    ("fr", "Jeudi dernier, une roquette a touché le camp.", D(2023, 12, 7), 1, "point"),
    ("fr", "Les pourparlers reprendront lundi prochain.", D(2023, 12, 18), 1, "point"),
    ("fr", "Le sommet se tiendra vendredi à Amman.", D(2023, 12, 15), 1, "point"),
    ("fr", "Des tirs ont été entendus dans la soirée de mardi.", D(2023, 12, 12), 1, "point"),
    ("fr", "Dimanche soir, un drone a visé la base.", D(2023, 12, 10), 1, "point"),
    ("fr", "La base a été visée ce mercredi.", D(2023, 12, 13), 1, "point"),
    # --- French: relative days
    ("fr", "Des camions ont franchi la frontière aujourd'hui jeudi.", D(2023, 12, 14), 1, "point"),
    ("fr", "Des camions ont franchi la frontière aujourd’hui mercredi.", D(2023, 12, 13), 1, "point"),
    ("fr", "Deux roquettes sont tombées hier soir près de la base.", D(2023, 12, 13), 1, "point"),
    ("fr", "Une attaque a eu lieu avant-hier.", D(2023, 12, 12), 1, "point"),
    ("fr", "Des drones ont survolé la zone ce matin.", D(2023, 12, 14), 1, "point"),
    ("fr", "Hier, la coalition a bombardé des positions.", D(2023, 12, 13), 1, "point"),
    ("fr", "La nuit dernière, des tirs ont visé le camp.", D(2023, 12, 13), 1, "point"),
    ("fr", "Il y a deux jours, une base a été frappée.", D(2023, 12, 12), 1, "point"),
    ("fr", "Il y a 48 heures, un convoi a été attaqué.", D(2023, 12, 12), 1, "point"),
    ("fr", "Il y a trois semaines, la base a été visée.", D(2023, 11, 23), 2, "point"),
    ("fr", "Le ministre arrivera demain à Bagdad.", D(2023, 12, 15), 1, "point"),
    # --- French: weeks and months
    ("fr", "La semaine dernière, trois attaques ont visé la base.", D(2023, 12, 7), 2, "point"),
    ("fr", "Plus tôt cette semaine, un drone a été abattu.", D(2023, 12, 12), 2, "point"),
    ("fr", "Le week-end dernier, des obus sont tombés.", D(2023, 12, 9), 2, "point"),
    ("fr", "Plus tôt ce mois-ci, un deuxième convoi a franchi la frontière.", D(2023, 12, 7), 3, "point"),
    ("fr", "Le mois dernier, la base a été visée.", D(2023, 11, 15), 3, "point"),
    ("fr", "En novembre, le ministère a publié un bilan.", D(2023, 11, 15), 3, "point"),
    ("fr", "Début novembre, un convoi est arrivé.", D(2023, 11, 5), 3, "point"),
    ("fr", "Mi-novembre, un convoi est arrivé.", D(2023, 11, 15), 3, "point"),
    ("fr", "Fin octobre, la base a été renforcée.", D(2023, 10, 26), 3, "point"),
    ("fr", "En novembre 2022, un drone a été abattu.", D(2022, 11, 15), 3, "point"),
    # --- French: periods (never event dates)
    ("fr", "Au moins 40 incidents ont été recensés depuis le 17 octobre.", None, 3, P),
    ("fr", "Plus de 70 frappes depuis octobre.", None, 3, P),
    ("fr", "Les patrouilles se multiplient depuis le début de l'année.", None, 3, P),
    ("fr", "Au cours des trois derniers mois, la tension est montée.", None, 3, P),
    ("fr", "Ces derniers jours, les attaques se sont multipliées.", None, 2, P),
    # --- English
    ("en", "Militants fired rockets at the base on Tuesday.", D(2023, 12, 12), 1, "point"),
    ("en", "Last Tuesday, a drone hit the compound.", D(2023, 12, 12), 1, "point"),
    ("en", "He was detained on 21 March 2020 in Baghdad.", D(2020, 3, 21), 1, "point"),
    ("en", "Earlier this week, two drones were shot down.", D(2023, 12, 12), 2, "point"),
    ("en", "A rocket struck the base yesterday.", D(2023, 12, 13), 1, "point"),
    ("en", "Explosions were heard last night near the airport.", D(2023, 12, 13), 1, "point"),
    ("en", "A convoy crossed the border this morning.", D(2023, 12, 14), 1, "point"),
    ("en", "The attack took place on December 11.", D(2023, 12, 11), 1, "point"),
    ("en", "The strike, on Dec. 11, killed two people.", D(2023, 12, 11), 1, "point"),
    ("en", "On December 14, 2023, the base was attacked.", D(2023, 12, 14), 1, "point"),
    ("en", "Thursday, December 14, drones targeted the field.", D(2023, 12, 14), 1, "point"),
    ("en", "The base was attacked late Wednesday.", D(2023, 12, 13), 1, "point"),
    ("en", "Gunmen attacked a checkpoint Wednesday night.", D(2023, 12, 13), 1, "point"),
    ("en", "Drones struck overnight Wednesday to Thursday.", D(2023, 12, 14), 1, "point"),
    ("en", "Earlier this month, a second convoy crossed the border.", D(2023, 12, 7), 3, "point"),
    ("en", "Last month, the base came under fire.", D(2023, 11, 15), 3, "point"),
    ("en", "In November, the ministry published a toll.", D(2023, 11, 15), 3, "point"),
    ("en", "In early November, a convoy arrived.", D(2023, 11, 5), 3, "point"),
    ("en", "Two days ago, a drone was shot down.", D(2023, 12, 12), 1, "point"),
    ("en", "A week ago, rockets hit the base.", D(2023, 12, 7), 2, "point"),
    ("en", "Last week, three attacks targeted the base.", D(2023, 12, 7), 2, "point"),
    ("en", "Clashes continued from 10 to 12 December.", D(2023, 12, 11), 2, "point"),
    ("en", "Clashes continued December 10-12.", D(2023, 12, 11), 2, "point"),
    ("en", "Fighting raged between December 10 and 12.", D(2023, 12, 11), 2, "point"),
    ("en", "Clashes on 17 and 21 June killed four herders.", D(2023, 6, 17), 1, "point"),
    ("en", "In the past 24 hours, the air force launched nine strikes.", D(2023, 12, 13), 1, "point"),
    ("en", "Gunmen on 13/12 kidnapped two aid workers near the border.", D(2023, 12, 13), 1, "point"),
    ("en", "On 28/11, drones hit a depot north of the town.", D(2023, 11, 28), 1, "point"),
    ("en", "Militias fought between Dec.11-12 over a mining site.", D(2023, 12, 11), 2, "point"),
    ("en", "A summary of the news at 0530 GMT, Dec.13.", D(2023, 12, 13), 1, "point"),
    ("en", "Violent protests and looting erupted overnight in the capital.", D(2023, 12, 13), 1, "point"),
    ("en", "Workers staged a sit-in at the plant during the weekend.", D(2023, 12, 9), 2, "point"),
    ("en", "The Battle of the ridge, June-July 1994, left hundreds dead.", None, 3, P),
    ("en", "Massacres took place from April to July 1994.", None, 3, P),
    ("en", "The statement is dated 2023-12-14.", D(2023, 12, 14), 1, "point"),
    ("en", "The report was filed on 12/11/2023.", D(2023, 12, 11), 1, "point"),
    ("en", "The talks will resume next Monday.", D(2023, 12, 18), 1, "point"),
    ("en", "The delegation will arrive on Friday.", D(2023, 12, 15), 1, "point"),
    ("en", "Bases were hit 40 times since October 17.", None, 3, P),
    ("en", "Over the past month, attacks have increased.", None, 3, P),
    ("en", "There were 40 attacks since the start of the year.", None, 3, P),
    # --- Arabic
    ("ar", "دخلت القافلة اليوم الخميس عبر المعبر.", D(2023, 12, 14), 1, "point"),
    ("ar", "دخلت القافلة اليوم الأربعاء عبر المعبر.", D(2023, 12, 13), 1, "point"),
    ("ar", "سقطت صواريخ أمس على القاعدة.", D(2023, 12, 13), 1, "point"),
    ("ar", "استهدفت طائرة مسيرة القاعدة مساء أمس.", D(2023, 12, 13), 1, "point"),
    ("ar", "استهدف هجوم القاعدة الخميس 14 كانون الأول.", D(2023, 12, 14), 1, "point"),
    ("ar", "استهدف هجوم القاعدة الخميس 14 ديسمبر.", D(2023, 12, 14), 1, "point"),
    ("ar", "وقع الهجوم في 11 كانون الأول/ديسمبر 2023.", D(2023, 12, 11), 1, "point"),
    ("ar", "قصفت المدفعية القرية يوم الثلاثاء.", D(2023, 12, 12), 1, "point"),
    ("ar", "استهدفت القاعدة الثلاثاء الماضي.", D(2023, 12, 12), 1, "point"),
    ("ar", "هاجمت طائرات مسيرة القاعدة فجر الأربعاء.", D(2023, 12, 13), 1, "point"),
    ("ar", "تعرضت القاعدة لهجوم الأسبوع الماضي.", D(2023, 12, 7), 2, "point"),
    ("ar", "وصلت تعزيزات في تشرين الثاني.", D(2023, 11, 15), 3, "point"),
    ("ar", "تعرضت المواقع لأربعين هجوما منذ 17 تشرين الأول.", None, 3, P),
    ("ar", "وقع انفجار أول أمس في المدينة.", D(2023, 12, 12), 1, "point"),
    ("ar", "سقطت قذيفة قبل يومين على الحي.", D(2023, 12, 12), 1, "point"),
    ("ar", "قتل جنديان منذ ثلاثة أيام.", D(2023, 12, 11), 1, "point"),
    ("ar", "في وقت سابق من هذا الشهر، أرسلت واشنطن منظومات صاروخية.", D(2023, 12, 7), 3, "point"),
    ("ar", "تعرضت القاعدة لهجوم ليل الأربعاء الخميس.", D(2023, 12, 14), 1, "point"),
    ("ar", "وقع الهجوم في ١٤ ديسمبر ٢٠٢٣.", D(2023, 12, 14), 1, "point"),
    ("ar", "تستأنف المحادثات الجمعة المقبل.", D(2023, 12, 15), 1, "point"),
    ("ar", "اجتمع المجلس يوم الاثنين.", D(2023, 12, 11), 1, "point"),
    ("ar", "شهد شهر أيار 2022 تصعيدا.", D(2022, 5, 15), 3, "point"),
    ("ar", "قتل مسلحون جنديين في 12/12 قرب الحدود.", D(2023, 12, 12), 1, "point"),
]


def _longest(values: list[DateValue]) -> DateValue:
    assert values, "no date expression found"
    return max(values, key=lambda v: (v.span.end - v.span.start) if v.span else 0)


def test_dates_table_has_at_least_80_expressions_in_three_languages() -> None:
    assert len(CASES) >= 80
    assert {lang for lang, *_ in CASES} == {"fr", "en", "ar"}


@pytest.mark.parametrize("lang,text,expected,precision,kind", CASES, ids=[c[1][:40] for c in CASES])
def test_dates_expression_resolves_to_expected_date_and_precision(
        lang: str, text: str, expected: Optional[dt.date], precision: int, kind: str) -> None:
    value = _longest(find_dates(text, lang, REF))
    assert value.kind == kind, value.note
    if expected is not None:
        assert value.date == expected, value.note
    assert value.precision == precision, value.note
    assert value.first <= value.date <= value.last
    assert value.span is not None and text[value.span.start:value.span.end] == value.span.text


def test_dates_night_of_wednesday_to_thursday_resolves_to_thursday_and_keeps_both_days() -> None:
    text = "Le site a été visé dans la nuit de mercredi à jeudi 14 décembre, selon un correspondant."
    value = _longest(find_dates(text, "fr", REF))
    assert (value.date, value.first, value.last) == (D(2023, 12, 14), D(2023, 12, 13), D(2023, 12, 14))
    assert value.span is not None and value.span.text.startswith("dans la nuit de mercredi")
    assert "later day" in value.note


def test_dates_period_span_includes_the_since_cue() -> None:
    text = "Au moins 40 incidents ont été recensés depuis le 17 octobre."
    value = _longest(find_dates(text, "fr", REF))
    assert value.kind == "period" and value.first == D(2023, 10, 17) and value.last == D(2023, 12, 14)
    assert value.span is not None and value.span.text == "depuis le 17 octobre"


def test_dates_offsets_are_document_offsets() -> None:
    text = "Titre\n\nUn drone a frappé la base mardi soir. Hier, un autre a été abattu."
    values = find_dates(text, "fr", REF)
    assert [v.span.text for v in values if v.span] == ["mardi soir", "Hier"]
    for v in values:
        assert v.span is not None and text[v.span.start:v.span.end] == v.span.text


def test_dates_month_names_as_ordinary_words_are_not_dates() -> None:
    assert find_dates("Protesters may march to the square.", "en", REF) == []
    assert find_dates("مارس الضغط على الحكومة.", "ar", REF) == []


# ------------------------------------------------------------------------------ month-precision reference
@pytest.mark.parametrize("text,expected,precision", [
    ("Des camions de carburant ont franchi la frontière aujourd'hui mercredi.", D(2023, 6, 15), 3),
    ("Plus tôt ce mois-ci, des renforts ont été acheminés vers la base.", D(2023, 6, 15), 3),
    ("Un autre convoi est arrivé ce mois-ci.", D(2023, 6, 15), 3),
    ("Hier, un drone a été abattu.", D(2023, 6, 15), 3),
    ("Le convoi est arrivé le 28 juin.", D(2023, 6, 28), 1),
    ("Le mois dernier, la base a été renforcée.", D(2023, 5, 15), 3),
])
def test_dates_month_only_publication_gives_month_precision_to_relative_dates(
        text: str, expected: dt.date, precision: int) -> None:
    ref = reference_for(text, "2023-06", "fr")
    assert (ref.precision, ref.source, ref.date) == (3, "metadata", D(2023, 6, 15))
    value = _longest(find_dates(text, "fr", ref))
    assert (value.date, value.precision) == (expected, precision), value.note


# ------------------------------------------------------------------------------------- year inference
def test_dates_weekday_with_day_and_month_fixes_the_year() -> None:
    text = "La base a été visée jeudi 14 décembre. Mardi, une autre attaque avait eu lieu."
    ref = reference_for(text, None, "fr", today=TODAY)
    assert (ref.date, ref.precision, ref.source) == (D(2023, 12, 14), 1, "inferred")
    assert "2023" in ref.note


def test_dates_year_inference_picks_most_recent_matching_year_not_after_today() -> None:
    ref = reference_for("Des frappes ont visé la ville lundi 11 mars.", None, "fr", today=TODAY)
    assert ref.date == D(2024, 3, 11)
    ref = reference_for("Des frappes ont visé la ville lundi 11 mars.", None, "fr", today=D(2024, 3, 10))
    assert ref.date == D(2019, 3, 11)


def test_dates_explicit_years_constrain_the_inferred_year() -> None:
    text = "Le 2 décembre 2017, un accord a été signé. La base a été visée jeudi 14 décembre."
    ref = reference_for(text, None, "fr", today=TODAY)
    assert ref.date == D(2017, 12, 14)


def test_dates_latest_dated_reference_becomes_the_reference() -> None:
    text = "Mardi 12 décembre, une attaque. Des tirs le 13 décembre. Mais une roquette le 11 décembre."
    ref = reference_for(text, None, "fr", today=TODAY)
    assert ref.date == D(2023, 12, 13) and ref.precision == 1


def test_dates_explicit_full_date_without_weekday_gives_month_precision_reference() -> None:
    ref = reference_for("He was detained on 21 March 2020 in Baghdad.", None, "en", today=TODAY)
    assert (ref.date, ref.precision, ref.source) == (D(2020, 3, 21), 3, "inferred")


def test_dates_day_month_without_year_lowers_precision_and_says_so() -> None:
    ref = reference_for("Une attaque le 11 décembre a visé la base.", None, "fr", today=TODAY)
    assert (ref.date, ref.precision) == (D(2025, 12, 11), 4)
    assert "uncertain" in ref.note


def test_dates_no_evidence_falls_back_to_today_with_lowest_precision() -> None:
    ref = reference_for("Une attaque a visé la base.", None, "fr", today=TODAY)
    assert (ref.date, ref.precision, ref.source) == (TODAY, 5, "today")
    assert "W001" in ref.note
    value = _longest(find_dates("Une attaque a visé la base mardi.", "fr", ref))
    assert value.precision == 3


@pytest.mark.parametrize("published,expected,precision", [
    ("2023-12-14", D(2023, 12, 14), 1),
    ("2023-06", D(2023, 6, 15), 3),
])
def test_dates_metadata_publication_date_is_the_reference(published: str, expected: dt.date,
                                                          precision: int) -> None:
    ref = reference_for("jeudi 14 décembre 2017", published, "fr", today=TODAY)
    assert (ref.date, ref.precision, ref.source) == (expected, precision, "metadata")


def test_dates_unreadable_publication_date_is_inferred_and_noted() -> None:
    ref = reference_for("La base a été visée jeudi 14 décembre.", "hier", "fr", today=TODAY)
    assert ref.date == D(2023, 12, 14) and "unreadable" in ref.note


# --------------------------------------------------------------------------------------- governing date
def _span(text: str, needle: str, after: int = 0) -> TextSpan:
    start = text.index(needle, after)
    return TextSpan(start, start + len(needle), needle)


def _sentence_of(text: str, pos: int) -> TextSpan:
    starts = [0] + [m.end() for m in re.finditer(r"(?<=[.!?])\s+", text)]
    start = max(s for s in starts if s <= pos)
    ends = [m.start() + 1 for m in re.finditer(r"[.!?](?=\s|$)", text)] + [len(text)]
    end = min(e for e in ends if e > pos)
    return TextSpan(start, end, text[start:end])


def _governing(text: str, lang: str, trigger: str, ref: DateReference = REF) -> Optional[DateValue]:
    dates = find_dates(text, lang, ref)
    trig = _span(text, trigger)
    return event_date(dates, text, _sentence_of(text, trig.start), trig, ref)


def test_dates_governing_date_prefers_the_date_tied_to_the_event_over_the_report_date() -> None:
    text = ("Le groupe a diffusé lundi une vidéo d'une frappe de drone contre la base, survenue le 8 décembre.")
    value = _governing(text, "fr", "frappe")
    assert value is not None and value.date == D(2023, 12, 8)


def test_dates_governing_date_english_took_place_on_beats_said_on() -> None:
    text = "The ministry said on Wednesday that a rocket attack which took place on December 10 hit the base."
    value = _governing(text, "en", "attack")
    assert value is not None and value.date == D(2023, 12, 10)


def test_dates_governing_date_single_report_date_is_used() -> None:
    text = "Des habitants ont signalé jeudi matin une attaque de missiles contre le dépôt."
    value = _governing(text, "fr", "attaque")
    assert value is not None and value.date == D(2023, 12, 14) and value.precision == 1


def test_dates_governing_date_comes_from_an_earlier_sentence_of_the_paragraph() -> None:
    text = "Titre\n\nMardi, des drones ont visé la base. Deux soldats ont été blessés dans l'attaque."
    value = _governing(text, "fr", "attaque")
    assert value is not None and value.date == D(2023, 12, 12)
    assert "earlier sentence" in value.note


def test_dates_governing_date_is_never_the_first_date_of_another_paragraph() -> None:
    text = "Le 2 décembre, un accord a été signé.\n\nUne attaque de drone a visé la base."
    value = _governing(text, "fr", "attaque")
    assert value is not None and value.date == fallback_day(REF.date) and value.precision == 2
    assert value.span is None and "reference date" in value.note


def test_dates_undated_event_in_a_day_dated_report_falls_back_to_the_day_before_with_week_precision() -> None:
    value = _governing("Gunmen attacked a checkpoint, killing two soldiers.", "en", "attacked")
    assert value is not None and value.span is None
    assert (value.date, value.precision) == (D(2023, 12, 13), 2)
    assert value.first is not None and value.last == REF.date and value.first <= value.date


@pytest.mark.parametrize("text,trigger", [
    ("Afghan War Casualty Report: December 2023;Two soldiers killed in attack on a checkpoint", "attack"),
    ("Two soldiers killed in attack on a checkpoint;Weekly Security Brief, December 2023", "attack"),
    ("Army kills ten militants in clashes;Brief for the Period of December 1st - December 10th, 2023",
     "clashes"),
])
def test_dates_headline_list_month_label_of_another_headline_does_not_date_the_event(text: str,
                                                                                   trigger: str) -> None:
    value = _governing(text, "en", trigger)
    assert value is not None and value.span is None and value.date == fallback_day(REF.date), value.note


def test_dates_headline_list_date_in_the_triggers_own_headline_is_used() -> None:
    text = "Weekly Security Brief, December 2023;Two soldiers were killed in an attack on Tuesday"
    value = _governing(text, "en", "attack")
    assert value is not None and value.date == D(2023, 12, 12)


def test_dates_unresolvable_weekday_loses_to_the_explicit_date_beside_it() -> None:
    ref = reference_for("x", "2023-06", "en")
    text = "A policeman died of wounds sustained in an attack in the town on Tuesday [20 June]."
    value = _governing(text, "en", "attack", ref)
    assert value is not None and (value.date, value.precision) == (D(2023, 6, 20), 1), value.note


@pytest.mark.parametrize("published,expression,expected", [
    ("2016-07", "on 01/07", D(2016, 7, 1)),     # day/month, inside the publication month
    ("2016-06", "on 28/06", D(2016, 6, 28)),
    ("2016-06-20", "on 06/07", D(2016, 6, 7)),  # month/day lies nearer the reference than 6 July
])
def test_dates_yearless_numeric_date_takes_the_reading_nearest_the_reference(
        published: str, expression: str, expected: dt.date) -> None:
    ref = reference_for("x", published, "en")
    value = _longest(find_dates(f"Gunmen {expression} attacked a village.", "en", ref))
    assert (value.date, value.precision) == (expected, 1), value.note


@pytest.mark.parametrize("text", [
    "Turnout was 24/7 coverage.", "The vote passed 12/40.", "They won 3/4 of the seats.",
    "Fighting resumed in June. 27 people were killed.",
])
def test_dates_fractions_scores_and_sentence_ends_are_not_dates(text: str) -> None:
    assert [v.span.text for v in find_dates(text, "en", REF) if v.span and v.precision == 1] == []


def test_dates_governing_date_is_never_a_period() -> None:
    text = "Des postes ont été visés depuis le 17 octobre."
    value = _governing(text, "fr", "visés")
    assert value is not None and value.kind == "point" and value.span is None


def test_dates_governing_date_with_month_reference_has_month_precision() -> None:
    ref = reference_for("x", "2023-06", "fr")
    text = "Un convoi est entré dans la zone."
    value = _governing(text, "fr", "convoi", ref)
    assert value is not None and (value.date, value.precision) == (D(2023, 6, 15), 3)


# ------------------------------------------------------------------------------------------ other API
def test_dates_parse_expression_uses_the_grammar_then_dateparser() -> None:
    value = parse_expression("hier soir", "fr", REF)
    assert value is not None and value.date == D(2023, 12, 13)
    value = parse_expression("il y a une quinzaine de jours", "fr", REF)
    assert value is None or "dateparser" in value.note
    assert parse_expression("sans date", "fr", REF) is None


def test_dates_whole_article_resolves_without_pathological_backtracking() -> None:
    # A guard against catastrophic regex backtracking, not a speed measurement (that is bench/'s job): a long
    # article takes a few tens of milliseconds, so a one-second bound holds on a loaded CI machine.
    text = "\n\n".join(c[1] for c in CASES if c[0] == "fr") * 2
    find_dates(text + " ", "fr", REF)  # warm the compiled lexicon
    start = time.perf_counter()
    reference_for(text, None, "fr", today=TODAY)
    find_dates(text, "fr", REF)
    assert time.perf_counter() - start < 1.0


# ---------------------------------------------------------------------------------------- seeds (shared)
def _seed(prefix: str) -> str:
    files = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not files:
        pytest.skip(f"seed {prefix} not found under {SEEDS}")
    return files[0].read_text(encoding="utf-8")


def _seed_event(text: str, trigger: str, ref: DateReference, after: str = "") -> Optional[DateValue]:
    dates = find_dates(text, "fr", ref)
    trig = _span(text, trigger, text.index(after) if after else 0)
    return event_date(dates, text, _sentence_of(text, trig.start), trig, ref)


@pytest.mark.integration
def test_dates_seed_003_without_metadata_resolves_to_december_2023() -> None:
    text = _seed("003")
    ref = reference_for(text, None, "fr", today=TODAY)
    assert ref.date == D(2023, 12, 14) and ref.precision == 1 and ref.source == "inferred"
    cases = [  # (trigger word, text it follows, expected dates)
        ("survenue", "", {D(2023, 12, 11)}),                   # Ain al-Asad
        ("roquettes", "", {D(2023, 12, 12)}),                  # al-Omar rockets ("Mardi aussi")
        ("prise pour cible", "", {D(2023, 12, 13), D(2023, 12, 14)}),  # Conoco, night Wed->Thu 14 Dec
        ("lancement", "", {D(2023, 12, 14)}),                  # "jeudi matin"
        ("ciblé", "Plus tôt", {D(2023, 12, 13)}),             # al-Tanf and Rukban
    ]
    for trigger, after, expected in cases:
        value = _seed_event(text, trigger, ref, after)
        assert value is not None and value.date in expected, (trigger, value)
        assert value.precision == 1 and value.kind == "point"
    dates = find_dates(text, "fr", ref)
    by_text = {v.span.text.lower(): v for v in dates if v.span}
    assert by_text["depuis le 17 octobre"].kind == "period"
    assert by_text["en novembre"].precision == 3 and by_text["en novembre"].date.month == 11


@pytest.mark.integration
def test_dates_seed_000_month_publication_gives_june_2023_precision_3() -> None:
    text = _seed("000")
    ref = reference_for(text, "2023-06", "fr")  # ingest reads the inline " date 2023-06"
    value = _seed_event(text, "convoi", ref)
    assert value is not None and (value.date, value.precision) == (D(2023, 6, 15), 3)
    assert value.span is not None and "mercredi" in value.span.text
    value = _seed_event(text, "HIMARS", ref, "Plus tôt")
    assert value is not None and (value.date, value.precision) == (D(2023, 6, 15), 3)


def _parse(text: str, lang: str):
    from eventwire.nlp import get_nlp
    from eventwire.settings import Settings

    return get_nlp(lang, Settings.from_overrides({}))(text)


@pytest.mark.integration
@pytest.mark.parametrize("lang,text,trigger", [
    # the date belongs to a relative clause about another place or event
    ("en", "Four fighters were killed near the village, which was the site of other clashes on 8 December.", "killed"),
    ("en", "Rebels attacked the village, killing three people who had returned on 2 December.", "attacked"),
    # the date belongs to a clause modifying another noun
    ("en", "Police arrested two men suspected of being behind attacks on a church on 3 December.", "arrested"),
    # the date modifies another noun directly
    ("en", "Supporters protested against the nominations for the December 20 elections.", "protested"),
])
def test_dates_parse_date_tied_to_another_noun_does_not_date_the_event(lang: str, text: str, trigger: str) -> None:
    dates = find_dates(text, lang, REF)
    trig = _span(text, trigger)
    value = event_date(dates, text, _sentence_of(text, trig.start), trig, REF, parse=_parse(text, lang))
    assert value is not None and value.span is None  # the fallback, not the other event's day


@pytest.mark.integration
@pytest.mark.parametrize("lang,text,trigger,expected", [
    ("en", "Rebels attacked the village on 9 December, killing three people.", "attacked", D(2023, 12, 9)),
    ("en", "The attack carried out on 9 December killed three soldiers.", "attack", D(2023, 12, 9)),
    ("en", "The 9 December attack on the base killed three soldiers.", "attack", D(2023, 12, 9)),
    ("fr", "Des roquettes ont visé la base le 9 décembre, a indiqué un responsable.", "visé", D(2023, 12, 9)),
    ("fr", "L'attaque survenue le 9 décembre a fait trois morts.", "attaque", D(2023, 12, 9)),
])
def test_dates_parse_keeps_the_events_own_date(lang: str, text: str, trigger: str, expected: dt.date) -> None:
    dates = find_dates(text, lang, REF)
    trig = _span(text, trigger)
    value = event_date(dates, text, _sentence_of(text, trig.start), trig, REF, parse=_parse(text, lang))
    assert value is not None and value.date == expected


@pytest.mark.parametrize("text,trigger", [
    ("Gulf Security Review;DAILY ALERT 12 DEC 2023;Officials condemn the bombing of a bus by militants", "bombing"),
    ("Northern security sitrep - week ending 9 December 2023;Gunmen kill three soldiers near the base", "kill"),
])
def test_dates_bulletin_label_date_does_not_date_a_later_headline(text: str, trigger: str) -> None:
    value = _governing(text, "en", trigger)
    assert value is not None and value.span is None  # the publication fallback, not the bulletin's date


@pytest.mark.integration
def test_dates_parse_a_naming_participle_does_not_take_the_events_date() -> None:
    text = "Troops took control of an area on the edge of the town called Abu Kamal Road on 9 December."
    dates = find_dates(text, "en", REF)
    trig = _span(text, "took control")
    value = event_date(dates, text, _sentence_of(text, trig.start), trig, REF, parse=_parse(text, "en"))
    assert value is not None and value.date == D(2023, 12, 9)
