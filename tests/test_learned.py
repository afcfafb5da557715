"""The learned block scorer: its features, its tree evaluator, its decisions and reasons."""

from __future__ import annotations

import json
import random

import pytest

import declutter
from declutter import Kind, Options
from declutter.learned import FIXED_RULES, RULE, model_for, model_path, rescore
from declutter.learned.features import FEATURE_NAMES, page_features, shape
from declutter.learned.trees import Ensemble, compile_trees, from_lightgbm, load
from declutter.pipeline import analyse as analyse_doc
from declutter.sources import segment

ARTICLE = (
    "The river council met on Tuesday to discuss the new bridge over the old harbour. "
    "Members agreed that the repairs would start in the spring and last for two years."
)
HTML = (
    "<html><head><title>Bridge works</title></head><body><ul><li><a href='/'>Home</a></li>"
    "<li><a href='/n'>News</a></li></ul><article><h1>Bridge works</h1>"
    f"<p>{ARTICLE}</p><p>{ARTICLE}</p></article><footer>Copyright 2024</footer></body></html>"
)
DUMP = "\n\n".join(["Bridge works", "Home", "News", "Bridge works", ARTICLE, ARTICLE, "(c) 2024"])


@pytest.mark.parametrize(("page", "kind"), [(HTML, Kind.HTML), (DUMP, Kind.TEXT)])
def test_one_row_of_every_feature_per_block(page, kind):
    doc, labels, weights, _ = analyse(page, kind, Options(kind=kind, learned=False))
    rows = page_features(doc, labels, weights)
    assert len(rows) == len(doc.blocks)
    assert all(len(row) == len(FEATURE_NAMES) for row in rows)
    assert len(set(FEATURE_NAMES)) == len(FEATURE_NAMES)
    kept = FEATURE_NAMES.index("kept")
    assert [row[kept] for row in rows] == [float(b.kept) for b in doc.blocks]
    assert doc.page_type is not None
    assert all(row[FEATURE_NAMES.index(f"page_{doc.page_type}")] == 1.0 for row in rows)


def test_an_element_shape_forgets_sibling_indices():
    assert shape("body/div#main/ul/li[3]/a") == shape("body/div#main/ul/li[7]/a")
    assert shape("body/div#main/p[2]") != shape("body/aside/p[2]")


def analyse(page, kind, options):
    doc = segment(page, kind, "declutter")
    return (doc, *analyse_doc(doc, options))


def test_compiled_trees_follow_the_nodes():
    tree = [0, 0.5, [1, 2.0, 1.0, 2.0], -1.0]  # x0 <= 0.5 ? (x1 <= 2 ? 1 : 2) : -1
    score = compile_trees([tree, 0.25], base=0.5)
    assert score([0.1, 1.0]) == pytest.approx(1.75)
    assert score([0.1, 3.0]) == pytest.approx(2.75)
    assert score([0.9, 0.0]) == pytest.approx(-0.25)


def test_the_evaluator_agrees_with_lightgbm(tmp_path):
    lightgbm = pytest.importorskip("lightgbm")
    numpy = pytest.importorskip("numpy")
    rng = random.Random(3)
    rows = numpy.array([[rng.random() for _ in range(4)] for _ in range(400)])
    labels = numpy.array([int(r[0] + 0.5 * r[1] > 0.8) for r in rows])
    booster = lightgbm.train(
        {"objective": "binary", "num_leaves": 7, "verbosity": -1, "seed": 1},
        lightgbm.Dataset(rows, label=labels),
        num_boost_round=20,
    )
    path = tmp_path / "m.json"
    doc = {"features": list("abcd"), "threshold": 0.5, "trees": from_lightgbm(booster.dump_model())}
    path.write_text(json.dumps(doc))
    ensemble = load(path)
    expected = booster.predict(rows[:50])
    for row, want in zip(rows[:50].tolist(), expected):
        assert ensemble.probability(row) == pytest.approx(want, abs=1e-4)


def _always(value: float) -> Ensemble:
    return Ensemble(FEATURE_NAMES, 0.5, compile_trees([value]), {})


