"""`eventwire evaluate`: score the pipeline against gold data; one library call plus a table (and JSON).

Registered by the CLI app as `app.command("evaluate")(evaluate_command)`.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def evaluate_command(
    kind: str = typer.Option(..., "--kind", help="events | typing | toponyms | event-location | arabic-events | "
                             "custom"),
    gold: Optional[Path] = typer.Option(None, "--gold", help="Gold file (default: the kind's third-party gold in "
                                        "../shared/eval)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score at most N records (per dataset/corpus/subset)."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Also write every metric as JSON to this file."),
    anchor: str = typer.Option("month", "--anchor", help="events: publication date given to documents: "
                               "month | none | next-day."),
    inputs: Optional[Path] = typer.Option(None, "--input", help="custom: input JSONL of the documents."),
) -> None:
    """Score eventwire against gold (events, typing, toponyms, event-location, arabic-events, custom)."""
    from .errors import Errors, EventwireError
    from .evaluate import DEFAULT_GOLD, evaluate, print_report, write_json
    from .evaluate_report import shared_dir

    try:
        if gold is None:
            shared = shared_dir()
            if kind not in DEFAULT_GOLD or shared is None:
                raise EventwireError(Errors.E011.format(path=f"../shared/eval/{DEFAULT_GOLD.get(kind, '?')}"))
            gold = shared / "eval" / DEFAULT_GOLD[kind]
        report = evaluate(kind, gold, limit, anchor=anchor, inputs=inputs)
    except EventwireError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    print_report(report)
    if json_out is not None:
        write_json(report, json_out)
        typer.echo(f"wrote {json_out}")
