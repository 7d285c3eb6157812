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


def test_type_sentence_convoy_of_reinforcements_is_change_to_group_activity_mobilizing_troops():
    # ACLED codes non-violent troop movements and build-ups as Change to group/activity.
    hit = only("Un convoi de renforts militaires est entré dans la province par le poste frontière.", "fr")
    assert (hit.event_type, hit.sub_event_type) == ("Strategic developments", "Change to group/activity")
    assert (hit.plover_type, hit.plover_mode) == ("MOBILIZE", "troops")


def test_type_sentence_sending_a_rocket_system_is_deployment_of_weapons():
    hit = only("Washington a confirmé l'envoi du système HIMARS dans la région.", "fr")
    assert hit.sub_event_type == "Change to group/activity"
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


# ----------------------------------------------------------------------------- French inflections and nouns
@pytest.mark.parametrize("text, sub", [
    # past participles: masculine/feminine, singular/plural, passive voice
    ("Des roquettes ont été tirées depuis le sud en direction de la base.", "Shelling/artillery/missile attack"),
    ("Un obus a été tiré sur le quartier nord.", "Shelling/artillery/missile attack"),
    ("Deux missiles ont été lancés contre l'aéroport.", "Shelling/artillery/missile attack"),
    ("Une roquette lancée depuis la rive est est tombée près du port.", "Shelling/artillery/missile attack"),
    ("Les positions de la milice ont été pilonnées toute la nuit.", "Shelling/artillery/missile attack"),
    ("La caserne a été bombardée à l'aube.", "Shelling/artillery/missile attack"),
    ("La base a été frappée par des drones dans la nuit.", "Air/drone strike"),
    ("Les deux entrepôts ont été visés par des frappes de drones.", "Air/drone strike"),
    # tenses: present, passé composé, plus-que-parfait, conditional, past conditional
    ("Les insurgés tirent des obus de mortier sur la ville.", "Shelling/artillery/missile attack"),
    ("La milice avait tiré trois roquettes la veille.", "Shelling/artillery/missile attack"),
    ("Les rebelles auraient tiré plusieurs roquettes sur le camp.", "Shelling/artillery/missile attack"),
    ("Des drones auraient frappé un convoi près de la frontière.", "Air/drone strike"),
    ("Les avions ont bombardé les faubourgs de la ville.", "Air/drone strike"),
    # nominalizations
    ("Les tirs de roquettes ont repris mardi.", "Shelling/artillery/missile attack"),
    ("Les frappes ont visé des dépôts de munitions.", "Air/drone strike"),
    ("Le pilonnage des quartiers est a duré deux heures.", "Shelling/artillery/missile attack"),
    ("Une forte explosion a été entendue près du marché.", "Remote explosive/landmine/IED"),
    ("L'attentat n'a pas été revendiqué.", "Attack"),
    ("Une embuscade tendue à une patrouille a fait deux morts.", "Armed clash"),
    ("Des accrochages ont éclaté près du poste frontière.", "Armed clash"),
    ("De durs combats se poursuivent au sud de la ville.", "Armed clash"),
    ("L'incursion de combattants armés a été repoussée.", "Armed clash"),
    ("L'enlèvement de trois travailleurs humanitaires a été confirmé.", "Abduction/forced disappearance"),
    ("Le rapt d'un commerçant a choqué la ville.", "Abduction/forced disappearance"),
    ("L'arrestation de deux suspects a eu lieu jeudi.", "Arrests"),
    ("Les suspects ont été interpellées à leur domicile.", "Arrests"),
    ("Une manifestation contre la vie chère a réuni des centaines de personnes.", "Peaceful protest"),
    ("Un rassemblement a eu lieu devant l'ambassade.", "Peaceful protest"),
    ("Une émeute a éclaté dans la prison centrale.", "Violent demonstration"),
    ("Les boutiques du centre ont été pillées.", "Looting/property destruction"),
    ("Le pillage des entrepôts a duré toute la nuit.", "Looting/property destruction"),
    # territory and interceptions
    ("La localité a été prise par les rebelles après deux jours de siège.", "Non-state actor overtakes territory"),
    ("L'armée a repris le contrôle de la ville.", "Government regains territory"),
    ("Deux drones ont été abattus au-dessus de la base.", "Disrupted weapons use"),
    ("Les missiles tirés ont été interceptés par la défense aérienne.", "Disrupted weapons use"),
])
def test_type_sentence_french_inflections_passives_and_nominalizations_fire(text, sub):
    hits = type_sentence(text, "fr")
    assert [h.sub_event_type for h in hits] == [sub], hits


def test_type_sentence_french_fem_plural_participle_keeps_rocket_weapon():
    hit = only("Des roquettes ont été tirées depuis le sud en direction de la base.", "fr")
    assert hit.weapons == ["rocket"]
    assert (hit.plover_type, hit.plover_mode) == ("ASSAULT", "heavy-weapons")


