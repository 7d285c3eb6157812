"""Geocoding: name normalization, the gazetteer index, toponym recognition/resolution and event location.

Public API: `build_gazetteer(path, force)` builds the SQLite index once; `Gazetteer.open(path)` reads it;
`Geocoder(gaz)` finds and resolves toponyms in a document (`find_toponyms`), picks where an event happened
(`event_location`) and resolves given spans (`resolve_spans`, for evaluation); `normalize_name` is the
comparison key shared by all of them.
"""
from __future__ import annotations

from .build import build_gazetteer
from .gazetteer import Candidate, Gazetteer
from .normalize import loose_key, normalize_name

__all__ = ["Candidate", "Gazetteer", "Geocoder", "build_gazetteer", "loose_key", "normalize_name"]


def __getattr__(name: str):  # Geocoder is imported lazily so build/normalize stay light
    if name == "Geocoder":
        from .geocode import Geocoder

        return Geocoder
    raise AttributeError(name)
