"""Health, readiness, request size limit and the error shape."""

from __future__ import annotations


def test_healthz_and_readyz(client) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    r = client.get("/readyz")
    assert r.status_code == 200, r.json()
    assert r.json()["checks"]["database"] is True


def test_readyz_reports_database_down(app, client) -> None:
    from sqlalchemy import create_engine

    app.state.engine = create_engine("sqlite:////nonexistent-dir/x.db")
    r = client.get("/readyz")
    assert r.status_code == 503
    assert r.json()["checks"]["database"] is False


def test_oversized_request_is_413(client, settings) -> None:
    big = b"x" * (settings.max_request_bytes + 1)
    r = client.post(
        "/api/v1/auth/token",
        content=big,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert r.status_code == 413
    assert r.json()["code"] == "too_large"


def test_unknown_path_and_validation_errors_have_codes(client, office) -> None:
    r = client.get("/api/v1/no-such-thing")
    assert r.status_code == 404 and r.json()["code"] == "not_found"
    r = client.post("/api/v1/auth/token", data={})
    assert r.status_code == 422
    body = r.json()
    assert body["code"] == "invalid_input" and "请求内容" in body["message"]


def test_openapi_docs(client) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/v1/auth/token" in spec["paths"]
    assert client.get("/docs").status_code == 200


def test_api_docs_work_offline(client) -> None:  # D17: nothing fetched from a CDN
    import re

    for page in ("/docs", "/redoc"):
        html = client.get(page).text
        assets = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
        scripts = [a for a in assets if a.endswith((".js", ".css"))]
        assert scripts, page
        for url in scripts:
            assert url.startswith("/"), (page, url)  # served by the service itself
            assert client.get(url).status_code == 200, url
        assert "cdn.jsdelivr.net" not in html and "unpkg.com" not in html
