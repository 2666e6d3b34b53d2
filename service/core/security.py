"""Password hashing (argon2 via pwdlib) and signed bearer tokens (JWT, HS256)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

import jwt
from pwdlib import PasswordHash

from service.core.errors import Unauthorized

_hasher = PasswordHash.recommended()
_ALGORITHM = "HS256"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    """Check a password; with no hash (unknown user) verify against a dummy hash so that
    the answer takes as long as for a real account, and is False."""
    try:
        if password_hash is None:
            _hasher.verify(password, _dummy_hash())
            return False
        return _hasher.verify(password, password_hash)
    except Exception:  # malformed hash or unencodable text: a failed login, never a 500
        return False


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher.hash(secrets.token_urlsafe(16))


def generate_password() -> str:
    return secrets.token_urlsafe(12)


def create_token(user_id: int, secret: str, ttl_minutes: int, version: int = 0) -> str:
    """A bearer token; `ver` is the user's token version (a password change bumps it)."""
    now = datetime.now(UTC)
    payload = {
        "sub": str(user_id),
        "iat": now,
        "exp": now + timedelta(minutes=ttl_minutes),
        "ver": version,
    }
    return jwt.encode(payload, secret, algorithm=_ALGORITHM)


@dataclass(frozen=True)
class TokenClaims:
    user_id: int
    version: int


def read_token(token: str, secret: str) -> TokenClaims:
    """Verify a token; `exp`, `iat`, `sub` and `ver` are required (no token lives forever)."""
    try:
        payload = jwt.decode(
            token,
            secret,
            algorithms=[_ALGORITHM],
            options={"require": ["exp", "iat", "sub", "ver"]},
        )
        version = payload["ver"]
        if not isinstance(version, int) or isinstance(version, bool):
            raise ValueError("ver")
        return TokenClaims(int(payload["sub"]), version)
    except jwt.ExpiredSignatureError as exc:
        raise Unauthorized("登录已过期，请重新登录", code="token_expired") from exc
    except (jwt.PyJWTError, KeyError, ValueError, TypeError) as exc:
        raise Unauthorized("登录凭证无效，请重新登录", code="invalid_token") from exc
