"""Users, units and logins. No HTTP types here; errors are DomainErrors."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from service.core.config import Settings
from service.core.errors import (
    BadInput,
    Conflict,
    LoginFailed,
    NotFound,
    Unauthorized,
    WrongPassword,
)
from service.core.security import (
    generate_password,
    hash_password,
    needs_rehash,
    verify_password,
)
from service.core.usernames import (
    PASSWORD_MAX,
    check_password,
    clean_username,
    username_digest,
    username_key,
)
from service.repositories import users as repo
from service.services import login_throttle as throttle
from service.services.audit import record
from service.tables import Role, Unit, User


def create_unit(session: Session, name: str, kind: str = "department") -> Unit:
    name = name.strip()
    if not name:
        raise BadInput("单位名称不能为空", code="unit_name_empty")
    if repo.get_unit_by_name(session, name):
        raise Conflict(f"单位“{name}”已存在", code="unit_exists")
    unit = Unit(name=name, kind=kind)
    session.add(unit)
    session.flush()
    return unit


def create_user(
    session: Session,
    *,
    username: str,
    password: str,
    role: Role,
    unit_id: int | None = None,
    full_name: str = "",
    actor_id: int | None = None,
) -> User:
    username = clean_username(username)
    check_password(password, username)
    if repo.get_by_username(session, username):
        raise Conflict(f"用户名“{username}”已被使用（不区分大小写）", code="username_taken")
    if role == Role.officer and unit_id is None:
        raise BadInput("信息员必须属于一个单位", code="officer_needs_unit")
    if unit_id is not None and repo.get_unit(session, unit_id) is None:
        raise NotFound("单位不存在", code="unit_not_found")
    user = User(
        username=username,
        username_key=username_key(username),
        full_name=full_name,
        password_hash=hash_password(password),
        role=role,
        unit_id=unit_id,
    )
    session.add(user)
    session.flush()
    record(session, actor_id, "create", "user", user.id, {"username": username, "role": role})
    return user


def authenticate(
    session: Session, settings: Settings, username: str, password: str, client: str | None = None
) -> User:
    """Check a password. Failures are throttled per (username, client); an unknown name is
    checked against a dummy hash and throttled alike, so both get the same answers in the
    same time."""
    now = datetime.now(UTC)
    digest, client = username_digest(username), throttle.client_key(client)
    throttle.ensure_not_locked(session, digest, client, now)
    user = repo.get_by_username(session, username)
    # an over-long password costs the same as one of the longest allowed
    ok = verify_password(password[: PASSWORD_MAX * 4], user.password_hash if user else None)
    if user is None or not ok:
        throttle.record_failure(session, settings, digest, client, now)
        raise LoginFailed()
    if not user.active:  # only someone who knows the password learns this
        raise Unauthorized("账号已停用，请联系管理员", code="inactive_user")
    throttle.clear(session, digest, client)
    user.last_login_at = now
    if needs_rehash(user.password_hash):  # the cost setting changed: upgrade on this login
        user.password_hash = hash_password(password[: PASSWORD_MAX * 4])
    return user


def change_own_password(
    session: Session,
    settings: Settings,
    user: User,
    current_password: str,
    new_password: str,
    client: str | None = None,
) -> User:
    """The user changes their password; the current one is required and wrong guesses are
    throttled like logins. Every token issued before stops working."""
    now = datetime.now(UTC)
    digest, client = username_digest(user.username), throttle.client_key(client)
    throttle.ensure_not_locked(session, digest, client, now)
    if not verify_password(current_password[: PASSWORD_MAX * 4], user.password_hash):
        throttle.record_failure(session, settings, digest, client, now)
        raise WrongPassword()
    check_password(new_password, user.username)
    if verify_password(new_password, user.password_hash):
        raise BadInput("新密码不能与当前密码相同", code="password_unchanged")
    _set_password(user, new_password, now)
    throttle.clear(session, digest, client)
    record(session, user.id, "change_password", "user", user.id, {})
    return user


def log_out(session: Session, user: User) -> None:
    """退出登录: every token of the account stops working, on every device. A bearer token
    cannot be withdrawn alone without a deny list; ending them all is the safe reading of
    "sign out" on a shared office PC, and the next login issues a fresh one."""
    user.token_version += 1
    record(session, user.id, "logout", "user", user.id, {})


def reset_password(
    session: Session, target: User, new_password: str | None, actor_id: int | None
) -> str | None:
    """An admin sets a new password (or has one generated, returned once); the user's
    tokens stop working and any login lock on the name is lifted."""
    generated = None
    if new_password is None:
        new_password = generated = generate_password()
    check_password(new_password, target.username)
    _set_password(target, new_password, datetime.now(UTC))
    throttle.clear(session, username_digest(target.username))
    record(
        session,
        actor_id,
        "reset_password",
        "user",
        target.id,
        {"username": target.username, "generated": generated is not None},
    )
    return generated


def _set_password(user: User, password: str, now: datetime) -> None:
    user.password_hash = hash_password(password)
    user.password_changed_at = now
    user.token_version += 1


def update_user(
    session: Session,
    target: User,
    changes: dict[str, Any],
    actor_id: int | None,
) -> User:
    """An admin changes role, unit, full name or active; each change goes to the audit log.

    At least one active admin always remains; deactivating an account ends its tokens."""
    role = Role(changes.get("role", target.role))
    active = changes.get("active", target.active)
    unit_id = changes.get("unit_id", target.unit_id)
    if "unit_id" in changes and unit_id is not None and repo.get_unit(session, unit_id) is None:
        raise NotFound("单位不存在", code="unit_not_found")
    if role == Role.officer and unit_id is None:
        raise BadInput("信息员必须属于一个单位", code="officer_needs_unit")
    was_admin = Role(target.role) == Role.admin and target.active
    if was_admin and (role != Role.admin or not active):
        if repo.count_active_admins(session, excluding=target.id) == 0:
            raise Conflict("至少要保留一个启用的管理员账号", code="last_admin")
    diff: dict[str, Any] = {}
    for field, value in (
        ("role", role),
        ("unit_id", unit_id),
        ("full_name", changes.get("full_name", target.full_name)),
        ("active", active),
    ):
        old = getattr(target, field)
        if old != value:
            diff[field] = f"{_shown(old)} → {_shown(value)}"
            setattr(target, field, value)
    if "active" in diff and not active:
        target.token_version += 1  # a deactivated account's tokens never come back
    if diff:
        action = "update"
        if set(diff) == {"active"}:
            action = "activate" if active else "deactivate"
        record(session, actor_id, action, "user", target.id, {"username": target.username, **diff})
    return target


def _shown(value: object) -> str:
    if value is None:
        return "无"
    if isinstance(value, bool):
        return "启用" if value else "停用"
    return str(value)


def unlock(session: Session, target: User, actor_id: int | None) -> int:
    """An admin lifts the login locks (from every client) on a user's name."""
    cleared = throttle.clear(session, username_digest(target.username))
    record(
        session,
        actor_id,
        "unlock",
        "user",
        target.id,
        {"username": target.username, "cleared": cleared},
    )
    return cleared


def get_user_or_404(session: Session, user_id: int) -> User:
    user = repo.get_user(session, user_id)
    if user is None:
        raise NotFound("用户不存在", code="user_not_found")
    return user


def ensure_admin(session: Session) -> str | None:
    """On a fresh database create `admin` with a random password; return it (shown once)."""
    if repo.count_admins(session):
        return None
    password = generate_password()
    create_user(session, username="admin", password=password, role=Role.admin, full_name="管理员")
    return password
