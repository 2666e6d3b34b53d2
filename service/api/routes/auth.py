"""Login (OAuth2 password flow) and the current user."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.security import OAuth2PasswordRequestForm

from service.api.deps import CurrentUser, SessionDep, SettingsDep
from service.core.security import create_token
from service.schemas.accounts import Token, UserPublic
from service.services.accounts import authenticate

router = APIRouter(prefix="/api/v1", tags=["auth"])


@router.post("/auth/token", response_model=Token)
def login(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    session: SessionDep,
    settings: SettingsDep,
) -> Token:
    """Exchange username and password for a bearer token."""
    user = authenticate(session, settings, form.username, form.password)
    return Token(
        access_token=create_token(user.id, settings.secret_key, settings.token_ttl_minutes)
    )


@router.get("/me", response_model=UserPublic)
def me(user: CurrentUser) -> UserPublic:
    """The logged-in user."""
    return UserPublic.model_validate(user)
