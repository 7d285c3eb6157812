"""The pure core: documents in, event mentions and events out; and the stored, resumable `process` run.

`analyse_document` runs one document through nlp → extract → resolve. `extract_events` does that for many
documents and fuses the mentions (no store). `process_paths` reads inputs into a store shard by shard (each
shard one transaction), skips documents already stored, then re-fuses all stored mentions, so a rerun or a
resumed run ends with the same rows as a clean one. Any failure in a document quarantines that document with
a coded reason (Q009/Q010); the batch goes on.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import signal
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence

from .errors import EventwireError
from .models import Document, Event, Mention, Quarantined, mention_from_dict
from .settings import Settings


@dataclass
class Resources:
    """What a worker loads once: the geocoder (gazetteer) and the actor dictionary."""

    geocoder: Any
    actors: Any


_RESOURCES: dict[str, Resources] = {}


def load_resources(settings: Settings, build_missing: bool = True) -> Resources:
    """The process-wide geocoder and actor dictionary (built once per process, per gazetteer path)."""
    from .actors import ActorDictionary
    from .geo import Gazetteer, Geocoder, build_gazetteer

    path = settings.gazetteer_file()
    key = str(path)
    if key not in _RESOURCES and not path.exists() and build_missing:
        print(f"eventwire: building the gazetteer index at {path} (once)...", file=sys.stderr)
        path.parent.mkdir(parents=True, exist_ok=True)
        build_gazetteer(path)
    gaz = Gazetteer.open(path)  # cached per path; a new handle after a rebuild or `Gazetteer.forget`
    cached = _RESOURCES.get(key)
    if cached is None or cached.geocoder.gaz is not gaz:
        _RESOURCES[key] = Resources(geocoder=Geocoder(gaz), actors=ActorDictionary.default())
    return _RESOURCES[key]


def _today(settings: Settings) -> dt.date:
    return dt.date.fromisoformat(settings.today) if settings.today else dt.date.today()


class DocumentTimeout(Exception):
    """A document went over its time budget (settings.max_doc_seconds)."""


@contextlib.contextmanager
def _time_budget(seconds: float) -> Iterator[None]:
    # SIGALRM only works in the main thread of a POSIX process; elsewhere the budget is checked afterwards.
    usable = seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def _raise(signum: int, frame: Any) -> None:
        raise DocumentTimeout()

    old = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


# Same-length substitutions that the statistical models read better (the French model mis-parses "l’envoi"
# with a typographic apostrophe); offsets are unchanged, evidence still quotes the text as given.
_MODEL_FRIENDLY = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00a0": " ", "\u202f": " ",
                                 "\u2009": " ", "\u2007": " "})


def model_text(doc: Document) -> str:
    """The text the models read: boilerplate blanked, typographic apostrophes and odd spaces made plain."""
    return doc.analysis_text().translate(_MODEL_FRIENDLY)


def language_of(doc: Document, settings: Settings) -> str:
    """The document's language: as given, else detected, else the default language."""
    if doc.language:
        return doc.language
    from .language import detect_language

    lang = detect_language(doc.text[doc.body_start:], tuple(settings.languages))
    return lang or settings.default_language


def analyse_document(doc: Document, settings: Settings, resources: Optional[Resources] = None,
                     sdoc: Any = None) -> list[Mention]:
    """Event mentions of one document (nlp → extract → resolve). `sdoc` is a ready spaCy Doc, if any."""
    from .dates import find_dates, reference_for
    from .days import split_by_day
    from .extract import DocContext, extract_mentions
    from .nlp import get_nlp

    resources = resources or load_resources(settings)
    lang = language_of(doc, settings)
    doc.language = lang
    text = model_text(doc)
    if sdoc is None:
        sdoc = get_nlp(lang, settings)(text)
    ref = reference_for(text, doc.published, lang, today=_today(settings))
    dates = find_dates(text, lang, ref)
    ner = [(e.start_char, e.end_char, e.label_) for e in sdoc.ents]
    toponyms = resources.geocoder.find_toponyms(text, lang, ner)
    ctx = DocContext(doc=doc, lang=lang, text=text, ref=ref, dates=dates, toponyms=toponyms,
                     geocoder=resources.geocoder, actors=resources.actors)
    return [day for m in extract_mentions(ctx, sdoc) for day in split_by_day(m)]


def analyse_documents(docs: Sequence[Document], settings: Settings,
                      resources: Optional[Resources] = None) -> Iterator[tuple[Document, list[Mention] | Quarantined]]:
    """(document, mentions) for each document, or (document, Quarantined) when it failed; order preserved."""
    from .nlp import get_nlp

    resources = resources or load_resources(settings)
    for doc in docs:
        try:
            with _time_budget(float(settings.max_doc_seconds)):
                lang = language_of(doc, settings)
                if lang not in settings.languages:
                    yield doc, Quarantined(doc.doc_id, doc.origin, "Q007", f"unsupported language '{lang}'", len(doc.text))
                    continue
                doc.language = lang
                sdoc = get_nlp(lang, settings)(model_text(doc))
                yield doc, analyse_document(doc, settings, resources, sdoc=sdoc)
        except DocumentTimeout:
            yield doc, Quarantined(doc.doc_id, doc.origin, "Q010",
                                   f"over the per-document time budget of {settings.max_doc_seconds}s", len(doc.text))
        except EventwireError:
            raise  # configuration errors (missing model, missing gazetteer) stop the run with their fix
        except Exception as exc:  # one bad document never stops the batch
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()[:300]
            yield doc, Quarantined(doc.doc_id, doc.origin, "Q009", f"{detail}", len(doc.text))


