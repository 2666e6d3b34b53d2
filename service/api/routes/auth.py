"""Login (OAuth2 password flow) and the current user."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.security import OAuth2PasswordRequestForm

from service.api.deps import CurrentUser, SessionDep, SettingsDep
from service.core.config import Settings
from service.core.security import create_token
from service.schemas.accounts import PasswordChange, Token, UserPublic
from service.services import accounts
from service.services.accounts import authenticate
from service.tables import User

router = APIRouter(prefix="/api/v1", tags=["auth"])


@router.post("/auth/token", response_model=Token)
def login(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
) -> Token:
    """Exchange username and password for a bearer token. Usernames are compared without
    case; failures are throttled per username and client address (429 when locked)."""
    user = authenticate(session, settings, form.username, form.password, _client(request))
    return _token(user, settings)


def _client(request: Request) -> str | None:
    return request.client.host if request.client else None


def _token(user: User, settings: Settings) -> Token:
    return Token(
        access_token=create_token(
            user.id, settings.secret_key, settings.token_ttl_minutes, user.token_version
        )
    )


@router.post("/auth/logout", status_code=204)
def logout(user: CurrentUser, session: SessionDep) -> Response:
    """Sign out: this token and every other token of the account stop working at once (the
    browser's cookie alone would keep a copy alive until it expires)."""
    accounts.log_out(session, user)
    return Response(status_code=204)


@router.get("/me", response_model=UserPublic)
def me(user: CurrentUser) -> UserPublic:
    """The logged-in user."""
    return UserPublic.model_validate(user)


@router.post("/me/password", response_model=Token)
def change_password(
    body: PasswordChange,
    request: Request,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
) -> Token:
    """Change one's own password (the current one is required). Every earlier token stops
    working; the answer carries a new one so this session goes on."""
    accounts.change_own_password(
        session, settings, user, body.current_password, body.new_password, _client(request)
    )
    return _token(user, settings)
