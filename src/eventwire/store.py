"""The SQLite store: documents, quarantine, mentions, events with their evidence, and a run ledger.

One writer, WAL mode, parameterized SQL only. Documents and their mentions are written shard by shard, each
shard in one transaction, so a killed run resumes where it stopped; events are derived from all stored mentions
by `fuse` and replaced in one transaction, so re-running over the same inputs leaves the same rows.
"""
from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from .errors import Errors, EventwireError
from .models import Document, Event, Mention, Quarantined

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    origin TEXT, content_hash TEXT, title TEXT, source TEXT, url TEXT,
    published TEXT, published_precision TEXT, language TEXT, body_start INTEGER,
    masked TEXT, text TEXT, processed_at REAL, n_mentions INTEGER
);
CREATE INDEX IF NOT EXISTS documents_hash ON documents(content_hash);
CREATE TABLE IF NOT EXISTS quarantine (
    doc_id TEXT, origin TEXT, code TEXT, reason TEXT, size INTEGER, first_seen REAL,
    PRIMARY KEY (origin, doc_id, code)
);
CREATE TABLE IF NOT EXISTS mentions (
    mention_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_id);
CREATE TABLE IF NOT EXISTS events (
    event_id TEXT PRIMARY KEY, doc_id TEXT, event_date TEXT, time_precision INTEGER,
    event_type TEXT, sub_event_type TEXT, actor1 TEXT, actor2 TEXT, country TEXT, admin1 TEXT,
    location TEXT, latitude REAL, longitude REAL, modality TEXT, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_date ON events(event_date);
CREATE TABLE IF NOT EXISTS evidence (
    event_id TEXT, doc_id TEXT, start INTEGER, "end" INTEGER, text TEXT, field TEXT
);
CREATE INDEX IF NOT EXISTS evidence_event ON evidence(event_id);
CREATE VIRTUAL TABLE IF NOT EXISTS events_rtree USING rtree(rid, min_lon, max_lon, min_lat, max_lat);
CREATE TABLE IF NOT EXISTS events_rowid (rid INTEGER PRIMARY KEY, event_id TEXT UNIQUE);
CREATE TABLE IF NOT EXISTS runs (
    run_id INTEGER PRIMARY KEY AUTOINCREMENT, started REAL, finished REAL, inputs TEXT,
    documents INTEGER, quarantined INTEGER, mentions INTEGER, events INTEGER, status TEXT
);
"""

# Filters accepted by `query_events`: name -> SQL with one placeholder (values are always bound, never formatted).
FILTERS = {
    "country": "country = ?",
    "admin1": "admin1 = ?",
    "event_type": "event_type = ?",
    "sub_event_type": "sub_event_type = ?",
    "actor": "(actor1 = ? OR actor2 = ?)",
    "date_from": "event_date >= ?",
    "date_to": "event_date <= ?",
    "modality": "modality = ?",
    "doc_id": "event_id IN (SELECT event_id FROM evidence WHERE doc_id = ?)",
}


def _path_from_url(url: str) -> str:
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///"):]
    if "://" in url:
        raise EventwireError(Errors.E007.format(url=url, detail="only SQLite is built in"))
    return url


class Store:
    """A SQLite event store. Open with `Store.open(path_or_url)`; use `":memory:"` in tests."""

    def __init__(self, conn: sqlite3.Connection, path: str):
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, url: str | Path) -> "Store":
        """Open (creating if needed) the store at a file path or `sqlite:///path` URL."""
        path = _path_from_url(str(url))
        if path != ":memory:":
            parent = Path(path).parent
            if not parent.exists():
                raise EventwireError(Errors.E007.format(url=url, detail=f"folder {parent} does not exist"))
        try:
            conn = sqlite3.connect(path, timeout=30, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise EventwireError(Errors.E007.format(url=url, detail=exc)) from None
        conn.row_factory = sqlite3.Row
        return cls(conn, path)

    def close(self) -> None:
        self.conn.close()

    # --- documents -------------------------------------------------------------------------------
    def known_document(self, doc: Document) -> bool:
        """True when this document (same id and content) was already processed or quarantined."""
        row = self.conn.execute(
            "SELECT 1 FROM documents WHERE doc_id = ? AND content_hash = ?", (doc.doc_id, doc.content_hash)
        ).fetchone()
        return row is not None

    def has_document_id(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)).fetchone() is not None

    def write_shard(self, docs: Iterable[tuple[Document, list[Mention]]], quarantined: Iterable[Quarantined]) -> None:
        """Write processed documents with their mentions and quarantined documents in ONE transaction."""
        now = time.time()
        cur = self.conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            for doc, mentions in docs:
                cur.execute("DELETE FROM mentions WHERE doc_id = ?", (doc.doc_id,))
                cur.execute(
                    "INSERT OR REPLACE INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (doc.doc_id, doc.origin, doc.content_hash, doc.title, doc.source, doc.url, doc.published,
                     doc.published_precision, doc.language, doc.body_start, json.dumps(doc.masked), doc.text,
                     now, len(mentions)),
                )
                cur.executemany(
                    "INSERT OR REPLACE INTO mentions VALUES (?,?,?)",
                    [(m.mention_id, m.doc_id, json.dumps(asdict(m), default=str)) for m in mentions],
                )
            for q in quarantined:
                cur.execute(
                    "INSERT OR IGNORE INTO quarantine VALUES (?,?,?,?,?,?)",
                    (q.doc_id, q.origin, q.code, q.reason, q.size, now),
                )
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise

    def documents(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(
            "SELECT doc_id, origin, title, source, published, language, n_mentions FROM documents ORDER BY doc_id")]

    def document_text(self, doc_id: str) -> Optional[str]:
        row = self.conn.execute("SELECT text FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def quarantined(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(
            "SELECT doc_id, origin, code, reason, size FROM quarantine ORDER BY origin, doc_id")]

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("documents", "quarantine", "mentions", "events"):
            out[table] = self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # table names are constants
        return out

    # --- mentions and events ---------------------------------------------------------------------
    def mention_rows(self) -> Iterator[dict[str, Any]]:
        """Every stored mention as its JSON dict, in a stable order."""
        for (data,) in self.conn.execute("SELECT data FROM mentions ORDER BY mention_id"):
            yield json.loads(data)

    def replace_events(self, events: list[Event]) -> None:
        """Replace all events (and their evidence and spatial index) in one transaction."""
        cur = self.conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            for table in ("events", "evidence", "events_rtree", "events_rowid"):
                cur.execute(f"DELETE FROM {table}")  # constant names
            for rid, ev in enumerate(sorted(events, key=lambda e: e.event_id), start=1):
                d = ev.to_dict()
                cur.execute(
                    "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (ev.event_id, ev.doc_id, ev.event_date, ev.time_precision, ev.event_type, ev.sub_event_type,
                     ev.actor1, ev.actor2, ev.country, ev.admin1, ev.location, ev.latitude, ev.longitude,
                     ev.modality, json.dumps(d, ensure_ascii=False)),
                )
                cur.executemany(
                    'INSERT INTO evidence VALUES (?,?,?,?,?,?)',
                    [(ev.event_id, e.doc_id, e.start, e.end, e.text, e.field) for e in ev.evidence],
                )
                if ev.latitude is not None and ev.longitude is not None:
                    cur.execute("INSERT INTO events_rowid VALUES (?,?)", (rid, ev.event_id))
                    cur.execute("INSERT INTO events_rtree VALUES (?,?,?,?,?)",
                                (rid, ev.longitude, ev.longitude, ev.latitude, ev.latitude))
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise

    def query_events(self, bbox: Optional[tuple[float, float, float, float]] = None, limit: Optional[int] = None,
                     **filters: Any) -> list[Event]:
        """Events matching filters (see FILTERS) and an optional (min_lon, min_lat, max_lon, max_lat) bbox."""
        where, params = [], []  # type: list[str], list[Any]
        for name, value in filters.items():
            if value is None:
                continue
            if name not in FILTERS:
                raise EventwireError(Errors.E009.format(name=name, detail=f"unknown filter; use {sorted(FILTERS)}"))
            where.append(FILTERS[name])
            params.extend([value] * FILTERS[name].count("?"))
        if bbox is not None:
            where.append("event_id IN (SELECT r.event_id FROM events_rowid r JOIN events_rtree t ON r.rid = t.rid "
                         "WHERE t.min_lon >= ? AND t.max_lon <= ? AND t.min_lat >= ? AND t.max_lat <= ?)")
            params.extend([bbox[0], bbox[2], bbox[1], bbox[3]])
        sql = "SELECT data FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY event_date, event_id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [Event.from_dict(json.loads(r[0])) for r in self.conn.execute(sql, params)]

    # --- run ledger ------------------------------------------------------------------------------
    def start_run(self, inputs: list[str]) -> int:
        cur = self.conn.execute("INSERT INTO runs (started, inputs, status) VALUES (?,?,?)",
                                (time.time(), json.dumps(inputs), "running"))
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, counts: dict[str, int]) -> None:
        self.conn.execute(
            "UPDATE runs SET finished=?, documents=?, quarantined=?, mentions=?, events=?, status=? WHERE run_id=?",
            (time.time(), counts.get("documents", 0), counts.get("quarantine", 0), counts.get("mentions", 0),
             counts.get("events", 0), "done", run_id),
        )

    def runs(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute("SELECT * FROM runs ORDER BY run_id")]
