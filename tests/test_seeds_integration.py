"""End to end on the two seed articles (read from ../shared/seeds, never copied): the quality floor of issue #2.

Runs the real CLI (`eventwire extract ../shared/seeds --format jsonl`) with the real models and gazetteer.
"""
from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEEDS

pytestmark = pytest.mark.integration


def _km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def seed_events():
    if not SEEDS.exists():
        pytest.skip("../shared/seeds is absent")
    exe = Path(sys.executable).with_name("eventwire")
    cmd = [str(exe) if exe.exists() else sys.executable, *([] if exe.exists() else ["-m", "eventwire.cli"]),
           "extract", str(SEEDS), "--format", "jsonl", "-s", "today=2026-11-23"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900, env=dict(os.environ))
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]


def _by_doc(events, prefix):
    return [e for e in events if any(m.startswith(prefix) for m in {ev["doc_id"] for ev in e["evidence"]})]


def _located_near(e, lat, lon, km):
    return e["latitude"] is not None and _km(e["latitude"], e["longitude"], lat, lon) <= km


def test_seeds_every_line_has_every_contract_field(seed_events):
    from eventwire.models import EVENT_FIELDS

    assert seed_events
    for e in seed_events:
        assert list(e) == list(EVENT_FIELDS)
        for ev in e["evidence"]:
            assert set(ev) == {"doc_id", "start", "end", "text", "field"}


def test_seeds_evidence_offsets_point_into_the_text_as_given(seed_events):
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for e in seed_events:
        for ev in e["evidence"]:
            assert texts[ev["doc_id"]][ev["start"]:ev["end"]] == ev["text"]


def test_seeds_conoco_missile_attack_dated_and_located(seed_events):
    hits = [e for e in _by_doc(seed_events, "003")
            if e["sub_event_type"] in ("Shelling/artillery/missile attack", "Air/drone strike")
            and e["event_date"] in ("2023-12-13", "2023-12-14") and _located_near(e, 35.30, 40.30, 40)
            and "conoco" in (e["place_id"] or "")]
    assert hits, [(e["sub_event_type"], e["event_date"], e["location"]) for e in seed_events]
    assert hits[0]["sub_event_type"] == "Shelling/artillery/missile attack"


@pytest.mark.parametrize("site,lat,lon", [("tanf", 33.50, 38.65), ("asad", 33.79, 42.44)])
def test_seeds_drone_strikes_at_tanf_and_ain_al_asad(seed_events, site, lat, lon):
    hits = [e for e in _by_doc(seed_events, "003") if e["sub_event_type"] == "Air/drone strike"
            and _located_near(e, lat, lon, 40)]
    assert hits, [(e["sub_event_type"], e["event_date"], e["location"]) for e in seed_events]


def test_seeds_convoy_deployment_in_june_2023(seed_events):
    hits = [e for e in _by_doc(seed_events, "000") if e["event_type"] == "Strategic developments"
            and (e["event_date"] or "").startswith("2023-06")]
    assert hits, [(e["sub_event_type"], e["event_date"], e["location"]) for e in seed_events]


def test_seeds_aggregate_statistics_are_not_events(seed_events):
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for e in seed_events:
        for ev in e["evidence"]:
            if ev["field"] == "sentence":
                assert "66 fois" not in ev["text"] and "70 frappes" not in ev["text"], ev["text"]
