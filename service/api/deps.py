"""Request dependencies as Annotated aliases: SessionDep, CurrentUser, role guards."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from service.core.config import Settings
from service.core.errors import DomainError, Forbidden, Unauthorized
from service.core.security import TokenClaims, read_token
from service.display_names import ROLES
from service.repositories.users import get_user, token_state
from service.schemas.common import MAX_ID
from service.tables import Role, User

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


async def get_settings_dep(request: Request) -> Settings:
    # async: a plain `def` dependency is run in the thread pool, a hop per request for nothing
    return request.app.state.settings


def get_session(request: Request) -> Iterator[Session]:
    """One unit of work per request: commit once at the end, or roll back on any error."""
    session: Session = request.app.state.session_factory()
    try:
        yield session
        session.commit()
    except DomainError as exc:
        if exc.keep_changes:
            session.commit()
        else:
            session.rollback()
        raise
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
TokenDep = Annotated[str | None, Depends(oauth2_scheme)]


def get_optional_user(session: SessionDep, settings: SettingsDep, token: TokenDep) -> User | None:
    if not token:
        return None
    return user_of(session, claims_of(token, settings))


def claims_of(token: str, settings: Settings) -> TokenClaims:
    """A token's verified claims (signature, expiry, a plausible user id); no database."""
    claims = read_token(token, settings.secret_key)
    if not 1 <= claims.user_id <= MAX_ID:
        raise Unauthorized("登录凭证无效，请重新登录", code="invalid_token")
    return claims


def user_of(session: Session, claims: TokenClaims) -> User:
    """The signed-in user: still there, active, and the token not revoked (password changed or
    reset, account deactivated): read from the database on every request, so immediately."""
    user = get_user(session, claims.user_id)
    if user is None:
        raise _inactive()
    _refuse_stale(user.active, user.token_version, claims)
    return user


def caller_unit(engine: Engine, claims: TokenClaims) -> int | None:
    """The signed-in caller's unit, with `user_of`'s checks, from three columns read on a
    plain connection: the check endpoints need nothing else of the user (~0.6 ms less per
    check than an ORM session, measured in the request path)."""
    with engine.connect() as conn:
        row = token_state(conn, claims.user_id)
    if row is None:
        raise _inactive()
    _refuse_stale(row.active, row.token_version, claims)
    return row.unit_id


def _inactive() -> Unauthorized:
    return Unauthorized("账号不存在或已停用", code="inactive_user")


def _refuse_stale(active: bool, token_version: int, claims: TokenClaims) -> None:
    if not active:
        raise _inactive()
    if claims.version != token_version:
        raise Unauthorized("密码已修改或账号已重置，请重新登录", code="token_revoked")


OptionalUser = Annotated[User | None, Depends(get_optional_user)]


def get_current_user(user: OptionalUser) -> User:
    if user is None:
        raise Unauthorized()
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]

_RANK = {Role.officer: 1, Role.reviewer: 2, Role.admin: 3}


def require_role(minimum: Role) -> Callable[[User], User]:
    """Roles are ordered officer < reviewer < admin; a higher role may do what a lower may."""

    def guard(user: CurrentUser) -> User:
        if _RANK[Role(user.role)] < _RANK[minimum]:
            raise Forbidden(f"需要{ROLES[minimum]}权限", code="role_required")
        return user

    return guard


OfficerUser = Annotated[User, Depends(require_role(Role.officer))]
ReviewerUser = Annotated[User, Depends(require_role(Role.reviewer))]
AdminUser = Annotated[User, Depends(require_role(Role.admin))]
