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


# --- source prepositions stop at relative pronouns; unnamed sources cited by an outlet ---------------------------------
@pytest.mark.parametrize("sentence,trigger,lang,claimant", [
    ("Le quotidien Daily Sabah a cité des sources selon lesquelles des lance-roquettes avaient été livrés aux YPG.",
     "livrés", "fr", "sources cited by Daily Sabah"),
    ("La chaîne Al Mayadeen a cité des sources d'après lesquelles un convoi est entré dans la base.", "convoi", "fr",
     "sources cited by Al Mayadeen"),
    ("Reuters cited sources according to which a drone struck the depot.", "struck", "en", "sources cited by Reuters"),
    ("Selon des sources qui ont requis l'anonymat, un drone a frappé le dépôt.", "frappé", "fr", "sources"),
    ("According to the Syrian Observatory for Human Rights, which has a network of monitors, regime forces shelled "
     "the village.", "shelled", "en", "Syrian Observatory for Human Rights"),
    ("D'après l'agence SANA, laquelle cite des témoins, un drone a frappé le convoi.", "frappé", "fr", "SANA"),
    ("Malgré les informations de l'agence Anadolu selon lesquelles un convoi est arrivé, le camp reste calme.",
     "convoi", "fr", "Anadolu"),
])
def test_attribution_source_phrase_ends_at_relative_pronoun(sentence, trigger, lang, claimant):
    a = _attr(sentence, trigger, lang)
    assert a.claimant == claimant
    assert a.modality == "asserted"  # a media report of anonymous sources is reported, not hedged
    assert "lesquel" not in sentence[a.claimant_start:a.claimant_end]


# --- pronoun speakers refer back to the previous claimant ------------------------------------------------------------
@pytest.mark.parametrize("sentence,trigger,lang", [
    ("Il a ajouté que « le matériel avait été acheminé vers la base ».", "acheminé", "fr"),
    ("Elle a précisé que deux drones avaient visé le camp.", "visé", "fr"),
    ("« Deux roquettes ont touché la piste », a-t-elle précisé.", "touché", "fr"),
    ("She said the patrol was ambushed near the river.", "ambushed", "en"),
    ("They said rockets hit the airfield overnight.", "hit", "en"),
])
def test_attribution_pronoun_claimant_refers_back(sentence, trigger, lang):
    a = _attr(sentence, trigger, lang)
    assert a.claimant is None and a.refers_back
    assert a.claimant_start is None


# --- acknowledged object vs denied object: the trigger's position decides -------------------------------------------
def test_attribution_admission_and_denial_in_one_sentence_split_by_trigger_position():
    s = ("La semaine dernière, les États-Unis ont avoué le déploiement de lance-roquettes en Irak, démentant les "
         "rapports de la presse locale « sur la livraison de munitions aux milices kurdes ».")
    dep = _attr(s, "déploiement", "fr")
    liv = _attr(s, "livraison", "fr")
    us = "Military Forces of the United States (2021-)"
    assert (dep.claimant, dep.modality, dep.cue) == (us, "acknowledged", "ont avoué")
    assert (liv.claimant, liv.modality, liv.cue) == (us, "denied", "démentant")


# --- English wire cues --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence,trigger,claimant,modality", [
    ("CENTCOM said two one-way drones hit a patrol base in Syria.", "hit", "CENTCOM", "asserted"),
    ("The Pentagon said rockets landed near the embassy.", "landed", "Pentagon", "asserted"),
    ("A US official, speaking on condition of anonymity, said the outpost was hit by a drone.", "hit",
     "US official", "asserted"),
    ("According to the Syrian Observatory for Human Rights, gunmen ambushed a bus.", "ambushed",
     "Syrian Observatory for Human Rights", "asserted"),
    ("State media reported that warplanes bombed a bridge.", "bombed", "state media", "asserted"),
    ("Kataib Hezbollah claimed responsibility for the drone attack.", "attack", "Kataib Hezbollah", "claimed"),
    ("Tehran denied involvement in the bombing.", "bombing", "Military Forces of Iran (1989-)", "denied"),
    ("The ministry acknowledged the raid on the village.", "raid", "ministry", "acknowledged"),
    ("Gunmen reportedly kidnapped two engineers.", "kidnapped", None, "unconfirmed"),
    ("Troops allegedly looted the market.", "looted", None, "unconfirmed"),
    ("The militia vowed to strike the convoy.", "strike", None, "planned"),
    ("The group threatened to attack shipping lanes.", "attack", None, "planned"),
    ("No group claimed responsibility for the bombing.", "bombing", None, "asserted"),
    ("Aucun groupe n'a revendiqué l'attentat.", "attentat", None, "asserted"),
])
def test_attribution_english_and_negated_cues(sentence, trigger, claimant, modality):
    lang = "fr" if "groupe" in sentence else "en"
    a = _attr(sentence, trigger, lang)
    assert (a.claimant, a.modality) == (claimant, modality)


@pytest.mark.parametrize("sentence,trigger,lang", [
    ("Un porte-parole a démenti que le bombardement ait fait des victimes civiles.", "bombardement", "fr"),
    ("L'armée dément toute victime après des tirs sur le poste.", "tirs", "fr"),
    ("The army denied that the shelling caused any casualties.", "shelling", "en"),
])
def test_attribution_denial_of_casualties_does_not_deny_the_event(sentence, trigger, lang):
    assert _attr(sentence, trigger, lang).modality == "asserted"


# --- Arabic cues ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence,trigger,claimant,modality", [
    ("وقالت مصادر محلية إن طائرة مسيرة استهدفت مستودعا للذخيرة.", "استهدفت", "local sources", "asserted"),
    ("أعلنت المقاومة الإسلامية في العراق، في بيان، استهداف قاعدة جوية.", "استهداف", "Islamic Resistance in Iraq",
     "claimed"),
    ("تبنت كتائب حزب الله الهجوم على المطار.", "الهجوم", "Kataib Hezbollah", "claimed"),
    ("نفت وزارة الدفاع التركية قصف القرى الحدودية.", "قصف", "Turkish Ministry of National Defence", "denied"),
    ("اعترف الجيش الإسرائيلي بقصف المدرسة.", "قصف", "Military Forces of Israel (2022-)", "acknowledged"),
    ("هددت جماعة الحوثي باستهداف السفن التجارية.", "استهداف", None, "planned"),
    ("وبحسب المرصد السوري لحقوق الإنسان، قصفت قوات النظام قرية في ريف حماة.", "قصفت",
     "Syrian Observatory for Human Rights", "asserted"),
    ("وفقاً لمصادر محلية، سقطت قذائف على الحي.", "قذائف", "local sources", "asserted"),
    ("نقلا عن وكالة سانا، استهدف طيران حربي موقعا قرب حمص.", "استهدف", "SANA", "asserted"),
    ("أفاد مراسل الميادين بأن مسيرة استهدفت القاعدة.", "استهدفت", "Al Mayadeen correspondent", "asserted"),
    ("قال مسؤول أمريكي إن القاعدة تعرضت لهجوم.", "لهجوم", "US official", "asserted"),
])
def test_attribution_arabic_cues(sentence, trigger, claimant, modality):
    a = _attr(sentence, trigger, "ar")
    assert (a.claimant, a.modality) == (claimant, modality)
    if a.claimant_start is not None:
        assert a.claimant_end <= sentence.index(trigger)  # the claimant span stops before the trigger
