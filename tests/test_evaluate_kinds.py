"""Evaluation kinds: loaders and scoring on tiny gold files with fake predictors, then real runs on ../shared/eval.

The first part needs neither models nor shared data (the predictors are monkeypatched); the integration part
runs each kind with a small --limit on ../shared/eval and skips cleanly when that data, the pipeline pieces or
the gazetteer index are absent.
"""
from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from eventwire.errors import EventwireError
from eventwire.evaluate import DEFAULT_GOLD, evaluate
from eventwire.evaluate import custom as custom_kind
from eventwire.evaluate import event_location as el_kind
from eventwire.evaluate import events as events_kind
from eventwire.evaluate import toponyms as topo_kind
from eventwire.evaluate import typing_kind
from eventwire.evaluate.event_location import Choice
from eventwire.evaluate.toponyms import PredToponym

SHARED_EVAL = Path(__file__).parents[2] / "shared" / "eval"


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


ACLED_ROW = {"id": "acled:1", "dataset": "acled_africa_2016", "lang": "en", "text": "Soldiers clashed with militants.",
             "text_kind": "acled_notes", "date": "2016-06-20", "time_precision": 1,
             "event_type": "Battle-No change of territory", "sub_event_type": None,
             "actor1": "Military Forces of Nigeria (2015-)", "country": "Nigeria", "admin1": "Borno",
             "lat": 11.85, "lon": 13.16, "geo_precision": 1, "fatalities": 2}
UCDP_NO_TEXT = {"id": "ucdp:1", "dataset": "ucdp_ged_sample", "lang": None, "text": None, "date": "2001-01-01",
                "date_end": "2001-01-01", "time_precision": 1, "event_type": "state-based", "actor1": "Government of X",
                "country": "X", "admin1": "", "lat": 1.0, "lon": 1.0, "fatalities": 1, "fatalities_low": 1,
                "fatalities_high": 1}
UCDP_VICTIM = dict(UCDP_NO_TEXT, id="ucdp:2", text="At night")
UCDP_EVENT = dict(UCDP_NO_TEXT, id="ucdp:3", text="Four killed in army-rebel clash", fatalities=4,
                  fatalities_low=3, fatalities_high=6)


def test_events_kind_skips_rows_without_text_and_victim_records(tmp_path, monkeypatch):
    gold = _write_jsonl(tmp_path / "dev.jsonl", [ACLED_ROW, UCDP_NO_TEXT, UCDP_VICTIM, UCDP_EVENT])
    monkeypatch.setattr(events_kind, "has_event_cue", lambda text, lang: "killed" in text)
    seen = {}

    def fake_predict(golds, settings, anchor, origin):
        seen["ids"] = [g.doc_id for g in golds]
        seen["anchor"] = [events_kind.published_anchor(g, anchor) for g in golds]
        return {"acled:1": [{"event_type": "Battles", "sub_event_type": "Armed clash", "event_date": "2016-06-20",
                             "latitude": 11.85, "longitude": 13.16, "fatalities": 2}],
                "ucdp:3": [{"event_type": "Battles", "fatalities": 5}]}, {"quarantined": 0, "failed": 0}

    monkeypatch.setattr(events_kind, "predict", fake_predict)
    report = evaluate("events", gold, settings=object())
    assert seen["ids"] == ["acled:1", "ucdp:3"]
    assert seen["anchor"] == ["2016-06", "2001-01"]
    assert report.details["skipped"] == {"no_text": 1, "ucdp_no_event_cue": 1}
    assert report.metric("acled", "sub_event_acc") == 1.0
    assert report.metric("acled", "actor1_match") == 0.0
    assert report.metric("ucdp", "fatalities_match") == 1.0
    assert report.metric("all", "n") == 2


