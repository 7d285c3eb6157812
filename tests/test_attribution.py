"""Claimant and modality of an event trigger, French and English."""
from __future__ import annotations

import pytest

from eventwire.attribution import attribute, claimant_name


def _attr(sentence: str, trigger: str, lang: str):
    i = sentence.index(trigger)
    return attribute(sentence, lang, i, i + len(trigger))


@pytest.mark.parametrize("sentence,trigger,lang,claimant,modality", [
    # a party announcing its own action claims it
    ("Lundi soir, la Résistance islamique en Irak a affirmé dans un communiqué avoir frappé une base près d'Erbil.",
     "frappé", "fr", "Islamic Resistance in Iraq", "claimed"),
    ("Kataeb Hezbollah a revendiqué l'attaque de drone contre la base.", "attaque", "fr", "Kataib Hezbollah", "claimed"),
    ("The Islamic Resistance in Iraq said it had launched drones at a base in Syria.", "launched", "en",
     "Islamic Resistance in Iraq", "claimed"),
    ("CENTCOM said its aircraft struck a weapons depot in eastern Syria.", "struck", "en", "CENTCOM", "claimed"),
    ("Hamas claimed responsibility for the rocket fire.", "rocket fire", "en", "Hamas Movement", "claimed"),
    ("« Nos drones ont atteint leur cible », précise un communiqué du groupe armé, relayé par la presse.",
     "atteint", "fr", "groupe armé", "claimed"),
    # reporters and sources
    ("Le correspondant d'Al Mayadeen à Deir ez-Zor a indiqué qu'une base a été visée par des roquettes.",
     "visée", "fr", "Al Mayadeen correspondent", "asserted"),
    ("Selon le correspondant de Sputnik, deux drones ont frappé le camp.", "frappé", "fr",
     "Sputnik correspondent", "asserted"),
    ("Des sources locales ont signalé mardi une attaque contre un poste militaire.", "attaque", "fr",
     "local sources", "asserted"),
    ("Des sources ont déclaré à l'agence Anadolu qu'un convoi est arrivé à la base.", "convoi", "fr",
     "sources cited by Anadolu", "asserted"),
    ("Rockets hit the airfield overnight, the Pentagon said.", "hit", "en", "Pentagon", "asserted"),
    ("According to local sources, gunmen attacked a checkpoint.", "attacked", "en", "local sources", "asserted"),
    ("Un porte-parole du Commandement central américain a déclaré que la base avait été attaquée.", "attaquée",
     "fr", "CENTCOM", "asserted"),
    # denial and admission
    ("Le Pentagone a démenti toute frappe contre des positions irakiennes.", "frappe", "fr", "Pentagon", "denied"),
    ("The army denied shelling the camp.", "shelling", "en", "army", "denied"),
    ("L'armée a reconnu le bombardement d'un quartier résidentiel.", "bombardement", "fr", "armée", "acknowledged"),
    ("Washington admitted the deployment of new air defence batteries.", "deployment", "en",
     "Military Forces of the United States (2021-)", "acknowledged"),
    # hedges and plans
    ("Les forces turques auraient bombardé plusieurs villages kurdes.", "bombardé", "fr", None, "unconfirmed"),
    ("Selon Reuters, des avions russes auraient frappé un marché.", "frappé", "fr", "Reuters", "unconfirmed"),
    ("Militants reportedly shelled the town overnight.", "shelled", "en", None, "unconfirmed"),
    ("La milice menace de cibler les navires commerciaux.", "cibler", "fr", None, "planned"),
    ("Le mouvement va intensifier ses frappes contre les bases étrangères.", "frappes", "fr", None, "planned"),
    ("Le groupe avait annoncé qu'il multiplierait ses attaques dans la région.", "attaques", "fr", "groupe",
     "planned"),
    ("The Houthis vowed to attack more ships in the Red Sea.", "attack", "en", None, "planned"),
    ("Militants attacked a checkpoint near the town.", "attacked", "en", None, "asserted"),
])
def test_attribution_claimant_and_modality(sentence, trigger, lang, claimant, modality):
    a = _attr(sentence, trigger, lang)
    assert (a.claimant, a.modality) == (claimant, modality)


def test_attribution_each_trigger_takes_its_nearest_cue():
    s = "Washington a reconnu l'envoi de lance-roquettes, démentant les informations sur leur transfert aux FDS."
    assert _attr(s, "envoi", "fr").modality == "acknowledged"
    denied = _attr(s, "transfert", "fr")
    assert denied.modality == "denied" and denied.cue == "démentant"


def test_attribution_conditional_on_trigger_beats_sentence_source():
    s = "Selon Al Mayadeen, les militaires américains auraient pilonné des positions."
    a = _attr(s, "pilonné", "fr")
    assert a.modality == "unconfirmed" and a.claimant == "Al Mayadeen" and a.cue == "auraient"


def test_attribution_spans_point_into_the_sentence():
    s = "Plus tôt, la Résistance islamique en Irak a annoncé avoir visé une base."
    a = _attr(s, "visé", "fr")
    assert s[a.claimant_start:a.claimant_end] == "la Résistance islamique en Irak"
    assert s[a.cue_start:a.cue_end] == a.cue == "a annoncé"


def test_attribution_same_source_refers_back():
    s = "« Un drone a visé le camp », a-t-on appris de la même source."
    a = _attr(s, "visé", "fr")
    assert a.refers_back and a.claimant is None


def test_attribution_without_trigger_uses_first_cue():
    a = attribute("D'après des témoins, des hommes armés ont ouvert le feu.", "fr")
    assert a.claimant == "witnesses" and a.modality == "asserted"


@pytest.mark.parametrize("phrase,lang,name", [
    ("la secrétaire de presse adjointe du Pentagone", "fr", "Pentagon"),
    ("le journal turc Daily Sabah", "fr", "Daily Sabah"),
    ("l'Observatoire syrien des droits de l'homme", "fr", "Syrian Observatory for Human Rights"),
    ("a correspondent for Reuters", "en", "Reuters correspondent"),
    ("les Forces démocratiques syriennes", "fr", "QSD: Syrian Democratic Forces"),
])
def test_attribution_claimant_name_normalizes(phrase, lang, name):
    assert claimant_name(phrase, lang)[0] == name
