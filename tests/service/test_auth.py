"""Login, tokens, lockout and the error shape of auth failures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt

from tests.factories import PASSWORD, login


def test_login_and_me(client, office) -> None:
    headers = login(client, "officer_a")
    me = client.get("/api/v1/me", headers=headers).json()
    assert me["username"] == "officer_a"
    assert me["role"] == "officer"
    assert me["unit_id"] == office.unit_a
    assert "password_hash" not in me


def test_wrong_password_is_401_with_chinese_message(client, office) -> None:
    r = client.post("/api/v1/auth/token", data={"username": "officer_a", "password": "nope-nope"})
    assert r.status_code == 401
    assert r.json() == {"code": "bad_credentials", "message": "用户名或密码错误"}


def test_unknown_user_same_answer_as_wrong_password(client, office) -> None:
    r = client.post("/api/v1/auth/token", data={"username": "ghost", "password": "whatever1"})
    assert r.status_code == 401
    assert r.json()["code"] == "bad_credentials"


def test_repeated_failures_lock_the_account(client, office) -> None:
    # settings fixture: login_max_failures=3
    for _ in range(3):
        r = client.post("/api/v1/auth/token", data={"username": "reviewer", "password": "bad-pass"})
        assert r.status_code == 401
    r = client.post("/api/v1/auth/token", data={"username": "reviewer", "password": PASSWORD})
    assert r.status_code == 429
    assert r.json()["code"] == "too_many_attempts"
    # other accounts are unaffected
    assert (
        client.post(
            "/api/v1/auth/token", data={"username": "admin", "password": PASSWORD}
        ).status_code
        == 200
    )


def test_success_resets_failure_counter(client, office) -> None:
    for _ in range(2):
        client.post("/api/v1/auth/token", data={"username": "reviewer", "password": "bad-pass"})
    login(client, "reviewer")
    for _ in range(2):
        client.post("/api/v1/auth/token", data={"username": "reviewer", "password": "bad-pass"})
    login(client, "reviewer")


def test_garbage_and_expired_tokens(client, office, settings) -> None:
    r = client.get("/api/v1/me", headers={"Authorization": "Bearer not-a-token"})
    assert r.status_code == 401 and r.json()["code"] == "invalid_token"
    past = datetime.now(UTC) - timedelta(hours=1)
    expired = jwt.encode(
        {"sub": str(office.users["admin"]), "iat": past, "exp": past, "ver": 0},
        settings.secret_key,
        "HS256",
    )
    r = client.get("/api/v1/me", headers={"Authorization": f"Bearer {expired}"})
    assert r.status_code == 401 and r.json()["code"] == "token_expired"
    forged = jwt.encode({"sub": str(office.users["admin"])}, "another-secret-" + "y" * 30, "HS256")
    r = client.get("/api/v1/me", headers={"Authorization": f"Bearer {forged}"})
    assert r.status_code == 401


def test_admin_creates_user_officer_cannot(client, office) -> None:
    admin = login(client, "admin")
    body = {
        "username": "newbie",
        "password": "long-enough-1",
        "role": "officer",
        "unit_id": office.unit_b,
    }
    r = client.post("/api/v1/users", json=body, headers=admin)
    assert r.status_code == 201, r.text
    assert r.json()["unit_id"] == office.unit_b
    login(client, "newbie", "long-enough-1")
    dup = client.post("/api/v1/users", json=body, headers=admin)
    assert dup.status_code == 409 and dup.json()["code"] == "username_taken"
    officer = login(client, "officer_a")
    r = client.post("/api/v1/users", json={**body, "username": "x2"}, headers=officer)
    assert r.status_code == 403 and r.json()["code"] == "role_required"


def test_officer_needs_unit(client, office) -> None:
    admin = login(client, "admin")
    r = client.post(
        "/api/v1/users",
        json={"username": "u1", "password": "long-enough-1", "role": "officer"},
        headers=admin,
    )
    assert r.status_code == 422 and r.json()["code"] == "officer_needs_unit"
