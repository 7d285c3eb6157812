"""Arabic event-reporting cues: negated, questioned, condemned, planned, hypothetical, commemorated or figurative
attacks and protests are no new event, a weak cue needs a report anchor, and English/French are untouched.

All sentences are invented for these tests.
"""
from __future__ import annotations

import pytest

from eventwire.classify import load_lexicon, type_sentence


def _types(text: str) -> set[str]:
    return {h.plover_type for h in type_sentence(text, "ar")}


@pytest.mark.parametrize("text, plover", [
    ("اغتال مسلحون مجهولون ضابطا في الشرطة مساء أمس في وسط المدينة.", "ASSAULT"),
    ("انفجرت سيارة مفخخة على بعد 60 كلم شمال بغداد أمس.", "ASSAULT"),
    ("قتل ثلاثة أشخاص في عملية اغتيال استهدفت الوزير أمس.", "ASSAULT"),
    ("تظاهر مئات الطلاب أمس أمام مقر الوزارة احتجاجا على رفع الرسوم.", "PROTEST"),
    ("وتجمع آلاف المحتجين أمام البرلمان رافعين لافتات تطالب بالإصلاح.", "PROTEST"),
    ("وندد المتظاهرون أمس بقرار الحكومة خلال مظاهرة حاشدة في الساحة.", "PROTEST"),
])
def test_ar_reported_events_are_detected(text: str, plover: str) -> None:
    assert plover in _types(text)


@pytest.mark.parametrize("text, plover", [
    # questions
    ("هل تظاهر الطلاب أمام الوزارة؟", "PROTEST"),
    ("من يقف وراء اغتيال الضابط؟", "ASSAULT"),
    # negation and denial
    ("نفى المتحدث أن مسلحين اغتالوا ضابطا في المدينة.", "ASSAULT"),
    ("لم تشهد العاصمة أي مظاهرات منذ شهر.", "PROTEST"),
    # condemnation and commentary
    ("أدان الوزير التفجير الانتحاري الذي استهدف السوق.", "ASSAULT"),
    ("واستنكرت الجامعة العربية اختطاف الصحفيين.", "ASSAULT"),
    # future, intention and threat
    ("سوف يتظاهر العمال أمام المصنع الأسبوع المقبل.", "PROTEST"),
    ("تعتزم النقابات التظاهر أمام البرلمان.", "PROTEST"),
    ("هددت الجماعة بخطف الصحفيين الأجانب.", "ASSAULT"),
    # conditionals
    ("إذا اغتال المسلحون أي مسؤول فسترد الحكومة بقوة.", "ASSAULT"),
    # anniversaries and trials of past events
    ("أحيا اللبنانيون الذكرى الثالثة لاغتيال الصحفي.", "ASSAULT"),
    ("بدأت محاكمة المتهمين بتفجير السفارة.", "ASSAULT"),
    # figurative uses
    ("شن النائب هجوما حادا على سياسة الحكومة.", "ASSAULT"),
    ("انفجرت فضيحة جديدة في الوزارة.", "ASSAULT"),
    # hostages talked about, not taken
    ("تواصلت المفاوضات من أجل الإفراج عن الرهائن.", "ASSAULT"),
])
def test_ar_non_events_are_not_detected(text: str, plover: str) -> None:
    assert plover not in _types(text)


@pytest.mark.parametrize("text, plover, detected", [
    # a verbal noun of a killing needs an anchor (casualties, "yesterday", witnesses)
    ("تحدث الكتاب عن اغتيال الزعيم في السبعينيات.", "ASSAULT", False),
    ("قتل حارسان في محاولة اغتيال استهدفت الزعيم أمس.", "ASSAULT", True),
    # a participant noun alone is not a protest; a gathering or march of them is
    ("قال أحد المتظاهرين إن الطريق ما زال طويلا.", "PROTEST", False),
    ("وخرج المتظاهرون إلى الشوارع أمس.", "PROTEST", True),
])
def test_ar_weak_cues_need_report_anchor(text: str, plover: str, detected: bool) -> None:
    assert (plover in _types(text)) is detected


@pytest.mark.parametrize("text", ["وصل الوفد إلى لندن صباح أمس حيث تظاهر مئات الطلاب.",
                                  "تظاهر مئات العمال أمام لوحة الإعلانات في الساحة أمس."])
def test_ar_function_word_cues_match_whole_words_only(text: str) -> None:
    # "لن" / "لو" must not fire inside "لندن" / "لوحة".
    assert "PROTEST" in _types(text)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_ar_reporting_families_do_not_exist_in_other_languages(lang: str) -> None:
    lex = load_lexicon(lang)
    assert not [e for e in lex.entries if e.kind in ("non_event", "non_event_violent", "non_event_clause", "anchor")]
    assert lex.weak_below == 0.0 and lex.floor == 0.0
