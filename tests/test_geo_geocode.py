"""Toponym recognition, resolution and event location on a tiny hand-built gazetteer; integration tests on the
real index (seed articles, Arabic, and the toponym gold from ../shared/eval)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from builders import place_row, tiny_geocoder
from eventwire.geo import Gazetteer, Geocoder
from eventwire.geo.build import KIND_ABBREV, PlaceRow, _add_name, write_index
from eventwire.geo.geocode import haversine_km
from eventwire.models import GEO_EXACT, GEO_NEAR, GEO_REGION, TextSpan
from eventwire.settings import Settings

SHARED = Path(__file__).parents[2] / "shared"


_row = place_row


ROWS = [
    _row("country:SY", "Syria", 35.0, 38.0, "SY", "country", ["Syrie", "سوريا"]),
    _row("country:IQ", "Iraq", 33.0, 44.0, "IQ", "country", ["Irak", "العراق"]),
    _row("country:US", "United States", 38.0, -97.0, "US", "country", ["États-Unis"]),
    _row("admin1:SY.07", "Deir ez-Zor", 35.2, 40.0, "SY", "admin1", ["دير الزور"], admin1_code="SY.07", admin1="Deir ez-Zor"),
    _row("admin1:IQ.01", "Anbar", 33.4, 42.0, "IQ", "admin1", ["الانبار"], admin1_code="IQ.01", admin1="Anbar"),
    _row("admin1:US.TX", "Texas", 31.3, -99.3, "US", "admin1", [], admin1_code="US.TX", admin1="Texas"),
    _row("geonames:170794", "Deir ez-Zor", 35.336, 40.141, "SY", "city", ["Dayr az Zawr", "دير الزور", "Deir Ezzor"],
         admin1_code="SY.07", admin1="Deir ez-Zor", population=242_565),
    _row("geonames:98182", "Baghdad", 33.341, 44.401, "IQ", "city", ["Bagdad", "بغداد"], population=7_216_000,
         site_type="capital"),
    _row("geonames:4146494", "Bagdad", 30.6, -87.0, "US", "city", [], population=1_500),
    _row("geonames:1", "Paris", 48.85, 2.35, "FR", "city", [], population=2_138_000),
    _row("geonames:2", "Paris", 33.66, -95.55, "US", "city", [], admin1_code="US.TX", population=25_000),
    _row("geonames:3", "Mardi", 10.0, 10.0, "NG", "city", [], population=900),
    _row("geonames:4", "Syria", 38.5, -78.4, "US", "city", [], admin1_code="US.VA", population=600),
    _row("geonames:5", "Kindi", 12.43, -2.0, "BF", "city", [], population=9_000),
    _row("geonames:6", "Paris", 36.30, -88.33, "US", "city", [], admin1_code="US.TN", population=10_000),
    _row("admin1:US.TN", "Tennessee", 35.75, -86.25, "US", "admin1", [], admin1_code="US.TN", admin1="Tennessee"),
    _row("site:conoco-gas-field", "Conoco gas field", 35.336, 40.309, "SY", "site",
         ["~Conoco", "~Koniko", "champ gazier de Conoco", "حقل كونيكو", "~كونيكو"], site_type="gas_field",
         admin1="Deir ez-Zor"),
    _row("site:al-tanf-garrison", "al-Tanf garrison", 33.506, 38.618, "SY", "site", ["al-Tanf", "التنف"],
         site_type="base", admin1="Homs"),
    _row("site:ain-al-asad-air-base", "Ain al-Asad Air Base", 33.786, 42.441, "IQ", "site",
         ["Ain al-Asad", "Aïn al-Assad", "عين الأسد"], site_type="base", admin1="Anbar"),
    _row("geonames:98200", "Nahrawi", 33.30, 44.52, "IQ", "city", [], population=20_000),
    _row("geonames:98201", "Hitawa", 33.6, 42.8, "IQ", "city", [], admin1_code="IQ.01", admin1="Anbar",
         population=30_000),
]


_add_name(next(r for r in ROWS if r.place_id == "admin1:US.TN"), "Tenn.", KIND_ABBREV)


@pytest.fixture(scope="module")
def geocoder(tmp_path_factory) -> Geocoder:
    return tiny_geocoder(tmp_path_factory.mktemp("gaz"), ROWS, "tiny.sqlite")


def _found(results):
    return [(r.span.text, r.place.place_id if r.place else None) for r in results]


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("La base située dans le champ gazier de Conoco, au nord de Deir ez-Zor.", "fr",
         [("champ gazier de Conoco", "site:conoco-gas-field"), ("Deir ez-Zor", "geonames:170794")]),
        ("Des roquettes ont visé la base américaine Conoco en Syrie.", "fr",
         [("Conoco", "site:conoco-gas-field"), ("Syrie", "country:SY")]),
        ("A drone hit al-Tanf and Ain al-Asad in Iraq.", "en",
         [("al-Tanf", "site:al-tanf-garrison"), ("Ain al-Asad", "site:ain-al-asad-air-base"), ("Iraq", "country:IQ")]),
        ("استهدفت طائرة مسيرة قاعدة عين الأسد في الأنبار", "ar",
         [("عين الأسد", "site:ain-al-asad-air-base"), ("الأنبار", "admin1:IQ.01")]),
        ("قصف حقل كونيكو في دير الزور", "ar",
         [("حقل كونيكو", "site:conoco-gas-field"), ("دير الزور", "geonames:170794")]),
        ("قصف كونيكو في دير الزور", "ar",  # '~' alias alone: no context word, not a place
         [("دير الزور", "geonames:170794")]),
    ],
)
def test_find_toponyms_recognizes_sites_towns_and_countries_in_three_scripts(geocoder, text, lang, expected):
    assert _found(geocoder.find_toponyms(text, lang)) == expected


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Conoco a publié ses résultats trimestriels.", "fr"),  # the company, no context word
        ("ConocoPhillips and Conoco shares rose.", "en"),
    ],
)
def test_find_toponyms_company_name_without_context_word_is_not_a_place(geocoder, text, lang):
    assert not [r for r in geocoder.find_toponyms(text, lang) if r.place and r.place.feature == "site"]


def test_find_toponyms_sentence_initial_small_place_is_not_a_toponym(geocoder):
    assert _found(geocoder.find_toponyms("Mardi, des drones ont frappé Deir ez-Zor.", "fr")) == [
        ("Deir ez-Zor", "geonames:170794")]


def test_find_toponyms_unknown_ner_place_is_kept_with_a_reason(geocoder):
    text = "Des tirs à Khirbet Foo et à Deir ez-Zor."
    start = text.index("Khirbet")
    results = geocoder.find_toponyms(text, "fr", [(start, start + len("Khirbet Foo"), "LOC")])
    assert _found(results) == [("Khirbet Foo", None), ("Deir ez-Zor", "geonames:170794")]
    assert "not in the gazetteer" in results[0].reason


def test_find_toponyms_ner_person_label_does_not_hide_a_curated_site(geocoder):
    text = "Le camp al-Tanf a été visé."
    start = text.index("al-Tanf")
    assert _found(geocoder.find_toponyms(text, "fr", [(start, start + 7, "PER")])) == [
        ("al-Tanf", "site:al-tanf-garrison")]


def test_find_toponyms_returns_spans_that_point_into_the_text(geocoder):
    text = "Frappe à Dayr az Zawr puis à Bagdad."
    for r in geocoder.find_toponyms(text, "fr"):
        assert text[r.span.start:r.span.end] == r.span.text


@pytest.mark.parametrize(
    "text, lang, relation, precision",
    [
        ("Des tirs au nord de Deir ez-Zor.", "fr", "direction of", GEO_NEAR),
        ("Des tirs à 20 km à l'est de Deir ez-Zor.", "fr", "part of", GEO_NEAR),
        ("Bombardements dans la campagne de Deir ez-Zor.", "fr", "countryside", GEO_NEAR),
        ("Shelling 20 km east of Deir ez-Zor.", "en", "20 km direction of", GEO_NEAR),
        ("Clashes in the countryside of Deir ez-Zor.", "en", "countryside", GEO_NEAR),
        ("قصف في ريف دير الزور الشرقي", "ar", "countryside", GEO_NEAR),
        ("Des frappes à Deir ez-Zor.", "fr", "", GEO_EXACT),
    ],
)
def test_relative_locations_keep_the_anchor_with_precision_2(geocoder, text, lang, relation, precision):
    results = [r for r in geocoder.find_toponyms(text, lang) if r.place]
    assert results[0].place.place_id == "geonames:170794"
    assert results[0].relation == relation
    assert results[0].geo_precision == precision


def test_region_mention_gets_precision_3(geocoder):
    results = geocoder.find_toponyms("Des combats dans la province de Deir ez-Zor.", "fr")
    assert results[0].place.place_id == "admin1:SY.07"
    assert results[0].geo_precision == GEO_REGION


def test_resolution_prefers_the_place_in_the_document_country(geocoder):
    text = "Baghdad said Bagdad was calm. Iraq."
    res = geocoder.resolve_spans(text, [(13, 19)], "en")
    assert res[0].place.place_id == "geonames:98182"


def test_resolution_uses_admin1_context_for_small_homonyms(geocoder):
    text = "Storms hit Paris, Texas on Monday."
    res = geocoder.resolve_spans(text, [(11, 16), (18, 23)], "en")
    assert [r.place.place_id for r in res] == ["geonames:2", "admin1:US.TX"]


def test_resolve_spans_unknown_name_abstains_and_does_not_drop_the_others(geocoder):
    text = "Between Zzyzxville and Deir ez-Zor."
    res = geocoder.resolve_spans(text, [(8, 18), (23, 34)], "en")
    assert res[0].place is None and res[0].reason
    assert res[1].place.place_id == "geonames:170794"


@pytest.mark.parametrize("surface, place_id", [("Syrian", "country:SY"), ("irakienne", "country:IQ"),
                                                ("Iraqi", "country:IQ")])
def test_resolve_spans_demonym_resolves_to_its_country(geocoder, surface, place_id):
    res = geocoder.resolve_spans(f"The {surface} army.", [(4, 4 + len(surface))], "en")
    assert res[0].place is not None and res[0].place.place_id == place_id
    assert res[0].geo_precision == GEO_REGION


def test_located_places_always_have_admin1_and_country(geocoder):
    text = "Drone strikes on al-Tanf, Conoco gas field and Baghdad."
    for r in geocoder.find_toponyms(text, "en"):
        assert r.place is not None
        if r.place.feature != "country":
            assert r.place.admin1 and r.place.country


def _event_loc(geocoder, text, trigger_word, lang="fr"):
    toponyms = geocoder.find_toponyms(text, lang)
    t = text.index(trigger_word)
    return geocoder.event_location(toponyms, text, TextSpan(0, len(text), text),
                                   TextSpan(t, t + len(trigger_word), trigger_word), lang)


def test_event_location_prefers_the_targeted_site_over_country_and_reporter_city(geocoder):
    text = ("Le correspondant à Bagdad a indiqué que la base d'al-Tanf en Syrie a été visée par des drones.")
    loc = _event_loc(geocoder, text, "visée")
    assert loc is not None and loc.place.place_id == "site:al-tanf-garrison"


@pytest.mark.parametrize("text, trigger, lang", [
    ("Jailed near Baghdad since May, the journalist, who lives in Paris, began a hunger strike.", "strike", "en"),
    ("Détenu près de Bagdad depuis mai, le journaliste, qui vit à Paris, a entamé une grève de la faim.", "grève",
     "fr"),
])
def test_event_location_is_not_where_someone_lives(geocoder, text, trigger, lang):
    loc = _event_loc(geocoder, text, trigger, lang)
    assert loc is not None and loc.place.place_id == "geonames:98182"


@pytest.mark.parametrize("text, trigger, lang", [
    ("In Baghdad, a car bomb exploded in a market of the Nahrawi district of southeastern Baghdad.", "exploded", "en"),
    ("In Baghdad, a peacekeeper was shot while driving through the neighbourhood of Nahrawi.", "shot", "en"),
    ("A car bomb exploded in Nahrawi, a district of Baghdad.", "exploded", "en"),
    ("À Bagdad, une voiture piégée a explosé dans le quartier de Nahrawi.", "explosé", "fr"),
])
def test_event_location_prefers_the_smaller_place_over_the_unit_it_lies_in(geocoder, text, trigger, lang):
    loc = _event_loc(geocoder, text, trigger, lang)
    assert loc is not None and loc.place.place_id == "geonames:98200"


def test_event_location_a_name_qualifying_an_actor_after_to_or_by_is_no_place(geocoder):
    assert _event_loc(geocoder, "He was captured by rebels and handed over to Baghdad police.", "captured",
                      "en") is None
    loc = _event_loc(geocoder, "A bomb exploded in Baghdad police headquarters.", "exploded", "en")
    assert loc is not None and loc.place.place_id == "geonames:98182"


@pytest.mark.parametrize("text, trigger, expected", [
    ("Two men from Paris were killed in Baghdad on Monday.", "killed", "geonames:98182"),
    ("Michel Durand from Paris was killed in an airstrike.", "killed", None),
    ("Soldiers withdrew from Baghdad on Monday.", "withdrew", "geonames:98182"),
])
def test_event_location_is_not_where_a_person_comes_from(geocoder, text, trigger, expected):
    loc = _event_loc(geocoder, text, trigger, "en")
    assert (loc.place.place_id if loc is not None else None) == expected


@pytest.mark.parametrize("text, trigger, lang", [
    ("Deir ez-Zor was shelled by government forces, a monitor based in Paris said.", "shelled", "en"),
    ("Deir ez-Zor a été bombardée par l'aviation, selon une ONG basée à Paris.", "bombardée", "fr"),
])
def test_event_location_the_subject_of_a_passive_event_verb_is_the_place(geocoder, text, trigger, lang):
    loc = _event_loc(geocoder, text, trigger, lang)
    assert loc is not None and loc.place.place_id == "geonames:170794"


@pytest.mark.parametrize("text, trigger, expected", [
    ("Drones hit US troops based at al-Tanf, a monitor based in Paris said.", "hit", "site:al-tanf-garrison"),
    ("Des drones ont visé les forces américaines basées à al-Tanf.", "visé", "site:al-tanf-garrison"),
    ("A monitor based in Paris said shelling was heard.", "shelling", None),
])
def test_event_location_where_an_organisation_is_based_is_not_the_place_but_a_force_s_base_is(geocoder, text,
                                                                                              trigger, expected):
    loc = _event_loc(geocoder, text, trigger, "fr" if "visé" in text else "en")
    assert (loc.place.place_id if loc is not None else None) == expected


def test_event_location_a_unit_named_before_its_town_gives_way_to_the_town(geocoder):
    loc = _event_loc(geocoder, "In Anbar, soldiers shot two men in the Anbar town of Hitawa.", "shot", "en")
    assert loc is not None and loc.place.place_id == "geonames:98201"


def test_event_location_relative_anchor_keeps_precision_2(geocoder):
    text = "Des frappes ont visé des positions au nord de Deir ez-Zor en Syrie."
    loc = _event_loc(geocoder, text, "frappes")
    assert loc.place.place_id == "geonames:170794" and loc.geo_precision == GEO_NEAR


def test_event_location_country_only_sentence_gives_precision_3(geocoder):
    loc = _event_loc(geocoder, "Des attaques ont eu lieu en Syrie.", "attaques")
    assert loc.place.place_id == "country:SY" and loc.geo_precision == GEO_REGION


def test_event_location_none_when_the_sentence_has_no_place(geocoder):
    assert _event_loc(geocoder, "Des attaques ont eu lieu hier soir.", "attaques") is None


@pytest.mark.parametrize("text, span, expected", [
    ("Police in Paris, Tenn. said the road was closed.", (10, 15), "geonames:6"),
    ("Police in Paris, Tennessee said the road was closed.", (10, 15), "geonames:6"),
    ("Police in Paris said the road was closed.", (10, 15), "geonames:1"),
])
def test_resolve_spans_state_named_after_a_comma_picks_the_town_inside_it(geocoder, text, span, expected):
    res = geocoder.resolve_spans(text, [span], "en")
    assert res[0].place is not None and res[0].place.place_id == expected


@pytest.mark.parametrize("text", ["Russia and Syria met in Geneva.", "La Syrie et l'Irak ont signé.",
                                  "Troops left Syria."])
def test_resolve_spans_country_name_beats_a_small_namesake_town(geocoder, text):
    start = text.index("Syri")
    end = start + (5 if text[start:start + 5] in ("Syria", "Syrie") else 0)
    res = geocoder.resolve_spans(text, [(start, end)], "en")
    assert res[0].place is not None and res[0].place.place_id == "country:SY"


@pytest.mark.parametrize("text, lang", [
    ("Hashem al-Kindi, chef du groupe, a déclaré à la presse que l'escalade se poursuit.", "fr"),
    ("Hashem al-Kindi told reporters the escalation would go on.", "en"),
])
def test_find_toponyms_place_word_inside_a_person_entity_is_not_a_place(geocoder, text, lang):
    found = geocoder.find_toponyms(text, lang, ner_spans=[(0, 15, "LOC")])
    assert not any("Kindi" in r.span.text and r.place is not None for r in found)


@pytest.mark.parametrize("text, lang", [
    ("Le système a été envoyé à la base dans le champ gazier de Conoco.", "fr"),
    ("Le système a été envoyé à sa base dans le champ de gaz naturel Conoco.", "fr"),
    ("Drones struck the Conoco gas field.", "en"),
])
def test_find_toponyms_conoco_with_a_field_word_is_the_gas_field(geocoder, text, lang):
    ids = [r.place.place_id for r in geocoder.find_toponyms(text, lang) if r.place]
    assert "site:conoco-gas-field" in ids


@pytest.mark.parametrize("text, unknown, unit, precision", [
    ("Clashes hit Zzyzxville in Anbar province on Monday.", (12, 22), "admin1:IQ.01", GEO_REGION),
    ("A strike on Qqorbat, Deir ez-Zor governorate, killed two.", (12, 19), "admin1:SY.07", GEO_REGION),
])
def test_resolve_spans_unknown_village_falls_back_to_the_unit_named_in_the_sentence(geocoder, text, unknown, unit,
                                                                                    precision):
    unit_start = text.index("Anbar") if "Anbar" in text else text.index("Deir ez-Zor")
    unit_end = unit_start + (5 if "Anbar" in text else 11)
    res = geocoder.resolve_spans(text, [unknown, (unit_start, unit_end)], "en")
    assert res[0].place is not None and res[0].place.place_id == unit
    assert res[0].geo_precision == precision and "fell back" in res[0].reason


def test_resolve_spans_unknown_name_falls_back_to_the_document_focus_or_abstains(geocoder):
    res = geocoder.resolve_spans("Zzyzxville was quiet. Baghdad too. Baghdad slept.", [(0, 10), (22, 29), (35, 42)],
                                 "en")
    # a place the document names twice stands in for an unknown given span (neighbourhoods of its city)
    assert res[0].place is not None and res[0].place.place_id == "geonames:98182" and res[0].score < 0.5
    lone = geocoder.resolve_spans("Zzyzxville was quiet.", [(0, 10)], "en")
    assert lone[0].place is None and lone[0].reason


@pytest.mark.parametrize("text, unknown", [
    ("A fire broke out on Zzyzx Street in Baghdad.", (20, 32)),
    ("حريق في شارع الزززز في بغداد", (8, 19)),
])
def test_resolve_spans_unknown_street_or_hospital_lies_in_the_only_town_named(geocoder, text, unknown):
    town = text.index("Baghdad") if "Baghdad" in text else text.index("بغداد")
    res = geocoder.resolve_spans(text, [unknown, (town, town + (7 if "Baghdad" in text else 5))], "ar")
    assert res[0].place is not None and res[0].place.place_id == "geonames:98182"
    assert res[0].geo_precision == GEO_NEAR


@pytest.mark.parametrize("surface, place_id", [("Lebanese", None), ("Irish", None), ("Japanese", None),
                                                ("syrienne", "country:SY"), ("Iraqis", "country:IQ")])
def test_demonym_table_maps_irregular_nationality_words(geocoder, surface, place_id):
    from eventwire.geo.geocode import load_demonyms

    assert load_demonyms()["lebanese"] == "LB" and load_demonyms()["irish"] == "IE"
    res = geocoder.resolve_spans(f"The {surface} side.", [(4, 4 + len(surface))], "en")
    if place_id:  # the tiny index has only SY/IQ/US countries; others abstain rather than guess
        assert res[0].place is not None and res[0].place.place_id == place_id


# --- integration: the real index -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real_geocoder() -> Geocoder:
    path = Settings.from_overrides({}).gazetteer_file()
    if not path.exists():
        pytest.skip("gazetteer index not built (run 'eventwire gazetteer build' or make)")
    return Geocoder(Gazetteer.open(path))


SEED_SITES = {  # published positions (see data/sites.tsv sources)
    "conoco": (35.336, 40.309), "tanf": (33.506, 38.618), "rukban": (33.311, 38.669), "assad": (33.786, 42.441),
    "omar": (35.08, 40.52), "shadadi": (36.058, 40.735), "walid": (33.433, 38.937),
}


@pytest.mark.integration
def test_seed_places_resolve_within_40_km(real_geocoder):
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("../shared/seeds not present")
    found: dict[str, float] = {}
    for path in seeds:
        for r in real_geocoder.find_toponyms(path.read_text(encoding="utf-8"), "fr"):
            if r.place is None:
                continue
            key = next((k for k in SEED_SITES if k in r.span.text.lower().replace("-", "").replace("ï", "i")
                        .replace("shaddadi", "shadadi").replace("koniko", "conoco")), None)
            if key:
                d = haversine_km(*SEED_SITES[key], r.place.latitude, r.place.longitude)
                found[key] = max(found.get(key, 0.0), d)
    assert set(found) == set(SEED_SITES)
    assert all(d <= 40 for d in found.values()), found


@pytest.mark.integration
@pytest.mark.parametrize(
    "text, lang, place_id",
    [
        ("Un drone a visé la base d'Aïn al-Assad, dans l'ouest de l'Irak.", "fr", "site:ain-al-asad-air-base"),
        ("Rockets hit the al-Omar oil field in eastern Syria.", "en", "site:al-omar-oil-field"),
        ("استهدف هجوم بطائرة مسيرة قاعدة التنف في سوريا", "ar", "site:al-tanf-garrison"),
        ("Des combats à Hassaké et Kamechliyé.", "fr", "geonames:173811"),
    ],
)
def test_real_index_resolves_conflict_sites(real_geocoder, text, lang, place_id):
    ids = [r.place.place_id for r in real_geocoder.find_toponyms(text, lang) if r.place]
    assert place_id in ids


@pytest.mark.integration
@pytest.mark.parametrize("text, span, admin1", [
    ("A crash near Morgantown, W.Va., on Friday.", (13, 23), "West Virginia"),
    ("He lives in Columbia, S.C., now.", (12, 20), "South Carolina"),
    ("Paris, Tenn. police said.", (0, 5), "Tennessee"),
])
def test_real_index_us_state_abbreviations_qualify_towns(real_geocoder, text, span, admin1):
    res = real_geocoder.resolve_spans(text, [span], "en")
    assert res[0].place is not None and res[0].place.admin1 == admin1


@pytest.mark.integration
@pytest.mark.parametrize("surface, lat, lon", [("W.Va.", 38.5, -80.5), ("UAE", 24.0, 54.0), ("DRC", -2.5, 23.5)])
def test_real_index_abbreviations_resolve_near_geonames_points(real_geocoder, surface, lat, lon):
    res = real_geocoder.resolve_spans(f"News from {surface} today.", [(10, 10 + len(surface))], "en")
    assert res[0].place is not None
    assert haversine_km(lat, lon, res[0].place.latitude, res[0].place.longitude) < 300


@pytest.mark.integration
def test_real_index_seed_person_al_kindi_is_not_a_place_and_both_seed_fields_are(real_geocoder):
    seed = next(iter(sorted((SHARED / "seeds").glob("003_*.txt"))), None)
    if seed is None:
        pytest.skip("../shared/seeds not present")
    text = seed.read_text(encoding="utf-8")
    start = text.find("Hashem al-Kindi")
    if start < 0:
        pytest.skip("seed 003 changed")
    found = real_geocoder.find_toponyms(text, "fr", ner_spans=[(start, start + 15, "LOC")])
    assert not any(r.place is not None and r.place.name == "Kindi" for r in found)
    line = "le système avait été envoyé à la base américaine dans le champ pétrolier d’Al-Omar et à sa base " \
           "dans le champ de gaz naturel Conico"
    ids = {r.place.place_id for r in real_geocoder.find_toponyms(line, "fr") if r.place}
    assert {"site:al-omar-oil-field", "site:conoco-gas-field"} <= ids


@pytest.mark.integration
def test_real_index_toponym_gold_accuracy_sample(real_geocoder):
    gold = SHARED / "eval" / "geoparsing" / "toponyms_gold.jsonl"
    if not gold.exists():
        pytest.skip("../shared/eval toponym gold not present")
    from eventwire.geo.evaluate import evaluate_toponyms

    scores = evaluate_toponyms(gold, real_geocoder.gaz, datasets={"TR-News"}, limit_docs=400)
    assert scores["TR-News"]["n"] > 200
    assert scores["TR-News"]["acc161"] >= 85.0


# --- short conflict notes: context words, country context, loose matches, qualifiers -----------------------------

NOTE_ROWS = [
    _row("country:ZA", "South Africa", -29.0, 24.0, "ZA", "country", []),
    _row("country:SO", "Somalia", 6.0, 46.0, "SO", "country", []),
    _row("country:ET", "Ethiopia", 9.0, 39.5, "ET", "country", []),
    _row("admin1:ET.SOM", "Somali", 6.7, 44.0, "ET", "admin1", [], admin1_code="ET.SOM", admin1="Somali"),
    _row("geonames:11", "Ben Gardane", 33.138, 11.22, "TN", "city", [], population=87_000),
    _row("geonames:12", "Gudumbali", 12.95, 13.63, "NG", "city", [], population=0),
    _row("geonames:13", "Durban", -29.858, 31.029, "ZA", "city", [], population=3_120_000),
    _row("geonames:14", "Wentworth", -34.1, 141.9, "AU", "city", [], population=1_200),
    _row("geonames:15", "Narathiwat", 6.43, 101.82, "TH", "city", [], population=40_000),
    _row("geonames:16", "Kruununhaka", 60.17, 24.95, "FI", "city", ["01"], population=6_000),
    _row("geonames:17", "Park City", 45.63, -108.92, "US", "city", ["Park"], population=900),
    _row("geonames:18", "Baidoa", 3.117, 43.65, "SO", "city", [], population=129_000),
    _row("geonames:19", "Baidoa", 9.0, 40.0, "ET", "city", [], population=2_000),
    _row("geonames:20", "Modesto", 37.64, -120.99, "US", "city", ["MoD"], population=210_000),
]


@pytest.fixture(scope="module")
def note_geocoder(tmp_path_factory) -> Geocoder:
    path = tmp_path_factory.mktemp("gaz") / "notes.sqlite"
    write_index(path, iter(NOTE_ROWS), "test")
    return Geocoder(Gazetteer.open(path))


@pytest.mark.parametrize("text, name, label", [
    ("Traders blocked the road in Ben Gardane on Monday.", "Ben Gardane", "PERSON"),
    ("Military forces encounter militants at Gudumbali, killing two.", "Gudumbali", ""),
    ("In Gudumbali, residents barricaded roads.", "Gudumbali", ""),
])
def test_find_toponyms_town_after_in_or_at_is_a_place_whatever_the_ner_label(note_geocoder, text, name, label):
    start = text.index(name)
    ner = [(start, start + len(name), label)] if label else []
    found = _found(note_geocoder.find_toponyms(text, "en", ner))
    assert [n for n, pid in found if pid] == [name]


@pytest.mark.parametrize("text", ["Unknown gunmen on 01/07 kidnapped an envoy.",
                                  "Journalists gathered in Auckland Park to protest.",
                                  "Scores of insurgents killed in operations: MoD"])
def test_find_toponyms_numbers_generic_words_and_short_alternate_names_are_not_places(note_geocoder, text):
    ner = [(text.index("MoD"), text.index("MoD") + 3, "GPE")] if "MoD" in text else []
    assert [pid for _n, pid in _found(note_geocoder.find_toponyms(text, "en", ner)) if pid] == []


def test_find_toponyms_loose_spelling_match_abroad_is_not_taken_in_running_text(note_geocoder):
    text = "Gunmen shoot at 2 displaced students in Nertiti."
    start = text.index("Nertiti")
    results = note_geocoder.find_toponyms(text, "en", [(start, start + 7, "GPE")])
    assert [(r.span.text, r.place) for r in results] == [("Nertiti", None)]


def test_find_toponyms_actor_named_in_a_note_gives_the_country_context(note_geocoder):
    text = "AMISOM forces shelled Baidoa overnight."
    results = note_geocoder.find_toponyms(text, "en", [])
    assert _found(results) == [("Baidoa", "geonames:18")]


def test_find_toponyms_nationality_adjective_is_not_the_region_of_that_name(note_geocoder):
    text = "Somali government forces clashed with militants in Baidoa."
    assert _found(note_geocoder.find_toponyms(text, "en", [])) == [("Baidoa", "geonames:18")]


def test_find_toponyms_unknown_suburb_named_with_its_town_takes_the_town(note_geocoder):
    text = "About 500 people marched through the streets of Wentworth, Durban, singing."
    results = note_geocoder.find_toponyms(text, "en", [(text.index("Wentworth"), text.index("Wentworth") + 9, "LOC")])
    first = results[0]
    assert first.span.text == "Wentworth" and first.place is not None and first.place.place_id == "geonames:13"
    assert first.geo_precision == GEO_NEAR


# --- issue #4: resolution families found on GeoWebNews / LGL and on African conflict notes -----------------------

FAMILY_ROWS = [
    _row("country:ZA", "South Africa", -29.0, 24.0, "ZA", "country", []),
    _row("country:KE", "Kenya", 0.5, 38.0, "KE", "country", []),
    _row("country:CD", "DR Congo", -2.5, 23.5, "CD", "country", []),
    _row("country:GB", "United Kingdom", 54.0, -2.0, "GB", "country", []),
    _row("admin1:ZA.06", "Gauteng", -26.1, 28.1, "ZA", "admin1", [], admin1_code="ZA.06", admin1="Gauteng"),
    _row("admin1:CD.10", "Tanganyika", -6.0, 27.5, "CD", "admin1", [], admin1_code="CD.10", admin1="Tanganyika"),
    _row("admin1:GB.ENG", "England", 52.2, -0.7, "GB", "admin1", [], admin1_code="GB.ENG", admin1="England"),
    _row("geonames:101", "Soshanguve", -25.52, 28.10, "ZA", "city", [], admin1_code="ZA.06", population=400_000),
    _row("geonames:102", "Lakeview Heights", 42.0, -87.9, "US", "city", ["Velding"], population=12_000),
    _row("geonames:103", "Velding", 38.3, -81.6, "US", "city", [], population=1_600),
    _row("geonames:104", "Marimba", -1.35, 36.67, "KE", "city", [], population=102_000),
    _row("geonames:105", "Bulange", -5.8, 13.6, "CD", "city", [], admin1_code="CD.08", population=60_000),
    _row("geonames:106", "Kisumu", -0.10, 34.76, "KE", "city", [], population=400_000),
    _row("geonames:107", "Kisano", -2.35, 29.75, "RW", "city", [], population=30_000),
    _row("geonames:108", "Tumbi", 14.9, 3.4, "NE", "city", [], population=15_000),
    _row("geonames:109", "Sirtopolis", 31.2, 16.6, "LY", "city", ["Sirta"], population=120_000),
    _row("geonames:110", "Sirta", 47.2, 22.3, "RO", "city", [], population=3_000),
    _row("geonames:111", "Innstadt", 47.26, 11.39, "AT", "city", ["Inn"], population=130_000),
    _row("geonames:112", "Holm", 6.05, 121.0, "PH", "city", [], population=101_000),
    _row("geonames:113", "Dembi", 9.5, 37.0, "ET", "city", [], population=2_000),
    _row("geonames:114", "Fargo", 46.88, -96.79, "US", "city", [], population=120_000),
    _row("geonames:115", "Moorhead", 46.87, -96.77, "US", "city", [], population=44_000),
]


@pytest.fixture(scope="module")
def family_geocoder(tmp_path_factory) -> Geocoder:
    path = tmp_path_factory.mktemp("gaz") / "families.sqlite"
    write_index(path, iter(FAMILY_ROWS), "test")
    return Geocoder(Gazetteer.open(path))


def _ner(text, *words, label="GPE"):
    return [(text.index(w), text.index(w) + len(w), label) for w in words]


def test_resolve_spans_main_name_beats_another_place_s_alternate_name(family_geocoder):
    text = "The council of Velding met on Monday."
    start = text.index("Velding")
    [r] = family_geocoder.resolve_spans(text, [(start, start + 7)], "en")
    assert r.place is not None and r.place.place_id == "geonames:103"


def test_resolve_spans_much_better_known_place_keeps_its_alternate_name(family_geocoder):
    text = "Fighters of Sirta shelled the port."
    start = text.index("Sirta")
    [r] = family_geocoder.resolve_spans(text, [(start, start + 5)], "en")
    assert r.place is not None and r.place.place_id == "geonames:109"


def test_resolve_spans_word_of_a_longer_name_that_is_only_an_alternate_name_is_not_a_place(family_geocoder):
    text = "They met at the Harbour Inn on Friday."
    start = text.index("Harbour Inn")
    [r] = family_geocoder.resolve_spans(text, [(start, start + 11)], "en")
    assert r.place is None or r.place.place_id != "geonames:111"


@pytest.mark.parametrize("surface, place_id", [("English", "admin1:GB.ENG")])
def test_resolve_spans_nationality_adjective_of_a_constituent_country(family_geocoder, surface, place_id):
    text = f"The {surface} team won."
    start = text.index(surface)
    [r] = family_geocoder.resolve_spans(text, [(start, start + len(surface))], "en")
    assert r.place is not None and r.place.place_id == place_id


def test_find_toponyms_alternate_name_abroad_does_not_beat_the_document_country(family_geocoder):
    text = "Residents of Soshanguve, Gauteng, marched to the Velding offices in Soshanguve."
    found = dict(_found(family_geocoder.find_toponyms(text, "en", _ner(text, "Soshanguve", "Gauteng"))))
    assert found.get("Soshanguve") == "geonames:101"
    assert "geonames:102" not in found.values()


def test_find_toponyms_compass_word_and_name_inside_one_ner_entity_is_not_the_bare_name(family_geocoder):
    text = "Police dispersed residents in Kagisoville, on the West Velding, over housing."
    ner = _ner(text, "Kagisoville") + [(text.index("the West"), text.index("the West") + 16, "GPE")]
    assert [pid for _n, pid in _found(family_geocoder.find_toponyms(text, "en", ner)) if pid] == []


@pytest.mark.parametrize("text", ["Armed youths raided cattle camps in Aniet-Marimba, killing two.",
                                  "Des jeunes armés ont attaqué Marimba-Kot, tuant deux personnes."])
def test_find_toponyms_part_of_a_hyphenated_name_does_not_match_alone(family_geocoder, text):
    assert [pid for _n, pid in _found(family_geocoder.find_toponyms(text, "en", [])) if pid] == []


def test_find_toponyms_two_places_joined_by_a_hyphen_are_still_found(family_geocoder):
    text = "Flood waters rose in Fargo-Moorhead overnight."
    found = [pid for _n, pid in _found(family_geocoder.find_toponyms(text, "en", [])) if pid]
    assert "geonames:114" in found  # Moorhead names a place, so Fargo is not the part of an unknown name


def test_find_toponyms_loose_spelling_match_far_from_the_named_province_falls_back_to_it(family_geocoder):
    text = "Militiamen looted shops in the village of Bulenge, Tanganyika."
    results = family_geocoder.find_toponyms(text, "en", _ner(text, "Bulenge", "Tanganyika"))
    first = next(r for r in results if r.span.text == "Bulenge")
    assert first.place is not None and first.place.place_id == "admin1:CD.10"
    assert first.geo_precision == GEO_REGION


def test_find_toponyms_small_town_outside_the_document_country_abstains(family_geocoder):
    text = "Police fired teargas at protesters in Kisano region after the Kisumu results."
    found = dict(_found(family_geocoder.find_toponyms(text, "en", _ner(text, "Kisano", "Kisumu"))))
    assert found.get("Kisumu") == "geonames:106" and found.get("Kisano") is None


def test_find_toponyms_first_words_of_a_longer_name_after_a_comma_are_not_a_nearby_town(family_geocoder):
    text = "People protested in Dembi district, Holm Guduru Walaga zone, on Friday."
    results = family_geocoder.find_toponyms(text, "en", _ner(text, "Dembi district"))
    assert all(r.place is None or r.place.country_code != "PH" for r in results)


@pytest.mark.parametrize("text", ["Tumbi herdsmen clashed with farmers near the border.",
                                  "Tumbi militia attacked a village on Sunday."])
def test_find_toponyms_name_before_a_group_noun_is_an_ethnic_group_not_a_place(family_geocoder, text):
    assert [pid for _n, pid in _found(family_geocoder.find_toponyms(text, "en", [])) if pid] == []


def test_find_toponyms_same_name_after_a_preposition_is_a_place(family_geocoder):
    text = "Gunmen attacked herdsmen in Tumbi on Sunday."
    assert ("Tumbi", "geonames:108") in _found(family_geocoder.find_toponyms(text, "en", []))


def test_find_toponyms_town_that_opens_an_organisation_name_is_found(family_geocoder):
    text = "The Sirtopolis Revolutionaries Shura Council shelled army positions in the town."
    ner = [(0, text.index(" shelled"), "ORG")]
    assert ("Sirtopolis", "geonames:109") in _found(family_geocoder.find_toponyms(text, "en", ner))
