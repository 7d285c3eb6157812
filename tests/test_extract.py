"""Event extraction: the pure helpers on hand-built inputs, then short hand-written articles end to end."""
from __future__ import annotations

import pytest

from eventwire.extract import (
    country_in_phrase,
    generic_actor_name,
    generic_role,
    is_aggregate,
    is_anaphoric,
    is_short_report,
    mention_id,
    paragraphs_of,
    roles_from_parse,
)


# --- filters -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence,lang", [
    ("Les forces américaines ont été attaquées 66 fois depuis le 17 octobre.", "fr"),
    ("La Résistance a mené plus de 70 frappes contre des bases américaines.", "fr"),
    ("La base a été visée à plusieurs reprises ce mois-ci.", "fr"),
    ("Militias have attacked the base more than 40 times since January.", "en"),
    ("A total of 12 strikes hit the province last week.", "en"),
])
def test_is_aggregate_true_for_counts_and_totals(sentence, lang):
    assert is_aggregate(sentence, lang)


@pytest.mark.parametrize("sentence,lang", [
    ("Deux drones ont visé la base d'al-Tanf mercredi.", "fr"),
    ("Three rockets struck the air base on Tuesday.", "en"),
    ("Gunmen killed 12 villagers near the town.", "en"),
])
def test_is_aggregate_false_for_single_events(sentence, lang):
    assert not is_aggregate(sentence, lang)


@pytest.mark.parametrize("sentence,noun,lang,expected", [
    ("En réaction à cette attaque de missile, les militaires ont riposté.", "attaque", "fr", True),
    ("Le groupe a revendiqué l'attaque dans un communiqué.", "attaque", "fr", False),
    ("The group claimed responsibility for the attack.", "attack", "en", True),
    ("A drone attack hit the base.", "attack", "en", False),
])
def test_is_anaphoric_only_for_determiners_that_refer_back(sentence, noun, lang, expected):
    assert is_anaphoric(sentence, sentence.index(noun), lang) is expected


def test_paragraphs_of_splits_on_blank_lines_and_newlines_and_skips_empty_ones():
    text = "Titre\n\nPremier paragraphe.\nDeuxième ligne.\n\n\n  \nDernier."
    parts = [text[s:e] for s, e in paragraphs_of(text)]
    assert parts == ["Titre", "Premier paragraphe.", "Deuxième ligne.", "Dernier."]


def test_paragraphs_of_empty_text_has_none():
    assert paragraphs_of("") == []
    assert paragraphs_of("\n \n") == []


def test_mention_id_is_stable_and_depends_on_every_input():
    a = mention_id("doc1", 10, 20, "Air/drone strike", "site:x")
    assert a == mention_id("doc1", 10, 20, "Air/drone strike", "site:x")
    assert a.startswith("m") and len(a) == 17
    others = {mention_id("doc2", 10, 20, "Air/drone strike", "site:x"),
              mention_id("doc1", 11, 20, "Air/drone strike", "site:x"),
              mention_id("doc1", 10, 20, "Grenade", "site:x"),
              mention_id("doc1", 10, 20, "Air/drone strike", "site:y")}
    assert a not in others and len(others) == 4


@pytest.mark.parametrize("text,expected", [("Short note.", True), ("x" * 1600, False),
                                           ("a\n\nb\n\nc", False), ("Headline\n\nOne paragraph.", True)])
def test_is_short_report(text, expected):
    assert is_short_report(text) is expected


# --- roles from a hand-built parse -----------------------------------------------------------------------
def _doc(words, heads, deps, pos):
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    return Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos)


def test_roles_from_parse_active_subject_is_actor1_and_object_the_target():
    doc = _doc(["Gunmen", "killed", "two", "soldiers"], [1, 1, 3, 1],
               ["nsubj", "ROOT", "nummod", "dobj"], ["NOUN", "VERB", "NUM", "NOUN"])
    roles = roles_from_parse(doc[1])
    assert roles["actor1"][2] == "Gunmen"
    assert roles["target"][2] == "two soldiers"


def test_roles_from_parse_passive_agent_is_actor1_and_subject_the_target():
    doc = _doc(["Soldiers", "were", "killed", "by", "gunmen"], [2, 2, 2, 2, 3],
               ["nsubjpass", "auxpass", "ROOT", "agent", "pobj"], ["NOUN", "AUX", "VERB", "ADP", "NOUN"])
    roles = roles_from_parse(doc[2])
    assert roles["actor1"][2] == "gunmen"
    assert roles["target"][2] == "Soldiers"


