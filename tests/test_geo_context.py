"""Recognition and ranking rules that weigh a document's context, on a tiny hand-built gazetteer (NER spans are given
by hand): a preposition of place overrides a person/organisation NER label, words of an actor's name are no
toponyms, a small town's alternate name needs document support, and an admin1 unit gives way to a much bigger
same-named city."""
from __future__ import annotations

import pytest

from builders import place_row as _row, tiny_geocoder
from eventwire.geo import Geocoder

# invented places (names and coordinates are made up) plus two real short names that collide with an actor's
ROWS = [
    _row("country:LY", "Libya", 27.0, 17.0, "LY", "country", ["Libye"]),
    _row("country:YE", "Yemen", 15.5, 47.5, "YE", "country", ["Yémen"]),
    _row("country:TZ", "Tanzania", -6.0, 35.0, "TZ", "country", ["Tanzanie"]),
    _row("geonames:101", "Kelbara", 32.9, 12.1, "LY", "city", [], population=30_000),
    _row("geonames:102", "Zuwarat al Qadima", 32.93, 12.08, "LY", "city", ["Zuwarat"], population=33_000),
    _row("geonames:103", "Tuwaylat", 15.4, 43.6, "YE", "city", ["Tawilat"], population=0),
    _row("geonames:104", "Boko", 50.0, 80.0, "KZ", "city", [], population=1_100),
    _row("geonames:105", "Haram", 62.6, 6.2, "NO", "city", [], population=9_300),
    _row("geonames:106", "Turabat", 21.2, 41.6, "SA", "city", ["Ramadan"], population=23_000),
    _row("admin1:MW.S.25", "Nwanzo", -15.6, 34.5, "MW", "admin1", [], admin1_code="MW.S.25", admin1="Nwanzo",
         population=130_000),
    _row("geonames:107", "Nwanzo", -2.5, 32.9, "TZ", "city", [], admin1_code="TZ.12", population=1_100_000),
    _row("admin1:ZM.06", "Northwestern", -13.0, 25.0, "ZM", "admin1", ["North-Western Province"],
         admin1_code="ZM.06", admin1="Northwestern", population=580_000),
    _row("admin1:LK.32", "North-Western Province", 7.7, 80.2, "LK", "admin1", [], admin1_code="LK.32",
         admin1="North-Western Province", population=2_400_000),
    _row("geonames:201", "Kalembo", -13.5, 23.1, "ZM", "city", [], admin1_code="ZM.06", admin1="Northwestern",
         population=27_000),
    _row("geonames:301", "Kolana", 1.0, 30.0, "UG", "city", [], population=200_000),
    _row("geonames:302", "Ebola", 3.3, 20.8, "CD", "city", [], population=5_000),
    _row("admin1:MZ.09", "Kalembia", -17.0, 37.0, "MZ", "admin1", ["Kalembo"], admin1_code="MZ.09",
         admin1="Kalembia", population=5_100_000),
    _row("geonames:401", "Yarvo", 4.1, 30.7, "SS", "city", [], population=260_000),
    _row("geonames:402", "Bursavi", 40.2, 29.1, "TR", "city", ["Yarvo"], population=3_100_000),
    _row("geonames:403", "Toursel", 47.4, 0.7, "FR", "city", ["Tux"], population=140_000),
    _row("geonames:406", "Tux", 45.1, 24.2, "RO", "city", [], population=2_000),
    _row("geonames:404", "Abalo", 14.9, 3.4, "NE", "city", [], population=15_000),
    _row("region:maghrib", "Al Maghrib", 32.0, 0.0, "", "region", ["Maghreb"]),
    _row("admin1:JE.09", "Tinity", 49.2, -2.1, "JE", "admin1", [], admin1_code="JE.09", admin1="Tinity",
         population=3_300),
    _row("geonames:408", "El Kabir", 3.7, 41.0, "KE", "city", [], population=60_000),
    _row("site:atlantic-ocean", "Atlantic Ocean", 0.0, -30.0, "", "region", ["Atlantic"], site_type="ocean"),
    _row("geonames:409", "Atlantic", 41.4, -95.0, "US", "city", [], population=6_800),
    _row("admin2:US.NJ.001", "Atlantic County", 39.5, -74.6, "US", "admin2", ["Atlantic"], population=275_000),
    _row("country:US", "United States", 39.8, -98.5, "US", "country", ["US"]),
    _row("geonames:410", "Tell ez-Zahrun", 35.1, 40.2, "SY", "city", [], population=90_000),
    _row("geonames:411", "Shamiyat", 33.5, 36.3, "SY", "city", ["Al-Sham"], population=2_000_000),
    _row("geonames:405", "Pietersmaritzdorp", -29.6, 30.4, "ZA", "city", [], population=750_000),
]


@pytest.fixture(scope="module")
def geocoder(tmp_path_factory) -> Geocoder:
    return tiny_geocoder(tmp_path_factory.mktemp("gaz"), ROWS, "context.sqlite")


