"""Crash safety: `eventwire process` killed with SIGKILL at random points (KILLS times in all), then rerun, ends
with exactly the store a clean run gives (same events and ids, no duplicates) — per-shard transactions and a run
ledger."""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES

pytestmark = [pytest.mark.integration, pytest.mark.slow]
KILLS = int(os.environ.get("EVENTWIRE_CRASH_KILLS", "20"))
COPIES = 3  # copies of the bundled examples in the corpus


def _corpus(folder: Path) -> Path:
    """Distinct documents built from the bundled examples (new ids, small edits)."""
    folder.mkdir()
    texts = [p for p in sorted(EXAMPLES.glob("*.txt"))]
    n = 0
    for copy in range(COPIES):
        for p in texts:
            text = p.read_text(encoding="utf-8")
            (folder / f"{p.stem}_{copy}.txt").write_text(text + f"\n\nEdition {copy}.\n", encoding="utf-8")
            n += 1
    return folder


def _cmd(corpus: Path, db: Path) -> list[str]:
    exe = Path(sys.executable).with_name("eventwire")
    base = [str(exe)] if exe.exists() else [sys.executable, "-m", "eventwire.cli"]
    return base + ["process", str(corpus), "--db", str(db), "-s", "batch_size=2", "-s", "today=2026-11-23"]


def _snapshot(db: Path) -> dict:
    conn = sqlite3.connect(db)
    out = {
        "events": sorted(conn.execute("SELECT event_id, data FROM events").fetchall()),
        "mentions": sorted(conn.execute("SELECT mention_id, doc_id, data FROM mentions").fetchall()),
        "documents": sorted(conn.execute("SELECT doc_id, content_hash, n_mentions FROM documents").fetchall()),
        "evidence": sorted(conn.execute('SELECT event_id, doc_id, start, "end", field FROM evidence').fetchall()),
        "quarantine": sorted(conn.execute("SELECT doc_id, origin, code FROM quarantine").fetchall()),
    }
    conn.close()
    return out


def test_process_survives_sigkill_and_resumes_to_the_clean_result(tmp_path):
    corpus = _corpus(tmp_path / "corpus")
    clean_db = tmp_path / "clean.db"
    subprocess.run(_cmd(corpus, clean_db), check=True, capture_output=True, timeout=600)
    clean = _snapshot(clean_db)
    assert clean["events"] and len(clean["documents"]) == len(list(corpus.glob("*.txt")))

    # Runs resume, so each kill leaves less to do and a store eventually completes; a run that ends on its own must
    # then hold exactly the clean result, and the next kills go to a fresh store, until KILLS runs were killed.
    rng = random.Random(20231214)
    kills = attempts = stores = 0
    crash_db: Path | None = None
    while kills < KILLS and attempts < 4 * KILLS:
        if crash_db is None:
            stores += 1
            crash_db = tmp_path / f"crash{stores}.db"
        attempts += 1
        proc = subprocess.Popen(_cmd(corpus, crash_db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 6.0))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=60)
            kills += 1
            continue
        assert proc.wait(timeout=60) == 0
        assert _snapshot(crash_db) == clean
        crash_db = None
    assert kills >= KILLS, f"only {kills} of {attempts} runs were killed mid-way"
    if crash_db is not None:
        subprocess.run(_cmd(corpus, crash_db), check=True, capture_output=True, timeout=600)
        assert _snapshot(crash_db) == clean
    conn = sqlite3.connect(crash_db or tmp_path / f"crash{stores}.db")
    assert conn.execute("SELECT COUNT(*) FROM runs WHERE status = 'done'").fetchone()[0] >= 1
    conn.close()