def test_roles_from_parse_french_passive_with_obl_agent():
    doc = _doc(["La", "base", "a", "été", "visée", "par", "des", "drones"], [1, 4, 4, 4, 4, 7, 7, 4],
               ["det", "nsubj:pass", "aux:tense", "aux:pass", "ROOT", "case", "det", "obl:agent"],
               ["DET", "NOUN", "AUX", "AUX", "VERB", "ADP", "DET", "NOUN"])
    roles = roles_from_parse(doc[4])
    assert roles["actor1"][2] == "par des drones"
    assert roles["target"][2] == "La base"


def test_roles_from_parse_noun_trigger_takes_the_roles_of_its_verb():
    doc = _doc(["Rebels", "launched", "an", "attack"], [1, 1, 3, 1],
               ["nsubj", "ROOT", "det", "dobj"], ["NOUN", "VERB", "DET", "NOUN"])
    assert roles_from_parse(doc[3])["actor1"][2] == "Rebels"


def test_roles_from_parse_noun_hanging_off_a_preposition_has_no_roles():
    doc = _doc(["after", "the", "attack"], [2, 2, 2], ["case", "det", "ROOT"], ["ADP", "DET", "NOUN"])
    assert roles_from_parse(doc[2]) == {"actor1": None, "actor2": None, "target": None}


# --- unnamed actors as ACLED codes them --------------------------------------------------------------------
@pytest.mark.parametrize("phrase,lang,role,country", [
    ("unknown gunmen", "en", "unidentified", ""),
    ("Kenyan Air Forces", "en", "military", "Kenya"),
    ("Ethiopia's Liya police", "en", "police", "Ethiopia"),
    ("des hommes armés", "fr", "unidentified", ""),
    ("les soldats maliens", "fr", "military", "Mali"),
    ("angry protesters", "en", "protesters", ""),
])
def test_generic_role_reads_role_and_country_of_unnamed_actors(phrase, lang, role, country):
    assert generic_role(phrase, lang) == (role, country)


def test_generic_role_none_for_named_or_unrelated_phrases():
    assert generic_role("the employees of a company", "en") is None


@pytest.mark.parametrize("role,country,name", [
    ("military", "Nigeria", "Military Forces of Nigeria"),
    ("police", "Democratic Republic of the Congo", "Police Forces of Democratic Republic of Congo"),
    ("unidentified", "Mali", "Unidentified Armed Group (Mali)"),
    ("unidentified", "", "Unidentified Armed Group"),
    ("military", "", ""),
    ("protesters", "Tunisia", "Protesters (Tunisia)"),
])
def test_generic_actor_name_follows_acled_conventions(role, country, name):
    assert generic_actor_name(role, country) == name


def test_country_in_phrase_handles_french_agreement():
    assert country_in_phrase("forces libyennes") == "Libya"
    assert country_in_phrase("gunmen") == ""


# --- end to end on short hand-written articles ----------------------------------------------------------
@pytest.fixture(scope="module")
def analyse():
    from eventwire.ingest import document_from_record
    from eventwire.pipeline import analyse_document, extract_events, load_resources
    from eventwire.settings import Settings

    settings = Settings.from_overrides({"today": "2026-11-23"})
    if not settings.gazetteer_file().exists():
        pytest.skip("gazetteer index not built")
    resources = load_resources(settings, build_missing=False)

    def run(text: str, lang: str, events: bool = False):
        record = {"id": "t", "text": text, "published": "2024-01-20", "language": lang}
        doc = document_from_record(record, "test", settings)
        if events:
            return extract_events([doc], settings)
        return analyse_document(doc, settings, resources)

    return run


@pytest.mark.integration
@pytest.mark.parametrize("text,lang", [
    ("Selon le Pentagone, les forces américaines ont été attaquées plus de 60 fois depuis octobre.", "fr"),
    ("Militias have attacked US bases more than 60 times since October, the Pentagon said.", "en"),
])
def test_extract_aggregate_statistic_gives_no_event(analyse, text, lang):
    assert analyse(text, lang) == []


@pytest.mark.integration
def test_extract_anaphoric_attack_enriches_the_earlier_event(analyse):
    text = ("Mardi, des drones ont frappé la base aérienne d'Aïn al-Assad, dans l'ouest de l'Irak.\n\n"
            "La Résistance islamique en Irak a revendiqué cette attaque dans un communiqué.")
    mentions = analyse(text, "fr")
    assert len(mentions) == 1
    m = mentions[0]
    assert m.sub_event_type == "Air/drone strike"
    assert m.claimant == "Islamic Resistance in Iraq"
    assert m.modality == "claimed"
    assert m.actor1 == "Islamic Resistance in Iraq"  # who claims the attack carried it out


