"""Casualty figures with ACLED normalization, French and English."""
from __future__ import annotations

import pytest

from eventwire.casualties import find_casualties, parse_number


def _summary(text: str, lang: str) -> list[tuple[str, int, bool]]:
    return [(c.kind, c.value, c.approximate) for c in find_casualties(text, lang)]


@pytest.mark.parametrize("text,lang,expected", [
    ("Trois soldats irakiens ont été tués et deux autres blessés lors de l'embuscade.", "fr",
     [("fatalities", 3, False), ("injuries", 2, False)]),
    ("Le bombardement a fait 7 morts et 15 blessés dans le village.", "fr",
     [("fatalities", 7, False), ("injuries", 15, False)]),
    ("La frappe a touché un convoi, tuant au moins vingt et un combattants.", "fr", [("fatalities", 21, True)]),
    ("Des dizaines de civils ont été tués dans la ville.", "fr", [("fatalities", 12, True)]),
    ("Plusieurs membres des forces de sécurité ont péri.", "fr", [("fatalities", 10, True)]),
    ("Une centaine de personnes ont été blessées.", "fr", [("injuries", 100, True)]),
    ("L'explosion a fait quatre-vingt-douze morts.", "fr", [("fatalities", 92, False)]),
    ("Le personnel de la base a subi environ 40 blessés depuis le début du mois.", "fr", [("injuries", 40, True)]),
    ("Two Syrian soldiers were killed and five others wounded in the clash.", "en",
     [("fatalities", 2, False), ("injuries", 5, False)]),
    ("An air strike killed at least 14 people on Sunday.", "en", [("fatalities", 14, True)]),
    ("About 35 service members were injured, officials said.", "en", [("injuries", 35, True)]),
    ("Dozens of fighters died and hundreds were hurt.", "en", [("fatalities", 12, True), ("injuries", 100, True)]),
    ("The death toll rose to 1,250 on Friday.", "en", [("fatalities", 1250, False)]),
    ("Twenty-three people lost their lives in the blast.", "en", [("fatalities", 23, False)]),
])
def test_casualties_reads_figures_and_normalizes_vague_quantities(text, lang, expected):
    assert _summary(text, lang) == expected


@pytest.mark.parametrize("text,lang,expected", [
    ("Le tir de roquettes n'a fait aucune victime.", "fr", [("fatalities", 0, False), ("injuries", 0, False)]),
    ("L'attaque s'est produite sans faire de victimes.", "fr", [("fatalities", 0, False), ("injuries", 0, False)]),
    ("Aucun blessé n'a été signalé.", "fr", [("injuries", 0, False)]),
    ("No casualties were reported after the drone was intercepted.", "en",
     [("fatalities", 0, False), ("injuries", 0, False)]),
    ("Nobody was killed in the strike.", "en", [("fatalities", 0, False)]),
])
def test_casualties_explicit_zero(text, lang, expected):
    assert _summary(text, lang) == expected


@pytest.mark.parametrize("text,lang", [
    ("Les bases ont été visées 48 fois depuis le 20 octobre.", "fr"),
    ("Le poste se trouve à 30 kilomètres de la frontière.", "fr"),
    ("Deux drones ont été abattus au-dessus de la base.", "fr"),
    ("Le 12 décembre, trois roquettes sont tombées près de l'aéroport.", "fr"),
    ("Four rockets were fired at the base on 3 January.", "en"),
    ("Two drones were shot down over the airfield.", "en"),
])
def test_casualties_ignores_figures_that_count_something_else(text, lang):
    assert find_casualties(text, lang) == []


def test_casualties_active_verb_counts_the_object_not_the_subject():
    assert _summary("Three soldiers killed two militants near the border.", "en") == [("fatalities", 2, False)]
    assert _summary("Deux drones ont tué trois civils.", "fr") == [("fatalities", 3, False)]


def test_casualties_spans_point_into_the_sentence():
    text = "Selon l'armée, 4 soldats ont été blessés."
    [c] = find_casualties(text, "fr")
    assert text[c.start:c.end] == c.text == "4 soldats ont été blessés"


@pytest.mark.parametrize("words,lang,value", [
    ("vingt et un", "fr", 21), ("quatre vingt dix sept", "fr", 97), ("soixante dix", "fr", 70),
    ("deux cent cinquante", "fr", 250), ("twenty five", "en", 25), ("one hundred and five", "en", 105),
    ("1,200", "en", 1200), ("3 000", "fr", 3000), ("drones", "en", None),
])
def test_casualties_parse_number(words, lang, value):
    assert parse_number(words, lang) == value


@pytest.mark.parametrize("text,lang,expected", [
    # the indefinite article counts one
    ("A civilian was killed when the shell landed.", "en", [("fatalities", 1, False)]),
    ("Un soldat a été tué lors de l'accrochage.", "fr", [("fatalities", 1, False)]),
    ("An officer was wounded by shrapnel.", "en", [("injuries", 1, False)]),
    # conjuncts sharing one casualty word are summed
    ("Trois soldats et deux civils ont été tués dans l'explosion.", "fr", [("fatalities", 5, False)]),
    ("Four policemen and a child were killed.", "en", [("fatalities", 5, False)]),
    ("The blast left 3 dead and 5 wounded.", "en", [("fatalities", 3, False), ("injuries", 5, False)]),
    ("The raid hit a market, killing at least 12.", "en", [("fatalities", 12, True)]),
    # the latest toll wins
    ("Two guards were killed on Monday and the death toll rose to 9 by Tuesday.", "en", [("fatalities", 9, False)]),
    ("The death toll rose from 12 to 20.", "en", [("fatalities", 20, False)]),
    ("Le bilan est passé de 4 à 7 morts.", "fr", [("fatalities", 7, False)]),
    # ages are not counts
    ("A 12-year-old boy was killed by a stray bullet.", "en", [("fatalities", 1, False)]),
    ("Une fillette de 9 ans a été blessée.", "fr", [("injuries", 1, False)]),
    # headline passive vs active English participle
    ("Three soldiers killed in ambush near the border.", "en", [("fatalities", 3, False)]),
])
def test_casualties_articles_sums_tolls_and_ages(text, lang, expected):
    assert _summary(text, lang) == expected


