"""The check endpoints' analysis queue: one analysis at a time per process, in arrival order,
bounded (503 `busy` beyond it), and the caller's token still checked on every request."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.core.config import Settings
from service.core.errors import Busy
from service.main import create_app
from service.services.analysis_queue import AnalysisQueue
from tests.factories import PASSWORD, build_office, login

BODY = {"title": "云岭县推进春茶产业", "body": "今年以来，云岭县建设标准化茶园2.3万亩。"}


def test_jobs_run_one_at_a_time_in_arrival_order() -> None:
    queue = AnalysisQueue(limit=10)
    seen: list[tuple[int, str]] = []

    def job(i: int) -> int:
        seen.append((i, threading.current_thread().name))
        return i * i

    async def main() -> list[int]:
        return list(await asyncio.gather(*(queue.run(lambda i=i: job(i)) for i in range(6))))

    assert asyncio.run(main()) == [0, 1, 4, 9, 16, 25]
    assert [i for i, _ in seen] == list(range(6))
    assert len({name for _, name in seen}) == 1  # one analysis thread
    assert queue.pending == 0
    queue.shutdown()


def test_full_queue_refuses_and_a_cancelled_waiter_frees_its_place() -> None:
    queue = AnalysisQueue(limit=2)
    release = threading.Event()

    async def main() -> None:
        first = asyncio.ensure_future(queue.run(release.wait))
        waiting = asyncio.ensure_future(queue.run(lambda: "never run"))
        await asyncio.sleep(0.05)
        assert queue.pending == 2
        with pytest.raises(Busy):
            await queue.run(lambda: "refused")
        waiting.cancel()  # the client hung up before its turn
        await asyncio.sleep(0.05)
        assert queue.pending == 1
        release.set()
        assert await first is True
        assert await queue.run(lambda: "next") == "next"

    asyncio.run(main())
    assert queue.pending == 0
    queue.shutdown()


@pytest.fixture
def small_queue_client(db_url: str, tmp_path) -> Iterator[tuple[TestClient, AnalysisQueue]]:
    settings = Settings(
        database_url=db_url,
        var_dir=tmp_path / "var",
        secret_key="test-secret-" + "x" * 40,
        analysis_queue_max=1,
        rate_limit_anonymous_per_minute=0,
    )
    app = create_app(settings)
    with TestClient(app) as client:
        yield client, app.state.analysis_queue
    app.state.engine.dispose()
    app.state._state.clear()  # as the app fixture does: no test's model stays reachable


def test_full_queue_answers_503_busy_while_health_answers(small_queue_client) -> None:
    client, queue = small_queue_client
    release, started = threading.Event(), threading.Event()

    def busy() -> None:
        started.set()
        release.wait(30)

    holder = threading.Thread(target=lambda: asyncio.run(queue.run(busy)))
    holder.start()  # another request's analysis occupies the queue's only place
    try:
        assert started.wait(10)
        r = client.post("/api/v1/check", json=BODY)
        assert r.status_code == 503
        assert r.json()["code"] == "busy"
        assert "服务器繁忙" in r.json()["message"]
        assert r.headers["Retry-After"] == "1"
        r = client.post("/api/v1/check/docx", files={"file": ("稿件.txt", BODY["body"].encode())})
        assert r.status_code == 503 and r.json()["code"] == "busy"
        assert client.get("/healthz").status_code == 200  # the event loop is not blocked
    finally:
        release.set()
        holder.join(10)
    r = client.post("/api/v1/check", json=BODY)
    assert r.status_code == 200, r.text
    assert r.json()["category"]["label"] in {"dynamic", "problem", "special"}
    assert queue.pending == 0


def test_check_refuses_a_revoked_token_at_once(client, office) -> None:
    headers = login(client, "officer_a")
    assert client.post("/api/v1/check", json=BODY, headers=headers).status_code == 200
    r = client.post(
        "/api/v1/me/password",
        json={"current_password": PASSWORD, "new_password": "a-new-secret-9"},
        headers=headers,
    )
    assert r.status_code == 200, r.text
    r = client.post("/api/v1/check", json=BODY, headers=headers)  # the very next request
    assert r.status_code == 401 and r.json()["code"] == "token_revoked"
    r = client.post(
        "/api/v1/check/docx", files={"file": ("稿件.txt", BODY["body"].encode())}, headers=headers
    )
    assert r.status_code == 401 and r.json()["code"] == "token_revoked"
    bad = {"Authorization": "Bearer not-a-token"}
    r = client.post("/api/v1/check", json=BODY, headers=bad)
    assert r.status_code == 401 and r.json()["code"] == "invalid_token"


def test_check_refuses_a_deactivated_account(client, office) -> None:
    officer, admin = login(client, "officer_a"), login(client, "admin")
    uid = office.users["officer_a"]
    r = client.patch(f"/api/v1/users/{uid}", json={"active": False}, headers=admin)
    assert r.status_code == 200, r.text
    r = client.post("/api/v1/check", json=BODY, headers=officer)
    assert r.status_code == 401 and r.json()["code"] in {"inactive_user", "token_revoked"}


def test_anonymous_check_off_still_needs_a_token(db_url: str, tmp_path) -> None:
    settings = Settings(
        database_url=db_url,
        var_dir=tmp_path / "var",
        secret_key="test-secret-" + "x" * 40,
        anonymous_check=False,
    )
    app = create_app(settings)
    build_office(app.state.session_factory)
    with TestClient(app) as client:
        r = client.post("/api/v1/check", json=BODY)
        assert r.status_code == 401 and r.json()["code"] == "unauthorized"
        headers = login(client, "officer_a")
        assert client.post("/api/v1/check", json=BODY, headers=headers).status_code == 200
    app.state.engine.dispose()
    app.state._state.clear()
