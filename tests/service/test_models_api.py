"""Model versions over HTTP: list, retrain jobs, activate/rollback, likelihood status, and a
second real API process that follows the retrained model without restart."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from service.core.db import unit_of_work
from service.services import likelihood, model_versions, retraining
from service.services.model_versions import register
from service.tables import Draft, DraftStatus, TrainingJob
from tests.factories import login
from tests.retrain_support import record_outcomes, record_reviewed, short_pieces

pytestmark = pytest.mark.heavy  # fits models or measures over the corpus: not in make test-fast


def _predict(starter):
    return lambda texts: [str(x) for x in starter.bundle["category"].predict(texts)]


def _wait_job(client, headers, job_id: int, seconds: float = 240) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = client.get(f"/api/v1/models/jobs/{job_id}", headers=headers).json()
        if job["status"] in ("succeeded", "failed"):
            return job
        assert 0.0 <= job["progress"] <= 1.0
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not finish")


def test_versions_list_with_summary(client, office) -> None:
    admin = login(client, "admin")
    body = client.get("/api/v1/models", headers=admin).json()
    assert body["count"] == 1
    v1 = body["data"][0]
    assert (v1["version"], v1["kind"], v1["status"]) == ("v1", "category", "active")
    assert v1["size_bytes"] > 10_000 and len(v1["sha256"]) == 64 and "artifact" not in v1
    summary = v1["summary"]
    assert summary["basis"] == "held_out" and set(summary["per_class_f1"]) == {
        "dynamic",
        "problem",
        "special",
    }
    assert len(summary["confusion"]) == 3
    assert client.get("/api/v1/models?kind=adoption", headers=admin).json()["count"] == 0
    r = client.get("/api/v1/models?kind=other", headers=admin)
    assert r.status_code == 422 and r.json()["code"] == "invalid_input"


def test_retrain_refuses_when_nothing_to_learn_or_a_job_runs(app, client, office) -> None:
    admin = login(client, "admin")
    r = client.post("/api/v1/models/retrain", json={}, headers=admin)
    assert r.status_code == 409 and r.json()["code"] == "nothing_to_learn"
    assert "强制" in r.json()["message"]
    with unit_of_work(app.state.session_factory) as s:
        s.add(TrainingJob(status="running", heartbeat_at=datetime.now(UTC)))
    r = client.post("/api/v1/models/retrain", json={"force": True}, headers=admin)
    assert r.status_code == 409 and r.json()["code"] == "job_running"
    assert client.get("/api/v1/models/jobs/424242", headers=admin).status_code == 404


def test_a_dead_job_is_marked_failed_when_next_looked_at(app, client, office) -> None:
    admin = login(client, "admin")
    old = datetime.now(UTC) - retraining.STALE_AFTER - timedelta(seconds=5)
    with unit_of_work(app.state.session_factory) as s:
        job = TrainingJob(status="running", heartbeat_at=old, created_at=old)
        s.add(job)
        s.flush()
        job_id = job.id
    jobs = client.get("/api/v1/models/jobs", headers=admin).json()
    assert jobs["data"][0]["id"] == job_id and jobs["data"][0]["status"] == "failed"
    assert jobs["data"][0]["message"] == retraining.STALE_MESSAGE


def test_activate_and_roll_back(app, client, office, starter) -> None:
    admin = login(client, "admin")
    with unit_of_work(app.state.session_factory) as s:
        register(s, starter.bundle, starter.metrics, "again")
    versions = client.get("/api/v1/models", headers=admin).json()["data"]
    assert [(v["version"], v["status"]) for v in versions] == [
        ("v1", "active"),
        ("v2", "candidate"),
    ]
    r = client.post("/api/v1/models/v2/activate", headers=admin)
    assert r.status_code == 200 and r.json()["status"] == "active"
    app.state.category_model.refresh()  # what the poll does every few seconds
    body = {"body": "今年以来，某县新增市场主体2100户，同比增长12%。"}
    assert client.post("/api/v1/check", json=body).json()["category"]["model_version"] == "v2"
    r = client.post("/api/v1/models/v1/activate", headers=admin)  # roll back
    assert r.status_code == 200
    statuses = {
        v["version"]: v["status"]
        for v in client.get("/api/v1/models", headers=admin).json()["data"]
    }
    assert statuses == {"v1": "active", "v2": "retired"}
    r = client.post("/api/v1/models/v9/activate", headers=admin)
    assert r.status_code == 404 and r.json()["code"] == "model_not_found"


def test_adoption_status_says_why_nothing_is_shown(client, office, settings) -> None:
    reviewer = login(client, "reviewer")
    status = client.get("/api/v1/adoption/status", headers=reviewer).json()
    assert status["available"] is False and status["outcomes"] == 0
    assert status["reason"] == "采用结果不足 200 条（现有 0 条），暂不显示采用可能性"


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_retrain_through_the_api(app, client, office, starter) -> None:
    record_reviewed(app.state.session_factory, office, short_pieces(60, seed=4), _predict(starter))
    admin = login(client, "admin")
    r = client.post("/api/v1/models/retrain", json={}, headers=admin)
    assert r.status_code == 202, r.text
    assert r.json()["status"] == "queued"
    job = _wait_job(client, admin, r.json()["id"])
    assert job["status"] == "succeeded", job["message"]
    assert job["progress"] == 1.0 and job["result_version"] == "v2"
    versions = client.get("/api/v1/models", headers=admin).json()["data"]
    v2 = versions[-1]
    assert v2["summary"]["basis"] == "recent" and v2["summary"]["active_version"] == "v1"
    assert v2["summary"]["macro_f1"] >= v2["summary"]["active_macro_f1"]
    r = client.post("/api/v1/models/retrain", json={}, headers=admin)
    assert r.status_code == 409 and r.json()["code"] == "nothing_new"


def test_adoption_likelihood_model(app, client, office, settings) -> None:
    """With enough outcomes a likelihood model is trained, measured and used for the queue."""
    factory = app.state.session_factory
    record_outcomes(factory, office, 320)
    with unit_of_work(factory) as s:  # two drafts waiting in the queue
        for flags in (0, 4):
            s.add(
                Draft(
                    unit_id=office.unit_a,
                    author_id=office.users["officer_a"],
                    title="某县某项工作",
                    body="正文" * 300,
                    status=DraftStatus.submitted,
                    predicted_category="problem",
                    confidence=0.9,
                    report={"news_style": {"score": 0.1}},
                    flag_counts={"news_style": flags, "number": 0, "sensitive": 0, "title": 0},
                    flags_total=flags,
                    submitted_at=datetime.now(UTC),
                )
            )
    admin, reviewer = login(client, "admin"), login(client, "reviewer")
    status = client.get("/api/v1/adoption/status", headers=reviewer).json()
    assert status["outcomes"] == 320 and status["available"] is False
    assert "重训" in status["reason"]
    r = client.post("/api/v1/models/retrain", json={}, headers=admin)
    job = _wait_job(client, admin, r.json()["id"])
    assert job["status"] == "succeeded", job["message"]
    assert "采用可能性模型" in job["message"]
    adoption = client.get("/api/v1/models?kind=adoption", headers=admin).json()["data"]
    assert len(adoption) == 1 and adoption[0]["status"] == "active"
    summary = adoption[0]["summary"]
    assert summary["roc_auc"] > 0.6 and 0 < summary["brier"] < 0.25
    assert sum(b["n"] for b in summary["reliability"]) == summary["n"] == 64
    assert "ROC AUC" in adoption[0]["card"] and "Brier" in adoption[0]["card"]
    status = client.get("/api/v1/adoption/status", headers=reviewer).json()
    assert status["available"] and status["reason"] is None
    queue = client.get("/api/v1/queue?sort=adoption_likelihood", headers=reviewer).json()["data"]
    likelihoods = [row["adoption_likelihood"] for row in queue]
    assert all(p is not None and 0 < p < 1 for p in likelihoods)
    assert queue[0]["flags_total"] == 0 and likelihoods[0] > likelihoods[1]  # fewer flags first
    with unit_of_work(factory) as s:  # what the workflow calls when a draft is saved
        draft = s.get(Draft, queue[1]["id"])
        draft.adoption_likelihood = None
        likelihood.score_draft(s, draft)
        assert draft.adoption_likelihood == pytest.approx(likelihoods[1], abs=1e-4)
    with unit_of_work(factory) as s:  # activating (a rollback, a job) rescores the queue itself
        for row in queue:
            s.get(Draft, row["id"]).adoption_likelihood = None
        model_versions.activate(s, adoption[0]["version"])
        rescored = [s.get(Draft, row["id"]).adoption_likelihood for row in queue]
        assert rescored == pytest.approx(likelihoods, abs=1e-4)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_second_api_process_follows_the_retrained_model(
    app, client, office, settings, starter, tmp_path
) -> None:
    """The office style test end to end: retraining raises macro-F1 on the recent drafts and
    a second, separately started API process on the same PostgreSQL switches to the new
    version without restart."""
    record_reviewed(app.state.session_factory, office, short_pieces(100), _predict(starter))
    port = _free_port()
    env = {
        **os.environ,
        "GOVBRIEF_DATABASE_URL": settings.database_url,
        "GOVBRIEF_SECRET_KEY": settings.secret_key,
        "GOVBRIEF_VAR_DIR": str(tmp_path / "second"),
        "GOVBRIEF_MODEL_POLL_SECONDS": "0.5",
        "GOVBRIEF_LOG_LEVEL": "WARNING",
    }
    command = [sys.executable, "-m", "uvicorn", "service.main:create_app", "--factory"]
    second = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    piece = {"title": "云岭县算力中心专题情况", "body": short_pieces(1, seed=8)[0][2]}
    try:
        _wait_ready(url, second)
        assert _served_version(url, piece) == "v1"
        admin = login(client, "admin")
        r = client.post("/api/v1/models/retrain", json={}, headers=admin)
        assert r.status_code == 202, r.text
        job = _wait_job(client, admin, r.json()["id"])
        assert job["status"] == "succeeded", job["message"]
        new = job["result_version"]
        v = client.get("/api/v1/models", headers=admin).json()["data"][-1]
        assert v["version"] == new and v["status"] == "active"
        assert v["summary"]["macro_f1"] >= v["summary"]["active_macro_f1"] + 0.15, v["summary"]
        deadline = time.monotonic() + 30
        while _served_version(url, piece) != new:
            assert time.monotonic() < deadline, "the second process kept the old model"
            time.sleep(0.25)
    finally:
        second.terminate()
        try:
            second.wait(timeout=15)
        except subprocess.TimeoutExpired:
            second.kill()


def _wait_ready(url: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the second API process exited"
        try:
            if httpx.get(url + "/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError("the second API process did not become ready")


def _served_version(url: str, piece: dict) -> str:
    r = httpx.post(url + "/api/v1/check", json=piece, timeout=30)
    assert r.status_code == 200, r.text
    return r.json()["category"]["model_version"]