def extract_events(docs: Iterable[Document], settings: Optional[Settings] = None) -> list[Event]:
    """Events from documents, fused within and across documents (no store)."""
    from .fuse import fuse

    settings = settings or Settings.from_overrides({})
    mentions: list[Mention] = []
    for _doc, result in analyse_documents(list(docs), settings):
        if not isinstance(result, Quarantined):
            mentions.extend(result)
    return fuse(mentions, settings)


@dataclass
class RunSummary:
    """What a `process` or `extract` run did: counts by outcome and quarantine codes."""

    documents_in: int = 0
    processed: int = 0
    already_stored: int = 0
    quarantined: int = 0
    mentions: int = 0
    events: int = 0
    by_code: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def add_quarantine(self, q: Quarantined) -> None:
        self.quarantined += 1
        self.by_code[q.code] = self.by_code.get(q.code, 0) + 1


def _analysed_shards(paths: Sequence[str | Path], settings: Settings, summary: RunSummary,
                     skip: Optional[Callable[[Document], bool]] = None,
                     ) -> Iterator[tuple[int, list[tuple[Document, list[Mention]]], list[Quarantined]]]:
    """Read inputs shard by shard and analyse them: (documents read, analysed documents, quarantined) per shard.

    `skip(doc)` marks documents already done (counted as already stored, not analysed again).
    """
    from .ingest import read_inputs

    resources = load_resources(settings)
    for shard in _shards(read_inputs(paths, settings), int(settings.batch_size)):
        todo: list[Document] = []
        quarantined: list[Quarantined] = []
        for item in shard:
            summary.documents_in += 1
            if isinstance(item, Quarantined):
                summary.add_quarantine(item)
                quarantined.append(item)
            elif skip is not None and skip(item):
                summary.already_stored += 1
            else:
                todo.append(item)
        done: list[tuple[Document, list[Mention]]] = []
        for doc, result in analyse_documents(todo, settings, resources):
            if isinstance(result, Quarantined):
                summary.add_quarantine(result)
                quarantined.append(result)
            else:
                summary.processed += 1
                done.append((doc, result))
        yield len(shard), done, quarantined


def extract_paths(paths: Sequence[str | Path], settings: Optional[Settings] = None,
                  on_progress: Optional[Callable[[int], None]] = None) -> tuple[list[Event], RunSummary, list[Quarantined]]:
    """Read inputs, extract and fuse events without a store; returns events, a summary and the quarantined."""
    from .fuse import fuse

    settings = settings or Settings.from_overrides({})
    started = time.time()
    summary = RunSummary()
    quarantined: list[Quarantined] = []
    mentions: list[Mention] = []
    for n, done, shard_quarantined in _analysed_shards(paths, settings, summary):
        quarantined.extend(shard_quarantined)
        for _doc, doc_mentions in done:
            mentions.extend(doc_mentions)
        if on_progress:
            on_progress(n)
    events = fuse(mentions, settings)
    summary.mentions, summary.events, summary.seconds = len(mentions), len(events), time.time() - started
    return events, summary, quarantined


def _shards(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    shard: list[Any] = []
    for item in items:
        shard.append(item)
        if len(shard) >= max(1, size):
            yield shard
            shard = []
    if shard:
        yield shard


def process_paths(paths: Sequence[str | Path], store: Any, settings: Optional[Settings] = None,
                  on_progress: Optional[Callable[[int], None]] = None) -> RunSummary:
    """Ingest + extract + fuse into `store`: resumable (documents already stored are skipped) and idempotent."""
    from .fuse import fuse

    settings = settings or Settings.from_overrides({})
    started = time.time()
    summary = RunSummary()
    run_id = store.start_run([str(p) for p in paths])
    for n, done, quarantined in _analysed_shards(paths, settings, summary, skip=store.known_document):
        store.write_shard(done, quarantined)  # one transaction per shard: a killed run resumes here
        if on_progress:
            on_progress(n)
    mentions = [mention_from_dict(d) for d in store.mention_rows()]
    events = fuse(mentions, settings)
    store.replace_events(events)
    counts = store.counts()
    store.finish_run(run_id, counts)
    summary.mentions, summary.events, summary.seconds = len(mentions), len(events), time.time() - started
    return summary


def process_records(records: list[dict[str, Any]], settings: Optional[Settings] = None) -> list[dict[str, Any]]:
    """The scale-out unit: input JSONL records (DESIGN.md §2.1) of one shard → event mention dicts.

    Pure apart from the per-process model cache, so a process pool or Dask can map it over shards; fuse the
    returned mentions once at the end (`fuse.fuse`).
    """
    from dataclasses import asdict

    from .ingest import document_from_record

    settings = settings or Settings.from_overrides({})
    docs = []
    for i, rec in enumerate(records):
        item = document_from_record(rec, f"records:{i}", settings)
        if isinstance(item, Document):
            docs.append(item)
    out: list[dict[str, Any]] = []
    for _doc, result in analyse_documents(docs, settings):
        if not isinstance(result, Quarantined):
            out.extend(asdict(m) for m in result)
    return out