def _ner(text: str, *entities: tuple[str, str]) -> list[tuple[int, int, str]]:
    return [(text.index(s), text.index(s) + len(s), label) for s, label in entities]


def _found(results):
    return [(r.span.text, r.place.place_id if r.place else None) for r in results]


@pytest.mark.parametrize(
    "text, lang, entity",
    [
        ("The detainees were driven to Kelbara by the coast guards.", "en", "Kelbara"),
        ("Dozens of students marched in Kelbara on Sunday.", "en", "Kelbara"),
        ("Les blessés ont été évacués vers Kelbara dans la nuit.", "fr", "Kelbara"),
        ("Des tirs ont été entendus près de Kelbara mardi.", "fr", "Kelbara"),
    ],
)
def test_geo_preposition_of_place_keeps_a_town_ner_tagged_as_person(geocoder, text, lang, entity):
    found = _found(geocoder.find_toponyms(text, lang, _ner(text, (entity, "PERSON"))))
    assert (entity, "geonames:101") in found


def test_geo_preposition_of_place_keeps_an_alternate_name_inside_the_document_country(geocoder):
    text = "Libyan officials said the Libyan guards took the men to Zuwarat on Monday."
    found = _found(geocoder.find_toponyms(text, "en", _ner(text, ("Zuwarat", "PERSON"))))
    assert ("Zuwarat", "geonames:102") in found


def test_geo_person_tagged_name_without_preposition_is_still_dropped(geocoder):
    text = "Kelbara said the talks had failed."
    assert _found(geocoder.find_toponyms(text, "en", _ner(text, ("Kelbara", "PERSON")))) == []


@pytest.mark.parametrize(
    "text, entities",
    [
        ("Boko Haram fighters raided a market.", [("Boko Haram", "PERSON")]),
        ("Troops struck a Boko Haram camp overnight.", [("Boko Haram", "FAC")]),
        ("Militants of Boko Haram attacked the village.", []),
    ],
)
def test_geo_words_of_an_actor_name_are_not_toponyms(geocoder, text, entities):
    assert _found(geocoder.find_toponyms(text, "en", _ner(text, *entities))) == []


@pytest.mark.parametrize(
    "text, entities, expected",
    [
        # only another spelling of a small town in a country the text gives no hint of: abstain
        ("Gunmen attacked displaced people in Tawilat.", [("Tawilat", "GPE")], None),
        # ... but a document about that country supports it
        ("Gunmen attacked displaced people in Tawilat, Yemen.", [("Tawilat", "GPE"), ("Yemen", "GPE")],
         "geonames:103"),
    ],
)
def test_geo_small_town_alternate_name_needs_document_support(geocoder, text, entities, expected):
    found = dict(_found(geocoder.find_toponyms(text, "en", _ner(text, *entities))))
    assert found.get("Tawilat") == expected


def test_geo_month_name_tagged_date_is_not_a_town(geocoder):
    text = "A man was beaten for eating during the month of Ramadan."
    found = _found(geocoder.find_toponyms(text, "en", _ner(text, ("the month of Ramadan", "DATE"))))
    assert ("Ramadan", "geonames:106") not in found


def test_geo_big_city_beats_a_less_populous_admin1_of_the_same_name(geocoder):
    text = "Police fired on protesters in Nwanzo."
    found = _found(geocoder.find_toponyms(text, "en", _ner(text, ("Nwanzo", "GPE"))))
    assert found == [("Nwanzo", "geonames:107")]


def test_geo_given_span_small_alternate_name_still_resolves(geocoder):
    # with gold spans (no recognition step), the alternate name is the only reading and is kept
    text = "Gunmen attacked displaced people in Tawilat."
    start = text.index("Tawilat")
    [r] = geocoder.resolve_spans(text, [(start, start + len("Tawilat"))], "en")
    assert r.place is not None and r.place.place_id == "geonames:103"


def test_geo_a_town_settled_by_context_pulls_the_region_named_next_to_it(geocoder):
    # the party name votes Zambia, which settles Kalembo as the Zambian town; the town in turn makes the province
    # Zambia's rather than the more populous one of the same name elsewhere
    text = "UPND members defected to PF in Kalembo in North-Western Province."
    found = dict(_found(geocoder.find_toponyms(
        text, "en", _ner(text, ("Kalembo", "GPE"), ("North-Western Province", "GPE")))))
    assert found == {"Kalembo": "geonames:201", "North-Western Province": "admin1:ZM.06"}


@pytest.mark.parametrize(
    "text, entities, expected",
    [
        ("Three horses tested positive for Kolana virus last week.", [("Kolana", "GPE")], []),
        ("Patients with Kolana hemorrhagic fever were isolated.", [("Kolana", "GPE")], []),
        ("Doctors fought Ebola for months.", [], []),
        ("Doctors treated patients in Kolana last week.", [("Kolana", "GPE")], [("Kolana", "geonames:301")]),
    ],
)
def test_geo_a_disease_named_after_a_place_is_not_a_toponym(geocoder, text, entities, expected):
    assert _found(geocoder.find_toponyms(text, "en", _ner(text, *entities))) == expected