def test_type_sentence_french_resumed_bombing_is_not_a_territory_regain():
    hits = type_sentence("Les bombardements ont repris sur la ville.", "fr")
    assert [h.sub_event_type for h in hits] == ["Shelling/artillery/missile attack"]


# ----------------------------------------------------------------------- ACLED disambiguation (English)
@pytest.mark.parametrize("text, sub", [
    ("A grenade exploded near the market amid ongoing clashes between two militias.", "Grenade"),
    ("Police detained dozens of protesters during a rally outside parliament.", "Protest with intervention"),
    ("Security forces violently dispersed a peaceful sit-in, wounding several students.",
     "Excessive force against protesters"),
    ("Demonstrators threw stones at police and set a car ablaze; officers shot two of them dead.",
     "Violent demonstration"),
    ("Insurgents recaptured the district centre from government forces on Friday.",
     "Non-state actor overtakes territory"),
    ("Government troops recaptured the hill town from the rebels after a week.", "Government regains territory"),
    ("Forty fighters surrendered to the army with their weapons.", "Agreement"),
    ("The army deployed reinforcements and armoured vehicles to the border area.", "Change to group/activity"),
    ("Aid workers found a mass grave on the outskirts of the village.", "Other"),
    ("The rebels pulled out of the town and government troops took over without a fight.",
     "Non-violent transfer of territory"),
    ("Gunmen opened fire on a crowded restaurant, killing four diners.", "Attack"),
    ("Residents fled after an explosion rocked the bus station.", "Remote explosive/landmine/IED"),
])
def test_type_snippet_follows_acled_definitions(text, sub):
    hit = type_snippet(text, "en")
    assert hit is not None and hit.sub_event_type == sub, hit


def test_type_sentence_planned_attack_is_background_for_arrest():
    hit = type_snippet("Police arrested six men suspected of plotting attacks on the embassy.", "en")
    assert hit is not None and hit.sub_event_type == "Arrests"


# ------------------------------------------------------------------------------------------------- Arabic
@pytest.mark.parametrize("text, sub, weapon", [
    ("قصفت طائرات حربية مواقع المسلحين في ريف المدينة.", "Air/drone strike", "aircraft"),
    ("شنت طائرة مسيرة غارة على سيارة قرب الحدود.", "Air/drone strike", "drone"),
    ("سقطت ثلاثة صواريخ على القاعدة الجوية.", "Shelling/artillery/missile attack", "missile"),
    ("اندلعت اشتباكات عنيفة بين الجيش ومسلحين.", "Armed clash", None),
    ("انفجرت عبوة ناسفة بدورية للشرطة.", "Remote explosive/landmine/IED", "IED"),
    ("فجر انتحاري نفسه في سوق شعبي.", "Suicide bomb", "suicide"),
    ("اعتقلت قوات الأمن خمسة أشخاص في المدينة.", "Arrests", None),
    ("تظاهر آلاف المواطنين في وسط العاصمة.", "Peaceful protest", None),
    ("فرقت الشرطة المتظاهرين بالغاز المسيل للدموع.", "Protest with intervention", None),
    ("وصلت تعزيزات عسكرية ورتل من الآليات إلى المدينة.", "Change to group/activity", None),
    ("اختطف مسلحون مهندسا أجنبيا.", "Abduction/forced disappearance", None),
    ("أسقطت الدفاعات الجوية طائرة مسيرة فوق المطار.", "Disrupted weapons use", "drone"),
    ("تم تفكيك عبوة ناسفة على الطريق الدولي.", "Disrupted weapons use", "IED"),
    ("استعاد الجيش السيطرة على البلدة.", "Government regains territory", None),
])
def test_type_sentence_arabic_main_types(text, sub, weapon):
    hit = only(text, "ar")
    assert hit.sub_event_type == sub
    if weapon:
        assert weapon in hit.weapons
    assert text[hit.start:hit.end] == hit.text


@pytest.mark.parametrize("text", [
    "قَصَفَتْ الطّائراتُ الحربيّةُ المدينةَ.",    # full tashkeel
    "وقصفت الطائرات الحربية المدينة.",            # conjunction clitic
    "قـصـفـت الطائرات الحربية المدينة.",          # tatweel
])
def test_type_sentence_arabic_ignores_tashkeel_tatweel_and_clitics(text):
    hit = only(text, "ar")
    assert hit.sub_event_type == "Air/drone strike"
    assert "aircraft" in hit.weapons


@pytest.mark.parametrize("text", [
    "قال الوزير إن الاقتصاد ينمو بسرعة.",
    "خرجت مسيرة الرياضيين في افتتاح الألعاب.",
])
def test_type_sentence_arabic_without_event_cue_returns_nothing(text):
    assert type_sentence(text, "ar") == []


