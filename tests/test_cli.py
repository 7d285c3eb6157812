"""The command line: coded errors with exit codes, --strict, quarantine listing, settings validation."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from eventwire.cli import app

runner = CliRunner()


def test_cli_missing_input_is_coded_error_exit_1(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "E001" in result.output


def test_cli_unknown_format_is_coded_error(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "--format", "xml"])
    assert result.exit_code == 1 and "E006" in result.output


@pytest.mark.parametrize("pair,code", [("nonsense=1", "E008"), ("max_doc_bytes=lots", "E009"), ("novalue", "E009")])
def test_cli_bad_setting_is_coded_error(tmp_path, pair, code):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "-s", pair])
    assert result.exit_code == 1 and code in result.output


def test_cli_export_from_missing_store_says_how_to_fix(tmp_path):
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "E007" in result.output and "process" in result.output


@pytest.mark.integration
def test_cli_strict_exits_3_when_anything_was_quarantined_and_keeps_the_rest(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "ok.txt").write_text(
        " date 2024-01-05 A drone attack targeted the US base at the Conoco gas field in Deir ez-Zor province "
        "on Thursday, local sources said.\n", encoding="utf-8")
    db = tmp_path / "s.db"
    result = runner.invoke(app, ["process", str(tmp_path), "--db", str(db), "--strict"])
    assert result.exit_code == 3, result.output
    listed = runner.invoke(app, ["quarantine", "list", "--db", str(db)])
    assert "Q001" in listed.output and "empty" in listed.output
    out = tmp_path / "events.jsonl"
    assert runner.invoke(app, ["export", "--db", str(db), "-o", str(out)]).exit_code == 0
    events = [json.loads(line) for line in out.read_text().splitlines()]
    assert [e["doc_id"] for e in events] == ["ok"]
    # without --strict the same run succeeds
    assert runner.invoke(app, ["process", str(tmp_path), "--db", str(db)]).exit_code == 0
