"""Account management over HTTP: own password change, admin reset, deactivate/reactivate,
role change, unlock; throttling per (username, client); username normalisation; tokens."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from service.tables import AuditLog
from tests.factories import PASSWORD, login

TOKEN = "/api/v1/auth/token"


def _audit(app, action: str) -> list[AuditLog]:
    with app.state.session_factory() as s:
        return list(
            s.scalars(
                select(AuditLog).where(AuditLog.action == action, AuditLog.entity == "user")
            ).all()
        )


def _try(client: TestClient, username: str, password: str):
    return client.post(TOKEN, data={"username": username, "password": password})


# --- the user's own password -------------------------------------------------------------


def test_change_own_password_ends_older_tokens(client, office, app) -> None:
    old = login(client, "officer_a")
    other_session = login(client, "officer_a")
    r = client.post(
        "/api/v1/me/password",
        json={"current_password": "wrong-one-1", "new_password": "a-new-secret-9"},
        headers=old,
    )
    assert r.status_code == 403 and r.json()["code"] == "wrong_password"
    r = client.post(
        "/api/v1/me/password",
        json={"current_password": PASSWORD, "new_password": "a-new-secret-9"},
        headers=old,
    )
    assert r.status_code == 200, r.text
    fresh = {"Authorization": f"Bearer {r.json()['access_token']}"}
    assert client.get("/api/v1/me", headers=fresh).status_code == 200
    for headers in (old, other_session):
        r = client.get("/api/v1/me", headers=headers)
        assert r.status_code == 401 and r.json()["code"] == "token_revoked"
    assert _try(client, "officer_a", PASSWORD).status_code == 401
    login(client, "officer_a", "a-new-secret-9")
    assert [a.entity_id for a in _audit(app, "change_password")] == [str(office.users["officer_a"])]


def test_logout_ends_the_token_server_side(client, office, app) -> None:
    """退出登录 on the service: the token a browser cookie might still hold is refused at once,
    so is every other session of the account; another account is untouched; a new login works."""
    token, other_device = login(client, "officer_a"), login(client, "officer_a")
    colleague = login(client, "officer_b")
    assert client.post("/api/v1/auth/logout").status_code == 401
    r = client.post("/api/v1/auth/logout", headers=token)
    assert r.status_code == 204 and r.content == b""
    for headers in (token, other_device):
        r = client.get("/api/v1/me", headers=headers)
        assert r.status_code == 401 and r.json()["code"] == "token_revoked"
    assert client.post("/api/v1/auth/logout", headers=token).status_code == 401
    assert client.get("/api/v1/me", headers=colleague).status_code == 200
    assert client.get("/api/v1/me", headers=login(client, "officer_a")).status_code == 200
    assert [a.entity_id for a in _audit(app, "logout")] == [str(office.users["officer_a"])]


@pytest.mark.parametrize(
    ("new", "code"),
    [
        ("short", "password_too_short"),
        (" " * 12, "password_too_weak"),
        ("   ab   cd   ", "password_too_weak"),  # spaces padding a 4-character password
        ("aaaaaaaaaaaa", "password_too_weak"),
        ("Officer_A", "password_too_weak"),  # the username
        ("OFFICER_A-x", None),
        ("pass\x00word-1", "invalid_characters"),
        ("pass\u202eword-1", "invalid_characters"),
        (PASSWORD, "password_unchanged"),
    ],
)
def test_password_rules(client, office, new: str, code: str | None) -> None:
    headers = login(client, "officer_a")
    r = client.post(
        "/api/v1/me/password",
        json={"current_password": PASSWORD, "new_password": new},
        headers=headers,
    )
    if code is None:
        assert r.status_code == 200, r.text
    else:
        assert r.status_code == 422, r.text
        assert r.json()["code"] == code
        assert client.get("/api/v1/me", headers=headers).status_code == 200  # nothing changed


def test_password_same_as_username_refused(client, office) -> None:
    admin = login(client, "admin")
    body = {"username": "wangwu2024", "password": "WangWu2024", "role": "reviewer"}
    r = client.post("/api/v1/users", json=body, headers=admin)
    assert r.status_code == 422 and r.json()["code"] == "password_too_weak"


def test_wrong_current_password_is_throttled(client, office) -> None:
    headers = login(client, "officer_a")
    for _ in range(3):  # settings: login_max_failures=3
        r = client.post(
            "/api/v1/me/password",
            json={"current_password": "guess-guess", "new_password": "a-new-secret-9"},
            headers=headers,
        )
        assert r.status_code == 403
    r = client.post(
        "/api/v1/me/password",
        json={"current_password": PASSWORD, "new_password": "a-new-secret-9"},
        headers=headers,
    )
    assert r.status_code == 429 and r.json()["code"] == "too_many_attempts"


# --- admin actions -----------------------------------------------------------------------


def test_admin_reset_generates_password_once(client, office, app) -> None:
    officer = login(client, "officer_b")
    admin = login(client, "admin")
    uid = office.users["officer_b"]
    r = client.post(f"/api/v1/users/{uid}/password", json={}, headers=admin)
    assert r.status_code == 200, r.text
    generated = r.json()["generated_password"]
    assert generated and r.json()["user_id"] == uid
    assert client.get("/api/v1/me", headers=officer).json()["code"] == "token_revoked"
    login(client, "officer_b", generated)
    r = client.post(
        f"/api/v1/users/{uid}/password", json={"new_password": "chosen-by-admin-7"}, headers=admin
    )
    assert r.status_code == 200 and r.json()["generated_password"] is None
    login(client, "officer_b", "chosen-by-admin-7")
    entries = _audit(app, "reset_password")
    assert [e.user_id for e in entries] == [office.users["admin"]] * 2
    assert entries[0].detail["generated"] is True and "password" not in str(entries[0].detail)
    r = client.post("/api/v1/users/999999/password", json={}, headers=admin)
    assert r.status_code == 404 and r.json()["code"] == "user_not_found"


def test_deactivate_and_reactivate(client, office, app) -> None:
    officer = login(client, "officer_a")
    admin = login(client, "admin")
    uid = office.users["officer_a"]
    r = client.patch(f"/api/v1/users/{uid}", json={"active": False}, headers=admin)
    assert r.status_code == 200 and r.json()["active"] is False
    r = client.get("/api/v1/me", headers=officer)
    assert r.status_code == 401 and r.json()["code"] == "inactive_user"
    r = _try(client, "officer_a", PASSWORD)
    assert r.status_code == 401 and r.json()["code"] == "inactive_user"
    assert _try(client, "officer_a", "not-the-password").json()["code"] == "bad_credentials"
    r = client.patch(f"/api/v1/users/{uid}", json={"active": True}, headers=admin)
    assert r.status_code == 200 and r.json()["active"] is True
    assert client.get("/api/v1/me", headers=officer).json()["code"] == "token_revoked"
    login(client, "officer_a")
    assert [e.detail["active"] for e in _audit(app, "deactivate")] == ["启用 → 停用"]
    assert len(_audit(app, "activate")) == 1


def test_role_and_unit_change(client, office, app) -> None:
    admin = login(client, "admin")
    reviewer = office.users["reviewer"]
    r = client.patch(f"/api/v1/users/{reviewer}", json={"role": "officer"}, headers=admin)
    assert r.status_code == 422 and r.json()["code"] == "officer_needs_unit"
    r = client.patch(
        f"/api/v1/users/{reviewer}",
        json={"role": "officer", "unit_id": office.unit_b, "full_name": "赵六"},
        headers=admin,
    )
    assert r.status_code == 200, r.text
    assert (r.json()["role"], r.json()["unit_id"], r.json()["full_name"]) == (
        "officer",
        office.unit_b,
        "赵六",
    )
    # the role is read per request: the old token now has officer rights only
    token = login(client, "reviewer")
    assert client.get("/api/v1/queue", headers=token).status_code == 403
    (entry,) = _audit(app, "update")
    assert entry.detail["role"] == "reviewer → officer" and entry.user_id == office.users["admin"]
    r = client.patch(f"/api/v1/users/{reviewer}", json={"unit_id": 999999}, headers=admin)
    assert r.status_code == 404 and r.json()["code"] == "unit_not_found"
    r = client.patch(f"/api/v1/users/{reviewer}", json={"username": "x"}, headers=admin)
    assert r.status_code == 422


def test_last_admin_stays(client, office) -> None:
    admin = login(client, "admin")
    me = office.users["admin"]
    for body in ({"active": False}, {"role": "reviewer"}):
        r = client.patch(f"/api/v1/users/{me}", json=body, headers=admin)
        assert r.status_code == 409 and r.json()["code"] == "last_admin"
    reviewer = office.users["reviewer"]
    assert (
        client.patch(f"/api/v1/users/{reviewer}", json={"role": "admin"}, headers=admin).status_code
        == 200
    )
    r = client.patch(f"/api/v1/users/{me}", json={"role": "reviewer"}, headers=admin)
    assert r.status_code == 200


# --- throttling --------------------------------------------------------------------------


def _client_from(app, host: str) -> TestClient:
    return TestClient(app, client=(host, 50000))


def test_lockout_is_per_username_and_client(client, office, app) -> None:
    attacker = _client_from(app, "203.0.113.9")
    for _ in range(3):  # settings: login_max_failures=3
        assert _try(attacker, "admin", "guess-guess").status_code == 401
    r = _try(attacker, "admin", PASSWORD)
    assert r.status_code == 429 and r.json()["code"] == "too_many_attempts"
    assert int(r.headers["Retry-After"]) > 0
    # the real admin, elsewhere, is not locked out
    headers = login(client, "admin")
    listed = client.get("/api/v1/users", headers=headers).json()["data"]
    assert {u["username"]: u["locked"] for u in listed}["admin"] is True
    r = client.post(f"/api/v1/users/{office.users['admin']}/unlock", headers=headers)
    assert r.status_code == 200 and r.json()["cleared"] == 1
    assert _try(attacker, "admin", PASSWORD).status_code == 200
    assert len(_audit(app, "unlock")) == 1


def test_unknown_names_get_the_same_answers(client, office, app) -> None:
    real, ghost = _client_from(app, "198.51.100.1"), _client_from(app, "198.51.100.2")
    for _ in range(3):
        a = _try(real, "reviewer", "guess-guess")
        b = _try(ghost, "nobody-here", "guess-guess")
        assert (a.status_code, a.json()) == (b.status_code, b.json())
    a, b = _try(real, "reviewer", "guess-guess"), _try(ghost, "nobody-here", "guess-guess")
    assert a.status_code == b.status_code == 429
    assert a.json() == b.json()


def test_unknown_user_is_checked_against_a_hash(client, office, monkeypatch) -> None:
    """The dummy hash makes an unknown name cost one argon2 verification, like a real one."""
    from service.core import security

    calls: list[str] = []
    real_verify = security._hasher.verify

    def counting(password: str, hashed: str) -> bool:
        calls.append(hashed)
        return real_verify(password, hashed)

    monkeypatch.setattr(security._hasher, "verify", counting)
    _try(client, "no-such-user", "guess-guess")
    _try(client, "bad\x00name", "guess-guess")
    _try(client, "reviewer", "guess-guess")
    assert len(calls) == 3 and all(h.startswith("$argon2") for h in calls)


def test_lock_window_expires(client, office, app) -> None:
    from service.tables import LoginThrottle

    for _ in range(3):
        _try(client, "reviewer", "guess-guess")
    assert _try(client, "reviewer", PASSWORD).status_code == 429
    with app.state.session_factory() as s:
        for row in s.scalars(select(LoginThrottle)):
            row.locked_until = datetime.now(UTC) - timedelta(seconds=1)
        s.commit()
    login(client, "reviewer")


# --- usernames ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "status", "code"),
    [
        ("Admin", 409, "username_taken"),
        ("ＡＤＭＩＮ", 409, "username_taken"),  # full width: NFKC makes it admin
        (" admin ", 409, "username_taken"),
        ("аdmin", 422, "username_invalid"),  # Cyrillic а
        ("ad\u202emin", 422, "username_invalid"),  # bidi override
        ("ad\u200bmin", 422, "username_invalid"),  # zero-width space
        ("ad\x00min", 422, "username_invalid"),
        ("   ", 422, "username_empty"),
        ("张伟", 201, None),
        ("li.na-2", 201, None),
    ],
)
def test_usernames_are_normalised(client, office, username: str, status: int, code) -> None:
    admin = login(client, "admin")
    body = {"username": username, "password": "long-enough-1", "role": "reviewer"}
    r = client.post("/api/v1/users", json=body, headers=admin)
    assert r.status_code == status, r.text
    if code:
        assert r.json()["code"] == code


def test_login_ignores_case_and_width(client, office) -> None:
    for name in ("ADMIN", "Admin", "ａｄｍｉｎ", " admin"):
        login(client, name)


@pytest.mark.parametrize("name", ["ad%00min", "%ED%A0%80", "x" * 5000, "%E2%80%AEadmin"])
def test_login_with_unstorable_names_is_a_plain_failure(client, office, name: str) -> None:
    r = client.post(
        TOKEN,
        content=f"username={name}&password=whatever-1".encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert r.status_code == 401, r.text
    assert r.json()["code"] == "bad_credentials"


# --- tokens ------------------------------------------------------------------------------


@pytest.mark.parametrize("drop", ["exp", "iat", "ver", "sub"])
def test_tokens_need_every_claim(client, office, settings, drop: str) -> None:
    now = datetime.now(UTC)
    claims = {
        "sub": str(office.users["admin"]),
        "iat": now,
        "exp": now + timedelta(hours=1),
        "ver": 0,
    }
    del claims[drop]
    token = jwt.encode(claims, settings.secret_key, "HS256")
    r = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 401 and r.json()["code"] == "invalid_token"


@pytest.mark.parametrize("sub", ["-1", str(2**63), "1e3"])
def test_tokens_with_odd_subjects(client, office, settings, sub: str) -> None:
    now = datetime.now(UTC)
    claims = {"sub": sub, "iat": now, "exp": now + timedelta(hours=1), "ver": 0}
    token = jwt.encode(claims, settings.secret_key, "HS256")
    r = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 401


# --- the name-wide cap (failures of one name from many addresses) ----------------------------


def _name_lock(app, name: str):
    from service.core.usernames import username_digest
    from service.services.login_throttle import EVERY_CLIENT
    from service.tables import LoginThrottle

    with app.state.session_factory() as s:
        return s.scalar(
            select(LoginThrottle.locked_until).where(
                LoginThrottle.username_digest == username_digest(name),
                LoginThrottle.client == EVERY_CLIENT,
            )
        )


def test_failures_from_many_addresses_lock_the_name_for_a_bounded_time(
    client, office, app, settings
) -> None:
    settings.login_max_failures_per_name = 5  # per address the limit stays 3
    for n in range(5):  # one guess each from five addresses: no pair reaches its limit
        for name in ("reviewer", "nobody-here"):
            assert _try(_client_from(app, f"203.0.113.{n}"), name, "guess-guess").status_code == 401
    fresh = _client_from(app, "198.51.100.7")
    real, ghost = _try(fresh, "reviewer", PASSWORD), _try(fresh, "nobody-here", PASSWORD)
    assert real.status_code == ghost.status_code == 429  # unknown names alike
    assert real.json() == ghost.json() and real.json()["code"] == "too_many_attempts"
    assert 0 < int(real.headers["Retry-After"]) <= settings.login_lock_minutes * 60
    until = _name_lock(app, "reviewer")
    assert until is not None
    # attempts refused during the lock are not counted: the lock cannot be stretched
    for n in range(10):
        assert _try(_client_from(app, f"192.0.2.{n}"), "reviewer", "guess").status_code == 429
    assert _name_lock(app, "reviewer") == until
    admin = login(client, "admin")  # another name is not affected
    listed = client.get("/api/v1/users", headers=admin).json()["data"]
    assert {u["username"]: u["locked"] for u in listed}["reviewer"] is True
    r = client.post(f"/api/v1/users/{office.users['reviewer']}/unlock", headers=admin)
    assert r.status_code == 200 and r.json()["cleared"] == 5  # five addresses (+ the name row)
    assert _name_lock(app, "reviewer") is None
    login(fresh, "reviewer")


def test_the_name_wide_lock_ends_by_itself(client, office, app, settings) -> None:
    from service.tables import LoginThrottle

    settings.login_max_failures_per_name = 4
    for n in range(4):
        _try(_client_from(app, f"203.0.113.{n}"), "reviewer", "guess-guess")
    assert _try(client, "reviewer", PASSWORD).status_code == 429
    with app.state.session_factory() as s:
        for row in s.scalars(select(LoginThrottle)):
            row.locked_until = datetime.now(UTC) - timedelta(seconds=1)
        s.commit()
    login(client, "reviewer")


def test_a_successful_login_does_not_reset_the_name_wide_count(
    client, office, app, settings
) -> None:
    settings.login_max_failures_per_name = 4
    for n in range(3):
        _try(_client_from(app, f"203.0.113.{n}"), "reviewer", "guess-guess")
    login(client, "reviewer")  # the real user signs in between
    _try(_client_from(app, "203.0.113.9"), "reviewer", "guess-guess")  # the fourth failure
    assert _try(client, "reviewer", PASSWORD).status_code == 429


# --- passwords are NFKC-normalised ----------------------------------------------------------


@pytest.mark.parametrize(
    ("chosen", "typed"),
    [
        ("ｓｅｃｒｅｔ-ｐａｓｓ-1", "secret-pass-1"),  # full width (an IME in full-width mode)
        ("secret-pass-1", "ｓｅｃｒｅｔ-ｐａｓｓ-1"),
        ("cafe\u0301-secret-1", "caf\u00e9-secret-1"),  # decomposed vs composed accent
        ("caf\u00e9-secret-1", "cafe\u0301-secret-1"),
    ],
)
def test_passwords_are_nfkc_normalised(client, office, chosen: str, typed: str) -> None:
    admin = login(client, "admin")
    r = client.post(
        f"/api/v1/users/{office.users['reviewer']}/password",
        json={"new_password": chosen},
        headers=admin,
    )
    assert r.status_code == 200, r.text
    login(client, "reviewer", typed)
    login(client, "reviewer", chosen)
    assert _try(client, "reviewer", typed + "x").status_code == 401


def test_hashes_set_before_normalisation_still_verify(client, office, app) -> None:
    """A hash of the raw (not NFKC) text, as stored before: the raw text still signs in."""
    from service.core import security
    from service.tables import User

    raw = "ｏｌｄ-secret-1"
    with app.state.session_factory() as s:
        user = s.get(User, office.users["reviewer"])
        user.password_hash = security._hasher.hash(raw)
        s.commit()
    login(client, "reviewer", raw)
    assert _try(client, "reviewer", "old-secret-2").status_code == 401


def test_password_rules_judge_the_normalised_form(client, office) -> None:
    admin = login(client, "admin")
    r = client.post(
        f"/api/v1/users/{office.users['reviewer']}/password",
        json={"new_password": "ａａａａａａａａ"},  # full-width a ×8 → "aaaaaaaa": too weak
        headers=admin,
    )
    assert r.status_code == 422 and r.json()["code"] == "password_too_weak"
