"""Exporters: every §2.2 field on every JSONL line, ACLED column order, GeoJSON, PLOVER, CSV injection."""
from __future__ import annotations

import csv
import io
import json

import pytest

from builders import mention
from eventwire.export import ACLED_COLUMNS, write_events
from eventwire.fuse import fuse
from eventwire.models import EVENT_FIELDS, Event
from eventwire.settings import Settings

S = Settings.from_overrides({})


def _events():
    no_place = mention("b", 10, where=None, when=None, sub="Armed clash", event_type="Battles", weapons=())
    return fuse([mention("a", 10, claimant="=HYPERLINK(\"http://x\")"), no_place], S)


def test_export_jsonl_has_every_contract_field_null_when_unknown():
    buf = io.StringIO()
    assert write_events(_events(), "jsonl", buf) == 2
    for line in buf.getvalue().splitlines():
        record = json.loads(line)
        assert list(record) == list(EVENT_FIELDS)
    unknown = [json.loads(line) for line in buf.getvalue().splitlines() if json.loads(line)["latitude"] is None][0]
    assert unknown["event_date"] is None and unknown["location"] is None and unknown["fatalities"] is None


def test_export_csv_acled_column_order_and_formula_neutralised():
    buf = io.StringIO()
    write_events(_events(), "csv", buf)
    rows = list(csv.reader(io.StringIO(buf.getvalue())))
    assert tuple(rows[0][: len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    claimant = rows[0].index("claimant")
    assert any(r[claimant].startswith("'=") for r in rows[1:])


def test_export_geojson_points_only_for_located_events():
    buf = io.StringIO()
    assert write_events(_events(), "geojson", buf) == 1
    fc = json.loads(buf.getvalue())
    assert fc["type"] == "FeatureCollection"
    lon, lat = fc["features"][0]["geometry"]["coordinates"]
    assert (round(lat, 2), round(lon, 2)) == (35.27, 40.27)


def test_export_plover_record_fields():
    buf = io.StringIO()
    write_events(_events(), "plover", buf)
    rec = json.loads(buf.getvalue().splitlines()[0])
    assert {"id", "date", "event", "mode", "actor", "recipient", "event_loc", "size", "cite_info"} <= set(rec)


def test_export_unknown_format_is_coded_error():
    from eventwire.errors import EventwireError

    with pytest.raises(EventwireError, match="E006"):
        write_events([], "xml", io.StringIO())


def test_event_roundtrip_through_dict():
    ev = _events()[0]
    assert Event.from_dict(json.loads(json.dumps(ev.to_dict()))).to_dict() == ev.to_dict()