@pytest.mark.integration
def test_extract_retaliation_is_its_own_event(analyse):
    text = ("Rockets struck the Conoco gas field in eastern Syria on Monday. "
            "In response, US forces shelled positions near Deir ez-Zor.")
    events = analyse(text, "en", events=True)
    assert len(events) == 2
    retaliation = next(e for e in events if e.actor1 and "United States" in e.actor1)
    answered = next(e for e in events if e is not retaliation)
    assert retaliation.location == "Deir ez-Zor"
    assert answered.location == "Conoco gas field"
    assert answered.actor2 == retaliation.actor1


@pytest.mark.integration
def test_extract_two_sites_joined_by_et_are_two_events(analyse):
    events = analyse("Mercredi, des drones ont visé la base d'al-Tanf et le camp de Rukban.", "fr", events=True)
    assert sorted(e.location for e in events) == ["Rukban camp", "al-Tanf garrison"]
    assert all(e.sub_event_type == "Air/drone strike" for e in events)


@pytest.mark.integration
def test_extract_pronoun_subject_takes_the_previous_actor(analyse):
    text = ("The Islamic Resistance in Iraq launched drones at Ain al-Asad air base on Tuesday. "
            "On Wednesday it fired rockets at the al-Omar oil field.")
    mentions = analyse(text, "en")
    assert len(mentions) == 2
    assert mentions[1].place is not None and mentions[1].place.place.name == "al-Omar oil field"
    assert mentions[1].actor1 == mentions[0].actor1 == "Islamic Resistance in Iraq"


@pytest.mark.integration
def test_extract_unnamed_gunmen_are_an_unidentified_armed_group_with_the_event_country(analyse):
    mentions = analyse("Des hommes armés ont tué deux gendarmes lundi près de Gao, dans le nord du Mali.", "fr")
    assert len(mentions) == 1
    assert mentions[0].actor1 == "Unidentified Armed Group (Mali)"
    assert mentions[0].fatalities == 2


@pytest.mark.integration
def test_extract_listed_towns_are_one_protest_each(analyse):
    mentions = analyse("Students protested on Monday in Tunis, Sfax and Sousse.", "en")
    assert sorted(m.place.place.name for m in mentions if m.place) == ["Sfax", "Sousse", "Tunis"]
    assert {m.actor1 for m in mentions} == {"Protesters (Tunisia)"}


@pytest.mark.integration
def test_extract_short_report_takes_its_place_from_another_sentence(analyse):
    text = "A hand grenade was hurled at a passing army vehicle. The vehicle was driving through a market in Mogadishu."
    mentions = analyse(text, "en")
    assert len(mentions) == 1
    assert mentions[0].place is not None and mentions[0].place.place.name == "Mogadishu"


# --- location fallbacks: a place inside the initiator, the country of the actors -------------------------
def _ctx_with_place(text: str, name: str, feature: str = "city"):
    from eventwire.extract import DocContext
    from eventwire.models import Document, Place, ResolvedPlace, TextSpan

    start = text.index(name)
    place = Place(place_id=f"t:{name}", name=name, latitude=0.0, longitude=0.0, country_code="XX", country="X",
                  feature=feature)
    top = ResolvedPlace(span=TextSpan(start, start + len(name), name), place=place, geo_precision=1, score=1.0)
    ctx = DocContext(doc=Document(doc_id="t", text=text), lang="en", text=text, ref=None, dates=[], toponyms=[top])
    return ctx, top


@pytest.mark.parametrize("text,place,actor", [
    ("The Kinshasa police beat twenty protesters.", "Kinshasa", "The Kinshasa police"),
    ("A Derna militia executed two men.", "Derna", "A Derna militia"),
    ("La police de Goma a frappé des manifestants.", "Goma", "La police de Goma"),
])
def test_place_in_actor_keeps_a_town_that_names_a_local_force(text, place, actor):
    from eventwire.extract import _place_in_actor

    ctx, top = _ctx_with_place(text, place)
    start = text.index(actor)
    kept = _place_in_actor(ctx, top, (start, start + len(actor)))
    assert kept is not None and kept.place is top.place
    assert kept.geo_precision == 2