def test_a_score_that_overrules_the_rules_says_so(monkeypatch):
    monkeypatch.setattr("declutter.learned.model_for", lambda kind: _always(-4.0))
    doc, labels, weights, _ = analyse(HTML, Kind.HTML, Options(kind=Kind.HTML, learned=False))
    before = [(b.kept, b.reason) for b in doc.blocks]
    rescore(doc, labels, weights)
    for block, (was_kept, reason) in zip(doc.blocks, before):
        if reason is not None and reason.rule in FIXED_RULES:
            assert (block.kept, block.reason) == (was_kept, reason)  # the title stands
            assert block.score is None
            continue
        assert block.kept is False and block.score == pytest.approx(0.018, abs=1e-3)
        if was_kept:
            assert block.reason.rule == RULE
            assert block.reason.cue.startswith("block score 0.02 < 0.50; the rules said ")
        else:
            assert block.reason == reason  # agreed with the rules: their reason stays


def test_learned_false_keeps_the_rules_alone(monkeypatch):
    monkeypatch.setattr("declutter.learned.model_for", lambda kind: _always(4.0))
    alone = declutter.clean(HTML, options=Options(learned=False))
    assert ARTICLE in alone.text and "Home" not in alone.text
    assert all(b.score is None for b in alone.blocks)
    scored = declutter.clean(HTML)  # a model that keeps every block: the menu stays
    assert ARTICLE in scored.text and "Home" in scored.text


def test_the_shipped_model_reads_todays_features():
    assert model_path(Kind.HTML).is_file(), "rebuild with `make train`"
    model = model_for(Kind.HTML)
    assert model is not None and model.features == FEATURE_NAMES
    assert "tune halves" in model.about["trained_on"]
    result = declutter.clean(HTML, options=Options(kind=Kind.HTML))
    assert ARTICLE in result.text
    assert all(b.score is not None for b in result.blocks if b.reason.rule not in FIXED_RULES)
    assert '"score": ' in json.dumps(result.explain())


def test_text_dumps_are_decided_by_the_rules_alone():
    assert model_for(Kind.TEXT) is None  # none shipped: it gained nothing (History)
    scored = declutter.clean(DUMP, options=Options(kind=Kind.TEXT))
    alone = declutter.clean(DUMP, options=Options(kind=Kind.TEXT, learned=False))
    assert scored.text == alone.text and ARTICLE in scored.text
    assert all(b.score is None for b in scored.blocks)


def test_the_cli_can_leave_the_scorer_out_and_a_rerun_notices(tmp_path):
    from declutter.cli import main
    from declutter.stamps import options_key

    page = tmp_path / "a.html"
    page.write_text(HTML, encoding="utf-8")
    assert main(["--no-learned", "--jobs", "1", str(tmp_path)]) == 0
    assert ARTICLE in (tmp_path / "a.clean.txt").read_text(encoding="utf-8")
    scored, alone = options_key(Options(), "txt", False), options_key(
        Options(learned=False), "txt", False
    )
    assert scored != alone  # a page cleaned without the scorer is redone with it
    assert '"learned": null' in alone and f'"learned": "{learned_fingerprint()}"' in scored


def learned_fingerprint():
    from declutter.learned import fingerprint

    return fingerprint()


STRUCTURED = (
    "<html><head><title>Kettle</title></head><body><nav class='site-menu'><a href='/'>Home</a>"
    "</nav><main><div class='product-description'><p>A steel kettle that boils water in two "
    f"minutes.</p><p>{ARTICLE}</p></div></main><footer><p>Shipping and returns</p></footer>"
    "</body></html>"
)


def _feature(rows, doc, text, name):
    index = next(i for i, b in enumerate(doc.blocks) if b.text.startswith(text))
    return rows[index][FEATURE_NAMES.index(name)]


def test_semantic_ancestors_and_class_words_are_features():
    doc, labels, weights, _ = analyse(STRUCTURED, Kind.HTML, Options(learned=False))
    rows = page_features(doc, labels, weights)
    assert _feature(rows, doc, "Home", "under_nav") == 1.0
    assert _feature(rows, doc, "Home", "class_navigation") == 1.0
    assert _feature(rows, doc, "A steel", "under_nav") == 0.0
    assert _feature(rows, doc, "A steel", "under_main") == 1.0
    assert _feature(rows, doc, "A steel", "class_product") == 1.0
    assert _feature(rows, doc, "Shipping", "under_footer") == 1.0
    assert _feature(rows, doc, "Shipping", "class_product") == 0.0

