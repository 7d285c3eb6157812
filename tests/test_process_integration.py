"""`eventwire process` on the bundled examples: idempotent, nothing lost, exports readable."""
from __future__ import annotations

import csv
import json
import sqlite3

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES
from eventwire.cli import app

pytestmark = pytest.mark.integration
runner = CliRunner()


def _rows(db):
    conn = sqlite3.connect(db)
    out = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
           for t in ("documents", "mentions", "events", "evidence", "quarantine")}
    conn.close()
    for t in ("documents",):  # processing timestamps differ between runs by design
        out[t] = [r[:12] for r in out[t]]
    return out


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    db = tmp_path_factory.mktemp("store") / "events.db"
    result = runner.invoke(app, ["process", str(EXAMPLES), "--db", str(db), "-s", "today=2026-11-23"])
    assert result.exit_code == 0, result.output
    return db


def test_process_twice_leaves_the_same_rows(processed):
    before = _rows(processed)
    result = runner.invoke(app, ["process", str(EXAMPLES), "--db", str(processed), "-s", "today=2026-11-23"])
    assert result.exit_code == 0, result.output
    assert _rows(processed) == before
    assert before["events"], ("the examples yield events", before["quarantine"], len(before["mentions"]))


def test_process_accounts_for_every_document(processed):
    conn = sqlite3.connect(processed)
    docs = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    quarantined = conn.execute("SELECT COUNT(*) FROM quarantine").fetchone()[0]
    conn.close()
    files = [p for p in EXAMPLES.rglob("*") if p.is_file() and p.suffix != ".jsonl"]
    lines = sum(1 for p in EXAMPLES.rglob("*.jsonl") for line in p.read_text().splitlines() if line.strip())
    assert docs + quarantined == len(files) + lines


def test_process_statistics_article_yields_no_event(processed):
    conn = sqlite3.connect(processed)
    n = conn.execute("SELECT COUNT(*) FROM evidence WHERE doc_id = 'en_statistics_only' AND field = 'sentence'").fetchone()[0]
    conn.close()
    assert n == 0


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "geojson", "plover"])
def test_export_formats_from_store(processed, tmp_path, fmt):
    out = tmp_path / f"events.{fmt}"
    result = runner.invoke(app, ["export", "--db", str(processed), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    if fmt == "csv":
        assert list(csv.DictReader(text.splitlines()))
    elif fmt == "geojson":
        assert json.loads(text)["features"]
    else:
        assert all(json.loads(line) for line in text.splitlines())


def test_export_filter_with_injection_payload_returns_nothing(processed, tmp_path):
    out = tmp_path / "x.jsonl"
    result = runner.invoke(app, ["export", "--db", str(processed), "--country", "x' OR '1'='1", "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_text() == ""


def test_quarantine_list_runs(processed):
    result = runner.invoke(app, ["quarantine", "list", "--db", str(processed)])
    assert result.exit_code == 0
    assert "quarantined documents" in result.output
