"""Retraining: exact fast features, data rules, the job on SQLite and PostgreSQL, kill safety."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import numpy as np
import pytest
import scipy.sparse as sp
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from models.classify import build_pipeline, classifier_text
from models.text import Document
from service.core.db import unit_of_work
from service.repositories.model_versions import active_head
from service.services import retraining
from service.tables import Draft, ModelVersion, TrainingJob
from tests.retrain_support import record_reviewed, short_pieces
from training import features
from training.dataset import Item, body_key, category_items, corpus_items
from training.history import history_items, read_history, stored_tokens
from training.retrain import MIN_EVAL, Weights, decide, split_data
from training.train import fit_category, min_df_for

pytestmark = pytest.mark.heavy  # fits models or measures over the corpus: not in make test-fast

EDGE_CASES = [
    ([], []),
    (["①", "号"], ["２", "x", "，", "a1", "，，", "|", "²"]),
    (["标题"], ["。"]),
    (["x_y"], ["a_b", "a", "b", "_"]),  # names with "_" can coincide with a bigram's name
    (["a b"], ["c d", "c", "d"]),  # a token with a space: word_ngrams splits it
    (["e f"], ["g"]),  # in the title only
]


@pytest.fixture(scope="module")
def corpus() -> tuple[Item, ...]:
    return category_items()


def _texts(pairs) -> list[str]:
    return [classifier_text(t, b) for t, b in pairs]


@pytest.mark.parametrize("batch", [features.BATCH, 7])  # one batch; many, edge cases split
def test_fast_features_equal_scikit_learn(corpus, monkeypatch, batch) -> None:
    monkeypatch.setattr(features, "BATCH", batch)
    texts = [i.text for i in corpus[:: 1 if batch == features.BATCH else 5]]
    texts += _texts(EDGE_CASES)
    reference, fast = (
        build_pipeline().named_steps["features"],
        build_pipeline().named_steps["features"],
    )
    expected = reference.fit_transform(texts)
    got = features.fit_transform(fast, texts)
    assert fast.vocabulary_ == reference.vocabulary_
    np.testing.assert_array_equal(fast.idf_, reference.idf_)
    assert abs(got - expected).max() == 0
    assert got.has_sorted_indices and got.indices.dtype == np.int32
    again = features.transform(reference, texts[-40:])
    assert abs(again - reference.transform(texts[-40:])).max() == 0


def test_fast_fit_gives_the_same_model(corpus) -> None:
    items = list(corpus[::4])
    fast = fit_category(items)
    reference = build_pipeline().fit(
        [i.text for i in items],
        [i.label for i in items],
        model__sample_weight=np.ones(len(items)),
    )
    probe = [i.text for i in corpus[1::9]]
    # Same features, but built in another column order: lbfgs stops at its tolerance along a
    # slightly different path (1.5e-5 apart at C=50). Reports round probabilities to 4 places.
    np.testing.assert_allclose(fast.predict_proba(probe), reference.predict_proba(probe), atol=1e-4)


def test_rare_features_are_cut_only_past_40000_drafts(corpus) -> None:
    """min_df grows with the number of drafts only past 40,000: the corpus model (and any
    retraining up to 40,000 drafts) keeps min_df=2 and the very vocabulary it had."""
    assert [min_df_for(2, n) for n in (0, 3_481, 20_000, 40_000)] == [2, 2, 2, 2]
    assert [min_df_for(2, n) for n in (40_001, 100_000, 400_000)] == [3, 5, 20]
    assert min_df_for(0.001, 10**6) == 0.001  # a share is left alone
    items = list(corpus[::4])
    model = fit_category(items)
    reference = build_pipeline().named_steps["features"].fit([i.text for i in items])
    assert model.named_steps["features"].min_df == 2
    assert model.named_steps["features"].vocabulary_ == reference.vocabulary_


def _history_rows() -> list[SimpleNamespace]:
    """Corpus texts as stored reviewed drafts, plus the edge cases."""
    from training.dataset import read_corpus

    rows = []
    for k, row in enumerate(r for r in read_corpus()[::3] if r["label"]):
        doc = Document.from_text(row["title"], row["body"])
        tokens = {"title": doc.title.words, "body": doc.body.words}
        rows.append(_row(k + 1, tokens, row["label"], "dynamic"))
    for title, body in EDGE_CASES:
        rows.append(_row(len(rows) + 1, {"title": title, "body": body}, "special"))
    return rows


def test_streamed_batches_give_the_one_batch_model() -> None:
    """Drafts counted a few at a time as read give the very matrices, vocabulary and model of
    one batch, and of scikit-learn on their strings, whatever rows are chosen in whatever
    order; the evaluation rows copied out score as scikit-learn's transform of their texts."""
    rows = _history_rows()
    texts = [i.text for i in history_items(rows)]
    rng = np.random.default_rng(3)
    chosen = rng.permutation(len(rows))[: len(rows) - 40]  # interleaves the small batches
    held = sorted(set(range(len(rows))) - set(chosen.tolist()))
    fitted = []
    # one batch; small batches; small batches counted by two worker processes
    for batch, workers in ((len(rows) + 1, 1), (7, 1), (7, 2)):
        history = read_history(rows, batch=batch, workers=workers)
        assert len(history.counts.parts) == -(-len(rows) // batch)
        assert all(i.text == "" for i in history.items)
        evaluation = history.counts.subset(held)
        vectorizer = build_pipeline().named_steps["features"]
        with evaluation.set_aside():  # the evaluation counts wait in a file during the fit
            assert evaluation.parts == []
            x, name_features = history.counts.fit_matrix(vectorizer, chosen)
        assert not hasattr(vectorizer, "vocabulary_")  # named after the solver
        name_features()
        assert history.counts.parts == []  # consumed
        scored = sp.vstack(list(evaluation.transform(vectorizer)))
        fitted.append((vectorizer, x, scored))
    reference = build_pipeline().named_steps["features"]
    expected = reference.fit_transform([texts[i] for i in chosen])
    for vectorizer, x, scored in fitted:
        assert vectorizer.vocabulary_ == reference.vocabulary_
        assert x.shape == expected.shape and abs(x - expected).max() == 0
        assert abs(scored - reference.transform([texts[i] for i in held])).max() == 0

    items = [replace(i, weight=1.0 + (k % 3)) for k, i in enumerate(history.items)]
    one, many, parallel = (
        fit_category([items[i] for i in chosen], read_history(rows, batch=b, workers=w).counts)
        for b, w in ((len(rows) + 1, 1), (7, 1), (7, 2))
    )
    probe = [texts[i] for i in held]
    for other in (many, parallel):
        coef = other.named_steps["model"].coef_
        np.testing.assert_array_equal(one.named_steps["model"].coef_, coef)
        np.testing.assert_array_equal(one.predict_proba(probe), other.predict_proba(probe))


def test_the_segmenter_is_unloaded_only_when_the_job_loaded_it() -> None:
    from models import tokenize

    text = "市政府召开常务会议研究部署防汛工作"
    before = tokenize.tokenize(text)
    assert tokenize.loaded()
    retraining._corpus()  # a process that checks drafts keeps its segmenter
    assert tokenize.loaded()
    tokenize.unload()
    corpus_items.cache_clear()
    assert len(retraining._corpus()) == len(category_items())  # tokenized again, then unloaded
    assert not tokenize.loaded()
    assert tokenize.tokenize(text) == before and tokenize.loaded()


def test_counts_from_words_equal_counts_from_strings(monkeypatch) -> None:
    """Counts.add_drafts (body words numbered at once, no classifier string) counts exactly
    what Counts.add counts from the strings: without a spaced token (the words' own path) and
    with one (the batch goes the strings' way)."""
    pairs = [(stored_tokens(r.tokens) or ([], [])) for r in _history_rows()[: -len(EDGE_CASES)]]
    pairs += [p for p in EDGE_CASES if not any(" " in w for w in p[0] + p[1])]
    for spaced in (False, True):
        drafts = pairs + (EDGE_CASES[-2:] if spaced else [])
        by_words, by_strings = features.Counts(), features.Counts()
        for start in range(0, len(drafts), 50):
            with monkeypatch.context() as m:
                if not spaced:  # the strings' way is only taken for a spaced token
                    m.setattr(features, "classifier_text", None)
                by_words.add_drafts(drafts[start : start + 50])
            by_strings.add(_texts(drafts[start : start + 50]))
        a, b = build_pipeline().named_steps["features"], build_pipeline().named_steps["features"]
        x, y = by_words.fit_transform(a), by_strings.fit_transform(b)
        assert a.vocabulary_ == b.vocabulary_ and len(a.vocabulary_) > 10_000
        assert x.shape == y.shape and abs(x - y).max() == 0


def _row(i: int, tokens, label: str = "dynamic", predicted: str | None = "dynamic"):
    return SimpleNamespace(
        id=i,
        title="标题",
        body=f"正文第{i}篇。",
        tokens=tokens,
        predicted_category=predicted,
        confirmed_category=label,
        reviewed_at=datetime(2026, 1, 1) + timedelta(days=i),
    )


def test_history_reuses_stored_tokens(monkeypatch) -> None:
    stored = {"title": ["标题"], "body": ["正文", "第", "1", "篇", "。"]}
    import models.tokenize

    def no_tokenizing():
        raise AssertionError("stored tokens must not be tokenized again")

    monkeypatch.setattr(models.tokenize, "get_tokenizer", no_tokenizing)
    items = history_items([_row(1, stored, "problem", "dynamic")])
    assert items[0].text == classifier_text(stored["title"], stored["body"])
    assert items[0].corrected and items[0].label == "problem"
    assert items[0].reviewed_at.tzinfo is not None


def test_history_tokenizes_only_drafts_without_tokens() -> None:
    from training.history import HistoryStats

    stats = HistoryStats()
    items = history_items(
        [_row(1, []), _row(2, {"title": ["x"], "body": ["y"]}), _row(3, None)], stats
    )
    assert stats.retokenized == 2 and len(items) == 3
    assert items[0].text == classifier_text(["标题"], ["正文", "第", "1", "篇", "。"])


def test_normalize_maps_exactly_the_table() -> None:
    from models.text import _MAP, normalize

    for text in ["２０２４年，ＡＢＣ　x\r\n〜~％", "普通文本123", ""]:
        assert normalize(text) == text.translate(_MAP)
    everything = "".join(map(chr, range(0x20, 0x3100)))
    assert normalize(everything) == everything.translate(_MAP)


def test_body_key_normalizes_like_the_analysis() -> None:
    assert body_key("２０２４年\n 增长") == body_key("2024年增长")


def _item(i: int, body: str, label: str, days: float, corrected: bool = False) -> Item:
    return Item(
        f"draft-{i}",
        label,
        classifier_text([], list(body)),
        body_key(body),
        "history",
        datetime(2026, 3, 1, tzinfo=UTC) + timedelta(days=days),
        corrected,
    )


def test_split_dedupes_weighs_and_holds_out_the_most_recent() -> None:
    corpus = [
        Item("c1", "dynamic", classifier_text([], ["甲"]), body_key("甲 乙")),
        Item("c2", "special", classifier_text([], ["丙"]), body_key("丙")),
    ]
    history = [_item(i, f"稿件{i}", "problem", days=i) for i in range(10)]
    history += [
        _item(20, "甲乙", "problem", days=0.5),  # same body as corpus c1 (spaces differ)
        _item(21, "稿件3", "special", days=30, corrected=True),  # re-reviewed later: wins
    ]
    split = split_data(corpus, history, Weights(), eval_share=0.2)
    assert [i.id for i in split.evaluation] == ["draft-9", "draft-21"]  # 2 of 11 unique
    train_ids = {i.id for i in split.train}
    assert "c1" not in train_ids and "c2" in train_ids and "draft-20" in train_ids
    assert "draft-3" not in train_ids  # superseded by draft-21's later review
    assert split.data["duplicates"] == 2 and split.data["eval"] == 2
    weights = {i.id: i.weight for i in split.train}
    assert weights["c2"] == 1.0
    assert 1.0 < weights["draft-0"] < weights["draft-8"] < 2.0  # newer weighs more
    corrected = _item(30, "改过", "special", days=8, corrected=True)
    w = {i.id: i.weight for i in split_data([], [*history[:9], corrected], Weights(), 0.0).train}
    assert w["draft-30"] == pytest.approx(2 * w["draft-8"], rel=1e-3)


def test_decide_margin_force_and_small_sets() -> None:
    kw = {"n_eval": 50, "margin": 0.02, "force": False, "has_active": True}
    assert decide(0.80, 0.81, **kw)[0] is True  # within the margin
    assert decide(0.78, 0.81, **kw)[0] is False
    assert decide(0.50, 0.90, **{**kw, "force": True})[0] is True
    assert decide(0.99, 0.10, **{**kw, "n_eval": MIN_EVAL - 1})[0] is False
    assert decide(None, None, **{**kw, "has_active": False})[0] is True


# -- the job, on SQLite and PostgreSQL --------------------------------------------------------


def _run(app, settings, *, force: bool = False, echo=None):
    factory = app.state.session_factory
    with unit_of_work(factory) as s:
        job_id = retraining.create_job(s, force=force, actor_id=None).id
    return retraining.run_job(factory, settings, job_id, echo)


def _predict(starter):
    pipeline = starter.bundle["category"]
    return lambda texts: [str(x) for x in pipeline.predict(texts)]


def test_retraining_learns_an_office_style_the_corpus_lacks(
    app, settings, office, starter, monkeypatch
) -> None:
    """100 reviewed short pieces on new policy areas: the candidate beats the starter on the
    office's 20 most recent drafts and becomes the active model. The drafts are counted by two
    worker processes, as a long history is (their tokens read as JSON text)."""
    monkeypatch.setattr(retraining, "read_workers", lambda n_reviewed: 2)
    factory = app.state.session_factory
    stored = record_reviewed(factory, office, short_pieces(100), _predict(starter))
    assert (
        sum(p != lab for p, (lab, _, _) in zip(stored.predicted, short_pieces(100), strict=True))
        > 10
    )
    job = _run(app, settings)
    assert job.status == "succeeded", job.message
    with factory() as s:
        row = s.scalar(select(ModelVersion).where(ModelVersion.version == job.result_version))
        assert active_head(s, "category")[0] == row.version == "v2"
    m = row.metrics
    assert m["data"]["history"] == 100 and m["data"]["eval"] == 20
    assert m["data"]["retokenized"] == 0 and m["data"]["corrected"] > 10
    cand, old = m["recent"]["macro_f1"], m["active_on_recent"]["macro_f1"]
    assert cand >= old + 0.15, (cand, old)
    assert m["comparison"]["activated"] and m["comparison"]["active_version"] == "v1"
    assert len(m["recent"]["confusion"]) == 3 and "special" in m["recent"]["per_class"]
    assert "与现用模型比较" in row.card and "最近审核稿件留出集" in row.card
    assert "v2" in job.message


def test_a_failure_midway_changes_nothing(app, settings, office, starter) -> None:
    factory = app.state.session_factory
    record_reviewed(factory, office, short_pieces(40), _predict(starter))
    with TestClient(app) as client:
        body = {"title": "云岭县低空经济专题情况", "body": short_pieces(1, seed=3)[0][2]}
        before = client.post("/api/v1/check", json=body).json()["category"]

        def crash(fraction: float, message: str) -> None:
            if fraction >= 0.2:
                raise RuntimeError("进程在训练中途出错")

        job = _run(app, settings, echo=crash)
        assert job.status == "failed" and "进程在训练中途出错" in job.message
        with factory() as s:
            assert active_head(s, "category")[0] == "v1"
            assert s.scalar(select(func.count()).select_from(ModelVersion)) == 1
        assert client.post("/api/v1/check", json=body).json()["category"] == before


def test_killed_cli_job_leaves_the_active_model(
    app, settings, office, starter, tmp_path, monkeypatch
) -> None:
    """`govbrief retrain` SIGKILLed while training: nothing stored; the next look marks the
    job failed and the active model answers exactly as before."""
    factory = app.state.session_factory
    record_reviewed(factory, office, short_pieces(60), _predict(starter))
    env = {
        **os.environ,
        "GOVBRIEF_DATABASE_URL": settings.database_url,
        "GOVBRIEF_SECRET_KEY": settings.secret_key,
        "GOVBRIEF_VAR_DIR": str(tmp_path / "cli-var"),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "retrain"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        job_id = _wait_until_training(factory, proc)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    monkeypatch.setattr(retraining, "STALE_AFTER", timedelta(seconds=1))
    time.sleep(1.5)
    from tests.factories import login

    with TestClient(app) as client:
        admin = login(client, "admin")
        job = client.get(f"/api/v1/models/jobs/{job_id}", headers=admin).json()
        assert job["status"] == "failed" and job["message"] == retraining.STALE_MESSAGE
        versions = client.get("/api/v1/models", headers=admin).json()
        assert [v["version"] for v in versions["data"]] == ["v1"]
        assert versions["data"][0]["status"] == "active"
        text = short_pieces(1, seed=3)[0]
        served = client.post("/api/v1/check", json={"title": text[1], "body": text[2]}).json()
    expected = starter.bundle["category"].predict_proba(
        [classifier_text(*_tokens(text[1], text[2]))]
    )[0]
    got = served["category"]["probabilities"]
    assert served["category"]["model_version"] == "v1"
    classes = list(starter.bundle["category"].classes_)
    assert [got[c] for c in classes] == pytest.approx(list(expected), abs=1e-4)


def _tokens(title: str, body: str) -> tuple[list[str], list[str]]:
    from models.text import Document

    doc = Document.from_text(title, body)
    return doc.title.words, doc.body.words


def _wait_until_training(factory, proc: subprocess.Popen) -> int:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        with factory() as s:
            job = s.scalar(select(TrainingJob).order_by(TrainingJob.id.desc()).limit(1))
        if job is not None and job.status == "running" and 0.2 <= job.progress < 0.75:
            return job.id
        time.sleep(0.05)
    raise AssertionError("the job never reached the training step")


def test_one_job_at_a_time_under_a_race(app) -> None:
    """Two admins press 重训 at the same moment: one job is queued, the other gets 409."""
    import threading

    from service.core.errors import Conflict

    factory, barrier, outcomes = app.state.session_factory, threading.Barrier(2), []

    def press() -> None:
        barrier.wait()
        try:
            with unit_of_work(factory) as s:
                outcomes.append(retraining.create_job(s, force=True, actor_id=None).id)
        except Conflict as exc:
            outcomes.append(exc.code)

    threads = [threading.Thread(target=press) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(outcomes, key=str) == sorted([1, "job_running"], key=str)
    with factory() as s:
        assert s.scalar(select(func.count()).select_from(TrainingJob)) == 1


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_cli_retrain(app, settings, office, starter, monkeypatch) -> None:
    from typer.testing import CliRunner

    from service.cli import app as cli
    from service.core.config import get_settings

    monkeypatch.setenv("GOVBRIEF_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("GOVBRIEF_SECRET_KEY", settings.secret_key)
    get_settings.cache_clear()
    try:
        refused = CliRunner().invoke(cli, ["retrain"])
        assert refused.exit_code == 1 and "还没有审核确认过分类" in refused.output
        record_reviewed(
            app.state.session_factory, office, short_pieces(60, seed=6), _predict(starter)
        )
        done = CliRunner().invoke(cli, ["retrain"])
        assert done.exit_code == 0, done.output
        assert "训练任务 #1 开始" in done.output and "分类模型 v2" in done.output
    finally:
        get_settings.cache_clear()


def test_adoption_features_see_only_the_units_past() -> None:
    from models.likelihood import FEATURES, PRIOR_WEIGHT, Facts
    from training.likelihood import Outcome, past_features

    facts = Facts(7, "problem", 0.9, {"number": 2}, 2, 800, 20, 0.1, False)
    at = datetime(2026, 1, 1, tzinfo=UTC)
    outcomes = [
        Outcome(i, facts, adopted, at + timedelta(days=i)) for i, adopted in enumerate([1, 1, 0])
    ]
    x = past_features(outcomes, prior=0.5)
    rate, seen = FEATURES.index("unit_rate"), FEATURES.index("log_unit_decided")
    assert x[0, rate] == 0.5 and x[0, seen] == 0  # nothing known before the first
    assert x[1, rate] == pytest.approx((1 + PRIOR_WEIGHT * 0.5) / (1 + PRIOR_WEIGHT))
    assert x[2, rate] == pytest.approx((2 + PRIOR_WEIGHT * 0.5) / (2 + PRIOR_WEIGHT))
    assert x[0, FEATURES.index("category.problem")] == 1.0
    assert x[0, FEATURES.index("log_flags.number")] == pytest.approx(np.log1p(2))


def test_two_workers_read_the_history_of_one_process() -> None:
    """Batches counted by worker processes (each numbering tokens its own way) join into the
    items, stats and counts that one process reads; stored tokens may come as JSON text."""
    import json

    from training.history import HistoryStats

    rows = _history_rows()
    rows[3].confirmed_category = "news"  # not a label: skipped
    rows[5].tokens = None  # tokenized again
    rows[8].tokens = json.dumps(rows[8].tokens, ensure_ascii=False)
    read = []
    for workers in (1, 2):
        stats = HistoryStats()
        read.append((read_history(rows, stats, batch=5, workers=workers), stats))
    (one, one_stats), (two, two_stats) = read
    assert one_stats == two_stats == HistoryStats(len(rows), 1, 1)
    assert one.items == two.items and [i.row for i in two.items] == list(range(len(rows) - 1))
    a, b = build_pipeline().named_steps["features"], build_pipeline().named_steps["features"]
    x, y = one.counts.fit_transform(a), two.counts.fit_transform(b)
    assert a.vocabulary_ == b.vocabulary_ and x.shape == y.shape and abs(x - y).max() == 0
    texts = [i.text for i in history_items(rows)]
    reference = build_pipeline().named_steps["features"]
    assert abs(reference.fit_transform(texts) - y).max() == 0


def test_workers_read_their_own_ranges_on_the_readers_snapshot(app, office) -> None:
    """A long history's worker processes read the drafts they count themselves, a range of ids
    each: the same items and model as the rows read in one process. On PostgreSQL they read on
    the reading session's snapshot: a category changed and a draft reviewed after it began
    are not seen (SQLite cannot share a snapshot: the ranges still hold each listed draft
    once, in order)."""
    from service.repositories import training as repo
    from training.history import HistoryStats, raw, read_history_ranges

    factory = app.state.session_factory
    record_reviewed(factory, office, short_pieces(30))
    with factory() as session:
        snapshot = retraining._shared_snapshot(session)
        url = session.get_bind().url.render_as_string(hide_password=False)
        reader = retraining._ReviewedRange(url, snapshot)
        ranges = repo.reviewed_ranges(session, 7)
        read = list(repo.reviewed_drafts(session))
        rows = [raw(r) for r in read]
        assert len(ranges) == 5 and ranges[0][0] == rows[0][0] and ranges[-1][1] == rows[-1][0]
        stats = [HistoryStats(), HistoryStats()]
        one = read_history(read, stats[0], batch=7)
        two = read_history_ranges(ranges, reader, stats[1], workers=2)
        assert stats[0] == stats[1] and one.items == two.items
        a, b = build_pipeline().named_steps["features"], build_pipeline().named_steps["features"]
        x, y = one.counts.fit_transform(a), two.counts.fit_transform(b)
        assert a.vocabulary_ == b.vocabulary_ and abs(x - y).max() == 0

        first = rows[0][0]
        with unit_of_work(factory) as s:  # committed while the history is being read
            s.get(Draft, first).confirmed_category = (
                "problem" if rows[0][5] != "problem" else "special"
            )
        record_reviewed(factory, office, short_pieces(3, seed=5))
        again = [raw(r) for lo, hi in ranges for r in reader(lo, hi)]
        assert [r[0] for r in again] == [r[0] for r in rows]
        if snapshot is not None:
            assert again == rows


def test_count_codes_equal_the_hashed_count() -> None:
    """One sort of code-and-draft keys gives the sorted codes and the very count matrix
    (values, dtypes, sorted indices) of hashing the codes and letting scipy sum them; codes
    with no room for the draft's bits take the hashed path."""
    from training.features import _count_codes_hashed, count_codes

    rng = np.random.default_rng(11)
    cases = [(0, 0, 10), (1, 6, 3), (3, 60, 5), (4096, 200_000, 1 << 40), (70_000, 50_000, 900)]
    cases += [(5, 40, 1 << 62), (1, 70_000, 1)]  # too large for the keys; counts past uint16
    for n_rows, n, high in cases:
        codes = rng.integers(0, high, n, dtype=np.int64)
        docs = rng.integers(0, max(n_rows, 1), n, dtype=np.int64)
        (got_codes, got), (codes_, expected) = (
            count_codes(codes.copy(), docs, n_rows),
            _count_codes_hashed(codes.copy(), docs, n_rows),
        )
        np.testing.assert_array_equal(got_codes, codes_)
        assert got.shape == expected.shape and got.has_canonical_format
        for name in ("data", "indices", "indptr"):
            a, b = getattr(got, name), getattr(expected, name)
            assert a.dtype == b.dtype and np.array_equal(a, b), name


def test_sorted_union_equals_unique_of_both() -> None:
    from training.features import _sorted_union

    rng = np.random.default_rng(5)
    for n, k in [(0, 0), (0, 5), (5, 0), (1000, 300), (20_000, 5_000)]:
        seen = np.unique(rng.integers(0, 3 * n + 10, n)).astype(np.int64)
        new = np.unique(rng.integers(0, 3 * n + 10, k)).astype(np.int64)
        got = _sorted_union(seen, new)
        assert got.dtype == np.int64
        np.testing.assert_array_equal(got, np.unique(np.concatenate([seen, new])))


def test_column_counts_a_slice_at_a_time_equal_bincount(monkeypatch) -> None:
    """Document frequencies summed over slices of the indices (bincount copies all of them to
    int64 at once) are bincount's, whatever the slice."""
    rng = np.random.default_rng(11)
    x = sp.random(60, 40, density=0.3, format="csr", dtype=np.float32, random_state=rng)
    expected = np.bincount(x.indices, minlength=x.shape[1])
    for size in (1, 7, x.nnz, x.nnz + 5):
        monkeypatch.setattr(features, "_SLICE", size)
        got = features._column_counts(x)
        assert got.dtype == np.int64
        np.testing.assert_array_equal(got, expected)


def test_memory_release_starts_no_process(monkeypatch) -> None:
    """A child forked from a job holding gigabytes shows the job's pages as its own until it
    execs (ctypes.util.find_library runs ldconfig so): the C library is reached in-process."""
    import subprocess

    def refuse(*args, **kwargs):
        raise AssertionError("a process was started")

    monkeypatch.setattr(subprocess, "Popen", refuse)
    monkeypatch.setattr(os, "fork", refuse)
    features.unmap_large_arrays()
    features.release_freed_memory()


def test_the_adoption_model_is_fitted_beside_the_scoring_the_same(monkeypatch) -> None:
    """Once the classifier is fitted, the adoption model is fitted in another thread (its
    outcomes read there, never before the fit) while the classifiers are scored; it is the
    model fitted on its own."""
    import threading

    from models.likelihood import Facts
    from training import retrain as module
    from training.likelihood import Outcome
    from training.retrain import Options, _adoption, retrain

    rng = np.random.default_rng(9)
    at = datetime(2026, 1, 1, tzinfo=UTC)
    outcomes = []
    for i in range(300):
        flags = int(rng.integers(0, 5))
        facts = Facts(i % 4, "problem", 0.9, {"number": flags}, flags, 800, 20, 0.1, False)
        adopted = bool(rng.random() < (0.7 if flags < 2 else 0.2))
        outcomes.append(Outcome(i, facts, adopted, at + timedelta(hours=i)))
    rows = _history_rows()
    events: list[str] = []

    def read_outcomes() -> list[Outcome]:
        events.append(
            "outcomes"
            if threading.current_thread() is threading.main_thread()
            else "outcomes in a thread"
        )
        return outcomes

    def fit(*args, **kwargs):
        fitted = fit_category(*args, **kwargs)
        events.append("fitted")
        return fitted

    monkeypatch.setattr(module, "fit_category", fit)

    options = Options(min_outcomes=200)
    history = read_history(rows, batch=50)
    result = retrain(corpus_items()[:200], history, read_outcomes, None, None, options)
    assert events == ["fitted", "outcomes in a thread"]
    alone, note = _adoption(outcomes, None, options)
    assert note is None and result.adoption_note is None
    assert result.adoption is not None and alone is not None
    assert result.adoption.metrics == alone.metrics and result.adoption.reason == alone.reason
    model, expected = result.adoption.bundle["pipeline"], alone.bundle["pipeline"]
    np.testing.assert_array_equal(model[-1].coef_, expected[-1].coef_)
    assert result.category is not None and "recent" in result.category.metrics