def test_events_kind_limit_applies_per_dataset(tmp_path, monkeypatch):
    rows = [dict(ACLED_ROW, id=f"acled:{i}") for i in range(5)] + [dict(UCDP_EVENT, id=f"ucdp:{i}") for i in range(5)]
    gold = _write_jsonl(tmp_path / "dev.jsonl", rows)
    golds, _ = events_kind.load_conflict_gold(gold, limit=2, has_cue=lambda t, l: True)
    assert [g.doc_id for g in golds] == ["acled:0", "acled:1", "ucdp:0", "ucdp:1"]


def test_typing_kind_reads_tsv_and_scores(tmp_path, monkeypatch):
    tsv = tmp_path / "t.tsv"
    tsv.write_text("id\tEventSnippet\tSubType\n1\tJets struck \"the\" village\tAIR_STRIKE\n"
                   "2\tFloods hit the town\tNATURAL_DISASTER\n3\tPeople marched peacefully\tPEACE_PROTEST\n",
                   encoding="utf-8")
    snippets = typing_kind.load_snippets(tsv)
    assert snippets[0].text == 'Jets struck "the" village'

    class Hit:
        def __init__(self, sub):
            self.sub_event_type = sub

    fake = {"Jets": Hit("Air/drone strike"), "People": Hit("Violent demonstration")}
    real = typing_kind.predict_codes
    monkeypatch.setattr(typing_kind, "predict_codes",
                        lambda sn, typer=None: real(sn, lambda text, lang: fake.get(text.split()[0])))
    report = typing_kind.run(tsv)
    assert report.metric("seen_25", "n") == 2 and report.metric("seen_25", "accuracy") == 0.5
    assert report.metric("all_30", "n") == 3


def test_toponyms_kind_groups_per_corpus(tmp_path, monkeypatch):
    rows = [
        {"doc_id": "lgl:1", "dataset": "LGL", "lang": "en", "text": "Paris is big.",
         "toponyms": [{"start": 0, "end": 5, "surface": "Paris", "geonameid": "2988507", "lat": 48.8566, "lon": 2.3522}]},
        {"doc_id": "gwn:1", "dataset": "GeoWebNews", "lang": "en", "text": "French people in Lyon.",
         "toponyms": [{"start": 0, "end": 6, "surface": "French", "type": "Demonym", "lat": None, "lon": None},
                      {"start": 17, "end": 21, "surface": "Lyon", "type": "Literal", "geonameid": "2996944",
                       "lat": 45.764, "lon": 4.8357}]},
    ]
    gold = _write_jsonl(tmp_path / "topo.jsonl", rows)
    docs = topo_kind.load_docs(gold)
    assert [len(d.toponyms) for d in docs] == [1, 1]  # the demonym is not a toponym

    def fake_predict(docs, settings, modes=("given", "e2e")):
        given = {"lgl:1": [PredToponym(0, 5, 48.8566, 2.3522, "geonames:2988507")], "gwn:1": [None]}
        found = {"lgl:1": [PredToponym(0, 5, 48.8566, 2.3522, "geonames:2988507")], "gwn:1": []}
        return given, found

    monkeypatch.setattr(topo_kind, "predict", fake_predict)
    report = evaluate("toponyms", gold, settings=object())
    assert report.metric("LGL given", "acc_161km") == 1.0
    assert report.metric("GWN given", "acc_161km") == 0.0
    assert report.metric("all e2e", "recall") == 0.5 and report.metric("all e2e", "precision") == 1.0


