"""Actor dictionary: finding and normalizing actor mentions in French, English and Arabic."""
from __future__ import annotations

import pytest

from eventwire.actors import ActorDictionary, fold_text

US = "Military Forces of the United States (2021-)"
IRI = "Islamic Resistance in Iraq"


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return ActorDictionary.default()


def test_actors_default_dictionary_has_sixty_plus_entries_without_alias_conflicts(actors):
    stats = actors.stats()
    assert stats["entries"] >= 60
    assert stats["conflicts"] == []
    assert set(stats["aliases_per_language"]) == {"en", "fr", "ar"}


@pytest.mark.parametrize("text,lang,expected", [
    ("Mardi, la Résistance islamique en Irak a visé une base.", "fr", [("Résistance islamique en Irak", IRI)]),
    ("Selon un communiqué de la Résistance irakienne publié lundi.", "fr", [("Résistance irakienne", IRI)]),
    ("Les militaires américains ont riposté.", "fr", [("militaires américains", US)]),
    ("des renforts de l'armée américaine sont arrivés", "fr", [("armée américaine", US)]),
    ("les forces d'occupation américaines ont quitté la zone", "fr", [("forces d'occupation américaines", US)]),
    ("Kataeb Hezbollah et le Hezbollah libanais", "fr",
     [("Kataeb Hezbollah", "Kataib Hezbollah"), ("Hezbollah libanais", "Hezbollah")]),
    ("US troops and Kata'ib Hezbollah fighters", "en", [("US troops", US), ("Kata'ib Hezbollah", "Kataib Hezbollah")]),
    ("la Coalition internationale dirigée par Washington", "fr",
     [("Coalition internationale dirigée par Washington", "Global Coalition Against Daesh")]),
    ("les Forces démocratiques syriennes (FDS) et les Unités de protection du peuple (YPG)", "fr",
     [("Forces démocratiques syriennes", "QSD: Syrian Democratic Forces"), ("FDS", "QSD: Syrian Democratic Forces"),
      ("Unités de protection du peuple", "YPG: Peoples Protection Units"), ("YPG", "YPG: Peoples Protection Units")]),
    ("un tir de l'armée syrienne", "fr", [("armée syrienne", "Military Forces of Syria (2000-2024)")]),
    ("des éléments de l'Armée syrienne libre", "fr", [("Armée syrienne libre", "Free Syrian Army")]),
    ("Israeli warplanes struck Hamas positions", "en",
     [("Israeli warplanes", "Military Forces of Israel (2022-)"), ("Hamas", "Hamas Movement")]),
    ("The RSF attacked SAF positions in Khartoum", "en",
     [("RSF", "RSF: Rapid Support Forces"), ("SAF", "Military Forces of Sudan (2019-)")]),
    ("les combattants du JNIM et les mercenaires de Wagner", "fr",
     [("JNIM", "JNIM: Group for Support of Islam and Muslims"), ("mercenaires de Wagner", "Wagner Group")]),
    ("والقوات الأمريكية وكتائب حزب الله", "ar",
     [("القوات الأمريكية", US), ("كتائب حزب الله", "Kataib Hezbollah")]),
    ("هاجم الحوثيون سفينة", "ar", [("الحوثيون", "Military Forces of Yemen (2017-) Houthi")]),
])
def test_actors_find_returns_longest_mentions_with_offsets(actors, text, lang, expected):
    found = actors.find(text, lang)
    assert [(m.text, m.actor.name) for m in found] == expected
    for m in found:
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("text", [
    "Let us know what is at stake.",  # lower-case "us" and "is" are words, not acronyms
    "La base se trouve en Syrie, près de la frontière.",  # a country name in running text is a place
    "La guerre civile syrienne a commencé en 2011.",
])
def test_actors_find_ignores_common_words_and_places(actors, text):
    assert actors.find(text, "en") == []


@pytest.mark.parametrize("phrase,expected", [
    ("la Résistance islamique irakienne", IRI),
    ("Résistance islamique en Iraq", IRI),  # fuzzy spelling
    ("les forces américaines stationnées à al-Tanf", US),
    ("un porte-parole du Commandement central américain", US),
    ("les États-Unis", US),
    ("The Islamic State group", "Islamic State"),
    ("l'EI", "Islamic State"),
])
def test_actors_normalize_maps_phrases_to_dictionary_actors(actors, phrase, expected):
    actor = actors.normalize(phrase, "fr")
    assert actor is not None and actor.name == expected


@pytest.mark.parametrize("phrase", ["Hashem al-Kindi", "la base américaine", "Sabrina Singh", ""])
def test_actors_normalize_unknown_phrase_returns_none(actors, phrase):
    assert actors.normalize(phrase, "fr") is None


def test_actors_entries_carry_inter_code_country_and_sector(actors):
    us = actors.get(US)
    assert us is not None and (us.inter, us.country, us.sector) == (1, "US", "MIL")
    iri = actors.get(IRI)
    assert iri is not None and iri.inter == 3 and iri.country == "IQ"
    hamas = actors.get("Hamas Movement")
    assert hamas is not None and hamas.wikidata == "Q38799"


@pytest.mark.parametrize("text,folded", [
    ("L'Armée Américaine", "l'armee americaine"),
    ("Kata’ib Hezbollah", "kataib hezbollah"),
    ("U.S.-led coalition", "us led coalition"),
    ("الأمريكية", "الامريكيه"),
])
def test_actors_fold_text_neutralizes_case_accents_and_variants(text, folded):
    out, index = fold_text(text)
    assert out == folded
    assert len(index) == len(out) and all(0 <= i < len(text) for i in index)


