"""Per-client rate limit on the endpoints that run the analysis; liveness answers HEAD."""

from __future__ import annotations

from service.api.ratelimit import TokenBuckets
from service.core.config import Settings
from service.main import create_app
from tests.factories import build_office, login

BODY = {"title": "云岭县推进春茶产业", "body": "今年以来，云岭县建设标准化茶园2.3万亩。"}


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_bucket_refills_at_its_rate() -> None:
    clock = _Clock()
    buckets = TokenBuckets(clock)
    assert [buckets.take("a", 2) for _ in range(2)] == [0.0, 0.0]
    assert buckets.take("a", 2) == 30.0  # 2 a minute: the next token in 30 s
    assert buckets.take("b", 2) == 0.0  # another client has its own bucket
    clock.now += 30
    assert buckets.take("a", 2) == 0.0
    assert buckets.take("a", 0) == 0.0  # 0 means no limit


def test_anonymous_is_limited_before_signed_in(db_url: str, tmp_path) -> None:
    from fastapi.testclient import TestClient

    settings = Settings(
        database_url=db_url,
        var_dir=tmp_path / "var",
        secret_key="test-secret-" + "x" * 40,
        rate_limit_anonymous_per_minute=2,
        rate_limit_user_per_minute=4,
    )
    app = create_app(settings)
    build_office(app.state.session_factory)
    with TestClient(app) as client:
        codes = [client.post("/api/v1/check", json=BODY).status_code for _ in range(3)]
        assert codes == [200, 200, 429]
        r = client.post("/api/v1/check", json=BODY)
        assert r.status_code == 429
        assert r.json()["code"] == "rate_limited"
        assert "请求过于频繁" in r.json()["message"]
        assert int(r.headers["Retry-After"]) >= 1

        headers = login(client, "officer_a")  # signed in: a budget of its own, and larger
        codes = [
            client.post("/api/v1/check", json=BODY, headers=headers).status_code for _ in range(5)
        ]
        assert codes == [200, 200, 200, 200, 429]
        r = client.post("/api/v1/drafts", json=BODY, headers=headers)  # drafts share it
        assert r.status_code == 429
        other = login(client, "officer_b")
        assert client.post("/api/v1/drafts", json=BODY, headers=other).status_code == 201
        assert client.get("/healthz").status_code == 200  # never limited


def test_health_answers_head(client) -> None:
    assert client.head("/healthz").status_code == 200
    assert client.get("/healthz").json() == {"status": "ok"}


def test_readiness_answers_head(client) -> None:
    assert client.head("/readyz").status_code == 200
