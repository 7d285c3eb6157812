"""The `eventwire` command line: each command is one library call plus formatting.

Exit codes: 0 success; 1 an error with a code (E0xx) that says how to fix it; 2 bad usage; 3 documents were
quarantined and --strict was given.
"""
from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import IO, Iterator, List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .errors import Errors, EventwireError
from .settings import SETTINGS, Settings

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="eventwire: news reports -> geocoded, dated, source-attributed conflict events.")
quarantine_app = typer.Typer(help="Documents that could not be processed, with coded reasons.")
app.add_typer(quarantine_app, name="quarantine")
err = Console(stderr=True)

SETTING_HELP = "Override a setting, NAME=VALUE (repeatable). Settings: " + "; ".join(
    f"{s.name} ({s.default!r}): {s.help}" for s in SETTINGS)
EXPORT_FORMATS = ("jsonl", "csv", "acled", "plover", "geojson", "table")


def _settings(pairs: Optional[List[str]]) -> Settings:
    overrides = {}
    for pair in pairs or []:
        if "=" not in pair:
            raise EventwireError(Errors.E009.format(name=pair, detail="use NAME=VALUE"))
        name, value = pair.split("=", 1)
        overrides[name.strip()] = value
    return Settings.from_overrides(overrides)


@contextlib.contextmanager
def _output(path: Optional[Path]) -> Iterator[IO[str]]:
    if path is None or str(path) == "-":
        yield sys.stdout
    else:
        with open(path, "w", encoding="utf-8", newline="") as fp:
            yield fp


@contextlib.contextmanager
def _progress(total_hint: Optional[int], label: str) -> Iterator[Optional[Progress]]:
    if not err.is_terminal:
        yield None
        return
    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err) as progress:
        yield progress


def _count_inputs(paths: List[Path]) -> Optional[int]:
    n = 0
    for p in paths:
        if p.is_dir():
            n += sum(1 for f in p.rglob("*") if f.is_file())
        elif p.suffix == ".jsonl" and p.exists():
            with open(p, "rb") as fp:
                n += sum(1 for _ in fp)
        else:
            n += 1
    return n or None


def _fail(exc: EventwireError) -> None:
    err.print(f"[red]{exc}[/red]", markup=True, highlight=False, soft_wrap=True)
    raise typer.Exit(1)


def events_table(events: list, title: str = "events") -> Table:
    """A Rich table of events for the terminal."""
    table = Table(title=title, show_lines=False)
    for col in ("date", "p", "sub_event_type", "location", "country", "actor1", "actor2", "claimant", "modality", "fat"):
        table.add_column(col, overflow="fold")
    for ev in events:
        table.add_row(ev.event_date or "", str(ev.time_precision or ""), ev.sub_event_type or "", ev.location or "",
                      ev.country or "", ev.actor1 or "", ev.actor2 or "", ev.claimant or "", ev.modality,
                      "" if ev.fatalities is None else str(ev.fatalities))
    return table


@app.command()
def extract(
    paths: List[Path] = typer.Argument(..., help="Files (.txt, .html, .jsonl) or directories."),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl | csv | acled | plover | geojson | table"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Output file (default: stdout)."),
    strict: bool = typer.Option(False, "--strict", help="Exit 3 when any document was quarantined."),
    setting: Optional[List[str]] = typer.Option(None, "--setting", "-s", help=SETTING_HELP),
) -> None:
    """Extract events from documents and stream them out (no database)."""
    from .export import write_events
    from .pipeline import extract_paths

    try:
        settings = _settings(setting)
        if fmt not in EXPORT_FORMATS:
            raise EventwireError(Errors.E006.format(fmt=fmt, choices=", ".join(EXPORT_FORMATS)))
        with _progress(_count_inputs(paths), "extracting") as progress:
            task = progress.add_task("docs", total=_count_inputs(paths)) if progress else None
            events, summary, quarantined = extract_paths(
                paths, settings, on_progress=(lambda n: progress.advance(task, n)) if progress and task is not None else None)
        if fmt == "table":
            Console().print(events_table(events))
        else:
            with _output(output) as fp:
                write_events(events, fmt, fp)
        err.print(f"{summary.documents_in} documents: {summary.processed} processed, {summary.quarantined} quarantined "
                  f"{summary.by_code or ''}; {summary.mentions} mentions -> {summary.events} events "
                  f"in {summary.seconds:.1f}s", highlight=False)
        for q in quarantined:
            err.print(f"  quarantined {q.origin} [{q.code}] {q.reason}", markup=False, highlight=False)
    except EventwireError as exc:
        _fail(exc)
    if strict and summary.quarantined:
        err.print(Errors.E013.format(count=summary.quarantined), highlight=False)
        raise typer.Exit(3)