def test_normalize_unifies_arabic_letter_variants_with_same_length():
    text = "إطلاق صاروخ على مدرسة"
    norm = normalize(text)
    assert len(norm) == len(text)
    assert norm == "اطلاق صاروخ علي مدرسه"


ARABIC_GSR = Path(__file__).parents[2] / "shared/eval/arabic_event_gsr/assault_gsr.csv"


@pytest.mark.integration
def test_type_sentence_arabic_assault_recall_on_gsr_is_measured():
    if not ARABIC_GSR.exists():
        pytest.skip("Arabic event GSR not available in ../shared/eval")
    with ARABIC_GSR.open(encoding="utf-8") as fp:
        gold_yes = [row["text"] for row in csv.DictReader(fp) if row["label"] == "yes"]
    found = sum(any(h.plover_type == "ASSAULT" for h in type_sentence(t, "ar")) for t in gold_yes)
    assert found / len(gold_yes) > 0.8


# --------------------------------------------------------------------- labour strikes, bare violence, road blocks
@pytest.mark.parametrize("text, lang", [
    ("Court clerks across the region went on a 72-hour strike over salary arrears.", "en"),
    ("Hospital pharmacists have been on strike since Monday.", "en"),
    ("The federation of unions declared a general strike in the port city.", "en"),
    ("Miners downed tools at the copper pit demanding a pay rise.", "en"),
    ("Lecturers embarked on an indefinite strike after talks collapsed.", "en"),
    ("The strike was called by the teachers' union over unpaid allowances.", "en"),
    ("Nurses began strike action at two public clinics.", "en"),
    ("Dockers remained en grève for a second week.", "en"),
    ("Les infirmiers sont en grève depuis trois jours à Thiès.", "fr"),
    ("Les centrales syndicales ont décrété une grève générale illimitée.", "fr"),
    ("Les chauffeurs de taxi ont débrayé pour dénoncer la hausse du carburant.", "fr"),
    ("أعلن الأطباء إضرابا عن العمل في المستشفى الحكومي.", "ar"),
])
def test_type_sentence_labour_strike_is_peaceful_protest_without_weapon(text, lang):
    hit = only(text, lang)
    assert hit.sub_event_type == "Peaceful protest"
    assert hit.event_type == "Protests"
    assert hit.weapons == []


@pytest.mark.parametrize("text", [
    "A drone strike destroyed a pickup truck carrying fighters.",
    "A strike on the army depot killed four soldiers.",
    "Warplanes carried out a strike on the rebel-held district.",
    "A missile strike hit a fuel depot; union workers were evacuated.",
])
def test_type_sentence_strike_with_air_or_military_context_stays_violent(text):
    subs = {h.sub_event_type for h in type_sentence(text, "en")}
    assert "Peaceful protest" not in subs
    assert subs & {"Air/drone strike", "Shelling/artillery/missile attack"}


def test_type_snippet_labour_strike_is_not_air_strike():
    hit = type_snippet("Bakery workers went on a 48-hour strike on Thursday. The union said the strike would go on.")
    assert hit is not None and hit.sub_event_type == "Peaceful protest"


@pytest.mark.parametrize("text, lang", [
    ("Unidentified men on a motorbike kill a herder near the well.", "en"),
    ("Ruling-party youth wingers beats residents of the market ward.", "en"),
    ("Soldiers kill two members of a fishing family at the river bank.", "en"),
    ("Police assault a reporter outside the court.", "en"),
    ("Militiamen flogged three women accused of adultery.", "en"),
    ("An elderly woman was stabbed by unknown men in her compound.", "en"),
    ("Herders hacked a farmer with machetes on his plot.", "en"),
    ("Gunmen shoot a shopkeeper in the evening market.", "en"),
    ("Des inconnus ont poignardé un commerçant près de la gare.", "fr"),
    ("Des militants du parti ont tabassé des habitants du quartier.", "fr"),
])
def test_type_sentence_bare_violence_against_civilians_is_attack(text, lang):
    hit = only(text, lang)
    assert (hit.event_type, hit.sub_event_type) == ("Violence against civilians", "Attack")


def test_type_sentence_forces_killing_armed_group_members_is_armed_clash():
    assert only("Security forces kill five members of an armed gang in the forest.", "en").sub_event_type == \
        "Armed clash"


def test_type_sentence_passive_killing_of_soldiers_is_not_attack_on_civilians():
    assert only("Two soldiers were killed near a village.", "en").sub_event_type == "Armed clash"


def test_type_sentence_shoot_down_is_not_a_bare_shooting():
    subs = {h.sub_event_type for h in type_sentence("Fighters tried to shoot down a helicopter.", "en")}
    assert "Air/drone strike" not in subs


def test_type_sentence_hacked_website_is_other_not_attack():
    assert only("Hackers hacked the electoral commission website.", "en").sub_event_type == "Other"


