"""Reading the data files that ship with the package (lexicons, dictionaries, curated places)."""
from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml


def data_text(relpath: str) -> str:
    """The text of `src/eventwire/data/<relpath>` (e.g. "lexicon/extract.yaml")."""
    return resources.files("eventwire").joinpath("data", *relpath.split("/")).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=32)
def _parsed(relpath: str) -> Any:
    return yaml.safe_load(data_text(relpath))


def data_yaml(relpath: str) -> Any:
    """A YAML data file, parsed once per process. Callers must not modify the result (it is shared)."""
    return _parsed(relpath)
