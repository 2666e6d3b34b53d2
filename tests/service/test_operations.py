"""Operations hardening (issue 12, point 7): headers, 405/413 answers, offline docs, 503 when the
database is down, nothing secret in the logs, private file modes."""

from __future__ import annotations

import logging
import re
import shutil
import stat
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from service.core.config import Settings
from service.main import create_app
from tests.factories import build_office, login

BODY = "今年以来，云岭县采取三项举措推进春茶产业，建设标准化茶园2.3万亩。"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- headers ---------------------------------------------------------------------------


def test_security_headers_on_api_answers_and_errors(client) -> None:
    for r in (client.get("/healthz"), client.get("/api/v1/no-such-thing")):
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["referrer-policy"] == "no-referrer"
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert "server" not in r.headers


def test_413_answer_carries_the_headers_too(client, settings) -> None:
    r = client.post(
        "/api/v1/check",
        content=b"x" * (settings.max_request_bytes + 1),
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 413 and r.headers["x-content-type-options"] == "nosniff"


def test_405_names_every_allowed_method(client, office) -> None:
    r = client.delete("/api/v1/drafts")
    assert r.status_code == 405 and r.json()["code"] == "method_not_allowed"
    assert set(r.headers["allow"].split(", ")) == {"GET", "POST"}
    r = client.put("/api/v1/drafts/1")
    assert r.status_code == 405
    assert set(r.headers["allow"].split(", ")) == {"GET", "PATCH"}
    r = client.post("/healthz")
    assert r.status_code == 405 and set(r.headers["allow"].split(", ")) == {"GET", "HEAD"}


# --- request size ----------------------------------------------------------------------


def test_chunked_body_over_the_limit_is_413(client, office, settings) -> None:
    """No Content-Length: the body is counted as it streams in (it got 400 before)."""
    headers = login(client, "officer_a")

    def chunks():
        piece = b"x" * 65536
        for _ in range(settings.max_request_bytes // len(piece) + 2):
            yield piece

    r = client.post(
        "/api/v1/drafts",
        content=chunks(),
        headers={**headers, "Content-Type": "application/json"},
    )
    assert r.status_code == 413, r.text
    assert r.json()["code"] == "too_large"
    assert client.get("/api/v1/drafts", headers=headers).json()["count"] == 0


def test_chunked_body_within_the_limit_still_works(client, office) -> None:
    headers = login(client, "officer_a")
    payload = ('{"title": "春茶", "body": "' + BODY + '"}').encode()
    r = client.post(
        "/api/v1/drafts",
        content=iter([payload[:10], payload[10:]]),
        headers={**headers, "Content-Type": "application/json"},
    )
    assert r.status_code == 201, r.text


# --- documentation pages ---------------------------------------------------------------


def test_docs_and_redoc_load_nothing_from_elsewhere(client) -> None:
    for page, asset in (("/docs", "swagger-ui-bundle.js"), ("/redoc", "redoc.standalone.js")):
        r = client.get(page)
        assert r.status_code == 200
        html = r.text
        urls = re.findall(r"""(?:src|href)=["']([^"']+)""", html) + re.findall(
            r"url: ?'([^']+)'", html
        )
        assert urls and all(u.startswith("/") for u in urls), urls
        assert "cdn" not in html.lower() and "fonts.googleapis" not in html
        js = client.get(f"/docs-assets/{asset}")
        assert js.status_code == 200 and len(js.content) > 100_000
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert client.get("/docs-assets/swagger-ui.css").status_code == 200


def test_docs_inline_script_is_allowed_by_hash_only(client) -> None:
    import base64
    import hashlib

    r = client.get("/docs")
    script = re.search(r"<script>(.*?)</script>", r.text, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    csp = r.headers["content-security-policy"]
    script_src = next(p for p in csp.split("; ") if p.startswith("script-src"))
    assert f"'sha256-{digest}'" in script_src and "'unsafe-inline'" not in script_src
    assert "swagger" in client.get("/docs/oauth2-redirect").text.lower()


def test_docs_can_be_switched_off(settings) -> None:
    app = create_app(settings.model_copy(update={"api_docs": False}))
    with TestClient(app) as c:
        assert c.get("/docs").status_code == 404
        assert c.get("/redoc").status_code == 404
        assert c.get("/openapi.json").status_code == 200


# --- database down -> 503 ----------------------------------------------------------------


def _take_database_down(app, db_url: str, tmp_path: Path) -> None:
    """Make the database unreachable for new connections, as a stopped server would."""
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite":
        folder = Path(url.database).parent
        shutil.move(folder, tmp_path / "moved-away")
        folder.parent.joinpath(folder.name).touch()  # a file where the folder was: cannot open
    else:
        admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{url.database}" WITH (FORCE)'))
        admin.dispose()
    app.state.engine.dispose()


@pytest.fixture
def db_in_own_folder(db_url: str, tmp_path: Path):
    """The SQLite file in a folder of its own, so the test can take the folder away."""
    url = make_url(db_url)
    if url.get_backend_name() != "sqlite":
        return db_url
    folder = tmp_path / "dbdir"
    folder.mkdir()
    shutil.copy(url.database, folder / "govbrief.db")
    return f"sqlite:///{folder / 'govbrief.db'}"


def test_database_down_is_503_with_a_stable_code(db_in_own_folder, tmp_path) -> None:
    settings = Settings(
        database_url=db_in_own_folder,
        var_dir=tmp_path / "var",
        secret_key="test-secret-" + "x" * 40,
    )
    app = create_app(settings)
    with TestClient(app) as client:
        build_office(app.state.session_factory)
        headers = login(client, "officer_a")
        assert client.get("/readyz").status_code == 200
        _take_database_down(app, db_in_own_folder, tmp_path)
        for r in (
            client.post("/api/v1/drafts", json={"title": "春茶", "body": BODY}, headers=headers),
            client.get("/api/v1/drafts", headers=headers),
            client.post("/api/v1/auth/token", data={"username": "admin", "password": "x" * 10}),
        ):
            assert r.status_code == 503, r.text
            assert r.json()["code"] == "database_unavailable"
            assert "数据库" in r.json()["message"] and r.headers["retry-after"].isdigit()
        r = client.get("/readyz")
        assert r.status_code == 503 and r.json()["checks"]["database"] is False
        assert client.get("/healthz").status_code == 200  # the process itself is alive


# --- logs --------------------------------------------------------------------------------


def test_database_errors_never_log_parameters(app, client, office, db_url, caplog) -> None:
    """A failing INSERT must not write the draft's text (or any other parameter) to the log."""
    secret = "机密正文绝不能进日志" + "甲乙丙" * 5
    with app.state.engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.execute(
                text(
                    "CREATE TRIGGER refuse BEFORE INSERT ON drafts "
                    "BEGIN SELECT RAISE(ABORT, 'refused by test'); END"
                )
            )
        else:
            conn.execute(
                text(
                    "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                    "$$ BEGIN RAISE EXCEPTION 'refused by test'; END $$"
                )
            )
            conn.execute(
                text("CREATE TRIGGER refuse BEFORE INSERT ON drafts EXECUTE FUNCTION refuse()")
            )
    headers = login(client, "officer_a")
    caplog.set_level(logging.DEBUG)
    # the client re-raises any exception that escapes the app: none does (a 500 that escapes
    # makes uvicorn close a keep-alive connection)
    r = client.post("/api/v1/drafts", json={"title": "标题", "body": secret}, headers=headers)
    assert r.status_code == 500 and r.json()["code"] == "internal_error"
    assert r.headers["x-content-type-options"] == "nosniff"
    logged = "\n".join(
        rec.getMessage()
        + (logging.Formatter().formatException(rec.exc_info) if rec.exc_info else "")
        for rec in caplog.records
    )
    assert "refused by test" in logged  # the error itself is logged ...
    assert secret not in logged and "甲乙丙甲乙丙" not in logged  # ... its parameters are not


# --- file modes ----------------------------------------------------------------------------


def test_new_sqlite_database_secret_and_var_are_private(tmp_path: Path) -> None:
    var = tmp_path / "var"
    settings = Settings(var_dir=var)  # default SQLite under var/, generated secret key
    from service.core.migrate import upgrade

    upgrade(settings.database_url)
    app = create_app(settings)
    with TestClient(app) as c:
        assert c.get("/healthz").status_code == 200
        with app.state.engine.begin() as conn:
            conn.execute(text("CREATE TABLE IF NOT EXISTS t_probe (x INTEGER)"))
            conn.execute(text("INSERT INTO t_probe VALUES (1)"))
        db = var / "govbrief.db"
        assert _mode(var) == 0o700
        assert _mode(var / "secret_key") == 0o600
        assert _mode(db) == 0o600
        for side in ("govbrief.db-wal", "govbrief.db-shm"):
            if (var / side).exists():
                assert _mode(var / side) == 0o600, side
    assert not list(var.glob(".secret_key.*"))  # no temporary file left behind


def test_existing_loose_files_are_tightened(tmp_path: Path) -> None:
    var = tmp_path / "var"
    var.mkdir()
    (var / "secret_key").write_text("k" * 64, encoding="utf-8")
    (var / "secret_key").chmod(0o644)
    db = var / "govbrief.db"
    create_engine(f"sqlite:///{db}").connect().close()
    db.chmod(0o644)
    settings = Settings(var_dir=var)
    assert settings.secret_key == "k" * 64
    from service.core.db import make_engine

    make_engine(settings.database_url).dispose()
    assert _mode(var / "secret_key") == 0o600 and _mode(db) == 0o600


# --- first admin password ----------------------------------------------------------------


def test_first_admin_password_never_goes_to_a_service_log(settings) -> None:
    from service.bootstrap import prepare

    said: list[str] = []
    prepare(settings, said.append, terminal=False)
    path = settings.var_dir / "initial_admin_password"
    password = path.read_text(encoding="utf-8").strip()
    assert len(password) >= 8 and _mode(path) == 0o600
    assert any(str(path) in line for line in said)
    assert not any(password in line for line in said)


def test_first_admin_password_is_shown_on_a_terminal(settings) -> None:
    from service.bootstrap import prepare

    said: list[str] = []
    prepare(settings, said.append, terminal=True)
    assert any("初始密码：" in line for line in said)
    assert not (settings.var_dir / "initial_admin_password").exists()


# --- documented errors -------------------------------------------------------------------


def test_every_operation_documents_its_error_answers(client, office) -> None:
    spec = client.get("/openapi.json").json()
    error = spec["components"]["schemas"]["Error"]
    assert set(error["required"]) == {"code", "message"}
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    for path, item in spec["paths"].items():
        for method, op in item.items():
            codes = set(op["responses"])
            assert {"404", "503"} <= codes, (method, path)
            if op.get("security"):
                assert {"401", "403"} <= codes, (method, path)
            if op.get("requestBody"):
                assert {"400", "413", "422"} <= codes, (method, path)
            for code in (c for c in codes if c[0] in "45"):
                schema = op["responses"][code]["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Error"}, (method, path, code)
    # what the 422 documentation promises is what a 422 looks like
    r = client.post("/api/v1/auth/token", data={})
    assert r.status_code == 422 and {"code", "message", "fields"} <= set(r.json())