@pytest.mark.parametrize("text, lang", [
    ("Residents are closing roads across the district in protest against power cuts.", "en"),
    ("Traders blocked roads in protest over a new market levy.", "en"),
    ("Youths barricaded the highway demanding the release of a local chief.", "en"),
    ("Motorcycle riders closed the main road to protest the death of a colleague.", "en"),
    ("Les habitants ont bloqué la route nationale pour exiger de l'eau potable.", "fr"),
    ("قطع محتجون الطريق احتجاجا على انقطاع المياه.", "ar"),
])
def test_type_sentence_roads_closed_in_protest_is_violent_demonstration(text, lang):
    # ACLED: road-blocking by demonstrators (barricades, material across the road) is a Violent demonstration.
    hit = only(text, lang)
    assert hit.sub_event_type == "Violent demonstration"


def test_type_sentence_blocking_a_protest_is_still_an_intervention():
    assert only("Police blocked a planned opposition march in the capital.", "en").sub_event_type == \
        "Protest with intervention"


@pytest.mark.parametrize("text, sub", [
    ("Riot police dispersed a silent march near the stadium.", "Protest with intervention"),
    ("Anti-riot units detained several demonstrators at the rally.", "Protest with intervention"),
    ("Youths rioted in the old town after the verdict.", "Violent demonstration"),
    ("Protesters fired fireworks at the police lines during the march.", "Violent demonstration"),
])
def test_type_sentence_riot_police_name_the_police_not_a_riot(text, sub):
    assert only(text, "en").sub_event_type == sub


# ACLED: a generic violent verb is violence against civilians when its TARGET is civilian, whoever acts.
@pytest.mark.parametrize("text, lang", [
    ("Party supporters attacked the newly elected mayor outside the town hall.", "en"),
    ("A shopkeeper was attacked by rival party youths on Sunday.", "en"),
    ("Herder killed near the river crossing.", "en"),
    ("Opposition forces opened fire on residential areas of the town.", "en"),
    ("Des partisans du parti au pouvoir ont attaqué le maire de la commune.", "fr"),
    ("Un agriculteur tué près du marché hebdomadaire.", "fr"),
])
def test_type_sentence_generic_verb_with_civilian_target_is_attack(text, lang):
    assert only(text, lang).sub_event_type == "Attack"


def test_type_sentence_reporting_police_is_not_the_target():
    assert only("Armed men attacked the villagers at the market, police said.", "en").sub_event_type == "Attack"


# ACLED: clashes between unorganised, unarmed groups are riots, not Armed clash.
@pytest.mark.parametrize("text, lang, sub", [
    ("Supporters of two rival parties clashed in the town centre.", "en", "Mob violence"),
    ("After the disputed vote, opposing political groups clashed near the polling station.", "en", "Mob violence"),
    ("Clashes erupted between traders and police at the central market.", "en", "Violent demonstration"),
    ("Des partisans de deux partis rivaux se sont affrontés dans le centre-ville.", "fr", "Mob violence"),
    ("Des heurts ont opposé des commerçants à la police au marché central.", "fr", "Violent demonstration"),
    ("Clashes between soldiers and villagers left two dead.", "en", "Armed clash"),
    ("Armed youths clashed with militiamen using rifles near the border.", "en", "Armed clash"),
])
def test_type_sentence_clash_of_unarmed_parties_is_a_riot(text, lang, sub):
    assert only(text, lang).sub_event_type == sub


# ACLED: destruction by an unorganised crowd is a riot, not Looting/property destruction.
@pytest.mark.parametrize("text, lang", [
    ("Angry residents torched the local council offices overnight.", "en"),
    ("Students of the college burnt down two dormitories after the exams were cancelled.", "en"),
    ("Les habitants en colère ont incendié le commissariat du quartier.", "fr"),
    ("Des élèves ont saccagé les bureaux de l'administration du lycée.", "fr"),
])
def test_type_sentence_crowd_destroying_property_is_a_riot(text, lang):
    assert only(text, lang).event_type == "Riots"


@pytest.mark.parametrize("text, lang", [
    ("Residents protested and set tyres on fire on the main road.", "en"),
    ("Demonstrators stoned passing cars during the march.", "en"),
    ("Des manifestants ont brûlé des pneus et caillassé des véhicules.", "fr"),
])
def test_type_sentence_protest_with_stoning_or_burning_tyres_is_violent_demonstration(text, lang):
    assert only(text, lang).sub_event_type == "Violent demonstration"


# ACLED: a territorial change belongs to whoever took the place (the first actor before the control verb).
@pytest.mark.parametrize("text, lang, sub", [
    ("The army and allied fighters captured a key neighbourhood on Thursday.", "en", "Government regains territory"),
    ("Security forces in a crackdown on militants recaptured the district on Friday.", "en",
     "Government regains territory"),
    ("Soldiers dislodged the insurgents from two villages.", "en", "Government regains territory"),
    ("Government troops took full control of the port city.", "en", "Government regains territory"),
    ("Rebel fighters seized the town from the army.", "en", "Non-state actor overtakes territory"),
    ("An army spokesman said militants gained control of the base.", "en", "Non-state actor overtakes territory"),
    ("Les soldats ont pris le contrôle de la ville après des combats.", "fr", "Government regains territory"),
    ("Les rebelles ont pris le contrôle de la localité.", "fr", "Non-state actor overtakes territory"),
])
def test_type_sentence_territory_change_follows_the_actor(text, lang, sub):
    assert only(text, lang).sub_event_type == sub