@app.command()
def process(
    paths: List[Path] = typer.Argument(..., help="Files (.txt, .html, .jsonl) or directories."),
    db: str = typer.Option("eventwire.db", "--db", help="Store: a file path or sqlite:///path."),
    strict: bool = typer.Option(False, "--strict", help="Exit 3 when any document was quarantined."),
    setting: Optional[List[str]] = typer.Option(None, "--setting", "-s", help=SETTING_HELP),
) -> None:
    """Ingest, extract and fuse into a store; resumable and idempotent."""
    from .pipeline import process_paths
    from .store import Store

    try:
        settings = _settings(setting)
        store = Store.open(db)
        total = _count_inputs(paths)
        with _progress(total, "processing") as progress:
            task = progress.add_task("docs", total=total) if progress else None
            summary = process_paths(paths, store, settings,
                                    on_progress=(lambda n: progress.advance(task, n)) if progress and task is not None else None)
        counts = store.counts()
        store.close()
    except EventwireError as exc:
        _fail(exc)
    err.print(f"{summary.documents_in} documents read: {summary.processed} processed, {summary.already_stored} already "
              f"stored, {summary.quarantined} quarantined {summary.by_code or ''}; store now holds "
              f"{counts['documents']} documents, {counts['quarantine']} quarantined, {counts['mentions']} mentions, "
              f"{counts['events']} events ({summary.seconds:.1f}s)", highlight=False)
    if strict and summary.quarantined:
        err.print(Errors.E013.format(count=summary.quarantined), highlight=False)
        raise typer.Exit(3)


@app.command()
def export(
    db: str = typer.Option("eventwire.db", "--db", help="Store: a file path or sqlite:///path."),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl | csv | acled | plover | geojson | table"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Output file (default: stdout)."),
    country: Optional[str] = typer.Option(None, help="Only events in this country (English name)."),
    event_type: Optional[str] = typer.Option(None, "--event-type", help="Only this ACLED event type."),
    sub_event_type: Optional[str] = typer.Option(None, "--sub-event-type", help="Only this ACLED sub-event type."),
    actor: Optional[str] = typer.Option(None, help="Only events with this actor1 or actor2."),
    date_from: Optional[str] = typer.Option(None, "--from", help="Only events on or after YYYY-MM-DD."),
    date_to: Optional[str] = typer.Option(None, "--to", help="Only events on or before YYYY-MM-DD."),
    bbox: Optional[str] = typer.Option(None, help="min_lon,min_lat,max_lon,max_lat"),
) -> None:
    """Export events from a store."""
    from .export import write_events
    from .store import Store

    try:
        if fmt not in EXPORT_FORMATS:
            raise EventwireError(Errors.E006.format(fmt=fmt, choices=", ".join(EXPORT_FORMATS)))
        if not Path(db.replace("sqlite:///", "")).exists():
            raise EventwireError(Errors.E007.format(url=db, detail="no such file; run 'eventwire process' first"))
        box = None
        if bbox:
            try:
                parts = tuple(float(v) for v in bbox.split(","))
            except ValueError:
                parts = ()
            if len(parts) != 4:
                raise EventwireError(Errors.E009.format(name="bbox", detail="give min_lon,min_lat,max_lon,max_lat"))
            box = parts
        store = Store.open(db)
        events = store.query_events(bbox=box, country=country, event_type=event_type, sub_event_type=sub_event_type,
                                    actor=actor, date_from=date_from, date_to=date_to)
        store.close()
        if fmt == "table":
            Console(width=200).print(events_table(events, title=f"{len(events)} events in {db}"))
            return
        with _output(output) as fp:
            n = write_events(events, fmt, fp)
        if output is not None:
            err.print(f"wrote {n} events to {output}", highlight=False)
    except EventwireError as exc:
        _fail(exc)


@quarantine_app.command("list")
def quarantine_list(
    db: str = typer.Option("eventwire.db", "--db", help="Store: a file path or sqlite:///path."),
) -> None:
    """List quarantined documents with their coded reasons."""
    from .errors import QUARANTINE_CODES
    from .store import Store

    try:
        store = Store.open(db)
        rows = store.quarantined()
        store.close()
    except EventwireError as exc:
        _fail(exc)
    table = Table(title=f"{len(rows)} quarantined documents")
    for col in ("code", "meaning", "document", "origin", "reason"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(r["code"], QUARANTINE_CODES.get(r["code"], ""), r["doc_id"], r["origin"], r["reason"])
    Console(width=200).print(table)


def _register_optional() -> None:
    try:
        from .cli_gazetteer import gazetteer_app

        app.add_typer(gazetteer_app, name="gazetteer")
    except ImportError:  # pragma: no cover
        pass
    try:
        from .cli_evaluate import evaluate_command

        app.command("evaluate")(evaluate_command)
    except ImportError:  # pragma: no cover
        pass


_register_optional()


def main() -> None:
    """Console entry point."""
    app()


if __name__ == "__main__":
    main()