@pytest.mark.parametrize("text,place,actor,feature", [
    ("Damascus said it had shelled the rebels.", "Damascus", "Damascus", "city"),
    ("Les forces de Damas ont bombardé la région.", "Damas", "Les forces de Damas", "city"),
    ("Les États-Unis ont frappé des positions.", "États-Unis", "Les États-Unis", "country"),
])
def test_place_in_actor_drops_a_place_that_is_the_actor_itself(text, place, actor, feature):
    from eventwire.extract import _place_in_actor

    ctx, top = _ctx_with_place(text, place, feature)
    start = text.index(actor)
    assert _place_in_actor(ctx, top, (start, start + len(actor))) is None


@pytest.mark.integration
@pytest.mark.parametrize("text,lang,country", [
    ("Al Shabaab fighters ambushed an army convoy on Tuesday, killing three soldiers.", "en", "Somalia"),
    ("Tunisian warplanes bombed militant hideouts in the mountains on Thursday.", "en", "Tunisia"),
    ("Des soldats maliens ont été tués lundi dans une embuscade tendue par des hommes armés.", "fr", "Mali"),
    ("Les shebab ont attaqué une base militaire mardi, tuant cinq soldats.", "fr", "Somalia"),
])
def test_extract_event_with_no_place_takes_the_country_of_its_actors(analyse, text, lang, country):
    mentions = analyse(text, lang)
    assert len(mentions) == 1
    place = mentions[0].place
    assert place is not None and place.place is not None
    assert place.place.feature == "country" and place.place.country == country
    assert place.geo_precision == 3


@pytest.mark.integration
@pytest.mark.parametrize("text,lang", [
    ("A French tourist was kidnapped by gunmen on Sunday.", "en"),
    ("Un touriste français a été enlevé dimanche par des hommes armés.", "fr"),
])
def test_extract_demonym_of_a_foreign_victim_gives_no_country(analyse, text, lang):
    mentions = analyse(text, lang)
    assert len(mentions) == 1
    assert mentions[0].place is None or mentions[0].place.place is None


@pytest.mark.integration
def test_extract_named_town_beats_the_country_of_the_actors(analyse):
    mentions = analyse("Boko Haram fighters attacked a village near Diffa on Monday, killing four people.", "en")
    assert len(mentions) == 1
    place = mentions[0].place
    assert place is not None and place.place is not None and place.place.name == "Diffa"


def test_extract_drop_past_background_keeps_recent_events_and_retrospectives():
    import datetime as dt

    from builders import mention as built
    from eventwire.dates import DateReference
    from eventwire.extract import drop_past_background

    ref = DateReference(dt.date(2024, 6, 25), 1, "metadata")
    recent, old = built(start=10, when="2024-06-24"), built(start=90, when="2024-03-03")
    assert drop_past_background([recent, old], ref) == [recent]
    assert drop_past_background([old], ref) == [old]  # a retrospective keeps its events
    undated_recent = built(start=10, when="2024-06-24")
    undated_recent.date.span = None  # dated from the reference: recent
    assert drop_past_background([undated_recent, old], ref) == [undated_recent]


@pytest.mark.integration
@pytest.mark.parametrize("lang,text", [
    ("en", "Militants attacked an army base near Gao on Monday. On 3 March, rebels ambushed a convoy near Kidal, "
           "killing five."),
    ("fr", "Des hommes armés ont attaqué lundi un poste militaire près de Gao. Le 3 mars, des rebelles avaient "
           "tendu une embuscade à un convoi près de Kidal."),
])
def test_extract_an_older_event_recalled_in_a_recent_report_is_background(analyse, lang, text):
    mentions = analyse(text, lang)
    assert mentions and all(m.date is not None and m.date.date.month != 3 for m in mentions)


@pytest.mark.integration
@pytest.mark.parametrize("lang,text,actor2", [
    ("fr", "Des hommes armés ont tué deux gendarmes lundi près de Gao, dans le nord du Mali.", "Police Forces of Mali"),
    ("en", "Gunmen killed three soldiers near Gao in northern Mali on Monday.", "Military Forces of Mali"),
])
def test_extract_unnamed_state_force_target_is_named_as_actor2(analyse, lang, text, actor2):
    mentions = analyse(text, lang)
    assert len(mentions) == 1
    assert mentions[0].actor1 == "Unidentified Armed Group (Mali)"
    assert mentions[0].actor2.startswith(actor2)


