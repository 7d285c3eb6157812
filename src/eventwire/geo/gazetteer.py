"""Read access to the built gazetteer index: exact and loose name lookup, FTS search, places by id.

`Gazetteer.open(path)` is cheap (one read-only SQLite connection plus the small country and admin1 tables)
and cached per path, so every stage can call it. Candidates come back as `Candidate` records carrying the
`models.Place` plus what the resolver ranks on (population, number of alternate names, feature, whether the
name needs a context word).
"""
from __future__ import annotations

import json
import math
import sqlite3
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Optional, Sequence

from ..errors import Errors, EventwireError
from ..models import Place
from .normalize import is_arabic, loose_key, normalize_name

_COLUMNS = "pid, place_id, name, lat, lon, cc, admin1_code, admin1, feature, site_type, population, nnames"


@dataclass(frozen=True)
class Candidate:
    """One gazetteer place a name may refer to, with the facts the resolver ranks on."""

    pid: int
    place: Place
    admin1_code: str
    nnames: int
    kind: int = 0  # 0 plain name, 1 needs a context word ('~' alias), 2 abbreviation
    match: str = "exact"  # exact | loose | fuzzy (close spelling) | typed (after a type word) | fts
    primary: bool = False  # the name is the place's main name

    @property
    def feature(self) -> str:
        return self.place.feature