@pytest.mark.parametrize("text, lang", [
    ("The rebels intended to take control of the hill but were pushed back.", "en"),
    ("Les rebelles ont tenté de prendre le contrôle de la ville.", "fr"),
])
def test_type_sentence_attempted_takeover_is_weak(text, lang):
    assert all(h.score < 0.5 for h in type_sentence(text, lang) if "territory" in h.sub_event_type)


@pytest.mark.parametrize("text, lang", [
    ("Police open fire on protesters in the city centre, killing three.", "en"),
    ("Les forces de l'ordre ouvrent le feu sur les manifestants devant la préfecture.", "fr"),
])
def test_type_sentence_lethal_fire_on_protesters_is_excessive_force(text, lang):
    assert only(text, lang).sub_event_type == "Excessive force against protesters"


@pytest.mark.parametrize("text, lang", [
    ("Two militants shot dead in the border district.", "en"),
    ("Five insurgents were killed by unknown gunmen near the market.", "en"),
    ("Deux jihadistes ont été abattus près de la frontière.", "fr"),
])
def test_type_sentence_killing_armed_group_members_is_not_violence_against_civilians(text, lang):
    assert only(text, lang).event_type != "Violence against civilians"


def test_type_sentence_die_in_needs_the_protest_form():
    assert only("Two soldiers and ten rebels die in clashes near the border.", "en").sub_event_type == "Armed clash"
    assert only("Students staged a die-in outside parliament.", "en").sub_event_type == "Peaceful protest"


@pytest.mark.parametrize("text, lang", [
    ("Dozens of protesters rallied in the capital, demanding the release of activists detained last week.", "en"),
    ("Students marched against the government's plan for mass arrests of migrants.", "en"),
    ("Des centaines de personnes ont manifesté pour réclamer la libération des militants interpellés la veille.",
     "fr"),
])
def test_type_sentence_arrests_named_as_the_protest_grievance_do_not_make_an_intervention(text, lang):
    assert only(text, lang).sub_event_type == "Peaceful protest"


@pytest.mark.parametrize("text, lang", [
    ("The nurses' union marched to the health ministry offices on Monday.", "en"),
    ("Residents organised a night march to demand a new district.", "en"),
    ("Les habitants ont organisé une marche nocturne pour réclamer une nouvelle préfecture.", "fr"),
    ("Les enseignants ont marché jusqu'au ministère de l'Éducation.", "fr"),
])
def test_type_sentence_organised_or_directed_march_is_peaceful_protest(text, lang):
    assert only(text, lang).sub_event_type == "Peaceful protest"


@pytest.mark.parametrize("text, lang", [
    ("Ten insurgents were killed and two others were captured during the raid on the base.", "en"),
    ("Deux rebelles ont été capturés lors de l'attaque de la base.", "fr"),
])
def test_type_sentence_captured_fighters_are_not_a_territorial_change(text, lang):
    assert all("territory" not in h.sub_event_type for h in type_sentence(text, lang))


# ------------------------------------------------------------------------------ round 2: actors, riots, territory
@pytest.mark.parametrize("text, lang", [
    ("Armed men on a motorbike killed three gendarmes near the market.", "en"),
    ("A soldier on guard at a checkpoint was shot dead by a sniper.", "en"),
    ("A peacekeeper was killed by unidentified armed assailants.", "en"),
    ("Des hommes armés ont tué trois gendarmes près du marché.", "fr"),
    ("Un soldat en faction à un poste de contrôle a été abattu par balles.", "fr"),
])
def test_type_sentence_killing_state_forces_is_an_armed_clash(text, lang):
    # ACLED: an attack on state forces by an armed group is a battle, not violence against civilians.
    assert only(text, lang).sub_event_type == "Armed clash"


@pytest.mark.parametrize("text, lang", [
    ("A police officer was killed in front of his home after gunmen shot him.", "en"),
    ("An off duty soldier was shot dead by gunmen at a bar.", "en"),
    ("Un policier a été tué devant son domicile par des hommes armés.", "fr"),
    ("Un militaire en permission a été abattu par des inconnus.", "fr"),
])
def test_type_sentence_state_agent_killed_off_duty_or_at_home_is_an_attack(text, lang):
    assert only(text, lang).sub_event_type == "Attack"