@pytest.mark.parametrize("text,lang", [
    ("L'un des appareils a été abattu par la défense aérienne.", "fr"),
    ("A drone strike killed militants hiding in the orchard.", "en"),
    ("The shell fell 5 km from the checkpoint, killing nobody.", "en"),
    ("On 12 March the convoy was attacked.", "en"),
    ("Two rockets and one drone were shot down.", "en"),
])
def test_casualties_ignores_equipment_distances_and_unquantified_objects(text, lang):
    assert [c for c in find_casualties(text, lang) if c.value] == []


@pytest.mark.parametrize("text,expected", [
    ("أسفر القصف عن مقتل 3 جنود وإصابة 5 آخرين.", [("fatalities", 3, False), ("injuries", 5, False)]),
    ("قتل ثلاثة مدنيين في غارة جوية.", [("fatalities", 3, False)]),
    ("سقط ٧ قتلى و١٢ جريحا في الانفجار.", [("fatalities", 7, False), ("injuries", 12, False)]),
    ("أدى الهجوم إلى مقتل جندي.", [("fatalities", 1, False)]),
    ("مقتل جنديين في كمين.", [("fatalities", 2, False)]),
    ("أصيب خمسة وعشرون شخصا بجروح.", [("injuries", 25, False)]),
    ("قتل عشرات المدنيين.", [("fatalities", 12, True)]),
    ("قتل نحو 40 شخصا.", [("fatalities", 40, True)]),
    ("مقتل طفل يبلغ من العمر 12 عاما.", [("fatalities", 1, False)]),
    ("لم يسفر الهجوم عن وقوع إصابات.", [("fatalities", 0, False), ("injuries", 0, False)]),
    ("أطلقت 3 طائرات مسيرة على القاعدة في 12 كانون الثاني.", []),
])
def test_casualties_arabic_cues_digits_and_number_words(text, expected):
    assert _summary(text, "ar") == expected


@pytest.mark.parametrize("text,lang,expected", [
    # a singular object after a kill verb counts one
    ("Unknown attackers killed a local chief near the market.", "en", [("fatalities", 1, False)]),
    ("Bandits gunned down a trader on the highway.", "en", [("fatalities", 1, False)]),
    ("Police shot dead a teenager at the checkpoint.", "en", [("fatalities", 1, False)]),
    ("Des hommes armés ont abattu un enseignant.", "fr", [("fatalities", 1, False)]),
    ("Two gunmen shot dead a nurse.", "en", [("fatalities", 1, False)]),
    ("Soldiers shot dead three suspected robbers.", "en", [("fatalities", 3, False)]),
    # bare singular passives and "another"
    ("Herder killed in Plateau State.", "en", [("fatalities", 1, False)]),
    ("Another policeman was killed.", "en", [("fatalities", 1, False)]),
    ("The village head was shot dead outside his house.", "en", [("fatalities", 1, False)]),
    ("Commerçant tué près du marché.", "fr", [("fatalities", 1, False)]),
    ("Le maire du village a été assassiné.", "fr", [("fatalities", 1, False)]),
    ("Another three villagers were killed.", "en", [("fatalities", 3, False)]),
    # inserted clauses between the figure and its casualty word
    ("Twenty people, including four children, were killed in the raid.", "en", [("fatalities", 20, False)]),
    ("14 miners (among them two foreigners) were killed.", "en", [("fatalities", 14, False)]),
    ("Onze civils, dont deux femmes, ont été tués.", "fr", [("fatalities", 11, False)]),
    # one person dying of wounds is one fatality, not an injury
    ("A trader was shot and later died of his injuries.", "en", [("fatalities", 1, False)]),
    ("A guard was wounded and subsequently died from his wounds.", "en", [("fatalities", 1, False)]),
    ("Une passante blessée a succombé à ses blessures.", "fr", [("fatalities", 1, False)]),
    ("Three were wounded; one of them later died of her wounds.", "en",
     [("injuries", 3, False), ("fatalities", 1, False)]),
])
def test_casualties_singular_victims_bare_passives_inserts_and_died_of_wounds(text, lang, expected):
    assert _summary(text, lang) == expected


@pytest.mark.parametrize("text,lang", [
    ("Farmers were attacked in Benue.", "en"),
    ("No soldier was killed.", "en"),
    ("Police killed in crossfire, witnesses claim.", "en"),
    ("Gunman killed farmer.", "en"),  # active headline: no figure
    ("Militants were killed a week later.", "en"),
    ("The convoy was attacked on the road.", "en"),
    ("A thief who took 14 cattle was beaten to death by a mob.", "en"),  # singular "was": 14 counts cattle
])
def test_casualties_bare_subjects_that_are_not_one_victim(text, lang):
    assert [c for c in find_casualties(text, lang) if c.value] == []
