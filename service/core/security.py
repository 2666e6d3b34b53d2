"""Password hashing (argon2 via pwdlib) and signed bearer tokens (JWT, HS256)."""

from __future__ import annotations

import secrets
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

import jwt
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from service.core.errors import Unauthorized

_ALGORITHM = "HS256"
_PARALLELISM = 4  # argon2's default lanes; part of each stored hash


def _make_hasher(time_cost: int, memory_kib: int) -> PasswordHash:
    return PasswordHash((Argon2Hasher(time_cost, memory_kib, _PARALLELISM),))


_hasher = _make_hasher(3, 65536)  # argon2id at argon2-cffi's defaults (RFC 9106, low memory)


def configure_hashing(time_cost: int, memory_kib: int) -> None:
    """Set the argon2id cost for new hashes (Settings.password_hash_*; the process's apps
    share one setting). Every stored hash carries its own parameters, so hashes made at any
    cost keep verifying."""
    global _hasher
    _hasher = _make_hasher(time_cost, memory_kib)
    _dummy_hash.cache_clear()


def normalize_password(password: str) -> str:
    """NFKC, so a password typed with full-width letters or a composed/decomposed accent (an
    IME in another mode, another keyboard) is the same password."""
    return unicodedata.normalize("NFKC", password)


def hash_password(password: str) -> str:
    return _hasher.hash(normalize_password(password))


def verify_password(password: str, password_hash: str | None) -> bool:
    """Check a password: its NFKC form first, then (hashes set before passwords were normalised)
    the raw text. With no hash (unknown user) verify against a dummy hash the same number of
    times, so the answer takes as long as for a real account, and is False."""
    try:
        normalized = normalize_password(password)
    except ValueError:  # unencodable text: a failed login, never a 500
        return False
    candidates = [normalized] if normalized == password else [normalized, password]
    found = False
    for candidate in candidates:
        try:
            if password_hash is None:
                _hasher.verify(candidate, _dummy_hash())
            elif _hasher.verify(candidate, password_hash):
                found = True
                break
        except Exception:  # malformed hash or unencodable text: a failed login, never a 500
            continue
    return found and password_hash is not None


def needs_rehash(password_hash: str) -> bool:
    """True when a stored hash was made at another cost than the configured one."""
    try:
        return _hasher.current_hasher.check_needs_rehash(password_hash)
    except Exception:  # malformed hash: leave it alone (verification already failed)
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
