"""Password hashing (argon2 via pwdlib) and signed bearer tokens (JWT, HS256)."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

import jwt
from pwdlib import PasswordHash

from service.core.errors import Unauthorized

_hasher = PasswordHash.recommended()
_ALGORITHM = "HS256"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str) -> bool:
    try:
        return _hasher.verify(password, password_hash)
    except Exception:  # malformed hash: treat as a failed login, never a 500
        return False


def generate_password() -> str:
    return secrets.token_urlsafe(12)


def create_token(user_id: int, secret: str, ttl_minutes: int) -> str:
    now = datetime.now(UTC)
    payload = {"sub": str(user_id), "iat": now, "exp": now + timedelta(minutes=ttl_minutes)}
    return jwt.encode(payload, secret, algorithm=_ALGORITHM)


def read_token(token: str, secret: str) -> int:
    try:
        payload = jwt.decode(token, secret, algorithms=[_ALGORITHM])
        return int(payload["sub"])
    except jwt.ExpiredSignatureError as exc:
        raise Unauthorized("登录已过期，请重新登录", code="token_expired") from exc
    except (jwt.PyJWTError, KeyError, ValueError) as exc:
        raise Unauthorized("登录凭证无效，请重新登录", code="invalid_token") from exc