@pytest.mark.parametrize("phrase,expected", [
    ("Iran-backed militias", "Iran-backed militias"),
    ("pro-Iranian groups", "Iran-backed militias"),
    ("les milices pro-iraniennes", "Iran-backed militias"),
    ("الفصائل الموالية لإيران", "Iran-backed militias"),
    ("Syrian government forces", "Military Forces of Syria (2000-2024)"),
    ("regime forces", "Military Forces of Syria (2000-2024)"),
    ("Israeli forces", "Military Forces of Israel (2022-)"),
    ("the US-led coalition", "Global Coalition Against Daesh"),
    ("the Global Coalition", "Global Coalition Against Daesh"),
    ("coalition troops", "Global Coalition Against Daesh"),
    ("the Kurdish-led SDF", "QSD: Syrian Democratic Forces"),
    ("Iraqi security forces", "Military Forces of Iraq (2022-)"),
    ("Peshmerga", "Military Forces of Iraq (2022-) Peshmerga"),
    ("Turkish drones", "Military Forces of Turkey (2016-)"),
    ("the Iraqi government", "Government of Iraq (2022-)"),
])
def test_actors_normalize_wire_vocabulary(actors, phrase, expected):
    assert actors.normalize(phrase, "en").name == expected


def test_actors_named_group_beats_generic_iran_backed_label(actors):
    found = actors.find("Iran-backed militias of Kataib Hezbollah fired rockets.")
    assert [m.actor.name for m in found] == ["Iran-backed militias", "Kataib Hezbollah"]


def test_actors_bare_resistance_stays_unresolved(actors):
    assert actors.normalize("la Résistance", "fr") is None


AMISOM = "AMISOM: African Union Mission in Somalia (2007-2022)"
JAS = "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"
ISWAP = "Islamic State (West Africa)"
SPLA_IO = "SPLA/M-In Opposition: Sudanese People's Liberation Army/Movement-In Opposition"


@pytest.mark.parametrize("text,lang,expected", [
    ("AMISOM forces pushed al-Shabab militants out of two villages.", "en",
     [("AMISOM forces", AMISOM), ("al-Shabab militants", "Al Shabaab")]),
    ("Des troupes de l'Union africaine ont été visées par les chebabs.", "fr",
     [("troupes de l'Union africaine", AMISOM), ("chebabs", "Al Shabaab")]),
    ("Heavy fighting between the FARDC and a local militia.", "en",
     [("FARDC", "Military Forces of the Democratic Republic of Congo (2019-)")]),
    ("Les Forces armées de la RDC ont repris la localité.", "fr",
     [("Forces armées de la RDC", "Military Forces of the Democratic Republic of Congo (2019-)")]),
    ("LNA aircraft struck the port while Saiqa units moved in.", "en",
     [("LNA", "Military Forces of Libya (2014-)"), ("Saiqa", "Military Forces of Libya (2014-) Special Forces")]),
    ("L'Armée nationale libyenne du maréchal Haftar", "fr", [("Armée nationale libyenne", "Military Forces of Libya (2014-)")]),
    ("A KDF patrol and Kenyan police officers", "en",
     [("KDF", "Military Forces of Kenya (2013-2022)"), ("Kenyan police officers", "Police Forces of Kenya (2013-2022)")]),
    ("The Ethiopian National Defence Force retook the road.", "en",
     [("Ethiopian National Defence Force", "Military Forces of Ethiopia (2018-)")]),
    ("SPLA-IO rebels overran an SPLA garrison.", "en",
     [("SPLA-IO", SPLA_IO), ("SPLA", "Military Forces of South Sudan (2011-)")]),
    ("Suspected Boko Haram gunmen burned the market.", "en", [("Boko Haram gunmen", JAS)]),
    ("Boko Haram attacked the village.", "en", [("Boko Haram", JAS)]),
    ("The ISWAP faction of Boko Haram claimed the raid.", "en", [("ISWAP faction of Boko Haram", ISWAP)]),
    ("la faction Shekau de Boko Haram", "fr", [("faction Shekau de Boko Haram", JAS)]),
    ("Militants of Wilayat Gharb Ifriqiyyah", "en", [("Wilayat Gharb Ifriqiyyah", ISWAP)]),
    ("la police nigérienne et la police burkinabè", "fr",
     [("police nigérienne", "Police Forces of Niger (2023-)"), ("police burkinabè", "Police Forces of Burkina Faso (2022-)")]),
    ("اعتقلت الشرطة السودانية متظاهرين", "ar", [("الشرطة السودانية", "Police Forces of Sudan (2019-)")]),
])
def test_actors_find_african_forces_and_groups(actors, text, lang, expected):
    assert [(m.text, m.actor.name) for m in actors.find(text, lang)] == expected


@pytest.mark.parametrize("text", ["Police fired tear gas at the crowd.", "La police a dispersé la foule.",
                                  "AU officials met in Addis Ababa."])
def test_actors_bare_police_and_au_are_left_to_the_caller(actors, text):
    assert actors.find(text, "en") == []


def test_actors_african_entries_carry_codes(actors):
    amisom = actors.get(AMISOM)
    assert amisom is not None and (amisom.inter, amisom.sector) == (8, "IGO")
    police = actors.get("Police Forces of Egypt (2014-)")
    assert police is not None and (police.inter, police.country, police.sector) == (1, "EG", "COP")
    io = actors.get(SPLA_IO)
    assert io is not None and (io.inter, io.country) == (2, "SS")
