"""Scorers on tiny hand-made gold/prediction pairs: a scorer bug is worse than a model bug."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from eventwire.evaluate import report as R
from eventwire.evaluate import scorers as S
from eventwire.evaluate.events import GoldEvent, gold_from_conflict_row, match_score, published_anchor, score_events
from eventwire.evaluate.event_location import Choice, GoldSentence, score_group
from eventwire.evaluate.taxonomy_map import CURRENT, GoldLabel, case_code, map_acled_2016
from eventwire.evaluate.toponyms import GoldDoc, GoldToponym, PredToponym, score_e2e, score_given
from eventwire.evaluate.typing_kind import Snippet, score_typing


# ------------------------------------------------------------------------------------------- class F1

def test_class_scores_perfect_prediction_gives_one_everywhere():
    cs = S.class_scores(["a", "b", "b"], ["a", "b", "b"])
    assert cs.accuracy == cs.macro_f1 == cs.weighted_f1 == 1.0


def test_class_scores_weighted_and_macro_differ_by_support():
    # a: P=1/2 R=1 F1=2/3 (support 1); b: P=1 R=1/2 F1=2/3 ... use an asymmetric case instead
    gold = ["a", "a", "a", "b"]
    pred = ["a", "a", "a", "a"]
    cs = S.class_scores(gold, pred)
    f1_a = 2 * 0.75 * 1.0 / 1.75
    assert cs.per_class["a"]["f1"] == pytest.approx(f1_a)
    assert cs.per_class["b"]["f1"] == 0.0
    assert cs.macro_f1 == pytest.approx(f1_a / 2)
    assert cs.weighted_f1 == pytest.approx(f1_a * 3 / 4)
    assert cs.accuracy == pytest.approx(0.75)


def test_class_scores_missing_prediction_counts_as_wrong():
    cs = S.class_scores(["a", "b"], ["a", None])
    assert cs.accuracy == 0.5
    assert cs.per_class["b"]["recall"] == 0.0


def test_class_scores_absent_class_in_labels_counts_in_macro_not_in_weighted():
    cs = S.class_scores(["a", "a"], ["a", "a"], labels=["a", "c"])
    assert cs.per_class["c"]["support"] == 0
    assert cs.macro_f1 == pytest.approx(0.5)
    assert cs.weighted_f1 == pytest.approx(1.0)


def test_class_scores_prediction_outside_labels_is_a_false_negative_only():
    cs = S.class_scores(["a", "b"], ["a", "zzz"], labels=["a", "b"])
    assert cs.per_class["a"]["precision"] == 1.0
    assert cs.per_class["b"]["recall"] == 0.0
    assert cs.weighted_f1 == pytest.approx(0.5)


def test_class_scores_agree_with_sklearn():
    sklearn_metrics = pytest.importorskip("sklearn.metrics")
    gold = ["x", "y", "z", "x", "y", "x", "z", "z"]
    pred = ["x", "z", "z", "y", "y", "x", "x", "z"]
    cs = S.class_scores(gold, pred)
    assert cs.weighted_f1 == pytest.approx(sklearn_metrics.f1_score(gold, pred, average="weighted"))
    assert cs.macro_f1 == pytest.approx(sklearn_metrics.f1_score(gold, pred, average="macro"))


def test_class_scores_rejects_misaligned_sequences():
    with pytest.raises(ValueError):
        S.class_scores(["a"], [])


# ------------------------------------------------------------------------------------------- geography

@pytest.mark.parametrize("a,b,km", [
    ((0.0, 0.0), (0.0, 1.0), 111.19),             # one degree of longitude on the equator
    ((33.3152, 44.3661), (33.3152, 44.3661), 0.0),  # Baghdad to itself
    ((48.8566, 2.3522), (51.5074, -0.1278), 343.5),  # Paris - London
])
def test_haversine_known_distances(a, b, km):
    assert S.haversine_km(*a, *b) == pytest.approx(km, abs=0.5)


def test_acc_at_km_counts_missing_predictions_as_wrong():
    errors = [10.0, 100.0, None, 200.0]
    assert S.acc_at_km(errors, 25) == 0.25
    assert S.acc_at_km(errors, 161) == 0.5
    assert S.acc_at_km([], 161) is None


def test_error_stats_mean_and_median_over_resolved_only():
    stats = S.error_stats([0.0, 10.0, None, 50.0])
    assert stats["mean_km"] == pytest.approx(20.0)
    assert stats["median_km"] == 10.0
    assert stats["coverage"] == 0.75


def test_match_spans_is_one_to_one_and_prefers_largest_overlap():
    gold = [(0, 10), (20, 25)]
    pred = [(5, 12), (0, 9), (30, 35)]
    assert S.match_spans(gold, pred) == [(0, 1)]
    assert S.match_spans([(0, 4)], [(4, 8)]) == []  # touching is not overlapping


# ------------------------------------------------------------------------------------------- dates

def test_date_exact_and_within_day_precision():
    window = S.gold_window("2016-06-17", 1)
    assert S.date_exact("2016-06-17", "2016-06-17") is True
    assert S.date_within("2016-06-18", window) is False


def test_date_within_week_precision_is_three_days_either_side():
    window = S.gold_window("2016-06-17", 2)
    assert window == (dt.date(2016, 6, 14), dt.date(2016, 6, 20))
    assert S.date_within("2016-06-20", window) is True
    assert S.date_within("2016-06-21", window) is False


def test_month_precision_gold_accepts_any_day_of_that_month_but_exact_needs_the_day():
    window = S.gold_window("2016-02-15", 3)
    assert window == (dt.date(2016, 2, 1), dt.date(2016, 2, 29))
    assert S.date_within("2016-02-29", window) is True
    assert S.date_within("2016-03-01", window) is False
    assert S.date_exact("2016-02-03", "2016-02-15") is False


def test_ucdp_window_is_date_to_date_end_whatever_the_precision():
    window = S.gold_window("2021-05-28", 5, "2021-05-31")
    assert S.date_within("2021-05-30", window) is True
    assert S.date_within("2021-06-01", window) is False


def test_missing_predicted_date_is_wrong_and_missing_gold_is_not_applicable():
    assert S.date_exact(None, "2016-06-17") is False
    assert S.date_within(None, S.gold_window("2016-06-17", 1)) is False
    assert S.date_exact("2016-06-17", None) is None


# ------------------------------------------------------------------------------------------- fatalities

@pytest.mark.parametrize("pred,gold,low,high,ok", [
    (3, 3, None, None, True),
    (2, 3, None, None, False),
    (None, 0, None, None, True),   # not stated reads as ACLED's 0
    (None, 2, None, None, False),
    (5, 4, 2, 6, True),            # UCDP: inside [low, high]
    (7, 4, 2, 6, False),
    (2, 2, 3, 3, True),            # UCDP row whose best lies below low: the best still counts
])
def test_fatalities_exact_or_inside_ucdp_bounds(pred, gold, low, high, ok):
    assert S.fatalities_match(pred, gold, low, high) is ok


# ------------------------------------------------------------------------------------------- actors

@pytest.mark.parametrize("name,normalized", [
    ("Military Forces of Libya (2016-) Presidential Guard", "libya presidential guard"),
    ("Government of Afghanistan", "afghanistan"),
    ("Protesters (Zambia)", "protesters"),
    ("Military Forces of Nigeria (2015-) ", "nigeria"),
    ("Al Shabaab", "al shabaab"),
])
def test_normalize_actor(name, normalized):
    assert S.normalize_actor(name) == normalized


@pytest.mark.parametrize("pred,gold,ok", [
    ("Military Forces of Afghanistan", "Government of Afghanistan", True),
    ("Military Forces of Libya (2014-)", "Military Forces of Libya (2016-) Presidential Guard", True),
    ("al-Shabaab", "Al Shabaab", True),
    ("Islamic State", "Al Shabaab", False),
    (None, "Al Shabaab", False),
    ("Libyan Arab Army", "Libya", False),
])
def test_actor_match_after_normalization(pred, gold, ok):
    assert S.actor_match(pred, gold) is ok


def test_actor_match_not_applicable_without_gold_actor():
    assert S.actor_match("Al Shabaab", "") is None


# ------------------------------------------------------------------------------------------- taxonomy

def test_acled_2016_types_map_to_current_taxonomy():
    assert map_acled_2016("Battle-No change of territory") == GoldLabel("Battles", "Armed clash", ("Armed clash",))
    remote = map_acled_2016("Remote violence")
    assert remote is not None and remote.event_type == "Explosions/Remote violence"
    assert remote.sub_event_type is None and "Air/drone strike" in remote.accepted
    assert map_acled_2016("Riots/Protests", "Rioters (Uganda)").event_type == "Riots"  # type: ignore[union-attr]
    assert map_acled_2016("Riots/Protests", "Protesters (Tunisia)").event_type == "Protests"  # type: ignore[union-attr]


def test_every_acled_type_in_the_dev_gold_is_mapped():
    path = Path(__file__).parents[2] / "shared" / "eval" / "conflict_events_dev.jsonl"
    if not path.exists():
        pytest.skip("../shared/eval absent")
    types = {json.loads(line)["event_type"] for line in path.open(encoding="utf-8")
             if json.loads(line)["dataset"].startswith("acled")}
    assert all(map_acled_2016(t, "Protesters (X)") is not None for t in types)


def test_current_taxonomy_has_25_sub_event_types_and_case_codes_cover_them():
    subs = [s for v in CURRENT.values() for s in v]
    assert len(subs) == 25
    assert all(case_code(s) is not None for s in subs)


# ------------------------------------------------------------------------------------------- events matching

def _gold_acled(**kw):
    row = {"id": "acled:1", "dataset": "acled_africa_2016", "text": "x", "date": "2016-06-17", "time_precision": 1,
           "event_type": "Battle-No change of territory", "actor1": "Military Forces of Nigeria (2015-)",
           "country": "Nigeria", "admin1": "Borno", "lat": 11.85, "lon": 13.16, "fatalities": 7}
    row.update(kw)
    return gold_from_conflict_row(row)


def _pred(**kw):
    event = {"event_type": "Battles", "sub_event_type": "Armed clash", "event_date": "2016-06-17",
             "latitude": 11.85, "longitude": 13.16, "country": "Nigeria", "admin1": "Borno", "fatalities": 7,
             "actor1": "Military Forces of Nigeria (2015-)"}
    event.update(kw)
    return event


def test_events_perfect_prediction_scores_one_on_every_metric():
    m = score_events([_gold_acled()], {"acled:1": [_pred()]})["acled"]
    for name in ("detected", "event_type_acc", "sub_event_acc", "date_exact", "date_within", "acc_25km",
                 "acc_161km", "admin1_match", "country_match", "fatalities_match", "actor1_match"):
        assert m[name] == 1.0, name


def test_events_no_prediction_counts_as_wrong_on_every_field():
    m = score_events([_gold_acled()], {"acled:1": []})["acled"]
    assert m["detected"] == 0.0
    assert m["event_type_acc"] == m["date_exact"] == m["acc_161km"] == m["actor1_match"] == 0.0
    assert m["fatalities_match"] == 0.0  # gold 7, nothing predicted


def test_events_two_predictions_for_one_gold_scores_the_best_matching_one():
    wrong = _pred(event_type="Protests", sub_event_type="Peaceful protest", latitude=0.0, longitude=0.0,
                  event_date="2015-01-01")
    m = score_events([_gold_acled()], {"acled:1": [wrong, _pred()]})["acled"]
    assert m["event_type_acc"] == 1.0 and m["acc_25km"] == 1.0
    assert m["events_per_doc_ratio"] == 2.0


def test_events_location_thresholds_25_and_161_km():
    far = _pred(latitude=11.85, longitude=13.16 + 1.0)  # ~109 km east
    m = score_events([_gold_acled()], {"acled:1": [far]})["acled"]
    assert m["acc_25km"] == 0.0 and m["acc_161km"] == 1.0


def test_events_remote_violence_scores_event_type_but_not_sub_event():
    g = _gold_acled(event_type="Remote violence")
    m = score_events([g], {"acled:1": [_pred(event_type="Explosions/Remote violence",
                                             sub_event_type="Air/drone strike")]})["acled"]
    assert m["event_type_acc"] == 1.0
    assert "sub_event_acc" not in m


def test_events_violence_against_civilians_accepts_abduction_as_sub_event():
    g = _gold_acled(event_type="Violence against civilians")
    p = _pred(event_type="Violence against civilians", sub_event_type="Abduction/forced disappearance")
    m = score_events([g], {"acled:1": [p]})["acled"]
    assert m["sub_event_acc"] == 1.0 and m["sub_event_weighted_f1"] == 1.0


def test_events_ucdp_type_compatibility_and_fatality_bounds():
    row = {"id": "ucdp:1", "dataset": "ucdp_ged_sample", "text": "x", "date": "2021-05-28",
           "date_end": "2021-05-29", "time_precision": 2, "event_type": "one-sided", "actor1": "IS",
           "country": "Iraq", "admin1": "Ninawa province", "lat": 36.34, "lon": 43.13, "fatalities": 4,
           "fatalities_low": 3, "fatalities_high": 6}
    g = gold_from_conflict_row(row)
    good = _pred(event_type="Violence against civilians", sub_event_type="Attack", event_date="2021-05-29",
                 latitude=36.34, longitude=43.13, fatalities=5, admin1="Ninawa", country="Iraq")
    m = score_events([g], {"ucdp:1": [good]})["ucdp"]
    assert m["event_type_acc"] == 1.0 and m["fatalities_match"] == 1.0 and m["date_within"] == 1.0
    assert m["date_exact"] == 0.0 and m["admin1_match"] == 1.0
    bad = dict(good, event_type="Protests")
    assert score_events([g], {"ucdp:1": [bad]})["ucdp"]["event_type_acc"] == 0.0


def test_events_groups_and_all():
    golds = [_gold_acled(), _gold_acled(id="acled:2")]
    golds[1].group = "ucdp"
    out = score_events(golds, {"acled:1": [_pred()]}, ["acled", "ucdp"])
    assert set(out) == {"acled", "ucdp", "all"}
    assert out["all"]["detected"] == 0.5


def test_match_score_ranks_right_type_and_place_above_wrong_ones():
    g = _gold_acled()
    assert match_score(g, _pred()) > match_score(g, _pred(event_type="Riots", latitude=0.0))


@pytest.mark.parametrize("anchor,expected", [("none", None), ("month", "2016-06"), ("next-day", "2016-06-18")])
def test_published_anchor(anchor, expected):
    assert published_anchor(_gold_acled(), anchor) == expected


def test_custom_gold_without_event_type_derives_it_from_sub_event():
    from eventwire.evaluate.custom import gold_from_custom_row

    g = gold_from_custom_row({"doc_id": "d1", "sub_event_type": "Air/drone strike", "event_date": "2024-01-04"})
    assert isinstance(g, GoldEvent)
    assert g.label == GoldLabel("Explosions/Remote violence", "Air/drone strike", ("Air/drone strike",))


# ------------------------------------------------------------------------------------------- typing

def test_typing_scores_seen_classes_and_counts_unseen_as_misses():
    snippets = [Snippet("1", "a", "AIR_STRIKE"), Snippet("2", "b", "ARMED_CLASH"), Snippet("3", "c", "ORG_CRIME"),
                Snippet("4", "d", "DIPLO")]
    out = score_typing(snippets, ["AIR_STRIKE", "ARMED_CLASH", None, "ARMED_CLASH"])
    assert out["seen_25"]["n"] == 2 and out["seen_25"]["weighted_f1"] == 1.0
    assert out["with_3_unseen_28"]["n"] == 3 and out["with_3_unseen_28"]["accuracy"] == pytest.approx(2 / 3)
    assert out["all_30"]["n"] == 4
    # ARMED_CLASH: P = 1/2, R = 1 -> F1 2/3 over 4 snippets with supports 1,1,1,1
    assert out["all_30"]["weighted_f1"] == pytest.approx((1.0 + 2 / 3 + 0 + 0) / 4)


# ------------------------------------------------------------------------------------------- toponyms

def _topo_doc():
    return GoldDoc("d1", "LGL", "en", "Paris and Lyon and Xyz", [
        GoldToponym(0, 5, "Paris", 48.8566, 2.3522, "2988507"),
        GoldToponym(10, 14, "Lyon", 45.764, 4.8357, "2996944"),
        GoldToponym(19, 22, "Xyz"),  # recognisable, no coordinates
    ])


def test_toponyms_given_spans_resolution_metrics():
    d = _topo_doc()
    resolved = {"d1": [PredToponym(0, 5, 48.8566, 2.3522, "geonames:2988507"),
                       PredToponym(10, 14, 48.8566, 2.3522, "geonames:2988507"),  # Lyon put in Paris
                       None]}
    m = score_given([d], resolved)
    assert m["n_resolvable"] == 2
    assert m["acc_161km"] == 0.5 and m["exact_geonames"] == 0.5
    assert m["median_km"] == pytest.approx(S.haversine_km(48.8566, 2.3522, 45.764, 4.8357) / 2)


def test_toponyms_e2e_recognition_and_unrecognised_counts_wrong():
    d = _topo_doc()
    found = {"d1": [PredToponym(0, 5, 48.86, 2.35, "geonames:2988507"), PredToponym(15, 18)]}  # "and" is a FP
    m = score_e2e([d], found)
    assert (m["n_gold"], m["n_pred"]) == (3, 2)
    assert m["precision"] == 0.5 and m["recall"] == pytest.approx(1 / 3)
    assert m["acc_161km"] == 0.5 and m["coverage"] == 0.5


# ------------------------------------------------------------------------------------------- event location

def test_event_location_correct_overlap_and_abstention():
    located = GoldSentence("1", "RELABEL", "Gunmen attacked Nablus and Jenin", (7, 15), [(16, 22)])
    none = GoldSentence("2", "RELABEL", "He was shot in Paris years ago", (7, 11), [])
    choices = {"1": Choice([(16, 22), (27, 32)], (16, 22)), "2": Choice([(15, 20)], None)}
    m = score_group([located, none], choices)
    assert m["accuracy"] == 1.0 and m["acc_with_location"] == 1.0 and m["acc_no_location"] == 1.0
    assert m["baseline_nearest_acc"] == 0.5  # the baseline never abstains
    wrong = {"1": Choice([(16, 22), (27, 32)], (27, 32)), "2": Choice([(15, 20)], (15, 20))}
    assert score_group([located, none], wrong)["accuracy"] == 0.0
    assert score_group([located], {})["recognition_ceiling"] == 0.0


# ------------------------------------------------------------------------------------------- report

def test_report_formats_counts_km_and_proportions():
    assert R.format_value("n", 1234) == "1,234"
    assert R.format_value("median_km", 12.345) == "12.3"
    assert R.format_value("acc_161km", 0.8766) == "87.7"
    assert R.format_value("acc_161km", None) == "–"


def test_report_markdown_and_json_round_trip(tmp_path):
    rep = R.Report(kind="typing", gold="x.tsv", groups={"seen_25": {"n": 2, "weighted_f1": 0.5}}, notes=["note"])
    md = R.to_markdown(rep)
    assert "| weighted_f1 | 50.0 |" in md and "- note" in md
    R.write_json(rep, tmp_path / "r.json")
    assert json.loads((tmp_path / "r.json").read_text())["groups"]["seen_25"]["weighted_f1"] == 0.5


def test_events_dyad_sides_are_found_in_either_role():
    # UCDP's side A is the government, whoever attacked: the dyad metrics look in actor1 and actor2.
    g = _gold_acled(actor1="Government of Nigeria", actor2="Boko Haram")
    rebels_first = _pred(actor1="Boko Haram", actor2="Military Forces of Nigeria (2015-)")
    m = score_events([g], {"acled:1": [rebels_first]})["acled"]
    assert m["actor1_match"] == 0.0
    assert m["dyad_one_side_found"] == 1.0 and m["dyad_both_sides_found"] == 1.0
    m = score_events([g], {"acled:1": [_pred(actor1="Boko Haram", actor2="")]})["acled"]
    assert m["dyad_one_side_found"] == 1.0 and m["dyad_both_sides_found"] == 0.0