def test_type_sentence_armed_clash_trigger_leaves_the_perpetrator_phrase_out():
    hit = only("Des hommes armés ont tué trois gendarmes près du marché.", "fr")
    assert hit.text == "ont tué"


@pytest.mark.parametrize("text, lang", [
    ("An IED attack executed against an army vehicle wounded five soldiers.", "en"),
    ("Une bombe artisanale a explosé au passage d'un convoi militaire, blessant cinq soldats.", "fr"),
])
def test_type_sentence_bomb_against_state_forces_keeps_its_tactic(text, lang):
    assert only(text, lang).sub_event_type == "Remote explosive/landmine/IED"


@pytest.mark.parametrize("text, lang", [
    ("Riot police fired tear gas to disperse protesters during clashes near the parliament.", "en"),
    ("Police used water cannon on protesters who threw stones at the ministry.", "en"),
    ("Students protested and pulled down the fence of the campus before police dispersed them.", "en"),
    ("Protesters lit fires in the street as police fired tear gas.", "en"),
    ("La police a dispersé les manifestants à coups de gaz lacrymogènes lors de heurts devant la mairie.", "fr"),
    ("Les manifestants ont lancé des pierres sur les policiers qui les ont dispersés au gaz lacrymogène.", "fr"),
])
def test_type_sentence_violent_protesters_make_a_riot_even_with_an_intervention(text, lang):
    # ACLED: Protest with intervention is for non-violent protesters; violent ones riot.
    assert only(text, lang).sub_event_type == "Violent demonstration"


@pytest.mark.parametrize("text, lang", [
    ("Rioters clashed with soldiers in the old town.", "en"),
    ("Rioters fought with law enforcement officers outside the courthouse.", "en"),
    ("Des émeutiers se sont affrontés avec les militaires dans la vieille ville.", "fr"),
])
def test_type_sentence_rioters_fighting_state_forces_are_a_riot(text, lang):
    assert only(text, lang).sub_event_type == "Violent demonstration"


@pytest.mark.parametrize("text, lang", [
    ("Protesters armed with clubs and machetes marched on the town hall.", "en"),
    ("The protest turned into a brawl between supporters of the two candidates at the rally.", "en"),
    ("The arrest sparked a demonstration, with residents pouncing on the policemen.", "en"),
    ("The district office was torched by protesters.", "en"),
    ("Des manifestants armés de gourdins ont marché sur la mairie.", "fr"),
    ("Lors de la manifestation, des jeunes s'en sont pris aux policiers.", "fr"),
    ("Le bureau du district a été incendié par des manifestants.", "fr"),
])
def test_type_sentence_crowd_violence_cues_make_a_violent_demonstration(text, lang):
    assert only(text, lang).sub_event_type == "Violent demonstration"


@pytest.mark.parametrize("text, lang", [
    ("A police officer hit a demonstrator with his baton during the protest.", "en"),
    ("Un policier a frappé un manifestant lors de la manifestation.", "fr"),
])
def test_type_sentence_police_beating_a_protester_is_excessive_force(text, lang):
    assert only(text, lang).sub_event_type == "Excessive force against protesters"


@pytest.mark.parametrize("text, lang", [
    ("Residents protested against insecurity and looting in the market town.", "en"),
    ("Thousands marched to mourn the demonstrators killed last month.", "en"),
    ("Students rallied demanding justice for a classmate recently killed by a bus.", "en"),
    ("Refugees, many of them battling to get their papers, held a march to parliament.", "en"),
    ("Les habitants ont manifesté contre les pillages et l'insécurité au marché.", "fr"),
    ("Des étudiants ont manifesté pour réclamer justice pour un camarade tué par un bus.", "fr"),
])
def test_type_sentence_protest_about_violence_or_figurative_fight_stays_peaceful(text, lang):
    assert only(text, lang).sub_event_type == "Peaceful protest"


@pytest.mark.parametrize("text, lang", [
    ("The camp fell to the army's 302nd brigade on Monday.", "en"),
    ("Troops clear two villages of Boko Haram fighters.", "en"),
    ("The army took over the rebel camp with all its equipment.", "en"),
    ("Government forces captured the port after a week of fighting.", "en"),
    ("La ville est tombée aux mains de l'armée malienne lundi.", "fr"),
    ("L'armée libère trois villages des jihadistes.", "fr"),
    ("L'armée a pris la plus grande partie du quartier.", "fr"),
])
def test_type_sentence_state_forces_taking_a_place_regain_territory(text, lang):
    assert only(text, lang).sub_event_type == "Government regains territory"


@pytest.mark.parametrize("text, lang", [
    ("Police fired rubber bullets, tear gas and water cannon at the crowd of protesters.", "en"),
    ("La police a utilisé des canons à eau contre les manifestants.", "fr"),
])
def test_type_sentence_water_cannon_is_not_artillery(text, lang):
    hit = only(text, lang)
    assert hit.sub_event_type == "Protest with intervention"
    assert "artillery" not in hit.weapons


