"""Users, units and logins. No HTTP types here; errors are DomainErrors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from service.core.config import Settings
from service.core.errors import BadInput, Conflict, LoginFailed, NotFound, TooManyRequests
from service.core.security import generate_password, hash_password, verify_password
from service.repositories import users as repo
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
    username = username.strip()
    if not username:
        raise BadInput("用户名不能为空", code="username_empty")
    if len(password) < 8:
        raise BadInput("密码至少 8 位", code="password_too_short")
    if repo.get_by_username(session, username):
        raise Conflict(f"用户名“{username}”已被使用", code="username_taken")
    if role == Role.officer and unit_id is None:
        raise BadInput("信息员必须属于一个单位", code="officer_needs_unit")
    if unit_id is not None and repo.get_unit(session, unit_id) is None:
        raise NotFound("单位不存在", code="unit_not_found")
    user = User(
        username=username,
        full_name=full_name,
        password_hash=hash_password(password),
        role=role,
        unit_id=unit_id,
    )
    session.add(user)
    session.flush()
    record(session, actor_id, "create", "user", user.id, {"username": username, "role": role})
    return user


def authenticate(session: Session, settings: Settings, username: str, password: str) -> User:
    """Check a password; too many failures lock the account for a while (shared via the DB)."""
    user = repo.get_by_username(session, username)
    now = datetime.now(UTC)
    if user is not None and user.locked_until is not None:
        locked_until = user.locked_until
        if locked_until.tzinfo is None:
            locked_until = locked_until.replace(tzinfo=UTC)
        if locked_until > now:
            raise TooManyRequests()
    if user is None or not user.active or not verify_password(password, user.password_hash):
        if user is not None:
            user.failed_logins += 1
            if user.failed_logins >= settings.login_max_failures:
                user.locked_until = now + timedelta(minutes=settings.login_lock_minutes)
                user.failed_logins = 0
        raise LoginFailed()
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    return user


def ensure_admin(session: Session) -> str | None:
    """On a fresh database create `admin` with a random password; return it (shown once)."""
    if repo.count_admins(session):
        return None
    password = generate_password()
    create_user(session, username="admin", password=password, role=Role.admin, full_name="管理员")
    return password
