"""The result of one evaluation run and its three renderings: a compact Rich table, JSON and Markdown.

A `Report` holds groups of metrics (e.g. "acled", "ucdp", "all"; or one per corpus). Metric names carry their
unit: `n`/`n_*` are counts, names ending in `_km` are kilometres, `_ratio` plain numbers, `seconds` seconds;
everything else is a proportion in [0, 1] shown as a percentage.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Optional


@dataclass
class Report:
    """Metrics of one evaluation kind on one gold file."""

    kind: str
    gold: str
    groups: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    limit: Optional[int] = None
    details: dict[str, Any] = field(default_factory=dict)
    layout: list[list[str]] = field(default_factory=list)  # groups shown together; default: one table

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def metric(self, group: str, name: str) -> Any:
        return self.groups.get(group, {}).get(name)


def is_count(name: str) -> bool:
    return name == "n" or name.startswith("n_")


def format_value(name: str, value: Any) -> str:
    """A metric value for display: counts as integers, km with one decimal, proportions as percentages."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return str(value)
    if is_count(name):
        return f"{int(value):,}"
    if name.endswith("_km"):
        return f"{float(value):,.1f}"
    if name.endswith("_ratio"):
        return f"{float(value):.2f}"
    if name.endswith("seconds") or name.endswith("_per_s"):
        return f"{float(value):,.1f}"
    if isinstance(value, (int, float)):
        return f"{100.0 * float(value):.1f}"
    return str(value)


def _metric_names(report: Report, groups: list[str]) -> list[str]:
    names: list[str] = []
    for g in groups:
        for name in report.groups[g]:
            if name not in names:
                names.append(name)
    return names


def tables(report: Report) -> list[tuple[list[str], list[list[str]]]]:
    """(header, rows) tables, one per `report.layout` entry (all groups in one by default).

    A table has groups as columns when there are no more groups than metrics, else groups as rows, so a
    kind with many groups (toponyms: corpus x mode) stays narrow enough for a terminal.
    """
    families = [[g for g in gs if g in report.groups] for gs in report.layout] or [list(report.groups)]
    listed = {g for gs in families for g in gs}
    rest = [g for g in report.groups if g not in listed]
    if rest:
        families.append(rest)
    out = []
    for groups in families:
        if not groups:
            continue
        names = _metric_names(report, groups)
        if len(groups) <= len(names):
            header = ["metric"] + groups
            rows = [[n] + [format_value(n, report.groups[g].get(n)) for g in groups] for n in names]
        else:
            header = ["group"] + names
            rows = [[g] + [format_value(n, report.groups[g].get(n)) for n in names] for g in groups]
        out.append((header, rows))
    return out


def print_report(report: Report, console: Any = None) -> None:
    """Print the report as compact Rich table(s) plus its notes (proportions in %, errors in km)."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    for i, (header, rows) in enumerate(tables(report)):
        title = f"eventwire evaluate --kind {report.kind}  ({report.seconds:.0f} s)" if i == 0 else None
        table = Table(title=title, caption="proportions in %, errors in km", show_lines=False)
        for j, name in enumerate(header):
            table.add_column(name, justify="left" if j == 0 else "right", no_wrap=j == 0)
        for row in rows:
            table.add_row(*row)
        console.print(table)
    for note in report.notes:
        console.print(f"- {note}", style="dim", markup=False, highlight=False)


def write_json(report: Report, path: Path) -> None:
    """Write the report (every metric, raw proportions in [0, 1]) as indented JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report.to_dict(), indent=2, ensure_ascii=False, default=str) + "\n",
                    encoding="utf-8")


def to_markdown(report: Report) -> str:
    """The report as Markdown table(s) plus its notes."""
    lines: list[str] = []
    for header, rows in tables(report):
        if lines:
            lines.append("")
        lines += ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|"]
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    if report.notes:
        lines.append("")
        lines += [f"- {note}" for note in report.notes]
    return "\n".join(lines)
