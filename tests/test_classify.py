"""Event typing from the trigger and weapon lexicons (hand-written French and English sentences)."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from eventwire.classify import TypeHit, normalize, retype_with_weapons, type_sentence, type_snippet

CASE_GOLD = Path(__file__).parents[2] / "shared/eval/case2021_task2/test_set_final_release_with_labels.tsv"


def only(text: str, lang: str) -> TypeHit:
    hits = type_sentence(text, lang)
    assert len(hits) == 1, hits
    return hits[0]


def test_normalize_keeps_length_and_strips_accents():
    text = "Les forces ont pilonné l’aéroport"
    assert len(normalize(text)) == len(text)
    assert normalize(text) == "les forces ont pilonne l'aeroport"


@pytest.mark.parametrize("text, lang, sub, weapon", [
    ("Le groupe armé a ciblé la base militaire de Kharab à l'aide de drones mardi.", "fr", "Air/drone strike", "drone"),
    ("Un camp de l'armée a été pris pour cible par deux drones kamikazes.", "fr", "Air/drone strike", "drone"),
    ("Des sources ont fait état du lancement d'une attaque de missiles contre un aéroport militaire.", "fr",
     "Shelling/artillery/missile attack", "missile"),
    ("Les insurgés ont lancé plusieurs roquettes en direction d'une caserne.", "fr",
     "Shelling/artillery/missile attack", "rocket"),
    ("L'artillerie aurait pilonné des positions rebelles près du fleuve.", "fr",
     "Shelling/artillery/missile attack", "artillery"),
    ("Une frappe aérienne a touché un dépôt de carburant.", "fr", "Air/drone strike", None),
    ("Un engin explosif improvisé a explosé au passage d'une patrouille.", "fr", "Remote explosive/landmine/IED", "IED"),
    ("De violents affrontements ont opposé l'armée aux rebelles dans la nuit.", "fr", "Armed clash", None),
    ("Un kamikaze s'est fait exploser devant un commissariat.", "fr", "Suicide bomb", "suicide"),
    ("Des hommes armés ont enlevé trois enseignants sur la route.", "fr", "Abduction/forced disappearance", None),
    ("Des milliers de manifestants ont défilé dans le centre-ville contre la vie chère.", "fr", "Peaceful protest", None),
    ("Militants targeted an army outpost with a drone overnight.", "en", "Air/drone strike", "drone"),
    ("Insurgents fired mortar rounds at the airport on Monday.", "en", "Shelling/artillery/missile attack", "mortar"),
    ("A roadside bomb exploded near a police vehicle, wounding two officers.", "en", "Remote explosive/landmine/IED", "IED"),
    ("Unknown assailants hurled a grenade into a crowded bar.", "en", "Grenade", "grenade"),
    ("Heavy fighting broke out between the army and rebel fighters.", "en", "Armed clash", None),
    ("Police arrested four suspects in a dawn operation.", "en", "Arrests", None),
    ("Soldiers set up a new observation post on the hill.", "en", "Headquarters or base established", None),
    ("Bomb disposal experts defused an explosive device found under a bridge.", "en", "Disrupted weapons use", "IED"),
])
def test_type_sentence_names_sub_event_type_and_weapon(text, lang, sub, weapon):
    hit = only(text, lang)
    assert hit.sub_event_type == sub
    if weapon:
        assert weapon in hit.weapons
    assert text[hit.start:hit.end] == hit.text
    assert 0.0 < hit.score <= 1.0


def test_type_sentence_generic_attack_verb_plus_drone_gives_one_air_strike_hit():
    hit = only("La milice a attaqué la base aérienne à l'aide de trois drones.", "fr")
    assert (hit.event_type, hit.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert (hit.plover_type, hit.plover_mode) == ("ASSAULT", "drone")
    assert hit.disorder_type == "Political violence"


def test_type_sentence_shelling_plus_air_strike_collapses_to_air_strike():
    hit = only("Government jets carried out air strikes and artillery shelled the town.", "en")
    assert hit.sub_event_type == "Air/drone strike"


def test_type_sentence_generic_target_verb_plus_rockets_is_shelling_from_generic_cue():
    hit = only("Le camp a été visé par des roquettes.", "fr")
    assert hit.sub_event_type == "Shelling/artillery/missile attack"
    assert hit.cue.startswith("generic:")
    assert hit.weapons == ["rocket"]


def test_type_sentence_convoy_of_reinforcements_is_deployment_of_troops():
    hit = only("Un convoi de renforts militaires est entré dans la province par le poste frontière.", "fr")
    assert (hit.event_type, hit.sub_event_type) == ("Strategic developments", "Other")
    assert (hit.plover_type, hit.plover_mode) == ("MOBILIZE", "troops")


def test_type_sentence_sending_a_rocket_system_is_deployment_of_weapons():
    hit = only("Washington a confirmé l'envoi du système HIMARS dans la région.", "fr")
    assert hit.sub_event_type == "Other"
    assert (hit.plover_type, hit.plover_mode) == ("MOBILIZE", "weapons")
    assert hit.weapons == ["HIMARS"]


def test_type_sentence_convoy_hit_by_bomb_is_one_explosion_not_a_deployment():
    hits = type_sentence("A car bomb struck a military convoy outside the city.", "en")
    assert [h.sub_event_type for h in hits] == ["Remote explosive/landmine/IED"]


def test_type_sentence_retaliation_is_its_own_event():
    text = "En réaction à cette attaque de roquettes, l'armée aurait bombardé des positions au sud de la ville."
    hits = type_sentence(text, "fr")
    assert len(hits) == 2
    assert hits[0].start < hits[1].start
    assert "roquettes" in hits[0].text and "rocket" in hits[0].weapons
    assert hits[1].text == "bombardé" and hits[1].weapons == []


def test_type_sentence_generic_attack_on_base_without_weapon_is_weak_armed_clash():
    hit = only("The rebel camp was targeted on Tuesday night.", "en")
    assert hit.sub_event_type == "Armed clash"
    assert hit.score < 0.5


def test_type_sentence_generic_attack_on_civilians_without_weapon_is_attack():
    hit = only("Villagers were attacked on their way to the market.", "en")
    assert (hit.event_type, hit.sub_event_type) == ("Violence against civilians", "Attack")


def test_retype_with_weapons_uses_context_for_generic_hits_only():
    generic = only("La base a été prise pour cible à deux reprises.", "fr")
    retyped = retype_with_weapons(generic, ["missile"], "fr")
    assert retyped.sub_event_type == "Shelling/artillery/missile attack"
    assert "missile" in retyped.weapons
    specific = only("De violents affrontements ont eu lieu.", "fr")
    assert retype_with_weapons(specific, ["drone"], "fr") is specific


@pytest.mark.parametrize("text", [
    "The ministry published drone footage of the flooded valley.",
    "Le ministre a inauguré une nouvelle école primaire.",
    "",
])
def test_type_sentence_returns_nothing_without_event_cue(text):
    assert type_sentence(text, "en" if "The" in text else "fr") == []


@pytest.mark.parametrize("text, sub", [
    ("Hundreds of students marched to parliament. Police fired tear gas to disperse them.", "Protest with intervention"),
    ("Protesters gathered outside the governor's office. Some threw stones and torched a police car.",
     "Violent demonstration"),
    ("Kidnappers seized a doctor in the capital. Police said a ransom was demanded.", "Abduction/forced disappearance"),
])
def test_type_snippet_gives_one_label_for_multi_sentence_snippet(text, sub):
    hit = type_snippet(text, "en")
    assert hit is not None and hit.sub_event_type == sub


def test_type_snippet_without_event_returns_none():
    assert type_snippet("The weather was mild and markets were calm.", "en") is None


@pytest.mark.integration
def test_type_snippet_case2021_weighted_f1_is_measured():
    if not CASE_GOLD.exists():
        pytest.skip("CASE 2021 gold not available in ../shared/eval")
    from eventwire.taxonomy import CASE2021_LABELS
    gold, pred = [], []
    with CASE_GOLD.open(encoding="utf-8") as fp:
        for row in csv.DictReader(fp, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["SubType"] in CASE2021_LABELS:
                hit = type_snippet(row["EventSnippet"], "en")
                gold.append(CASE2021_LABELS[row["SubType"]])
                pred.append(hit.sub_event_type if hit else None)
    accuracy = sum(g == p for g, p in zip(gold, pred)) / len(gold)
    assert accuracy > 0.6