@pytest.mark.parametrize("lang,text,aggregate", [
    ("en", "A total of four soldiers were killed in the fighting.", False),
    ("en", "A total of 66 attacks took place since October.", True),
    ("fr", "Au total, quatre soldats ont été tués dans les combats.", False),
    ("fr", "Au total, 66 attaques ont visé les bases depuis octobre.", True),
])
def test_extract_a_casualty_total_is_not_an_aggregate_of_events(lang, text, aggregate):
    from eventwire.extract import is_aggregate

    assert is_aggregate(text, lang) is aggregate


@pytest.mark.integration
@pytest.mark.parametrize("lang,text,day", [
    ("en", "Militants attacked a checkpoint near Gao. Two soldiers were killed on 12 January, the army said.", 12),
    ("fr", "Des djihadistes ont attaqué un poste près de Gao. Deux soldats ont été tués le 12 janvier, selon l'armée.", 12),
])
def test_extract_a_continuing_sentence_dates_an_undated_event(analyse, lang, text, day):
    mentions = analyse(text, lang)
    assert len(mentions) == 1
    assert mentions[0].date is not None and mentions[0].date.date.day == day
    assert any(e.field == "event_date" for e in mentions[0].evidence)


# --- a town resolved outside the country of the places named with it --------------------------------------
def _tops(text: str, *places: tuple[str, str, str]):
    from eventwire.models import Place, ResolvedPlace, TextSpan

    out = []
    for name, country, feature in places:
        start = text.index(name)
        place = Place(place_id=f"t:{name}", name=name, latitude=0.0, longitude=0.0, country_code=country[:2].upper(),
                      country=country, feature=feature)
        out.append(ResolvedPlace(span=TextSpan(start, start + len(name), name), place=place, geo_precision=1,
                                 score=1.0))
    return out


@pytest.mark.parametrize("text, places, expected", [
    # a US "New Brighton" in a sentence whose other place is South African gives way to that place
    ("Residents of New Brighton marched to the offices of Nelson Mandela Bay.",
     [("New Brighton", "United States", "city"), ("Nelson Mandela Bay", "South Africa", "admin2")],
     "Nelson Mandela Bay"),
    # a country named in the sentence backs its own town against a place where someone lives
    ("He was jailed near Algiers; the journalist, who lives in London, arrived in Algeria in June.",
     [("Algiers", "Algeria", "city"), ("London", "United Kingdom", "city"), ("Algeria", "Algeria", "country")],
     "Algiers"),
])
def test_consistent_place_keeps_a_town_only_when_the_sentence_backs_its_country(text, places, expected):
    from eventwire.extract import DocContext, _consistent_place
    from eventwire.models import Document

    tops = _tops(text, *places)
    ctx = DocContext(doc=Document(doc_id="t", text=text), lang="en", text=text, ref=None, dates=[], toponyms=tops)
    loc = _consistent_place(ctx, tops[0], tops[0].span.start, 0, len(text))
    assert loc.place is not None and loc.place.name == expected


@pytest.mark.integration
@pytest.mark.parametrize("text, lang, trigger", [
    ("Gunmen attacked Zoumbala village over two days. Five people were killed on 12 January.", "en", "attacked"),
    ("Des hommes armés ont attaqué le village de Zoumbala. Cinq personnes ont été tuées le 12 janvier.", "fr",
     "attaqué"),
])
def test_extract_a_dated_toll_after_an_unplaced_report_dates_that_report(analyse, text, lang, trigger):
    # the report names no known place and no date of its own; the next sentence's toll and date are its own
    mentions = analyse(text, lang)
    assert len(mentions) == 1 and trigger in mentions[0].trigger.text and mentions[0].sub_event_type == "Attack"
    assert mentions[0].date is not None and mentions[0].date.date.isoformat() == "2024-01-12"
    assert mentions[0].fatalities == 5


def test_fallback_place_stays_inside_the_sentence():
    from eventwire.extract import DocContext, _fallback_place
    from eventwire.models import Document

    text = "A journalist was killed by a sniper in Zoumbala. Workers from China built the estate."
    tops = _tops(text, ("China", "China", "country"))
    ctx = DocContext(doc=Document(doc_id="t", text=text), lang="en", text=text, ref=None, dates=[], toponyms=tops)
    assert _fallback_place(ctx, [], 0, text.index(".") + 1) is None
    loc = _fallback_place(ctx, [], text.index("Workers"), len(text))
    assert loc is not None and loc.place.name == "China"