def test_event_location_kind_skips_broken_location_spans_and_scores_subsets(tmp_path, monkeypatch):
    rows = [
        {"id": "a", "source": "RELABEL", "text": "Rebels attacked Goma.", "spans": [
            {"start": 7, "end": 15, "label": "VERB", "text": "attacked"},
            {"start": 16, "end": 20, "label": "LOCATION", "text": "Goma"}]},
        {"id": "b", "source": "RELABEL", "text": "He was captured.", "spans": [
            {"start": 7, "end": 15, "label": "VERB", "text": "captured"},
            {"start": 7, "end": 7, "label": "LOCATION", "text": ""}]},
        {"id": "c", "source": "AP", "text": "A bomb exploded.", "spans": [
            {"start": 7, "end": 15, "label": "VERB", "text": "exploded"}]},
        {"id": "d", "source": "AP", "text": "Nothing.", "spans": []},
    ]
    gold = _write_jsonl(tmp_path / "el.jsonl", rows)
    skipped: dict = {}
    sentences = el_kind.load_sentences(gold, skipped=skipped)
    assert [s.locations for s in sentences] == [[(16, 20)], []]
    assert skipped == {"no_verb": 1, "broken_location": 1}
    monkeypatch.setattr(el_kind, "predict", lambda s, settings: {
        sentences[0].sentence_id: Choice([(16, 20)], (16, 20)), sentences[1].sentence_id: Choice([(0, 1)], (0, 1))})
    report = evaluate("event-location", gold, settings=object())
    assert report.metric("RELABEL", "accuracy") == 1.0
    assert report.metric("all", "accuracy") == pytest.approx(1 / 2)
    assert report.metric("all", "acc_no_location") == 0.0


def test_custom_kind_with_inline_documents(tmp_path, monkeypatch):
    gold = _write_jsonl(tmp_path / "gold.jsonl", [
        {"doc_id": "d1", "text": "A drone struck the base.", "published": "2024-01-05",
         "sub_event_type": "Air/drone strike", "event_date": "2024-01-04", "fatalities": 0},
        {"doc_id": "d1", "sub_event_type": "Armed clash"},
        {"doc_id": "d2", "text": "Nothing happened.", "event_type": "Protests"},
    ])
    got = {}

    def fake_docs(records, origin, settings):
        got["records"] = records
        return records

    monkeypatch.setattr(custom_kind, "documents_from_records", fake_docs)
    monkeypatch.setattr(custom_kind, "extract_per_document", lambda docs, settings: (
        {"d1": [{"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
                 "event_date": "2024-01-04"}]}, {"quarantined": 0, "failed": 0}))
    report = evaluate("custom", gold, settings=object())
    assert [r["id"] for r in got["records"]] == ["d1", "d2"]
    assert got["records"][0]["published"] == "2024-01-05"
    assert report.metric("custom", "n") == 3
    assert report.metric("custom", "event_type_acc") == pytest.approx(1 / 3)
    assert report.metric("custom", "date_exact") == 1.0  # only the first gold has a date
    assert report.metric("custom", "fatalities_match") == 1.0


def test_custom_kind_without_documents_is_a_coded_error(tmp_path):
    gold = _write_jsonl(tmp_path / "gold.jsonl", [{"doc_id": "d1", "event_type": "Battles"}])
    with pytest.raises(EventwireError) as info:
        evaluate("custom", gold, settings=object())
    assert info.value.code == "E012"


@pytest.mark.parametrize("kind,code", [("nonsense", "E010"), ("typing", "E011")])
def test_evaluate_unknown_kind_or_missing_gold_are_coded_errors(tmp_path, kind, code):
    with pytest.raises(EventwireError) as info:
        evaluate(kind, tmp_path / "missing.tsv")
    assert info.value.code == code


