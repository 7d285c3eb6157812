"""Admin units named with their type word ("X Region", "Y District", "Z LGA", "W Island"): the word selects the
unit over same-named towns and countries, keeps the name whatever NER made of it, and sets the precision.
All places here are invented."""
from __future__ import annotations

import pytest

from builders import place_row, tiny_geocoder
from eventwire.geo import Geocoder
from eventwire.geo.geocode import split_unit_word, strip_place_type
from eventwire.models import GEO_NEAR, GEO_REGION, TextSpan

ROWS = [
    place_row("country:XA", "Zembia", 5.0, 30.0, "XA", "country", []),
    place_row("country:XB", "Kiwa", -3.0, 45.0, "XB", "country", []),
    place_row("admin1:XA.01", "Karundu", 5.5, 30.5, "XA", "admin1", [], admin1_code="XA.01", admin1="Karundu"),
    place_row("geonames:9001", "Karundu", 4.0, 29.0, "XA", "city", [], admin1_code="XA.02", population=400_000),
    place_row("admin1:XA.03", "Kiwa", 6.0, 31.0, "XA", "admin1", [], admin1_code="XA.03", admin1="Kiwa"),
    place_row("admin2:XA.01.7", "Tolo", 5.6, 30.6, "XA", "admin2", ["Tolo District"], admin1_code="XA.01",
              admin1="Karundu"),
    place_row("geonames:9002", "Tolo", 5.61, 30.61, "XA", "city", [], admin1_code="XA.01", population=3_000),
    place_row("admin2:XA.01.8", "Nbeko", 5.7, 30.7, "XA", "admin2", [], admin1_code="XA.01", admin1="Karundu"),
    place_row("admin2:XA.01.9", "Mirab", 5.8, 30.8, "XA", "admin2", [], admin1_code="XA.01", admin1="Karundu"),
    place_row("geonames:9003", "Zone", 40.0, 10.0, "XC", "city", [], population=2_000),
    place_row("admin2:XD.04.2", "Varnu", 27.0, 88.0, "XD", "admin2", ["South District"], admin1_code="XD.04"),
]


@pytest.fixture(scope="module")
def geocoder(tmp_path_factory) -> Geocoder:
    return tiny_geocoder(tmp_path_factory.mktemp("gaz"), ROWS, "units.sqlite")


def _located(results):
    return [(r.span.text, r.place.place_id if r.place else None, r.geo_precision) for r in results]


@pytest.mark.parametrize(
    "name, bare, level",
    [
        ("Galbeed Region", "Galbeed", "admin1"),
        ("Nbeko local government area", "Nbeko", "admin2"),
        ("Nbeko LGA", "Nbeko", "admin2"),
        ("Tolo sub-county", "Tolo", "admin2"),
        ("Kiwa Islands", "Kiwa", "island"),
        ("Karundu", "Karundu", ""),
        ("District", "District", ""),  # the unit word alone is not stripped
    ],
)
def test_split_unit_word_returns_the_name_and_the_level_of_its_trailing_unit_word(name, bare, level):
    assert split_unit_word(name) == (bare, level)


def test_strip_place_type_drops_a_multiword_unit_phrase():
    assert strip_place_type("Nbeko Local Government Area") == "Nbeko"


def test_capitalized_region_word_selects_the_admin1_over_a_bigger_same_named_city(geocoder):
    text = "Fighting broke out in Karundu Region on Monday."
    ner = [(text.index("Karundu"), text.index(" on"), "LOC")]
    assert _located(geocoder.find_toponyms(text, "en", ner)) == [("Karundu", "admin1:XA.01", GEO_REGION)]


def test_district_named_with_its_type_word_is_the_district_with_precision_2(geocoder):
    text = "Residents of Tolo District marched to protest."  # no NER entity at all
    assert _located(geocoder.find_toponyms(text, "en", [])) == [("Tolo District", "admin2:XA.01.7", GEO_NEAR)]


def test_lga_tagged_as_organisation_by_ner_is_still_the_unit(geocoder):
    text = "Gunmen attacked a convoy in Nbeko LGA of Zembia."
    ner = [(text.index("Nbeko"), text.index(" of"), "ORG")]
    found = _located(geocoder.find_toponyms(text, "en", ner))
    assert ("Nbeko", "admin2:XA.01.8", GEO_NEAR) in found


def test_island_word_keeps_a_unit_and_never_picks_the_same_named_country(geocoder):
    text = "Troops were ambushed on Kiwa Island in Zembia."
    ner = [(text.index("Kiwa"), text.index(" in Z"), "LOC")]
    found = dict((s, pid) for s, pid, _p in _located(geocoder.find_toponyms(text, "en", ner)))
    assert found["Kiwa"] == "admin1:XA.03"


def test_unknown_town_falls_back_to_the_region_named_after_a_comma(geocoder):
    text = "Two people were killed in the town of Qorsabi, Karundu Region."
    ner = [(text.index("Qorsabi"), text.index("."), "LOC")]
    found = _located(geocoder.find_toponyms(text, "en", ner))
    assert ("Karundu", "admin1:XA.01", GEO_REGION) in found


def test_a_bare_unit_word_is_not_a_toponym_and_does_not_hide_the_ner_unit(geocoder):
    text = "Soldiers were attacked in Mirab Zone of Zembia."
    ner = [(text.index("Mirab"), text.index(" of"), "GPE")]
    found = _located(geocoder.find_toponyms(text, "en", ner))
    assert ("Mirab Zone", "admin2:XA.01.9", GEO_NEAR) in found or ("Mirab", "admin2:XA.01.9", GEO_NEAR) in found
    assert all(pid != "geonames:9003" for _s, pid, _p in found)


def test_generic_unit_words_ending_a_longer_unknown_name_are_not_another_place(geocoder):
    text = "Herders clashed in the Obru Plains South District of Zembia."
    found = _located(geocoder.find_toponyms(text, "en", []))
    assert all(pid != "admin2:XD.04.2" for _s, pid, _p in found)


def test_generic_unit_words_alone_are_still_recognised(geocoder):
    text = "Floods hit the South District on Monday."
    ner = [(text.index("South"), text.index(" on"), "LOC")]
    assert [s for s, _pid, _p in _located(geocoder.find_toponyms(text, "en", ner))] == ["South District"]


def test_event_location_prefers_the_named_unit_over_a_country_before_a_border_word(geocoder):
    text = "Rebels ambushed a patrol in Kiwa Island near Zembia border."
    ner = [(text.index("Kiwa"), text.index(" near"), "LOC")]
    toponyms = geocoder.find_toponyms(text, "en", ner)
    trigger = TextSpan(text.index("ambushed"), text.index("ambushed") + 8, "ambushed")
    loc = geocoder.event_location(toponyms, text, TextSpan(0, len(text), text), trigger, "en")
    assert loc is not None and loc.place is not None and loc.place.place_id == "admin1:XA.03"
