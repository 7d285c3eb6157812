"""`eventwire gazetteer …`: build the index, add your own places, import GeoNames dumps, look names up.

Each command is one library call (eventwire.geo) plus formatting. The index lives at
`Settings.gazetteer_file()` ($EVENTWIRE_DATA_DIR/gazetteer.sqlite); user places and imported dumps are kept
next to it so a rebuild keeps them.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from .errors import EventwireError
from .settings import Settings

gazetteer_app = typer.Typer(help="Build, inspect and extend the gazetteer index (places for geocoding).",
                            no_args_is_help=True)
_console = Console()


def _paths() -> tuple[Path, Path]:
    settings = Settings.from_overrides({})
    index = settings.gazetteer_file()
    return index, index.parent


def _fail(exc: Exception) -> None:
    _console.print(f"[red]{exc}[/red]")
    raise typer.Exit(code=2)


@gazetteer_app.command("build")
def build(force: bool = typer.Option(False, "--force", help="Rebuild even if the index is up to date.")) -> None:
    """Build the gazetteer index once (cached: does nothing when it is up to date)."""
    from .geo import build_gazetteer

    index, data_dir = _paths()
    with _console.status("building gazetteer (about a minute)…"):
        stats = build_gazetteer(index, force=force, data_dir=data_dir)
    if not stats.get("built"):
        _console.print(f"gazetteer up to date: {index}")
        return
    table = Table(title=f"gazetteer built in {stats['seconds']} s → {index} ({stats['size_mb']} MB)")
    table.add_column("feature")
    table.add_column("places", justify="right")
    for key in ("country", "region", "admin1", "admin2", "city", "airport", "site"):
        table.add_row(key, str(stats.get(key, 0)))
    _console.print(table)


@gazetteer_app.command("add")
def add(
    place_id: str = typer.Argument(..., help="Short id, e.g. my-checkpoint-7 (becomes user:my-checkpoint-7)."),
    name: str = typer.Argument(..., help="English (or main) name."),
    lat: float = typer.Argument(..., help="Latitude, WGS84 decimal degrees."),
    lon: float = typer.Argument(..., help="Longitude, WGS84 decimal degrees."),
    country: str = typer.Option("", "--country", help="ISO 3166-1 alpha-2 code, e.g. SY."),
    type_: str = typer.Option("site", "--type", help="base, camp, crossing, oil_field, gas_field, dam, airport…"),
    name_fr: str = typer.Option("", "--name-fr"),
    name_ar: str = typer.Option("", "--name-ar"),
    aliases: str = typer.Option("", "--aliases", help="'|'-separated variants; '~name' = only next to a context word."),
    admin1: str = typer.Option("", "--admin1", help="Admin1 name; default: nearest admin1 of the country."),
    source: str = typer.Option("", "--source", help="Where the coordinates come from."),
) -> None:
    """Add your own place to the gazetteer (kept in user_places.tsv next to the index)."""
    from .geo.build import add_place

    index, data_dir = _paths()
    try:
        result = add_place(index, {"id": place_id, "type": type_, "name_en": name, "name_fr": name_fr,
                                   "name_ar": name_ar, "aliases": aliases, "country_code": country,
                                   "admin1": admin1, "lat": str(lat), "lon": str(lon), "source1": source},
                           data_dir=data_dir)
    except (ValueError, EventwireError) as exc:
        _fail(exc)
        return
    _console.print(f"added {result.get('added', place_id)} → {result.get('path', index)}")


@gazetteer_app.command("import")
def import_(path: Path = typer.Argument(..., exists=True, dir_okay=False,
                                        help="A GeoNames country dump such as SY.txt (19 tab-separated columns).")) -> None:
    """Import a GeoNames country dump (villages, districts, bases, camps…) into the index."""
    from .geo.build import import_geonames

    index, data_dir = _paths()
    with _console.status(f"importing {path.name}…"):
        result = import_geonames(index, path, data_dir=data_dir)
    _console.print(", ".join(f"{k}: {v}" for k, v in result.items()))


@gazetteer_app.command("lookup")
def lookup(name: str = typer.Argument(..., help="A place name in any script."),
           limit: int = typer.Option(10, "--limit", "-n")) -> None:
    """Show the places a name may refer to, best known first."""
    from .geo import Gazetteer, normalize_name

    index, _data_dir = _paths()
    try:
        gaz = Gazetteer.open(index)
    except EventwireError as exc:
        _fail(exc)
        return
    found = gaz.lookup(name, limit=limit)
    table = Table(title=f"'{name}' → key '{normalize_name(name)}': {len(found)} place(s)")
    for col in ("place_id", "name", "feature", "type", "admin1", "country", "lat", "lon", "population", "match"):
        table.add_column(col)
    for c in found:
        p = c.place
        table.add_row(p.place_id, p.name, p.feature, p.site_type, p.admin1, p.country, f"{p.latitude:.4f}",
                      f"{p.longitude:.4f}", str(p.population), c.match + (" (~context)" if c.kind == 1 else ""))
    _console.print(table)


def main(argv: Optional[list[str]] = None) -> None:  # pragma: no cover - convenience entry point
    gazetteer_app(argv)
