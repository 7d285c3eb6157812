"""The SQLite store: idempotent writes, parameterized filters, evidence and spatial queries."""
from __future__ import annotations

import dataclasses

import pytest

from builders import mention
from eventwire.fuse import fuse
from eventwire.models import Document, Quarantined, mention_from_dict
from eventwire.settings import Settings
from eventwire.store import Store

S = Settings.from_overrides({})


def _doc(doc_id: str = "d1") -> Document:
    return Document(doc_id=doc_id, text="Une attaque de missiles a visé la base.", content_hash="h-" + doc_id, origin="x.txt")


def test_store_write_shard_twice_leaves_same_rows(fresh_store):
    m = mention("d1", 10)
    for _ in range(2):
        fresh_store.write_shard([(_doc(), [m])], [Quarantined("bad", "bad.txt", "Q001", "empty")])
        fresh_store.replace_events(fuse([mention_from_dict(d) for d in fresh_store.mention_rows()], S))
    assert fresh_store.counts() == {"documents": 1, "quarantine": 1, "mentions": 1, "events": 1}
    assert fresh_store.known_document(_doc())


def test_store_mention_roundtrip_through_json(fresh_store):
    m = mention("d1", 10, claimant="CENTCOM", modality="acknowledged")
    fresh_store.write_shard([(_doc(), [m])], [])
    back = mention_from_dict(next(fresh_store.mention_rows()))
    assert dataclasses.asdict(back) == dataclasses.asdict(m)


@pytest.mark.parametrize("payload", ["Syria' OR '1'='1", "x'; DROP TABLE events; --", "\" OR 1=1 --"])
def test_store_filters_are_parameterized_against_injection(fresh_store, payload):
    fresh_store.write_shard([(_doc(), [mention("d1", 10)])], [])
    fresh_store.replace_events(fuse([mention_from_dict(d) for d in fresh_store.mention_rows()], S))
    assert fresh_store.query_events(country=payload) == []
    assert fresh_store.query_events(actor=payload) == []
    assert fresh_store.counts()["events"] == 1


def test_store_bbox_and_date_filters(fresh_store):
    fresh_store.write_shard([(_doc(), [mention("d1", 10), mention("d1", 300, where="tanf", when="2023-12-13")])], [])
    fresh_store.replace_events(fuse([mention_from_dict(d) for d in fresh_store.mention_rows()], S))
    assert len(fresh_store.query_events()) == 2
    north = fresh_store.query_events(bbox=(39.0, 34.5, 41.0, 36.0))
    assert [e.location for e in north] == ["Conoco gas field"]
    assert [e.location for e in fresh_store.query_events(date_to="2023-12-13")] == ["Al-Tanf garrison"]


def test_store_unknown_filter_is_a_coded_error(fresh_store):
    from eventwire.errors import EventwireError

    with pytest.raises(EventwireError, match="E009"):
        fresh_store.query_events(nonsense="x")


def test_store_text_with_quotes_and_html_is_kept_verbatim(fresh_store):
    doc = Document(doc_id="evil'; --", text="<script>alert('x')</script> 'quoted' \"text\"", content_hash="h", origin="o")
    fresh_store.write_shard([(doc, [])], [])
    assert fresh_store.document_text("evil'; --") == doc.text
