"""Usernames and passwords: what may be chosen, and the key two names are compared by.

A username is stored as typed after NFKC (full-width letters become ASCII) and compared by
its case-folded key, so `Admin` and `admin` are one name. New names may hold only ASCII
letters and digits, `.`, `_`, `-`, `·` and CJK ideographs: a Cyrillic `а` that looks like a
Latin one, bidi controls and zero-width characters are refused instead of being told apart
by a confusables table.
"""

from __future__ import annotations

import hashlib
import unicodedata

from service.core.errors import BadInput
from service.core.textrules import bad_character, describe

USERNAME_MAX = 50
PASSWORD_MIN = 8
PASSWORD_MAX = 128
_ASCII_OK = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")


def username_key(raw: str) -> str:
    """The comparison key: NFKC, trimmed, case folded (the migration 0006 uses the same)."""
    return unicodedata.normalize("NFKC", raw).strip().casefold()


def username_digest(raw: str) -> str:
    """SHA-256 of the key, for throttling attempts at names that may not exist."""
    return hashlib.sha256(username_key(raw).encode("utf-8", "surrogatepass")).hexdigest()


def _allowed(char: str) -> bool:
    if char in _ASCII_OK or char == "·":
        return True
    return unicodedata.name(char, "").startswith("CJK UNIFIED IDEOGRAPH")


def clean_username(raw: str) -> str:
    """A new username as stored (NFKC, trimmed), or BadInput with a stable code."""
    name = unicodedata.normalize("NFKC", raw).strip()
    if not name:
        raise BadInput("用户名不能为空", code="username_empty")
    if len(name) > USERNAME_MAX:
        raise BadInput(f"用户名不能超过 {USERNAME_MAX} 个字符", code="username_too_long")
    bad = next((c for c in name if not _allowed(c)), None)
    if bad is not None:
        raise BadInput(
            f"用户名只能包含英文字母、数字、汉字和 . _ - ·（不允许 {describe(bad)}）",
            code="username_invalid",
        )
    return name


def check_password(password: str, username: str = "") -> None:
    """A password someone may choose: 8–128 characters, printable, not trivially weak (judged
    on its NFKC form, the one that is hashed)."""
    password = unicodedata.normalize("NFKC", password)
    if len(password) < PASSWORD_MIN:
        raise BadInput(f"密码至少 {PASSWORD_MIN} 位", code="password_too_short")
    if len(password) > PASSWORD_MAX:
        raise BadInput(f"密码不能超过 {PASSWORD_MAX} 位", code="password_too_long")
    if bad_character(password, multiline=False) is not None:
        raise BadInput("密码含有不允许的控制字符或不可见字符", code="invalid_characters")
    stripped = password.strip()
    if (
        len(stripped) < PASSWORD_MIN
        or len(set(stripped)) < 3
        or (username and username_key(password) == username_key(username))
    ):
        raise BadInput(
            "密码过于简单：不能以空格凑数、不能几乎全是同一个字符，也不能与用户名相同",
            code="password_too_weak",
        )