@pytest.mark.parametrize("text, lang", [
    ("Government forces repel a rebel attack on the town, 21 arrested.", "en"),
    ("Les forces gouvernementales repoussent une attaque rebelle contre la ville, 21 interpellés.", "fr"),
])
def test_type_sentence_arrests_after_a_repelled_attack_do_not_hide_the_battle(text, lang):
    subs = {h.sub_event_type for h in type_sentence(text, lang)}
    assert "Armed clash" in subs


@pytest.mark.parametrize("text, lang", [
    ("The group is mobilising its members for attacking the district, officials said.", "en"),
    ("Local fighters mobilized to defend the valley against a possible attack by insurgents who seek to infiltrate it.", "en"),
    ("Le groupe mobilise ses membres en vue d'attaquer le district.", "fr"),
    ("Des combattants locaux se sont mobilisés contre une éventuelle attaque des insurgés qui cherchent à s'infiltrer.", "fr"),
])
def test_type_sentence_attack_only_expected_is_a_change_to_group_activity(text, lang):
    assert only(text, lang).sub_event_type == "Change to group/activity"


@pytest.mark.parametrize("text, lang", [
    ("Forces fired missiles at two artillery batteries as border clashes entered their seventh day.", "en"),
    ("Les forces ont tiré des missiles sur deux batteries pendant que les affrontements entraient dans leur septième jour.", "fr"),
])
def test_type_sentence_ongoing_clashes_as_setting_do_not_outrank_the_strike(text, lang):
    assert only(text, lang).sub_event_type == "Shelling/artillery/missile attack"


def test_type_sentence_infantry_fighting_vehicle_is_not_fighting():
    assert not type_sentence("The unit received ten infantry fighting vehicles.", "en")


# ------------------------------------------------------------------------------------------ typing round 3
@pytest.mark.parametrize("text, lang", [
    ("Rebels attacked and overran several army checkpoints after midnight.", "en"),
    ("Insurgents clashed with troops and took control of four more positions.", "en"),
    ("Les rebelles ont attaqué puis se sont emparés de plusieurs postes de l'armée.", "fr"),
    ("Après de violents combats, les insurgés ont pris le contrôle de quatre positions de l'armée.", "fr"),
])
def test_type_sentence_overrunning_positions_in_a_fight_is_an_armed_clash(text, lang):
    subs = {h.sub_event_type for h in type_sentence(text, lang)}
    assert subs == {"Armed clash"}


@pytest.mark.parametrize("text, lang", [
    ("Rebels briefly seized the town before withdrawing.", "en"),
    ("Les rebelles se sont brièvement emparés de la ville avant de se retirer.", "fr"),
])
def test_type_sentence_place_held_only_briefly_is_an_armed_clash(text, lang):
    assert {h.sub_event_type for h in type_sentence(text, lang)} == {"Armed clash"}


@pytest.mark.parametrize("text, lang", [
    ("Rebels seized the town after heavy fighting.", "en"),
    ("Les rebelles se sont emparés de la ville après de violents combats.", "fr"),
    ("The insurgents captured positions from a rival faction.", "en"),
])
def test_type_sentence_control_of_a_place_or_positions_taken_without_fight_stays_territorial(text, lang):
    assert only(text, lang).sub_event_type == "Non-state actor overtakes territory"


@pytest.mark.parametrize("text, lang", [
    ("Separatists mounted attacks on army positions using mortars.", "en"),
    ("Des jihadistes ont attaqué un poste militaire à coups d'obus de mortier.", "fr"),
])
def test_type_sentence_attack_on_army_positions_with_mortars_is_shelling(text, lang):
    assert only(text, lang).sub_event_type == "Shelling/artillery/missile attack"


@pytest.mark.parametrize("text, lang", [
    ("Separatists mounted attacks on army positions overnight.", "en"),
    ("Des jihadistes ont attaqué un poste militaire dans la nuit.", "fr"),
])
def test_type_sentence_attack_on_army_positions_without_weapon_stays_armed_clash(text, lang):
    assert only(text, lang).sub_event_type == "Armed clash"


@pytest.mark.parametrize("text, lang", [
    ("Ruling party cadres attacked other opposition members at the market.", "en"),
    ("Des partisans du parti au pouvoir ont attaqué d'autres membres du parti.", "fr"),
])
def test_type_sentence_supporters_attacking_other_party_members_is_an_attack(text, lang):
    assert only(text, lang).sub_event_type == "Attack"


@pytest.mark.parametrize("text, lang", [
    ("The government stepped up its violent crackdown on peaceful protestors.", "en"),
    ("Four die in protest crackdown as thousands march in the capital.", "en"),
    ("Quatre morts lors de la répression d'une manifestation dans la capitale.", "fr"),
])
def test_type_sentence_deaths_or_violent_crackdown_on_protesters_is_excessive_force(text, lang):
    assert type_snippet(text, lang).sub_event_type == "Excessive force against protesters"