class Gazetteer:
    """A read-only handle on a gazetteer index (see `build_gazetteer`)."""

    _cache: dict[str, "Gazetteer"] = {}
    _lock = threading.Lock()

    def __init__(self, con: sqlite3.Connection, path: Path):
        self.path = path
        self._con = con
        self._countries: dict[str, tuple[str, str, frozenset[str], Optional[int]]] = {}
        for cc, iso3, name, neigh, pid in con.execute("SELECT cc, iso3, name, neighbours, pid FROM countries"):
            self._countries[cc] = (iso3 or "", name, frozenset(n for n in (neigh or "").split(",") if n), pid)
        self._admin1: dict[str, tuple[str, int]] = {
            code: (name, pid) for code, name, pid in con.execute("SELECT code, name, pid FROM admin1")
        }
        self._place_cache: dict[int, Candidate] = {}
        self._admin1_points: Optional[dict[str, list[tuple[float, float, str]]]] = None
        # country -> (normalized name -> row ids, first letter -> names), read once per country
        self._keys_by_country: dict[str, tuple[dict[str, list[int]], dict[str, list[str]]]] = {}

    @classmethod
    def open(cls, path: Path) -> "Gazetteer":
        """Open (or reuse) the index at `path`; raises EventwireError E005 when it is missing or unreadable."""
        key = str(Path(path).resolve())
        with cls._lock:
            gaz = cls._cache.get(key)
            if gaz is not None:
                return gaz
            if not Path(path).exists():
                raise EventwireError(Errors.E005.format(path=path))
            try:
                con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
                con.execute("SELECT v FROM meta WHERE k='fingerprint'").fetchone()
                gaz = cls(con, Path(path))
            except sqlite3.Error:
                raise EventwireError(Errors.E005.format(path=path)) from None
            cls._cache[key] = gaz
            return gaz

    @classmethod
    def forget(cls, path: Path) -> None:
        """Drop a cached handle (after a rebuild)."""
        key = str(Path(path).resolve())
        with cls._lock:
            gaz = cls._cache.pop(key, None)
        if gaz is not None:
            gaz._con.close()

    # --- facts -------------------------------------------------------------------------------------------

    def meta(self) -> dict[str, str]:
        """The index's meta table (fingerprint, build version, build time, stats)."""
        return {k: v for k, v in self._con.execute("SELECT k, v FROM meta")}

    def stats(self) -> dict[str, int]:
        """Counts per feature recorded at build time."""
        return dict(json.loads(self.meta().get("stats", "{}")))

    def country_name(self, cc: str) -> str:
        return self._countries.get(cc, ("", cc, frozenset(), None))[1]

    def iso3(self, cc: str) -> str:
        return self._countries.get(cc, ("", "", frozenset(), None))[0]

    def neighbours(self, cc: str) -> frozenset[str]:
        return self._countries.get(cc, ("", "", frozenset(), None))[2]

    def admin1_name(self, code: str) -> str:
        return self._admin1.get(code, ("", 0))[0]

    def nearest_admin1(self, cc: str, lat: float, lon: float) -> str:
        """Name of the admin1 unit of country `cc` whose centre is nearest to (lat, lon), or ''."""
        if self._admin1_points is None:
            pts: dict[str, list[tuple[float, float, str]]] = {}
            for name, plat, plon, pcc in self._con.execute(
                    "SELECT a.name, p.lat, p.lon, p.cc FROM admin1 a JOIN places p ON p.pid = a.pid"):
                pts.setdefault(pcc, []).append((plat, plon, name))
            self._admin1_points = pts
        cands = self._admin1_points.get(cc) or []
        if not cands:
            return ""
        return min(cands, key=lambda a: (a[0] - lat) ** 2 + ((a[1] - lon) * math.cos(math.radians(lat))) ** 2)[2]

    def country_pid(self, cc: str) -> Optional[int]:
        """Row id of a country's place (for `by_pid`), or None."""
        return self._countries.get(cc, ("", "", frozenset(), None))[3]

    def country_place(self, cc: str) -> Optional[Place]:
        pid = self._countries.get(cc, ("", "", frozenset(), None))[3]
        return self.by_pid(pid).place if pid else None

    def admin1_place(self, code: str) -> Optional[Place]:
        entry = self._admin1.get(code)
        return self.by_pid(entry[1]).place if entry else None

    # --- rows → records ----------------------------------------------------------------------------------

    def _candidate(self, row: Sequence, kind: int = 0, match: str = "exact", key: str = "") -> Candidate:
        pid, place_id, name, lat, lon, cc, admin1_code, admin1, feature, site_type, population, nnames = row
        country = self.country_name(cc)
        if feature == "admin1":
            admin1 = admin1 or name
        place = Place(place_id=place_id, name=name, latitude=lat, longitude=lon, country_code=cc,
                      country=country, iso3=self.iso3(cc), admin1=admin1 or "", feature=feature,
                      site_type=site_type or "", population=population or 0)
        return Candidate(pid, place, admin1_code or "", nnames or 0, kind, match,
                         primary=bool(key) and normalize_name(name) == key)

    def by_pid(self, pid: int) -> Candidate:
        cached = self._place_cache.get(pid)
        if cached is None:
            row = self._con.execute(f"SELECT {_COLUMNS} FROM places WHERE pid=?", (pid,)).fetchone()
            cached = self._candidate(row)
            self._place_cache[pid] = cached
        return cached

    def geonameid(self, place_id: str) -> int:
        """The GeoNames id of a place (cities, countries, admin units, regions), or 0 when it has none."""
        try:
            row = self._con.execute("SELECT gid FROM places WHERE place_id=?", (place_id,)).fetchone()
        except sqlite3.OperationalError:  # an index built before GeoNames ids were stored
            return 0
        return int(row[0]) if row and row[0] else 0

    def by_place_id(self, place_id: str) -> Optional[Place]:
        row = self._con.execute(f"SELECT {_COLUMNS} FROM places WHERE place_id=?", (place_id,)).fetchone()
        return self._candidate(row).place if row else None

    # --- lookups -----------------------------------------------------------------------------------------

    def lookup_keys(self, keys: Iterable[str]) -> dict[str, list[Candidate]]:
        """Exact lookup of many normalized keys at once (one query per 500 keys)."""
        keys = list(dict.fromkeys(k for k in keys if k))
        out: dict[str, list[Candidate]] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            marks = ",".join("?" * len(chunk))
            sql = (f"SELECT n.key, n.kind, {', '.join('p.' + c.strip() for c in _COLUMNS.split(','))} "
                   f"FROM names n JOIN places p ON p.pid = n.pid WHERE n.key IN ({marks})")
            for row in self._con.execute(sql, chunk):
                out.setdefault(row[0], []).append(self._candidate(row[2:], kind=row[1], key=row[0]))
        return out

    def lookup_loose(self, name: str) -> list[Candidate]:
        """Candidates whose transliteration-insensitive key equals that of `name`."""
        key = loose_key(name)
        if len(key) < 3:
            return []
        sql = (f"SELECT {', '.join('p.' + c.strip() for c in _COLUMNS.split(','))} FROM loose l "
               f"JOIN places p ON p.pid = l.pid WHERE l.key = ?")
        return [self._candidate(row, match="loose") for row in self._con.execute(sql, (key,))]

    def _country_keys(self, cc: str) -> tuple[dict[str, list[int]], dict[str, list[str]]]:
        """Plain names (normalized) of the towns, districts and admin1 units of one country → their row ids, and
        the same names grouped by first letter."""
        cached = self._keys_by_country.get(cc)
        if cached is None:
            keys: dict[str, list[int]] = {}
            sql = ("SELECT n.key, n.pid FROM places p CROSS JOIN names n ON n.pid = p.pid "
                   "WHERE p.cc = ? AND n.kind = 0 AND p.feature IN ('city', 'admin2', 'admin1')")
            for key, pid in self._con.execute(sql, (cc,)):
                keys.setdefault(key, []).append(pid)
            by_letter: dict[str, list[str]] = {}
            for k in keys:
                by_letter.setdefault(k[:1], []).append(k)
            cached = self._keys_by_country[cc] = (keys, by_letter)
        return cached

    def lookup_fuzzy(self, name: str, countries: Iterable[str], threshold: float = 90.0,
                     min_length: int = 6) -> list[Candidate]:
        """Towns, districts and admin1 units of `countries` whose name is a close spelling of `name`
        ("Shashamene" → Shashemene): edit similarity (rapidfuzz ratio) at least `threshold` on the normalized
        key, same first letter and number of words, keys of `min_length` letters or more. Latin script only; the
        candidates come back with match='fuzzy'. Meant for names that have no exact candidate."""
        from rapidfuzz import fuzz, process

        key = normalize_name(name)
        if len(key.replace(" ", "")) < min_length or is_arabic(key):
            return []
        n_words = len(key.split())
        out: list[Candidate] = []
        seen: set[int] = set()
        for cc in sorted(set(countries)):
            keys, by_letter = self._country_keys(cc)
            for other, _score, _i in process.extract(key, by_letter.get(key[:1], []), scorer=fuzz.ratio,
                                                     score_cutoff=threshold, limit=10):
                if len(other.split()) != n_words or len(other.replace(" ", "")) < min_length - 1:
                    continue
                for pid in keys[other]:
                    if pid not in seen:
                        seen.add(pid)
                        out.append(replace(self.by_pid(pid), match="fuzzy"))
        return out

    def candidates(self, name: str, loose: bool = True) -> list[Candidate]:
        """Every place `name` may refer to: exact normalized match, else (when `loose`) the loose key."""
        key = normalize_name(name)
        found = self.lookup_keys([key]).get(key, [])
        if not found and loose:
            found = self.lookup_loose(name)
        return found

    def search(self, text: str, limit: int = 20) -> list[Candidate]:
        """Full-text search over normalized names (all tokens must match), best-known places first."""
        tokens = [t for t in normalize_name(text).split() if t]
        if not tokens:
            return []
        query = " ".join('"' + t.replace('"', "") + '"' for t in tokens)
        sql = (f"SELECT {', '.join('p.' + c.strip() for c in _COLUMNS.split(','))} FROM name_fts f "
               f"JOIN places p ON p.pid = f.pid WHERE name_fts MATCH ? GROUP BY p.pid "
               f"ORDER BY p.nnames DESC, p.population DESC LIMIT ?")
        return [self._candidate(row, match="fts") for row in self._con.execute(sql, (query, limit))]

    def lookup(self, name: str, limit: int = 20) -> list[Candidate]:
        """Inspect a name: exact or loose candidates ranked by importance, else an FTS search."""
        found = self.candidates(name)
        if not found:
            found = self.search(name, limit)
        return sorted(found, key=lambda c: (-_feature_rank(c.feature), -c.place.population, -c.nnames))[:limit]


def _feature_rank(feature: str) -> int:
    return {"country": 5, "region": 4, "admin1": 4, "site": 3, "airport": 2, "city": 1, "admin2": 0}.get(feature, 0)