def test_geo_a_big_town_under_its_main_name_beats_a_bigger_city_s_alternate_name(geocoder):
    # "Yei" is the South Sudanese town of 260,000, not Bursa, which also carries the name
    text = "Gunshots were heard near the police station in Yarvo."
    assert _found(geocoder.find_toponyms(text, "en", _ner(text, ("Yarvo", "GPE")))) == [("Yarvo", "geonames:401")]


def test_geo_a_three_letter_alternate_name_needs_document_support_in_running_text(geocoder):
    text = "Militants shot and injured a civilian in Tux."
    assert all(r.place is None for r in geocoder.find_toponyms(text, "en", _ner(text, ("Tux", "GPE"))))
    # a span known to be a place (gold spans) still resolves
    assert [r.place.place_id for r in geocoder.resolve_spans(text, [(text.index("Tux"), len(text) - 1)], "en")] == \
        ["geonames:403"]


@pytest.mark.parametrize("text", [
    "Rioters clashed with police between Abalo militia and farmers.",
    "Fighting between Abalo herdsmen and farmers killed four.",
])
def test_geo_a_group_noun_after_a_small_town_name_makes_it_a_group_even_after_between(geocoder, text):
    assert _found(geocoder.find_toponyms(text, "en", _ner(text, ("Abalo", "GPE")))) == []


def test_geo_a_group_noun_does_not_hide_a_town_after_a_preposition_of_place(geocoder):
    text = "A militia attacked farmers in Abalo militia territory."
    assert ("Abalo", "geonames:404") in _found(geocoder.find_toponyms(text, "en", _ner(text, ("Abalo", "GPE"))))


def test_geo_a_prayer_named_after_a_region_is_not_a_toponym(geocoder):
    text = "Shooting started before Maghreb prayers on 24 June."
    assert _found(geocoder.find_toponyms(text, "en", _ner(text, ("Maghreb", "LOC")))) == []


def test_geo_a_typo_of_a_big_town_resolves_without_document_context(geocoder):
    text = "In Pietersmartizdorp, the community blocked roads."
    assert _found(geocoder.find_toponyms(text, "en", _ner(text, ("Pietersmartizdorp", "GPE")))) == \
        [("Pietersmartizdorp", "geonames:405")]


def test_geo_a_typo_of_a_big_town_outside_the_document_s_countries_is_not_taken(geocoder):
    text = "Clashes in Yarvo and Pietersmartizdorp killed four."
    found = dict(_found(geocoder.find_toponyms(text, "en", _ner(text, ("Yarvo", "GPE"), ("Pietersmartizdorp", "GPE")))))
    assert found == {"Yarvo": "geonames:401", "Pietersmartizdorp": None}


def test_geo_a_tiny_admin1_outside_the_document_s_countries_is_not_taken_in_running_text(geocoder):
    # a parish of a small island state is no better known than a village
    text = "Students of Tinity School in Kelbara, Libya, rioted over fees."
    found = dict(_found(geocoder.find_toponyms(text, "en", _ner(text, ("Tinity", "GPE"), ("Kelbara", "GPE")))))
    assert found.get("Kelbara") == "geonames:101" and found.get("Tinity") is None


def test_geo_the_arabic_article_joined_to_a_name_finds_the_place_spelt_apart(geocoder):
    text = "Gunmen attacked a bus between Mandaro and Elkabir."
    found = dict(_found(geocoder.find_toponyms(text, "en", _ner(text, ("Elkabir", "GPE")))))
    assert found["Elkabir"] == "geonames:408"


@pytest.mark.parametrize("text", [
    "Sea surface temperatures in the tropical Atlantic are near record levels.",
    "Warm water in the Atlantic feeds hurricanes that hit the United States.",
])
def test_geo_a_bare_ocean_name_is_the_ocean_not_a_small_town_or_county(geocoder, text):
    found = dict(_found(geocoder.find_toponyms(text, "en", _ner(text, ("Atlantic", "LOC")))))
    assert found["Atlantic"] == "site:atlantic-ocean"


@pytest.mark.parametrize("text, entity, expected", [
    ("Fighting resumed in Tell Ezzahrun City on Monday.", "Tell Ezzahrun City", "geonames:410"),
    ("Gunmen attacked a bus near Elkabir.", "Elkabir", "geonames:408"),
])
def test_geo_an_article_glued_to_a_word_finds_the_name_spelt_with_it_apart(geocoder, text, entity, expected):
    assert dict(_found(geocoder.find_toponyms(text, "en", _ner(text, (entity, "GPE")))))[entity] == expected


def test_geo_an_actor_name_written_with_the_arabic_article_hides_its_place_words(geocoder):
    text = "The Islamic State of Iraq and Al-Sham launched an offensive on Monday."
    found = dict(_found(geocoder.find_toponyms(text, "en", _ner(text, ("Al-Sham", "PERSON")))))
    assert "Al-Sham" not in found