def test_cli_evaluate_prints_table_and_writes_json(tmp_path, monkeypatch):
    typer = pytest.importorskip("typer")
    from typer.testing import CliRunner

    from eventwire.cli_evaluate import evaluate_command

    tsv = tmp_path / "t.tsv"
    tsv.write_text("id\tEventSnippet\tSubType\n1\tx\tAIR_STRIKE\n", encoding="utf-8")
    monkeypatch.setattr(typing_kind, "predict_codes", lambda sn, typer=None: ["AIR_STRIKE"])
    app = typer.Typer()
    app.command("evaluate")(evaluate_command)
    app.command("noop")(lambda: None)  # a second command keeps `evaluate` a subcommand
    out = tmp_path / "r.json"
    result = CliRunner().invoke(app, ["evaluate", "--kind", "typing", "--gold", str(tsv), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "weighted_f1" in result.output
    assert json.loads(out.read_text())["groups"]["seen_25"]["weighted_f1"] == 1.0
    missing = CliRunner().invoke(app, ["evaluate", "--kind", "typing", "--gold", str(tmp_path / "nope.tsv")])
    assert missing.exit_code == 2


def test_evaluate_report_writes_quality_page_and_skips_absent_gold(tmp_path, monkeypatch):
    from eventwire import evaluate_report

    shared = tmp_path / "shared"
    tsv = shared / "eval" / DEFAULT_GOLD["typing"]
    tsv.parent.mkdir(parents=True)
    tsv.write_text("id\tEventSnippet\tSubType\n1\tx\tAIR_STRIKE\n", encoding="utf-8")
    monkeypatch.setenv("EVENTWIRE_SHARED", str(shared))
    monkeypatch.setattr(typing_kind, "predict_codes", lambda sn, typer=None: ["AIR_STRIKE"])
    out = tmp_path / "quality.md"
    assert evaluate_report.main(["--out", str(out)]) == 0
    page = out.read_text()
    assert "## typing" in page and "| weighted_f1 | 100.0 |" in page
    assert "events: gold not found" in page and "Machine:" in page and "cores" in page


# ------------------------------------------------------------------------------------------- integration

def _need_pipeline(*modules: str) -> None:
    if not SHARED_EVAL.is_dir():
        pytest.skip("../shared/eval absent")
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError as exc:
            pytest.skip(f"pipeline piece missing: {name} ({exc})")


def _need_gazetteer() -> None:
    from eventwire.settings import Settings

    if not Settings.from_overrides({}).gazetteer_file().exists():
        pytest.skip("gazetteer index not built (make install builds it)")


@pytest.mark.integration
def test_typing_kind_runs_on_case2021():
    _need_pipeline("eventwire.classify")
    report = evaluate("typing", SHARED_EVAL / DEFAULT_GOLD["typing"], limit=60)
    assert report.metric("all_30", "n") == 60
    assert 0.0 <= report.metric("seen_25", "weighted_f1") <= 1.0


@pytest.mark.integration
def test_events_kind_runs_on_conflict_dev():
    _need_pipeline("eventwire.pipeline", "eventwire.classify", "eventwire.ingest")
    _need_gazetteer()
    report = evaluate("events", SHARED_EVAL / DEFAULT_GOLD["events"], limit=5)
    assert report.metric("acled", "n") == 5
    assert report.details["failures"]["failed"] == 0, report.details["failures"]


@pytest.mark.integration
def test_toponyms_kind_runs_on_each_corpus():
    _need_pipeline("eventwire.geo", "eventwire.nlp")
    _need_gazetteer()
    try:
        from eventwire.geo import Geocoder  # noqa: F401
    except ImportError:
        pytest.skip("geocoder missing")
    report = evaluate("toponyms", SHARED_EVAL / DEFAULT_GOLD["toponyms"], limit=2)
    for corpus in ("GWN", "LGL", "TR-News", "GeoVirus", "IDRISI"):
        assert report.metric(f"{corpus} given", "n_docs") == 2
        assert report.metric(f"{corpus} e2e", "n_docs") == 2


@pytest.mark.integration
def test_event_location_kind_runs_on_relabel_and_all():
    _need_pipeline("eventwire.geo", "eventwire.nlp")
    _need_gazetteer()
    try:
        from eventwire.geo import Geocoder  # noqa: F401
    except ImportError:
        pytest.skip("geocoder missing")
    report = evaluate("event-location", SHARED_EVAL / DEFAULT_GOLD["event-location"], limit=10)
    assert report.metric("RELABEL", "n") == 10 and report.metric("all", "n") == 20
