"""The `arabic-events` evaluation kind: row loading, the stable dev/test split, binary detection scoring on a
tiny invented GSR-like CSV, and (integration) the real Arabic event GSR in ../shared when present."""
from __future__ import annotations

import csv
from pathlib import Path
from types import SimpleNamespace

import pytest

from eventwire.errors import EventwireError
from eventwire.evaluate import DEFAULT_GOLD, KINDS, evaluate
from eventwire.evaluate import arabic_kind as A

SHARED = Path(__file__).parents[2] / "shared"
GSR = SHARED / "eval" / DEFAULT_GOLD["arabic-events"]

# Invented sentences (never GSR text): two reported attacks, a denied one, one commemorated, one ambiguous.
ROWS = [
    ("r1", "yes", "اغتال مسلحون مجهولون ضابطا في الشرطة مساء أمس في وسط المدينة."),
    ("r2", "yes", "انفجرت سيارة مفخخة قرب السوق صباح أمس وقتل خمسة أشخاص."),
    ("r3", "easy no", "نفى المتحدث أن مسلحين اغتالوا ضابطا في المدينة."),
    ("r4", "difficult no", "أحيا اللبنانيون الذكرى الثالثة لاغتيال الصحفي."),
    ("r5", "ambiguous", "خطف مسلحون سائقا على الطريق أمس."),
    ("r6", "easy no", "ارتفعت أسعار الخبز في الأسواق."),
]


def _write_gsr(path: Path, rows: list[tuple[str, str, str]], event_type: str = "ASSAULT") -> Path:
    with path.open("w", encoding="utf-8", newline="") as fp:
        w = csv.writer(fp)
        w.writerow(["", "accept", "event_type", "id", "label", "reject", "text", "total"])
        for i, (rid, label, text) in enumerate(rows):
            w.writerow([i, 0, event_type, rid, label, 0, text, 3])
    return path


def test_arabic_events_is_a_registered_kind_with_default_gold() -> None:
    assert "arabic-events" in KINDS and DEFAULT_GOLD["arabic-events"] == "arabic_event_gsr"


@pytest.mark.parametrize("row_id, half", [("a0", "dev"), ("a1", "test"), ("a3", "dev")])
def test_half_of_splits_by_last_hex_digit_of_sha1(row_id: str, half: str) -> None:
    import hashlib

    digit = int(hashlib.sha1(row_id.encode()).hexdigest()[-1], 16)
    assert A.half_of(row_id) == ("dev" if digit % 2 == 0 else "test")
    assert A.half_of(row_id) == A.half_of(row_id)


def test_half_of_splits_ids_roughly_evenly() -> None:
    halves = [A.half_of(f"row-{i}") for i in range(1000)]
    assert 400 < halves.count("dev") < 600


def test_load_gsr_takes_the_plover_type_from_the_file_name(tmp_path: Path) -> None:
    rows = A.load_gsr(_write_gsr(tmp_path / "protest_gsr.csv", ROWS[:2], event_type="X"))
    assert [r.row_id for r in rows] == ["r1", "r2"] and {r.plover_type for r in rows} == {"PROTEST"}
    assert A.load_gsr(_write_gsr(tmp_path / "other.csv", ROWS[:1]))[0].plover_type == "ASSAULT"


def test_load_gsr_missing_columns_is_coded_error(tmp_path: Path) -> None:
    bad = tmp_path / "assault_gsr.csv"
    bad.write_text("id,text\nx,y\n", encoding="utf-8")
    with pytest.raises(EventwireError, match="E012"):
        A.load_gsr(bad)


def test_score_detection_counts_and_leaves_ambiguous_out() -> None:
    rows = [A.GsrRow(rid, text, label, "ASSAULT") for rid, label, text in ROWS]
    preds = [True, False, True, False, True, False]
    d = A.score_detection(rows, preds)
    assert (d["n_tp"], d["n_fn"], d["n_fp"], d["n_tn"], d["n_ambiguous"], d["n"]) == (1, 1, 1, 2, 1, 5)
    assert d["precision"] == pytest.approx(0.5) and d["recall"] == pytest.approx(0.5)
    assert d["f1"] == pytest.approx(0.5)


def test_detects_uses_the_hit_plover_type() -> None:
    def typer(text: str, lang: str) -> list[SimpleNamespace]:
        return [SimpleNamespace(plover_type="PROTEST")] if "x" in text else []

    assert A.detects("x. y", "PROTEST", typer=typer)
    assert not A.detects("x. y", "ASSAULT", typer=typer)
    assert not A.detects("y", "PROTEST", typer=typer)


def test_arabic_kind_scores_invented_csv_per_file_and_half(tmp_path: Path) -> None:
    _write_gsr(tmp_path / "assault_gsr.csv", ROWS)
    report = evaluate("arabic-events", tmp_path)
    assert set(report.groups) == {"assault dev", "assault test"}
    total = {k: sum(g[k] for g in report.groups.values()) for k in ("n_tp", "n_fp", "n_fn", "n_tn", "n_ambiguous")}
    # Both reported attacks are found; the denied and commemorated ones and the bread prices are not.
    assert total == {"n_tp": 2, "n_fp": 0, "n_fn": 0, "n_tn": 3, "n_ambiguous": 1}
    assert any("ambiguous" in note for note in report.notes)


def test_arabic_kind_missing_gold_is_coded_error(tmp_path: Path) -> None:
    with pytest.raises(EventwireError, match="E011"):
        evaluate("arabic-events", tmp_path / "absent")
    with pytest.raises(EventwireError, match="E011"):
        evaluate("arabic-events", tmp_path)  # a folder with no GSR file


@pytest.mark.integration
def test_arabic_kind_on_the_shared_gsr_beats_floor() -> None:
    if not GSR.exists():
        pytest.skip("../shared/eval/arabic_event_gsr not present")
    report = evaluate("arabic-events", GSR)
    assert report.metric("assault test", "f1") >= 0.28
    assert report.metric("protest test", "f1") >= 0.12
    assert report.metric("assault test", "recall") >= 0.7