@pytest.mark.parametrize("text, lang", [
    ("An angry mob beat to death two men who had tried to kidnap a child.", "en"),
    ("Une foule en colère a lynché deux hommes qui avaient tenté d'enlever un enfant.", "fr"),
])
def test_type_snippet_attempted_kidnapping_does_not_type_a_mob_killing(text, lang):
    assert type_snippet(text, lang).sub_event_type == "Mob violence"


@pytest.mark.parametrize("text, lang", [
    ("Ethnic militia attacked Kobo area overnight, burning huts.", "en"),
    ("Herdsmen attack Dalwa and kill four.", "en"),
    ("Des miliciens ont attaqué la zone de Kobo dans la nuit.", "fr"),
    ("Des éleveurs armés ont attaqué le village de Dalwa.", "fr"),
])
def test_type_snippet_militia_or_herdsmen_raiding_a_named_place_is_an_attack(text, lang):
    assert type_snippet(text, lang).sub_event_type == "Attack"


@pytest.mark.parametrize("text, lang", [
    ("Militia attacked an army post near Kobo.", "en"),
    ("Des miliciens ont attaqué un poste militaire près de Kobo.", "fr"),
])
def test_type_snippet_militia_attacking_state_forces_stays_armed_clash(text, lang):
    assert type_snippet(text, lang).sub_event_type == "Armed clash"


@pytest.mark.parametrize("text, lang", [
    ("Troops raided the forest, leaving nine insurgents dead and others captured.", "en"),
    ("Troops raided the forest, leaving nine insurgents dead and 4 captured.", "en"),
    ("Les soldats ont ratissé la forêt, laissant neuf jihadistes morts et d'autres capturés.", "fr"),
])
def test_type_snippet_fighters_captured_in_an_operation_are_not_a_territorial_change(text, lang):
    assert type_snippet(text, lang).sub_event_type == "Armed clash"


@pytest.mark.parametrize("text, lang", [
    ("Two members of the Lendu ethnic group were killed in an ambush on the road.", "en"),
    ("Deux membres de l'ethnie lendu ont été tués dans une embuscade sur la route.", "fr"),
])
def test_type_snippet_ethnic_group_members_ambushed_is_an_attack(text, lang):
    assert type_snippet(text, lang).sub_event_type == "Attack"


@pytest.mark.parametrize("text, lang", [
    ("Two farmers were shot with arrows near the river.", "en"),
    ("Deux agriculteurs ont été blessés par des flèches près du fleuve.", "fr"),
])
def test_type_snippet_civilians_shot_with_arrows_is_an_attack(text, lang):
    assert type_snippet(text, lang).sub_event_type == "Attack"


@pytest.mark.parametrize("text, lang", [
    ("A villager was killed during a clash between rival militias over grazing land.", "en"),
    ("Un villageois a été tué lors d'affrontements entre milices rivales pour des pâturages.", "fr"),
])
def test_type_snippet_death_during_a_clash_is_the_clash(text, lang):
    assert type_snippet(text, lang).sub_event_type == "Armed clash"


@pytest.mark.parametrize("text, lang", [
    ("Twelve died when herdsmen clashed with farmers near the river.", "en"),
    ("Douze morts dans des affrontements entre éleveurs armés et agriculteurs près du fleuve.", "fr"),
])
def test_type_snippet_herdsmen_clashing_with_farmers_is_an_armed_clash(text, lang):
    assert type_snippet(text, lang).sub_event_type == "Armed clash"


@pytest.mark.parametrize("text, lang", [
    ("Soldiers and a local vigilante group raided a camp, leaving six militants dead.", "en"),
    ("Des soldats et un groupe d'autodéfense ont attaqué un camp, laissant six jihadistes morts.", "fr"),
])
def test_type_snippet_army_operation_with_vigilante_group_is_an_armed_clash(text, lang):
    assert type_snippet(text, lang).sub_event_type == "Armed clash"


@pytest.mark.parametrize("text, lang", [
    ("Gunmen open fire on a bus, injure 3 passengers.", "en"),
    ("Unknown attackers injure a boy near the market.", "en"),
    ("Des hommes armés ouvrent le feu sur un bus et blessent trois passagers.", "fr"),
    ("Des inconnus blessent un garçon près du marché.", "fr"),
])
def test_type_snippet_present_tense_headline_violence_on_civilians_is_an_attack(text, lang):
    assert type_snippet(text, lang).sub_event_type == "Attack"


@pytest.mark.parametrize("text, lang", [
    ("Six Militias Kill During Clashes With Army", "en"),
    ("Six Miliciens Tués Lors D'affrontements Avec L'armée", "fr"),
])
def test_type_snippet_title_case_headline_militia_with_clashes_stays_armed_clash(text, lang):
    assert type_snippet(text, lang).sub_event_type == "Armed clash"
