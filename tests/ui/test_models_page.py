"""模型管理, driven with AppTest against a live API on SQLite: versions, retrain, roll back."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.factories import PASSWORD
from tests.retrain_support import record_reviewed, short_pieces
from ui.api_client import ApiClient

ENTRY = str(Path(__file__).resolve().parents[2] / "ui" / "streamlit_app.py")


def _page(url: str, name: str = "admin") -> AppTest:
    api = ApiClient(base_url=url)
    token = api.login(name, PASSWORD)
    at = AppTest.from_file(ENTRY, default_timeout=60)
    at.session_state["token"] = token
    at.session_state["user"] = api.me()
    at.run()
    at.switch_page("app_pages/models.py").run()
    assert not at.exception, at.exception
    return at


def _has(elements, fragment: str) -> bool:
    return any(fragment in str(e.value) for e in elements)


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def test_versions_metrics_and_nothing_to_learn(api) -> None:
    at = _page(api)
    assert at.title[0].value == "模型管理"
    table = at.dataframe[0].value
    assert list(table["版本"]) == ["v1"] and list(table["状态"]) == ["启用中"]
    assert "分类准确率" in table.columns  # D11: plain words, no macro-F1 / ROC AUC / Brier
    shown = " ".join([*table.columns, *(c.value for c in at.caption)])  # the card is the record
    assert not any(word in shown for word in ("macro-F1", "ROC AUC", "Brier", "评估集", "容差")), (
        shown
    )
    assert _has(at.markdown, "分类准确率")
    assert _has(at.markdown, "语料留出集") and _has(at.caption, "v1 是现用版本")
    matrix = at.dataframe[1].value
    assert list(matrix.columns) == ["动态信息", "问题信息", "专报信息"] and matrix.shape == (3, 3)
    assert _has(at.info, "采用结果不足 200 条")
    _button(at, "开始重训").click().run()
    assert not at.exception
    assert _has(at.error, "还没有审核确认过分类")


@pytest.mark.heavy  # runs a whole retraining job
def test_retrain_with_progress_then_roll_back(api, app, office, starter) -> None:
    pieces = short_pieces(60, seed=21)
    predict = starter.bundle["category"].predict
    record_reviewed(
        app.state.session_factory, office, pieces, lambda t: [str(x) for x in predict(t)]
    )
    at = _page(api)
    _button(at, "开始重训").click().run()
    assert not at.exception and _has(at.success, "重训任务 #1 已开始")
    admin = ApiClient(base_url=api)
    admin.login("admin", PASSWORD)
    deadline = time.monotonic() + 240
    while admin.get("/api/v1/models/jobs", limit=1)["data"][0]["status"] in ("queued", "running"):
        assert time.monotonic() < deadline
        time.sleep(0.3)
    at.run()  # the progress fragment sees the end and reloads the page
    assert not at.exception
    assert _has(at.success, "已完成") or _has(at.caption, "已完成")
    versions = list(at.dataframe[0].value["版本"])
    assert versions == ["v2", "v1"]
    at.selectbox(key="model_pick").select("v1").run()
    assert _has(at.markdown, "**v1**")
    active = {v["version"]: v["status"] for v in admin.get("/api/v1/models")["data"]}
    assert active == {"v1": "retired", "v2": "active"}  # the candidate went live
    _button(at, "回滚到此版本").click().run()
    assert not at.exception and _has(at.success, "已启用 v1")
    active = {v["version"]: v["status"] for v in admin.get("/api/v1/models")["data"]}
    assert active == {"v1": "active", "v2": "retired"}


def _weak_adoption_bundle() -> dict:
    """A real (tiny) adoption pipeline: what the service loads and scores with."""
    import numpy as np

    from models.likelihood import FEATURES, UnitRecord
    from training.likelihood import build_adoption_pipeline

    x = np.random.default_rng(7).normal(size=(40, len(FEATURES)))
    pipeline = build_adoption_pipeline().fit(x, [i % 2 == 0 for i in range(40)])
    units = UnitRecord(0.5)
    return {"pipeline": pipeline, "features": list(FEATURES), "units": units.table(), "prior": 0.5}


def test_weak_adoption_model_is_flagged_and_versions_count_per_kind(api, app, starter) -> None:
    """D11: an adoption model an admin switched on although it ranks barely better than chance
    carries a warning; its first version is a1 whatever the classifier's count; the captions
    speak plain words (no "F1")."""
    from service.core.db import unit_of_work
    from service.services.model_versions import register

    recent = {"n": 40, "roc_auc": 0.62, "brier": 0.24, "ece": 0.05, "base_rate": 0.5}
    metrics = {"recent": {**recent, "reliability": []}}
    with unit_of_work(app.state.session_factory) as s:
        register(s, starter.bundle, starter.metrics, starter.card)  # a second classifier: v2
        weak = register(s, _weak_adoption_bundle(), metrics, "卡", kind="adoption").version
        assert weak == "a1"
        assert register(s, starter.bundle, starter.metrics, starter.card).version == "v3"
    admin = ApiClient(base_url=api)
    admin.login("admin", PASSWORD)
    admin.post(f"/api/v1/models/{weak}/activate")  # chosen by hand, below the service's floor
    at = _page(api)
    assert _has(at.success, "采用可能性模型 a1 已启用")
    assert _has(at.warning, "区分能力偏弱（0.62")
    tables = [d.value for d in at.dataframe if "版本" in d.value.columns]
    assert list(tables[0]["版本"]) == ["v3", "v2", "v1"] and list(tables[-1]["版本"]) == ["a1"]
    assert not any("F1" in c.value for c in at.caption)
    assert _has(at.caption, "三类各自的分类得分")


def test_a_good_adoption_model_has_no_warning(api, app, starter) -> None:
    from service.core.db import unit_of_work
    from service.services.model_versions import register

    recent = {"n": 40, "roc_auc": 0.81, "brier": 0.18, "ece": 0.04, "base_rate": 0.5}
    with unit_of_work(app.state.session_factory) as s:
        metrics = {"recent": {**recent, "reliability": []}}
        register(s, _weak_adoption_bundle(), metrics, "卡", kind="adoption", activate_now=True)
    at = _page(api)
    assert _has(at.success, "采用可能性模型 a1 已启用")
    assert not _has(at.warning, "区分能力偏弱")
