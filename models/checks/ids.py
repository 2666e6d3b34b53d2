"""Checksums and validity tests for numbers that identify a person (RULES.md §4.3).

Pure functions of digit strings: GB 11643-1999 resident ID numbers (18-digit, ISO 7064
MOD 11-2 check character; 15-digit first-generation numbers without one) and the Luhn
check used by bank cards. A number that fails these tests is not an ID or card number and
must not be reported as personal data.
"""

from __future__ import annotations

from datetime import date

# GB/T 2260 province-level codes (first two digits of an ID number).
PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
    "50 51 52 53 54 61 62 63 64 65 71 81 82".split()
)
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_EARLIEST_BIRTH = 1900


def id18_check_char(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits of an ID number."""
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def _valid_birth(year: int, month: int, day: int, today: date | None = None) -> bool:
    try:
        born = date(year, month, day)
    except ValueError:
        return False
    return _EARLIEST_BIRTH <= year and born <= (today or date.today())


def is_id18(number: str, today: date | None = None) -> bool:
    """18 characters: province code, birth date YYYYMMDD at 7–14, valid check character."""
    if len(number) != 18 or not number[:17].isascii() or not number[:17].isdigit():
        return False
    if number[:2] not in PROVINCES:
        return False
    if not _valid_birth(int(number[6:10]), int(number[10:12]), int(number[12:14]), today):
        return False
    return id18_check_char(number[:17]) == number[17].upper()


def is_id15(number: str, today: date | None = None) -> bool:
    """15 digits (issued before 1999): province code and a valid birth date YYMMDD (19YY)."""
    if len(number) != 15 or not number.isascii() or not number.isdigit():
        return False
    if number[:2] not in PROVINCES:
        return False
    return _valid_birth(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]), today)


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check: from the right, double every second digit."""
    if not digits.isascii() or not digits.isdigit():
        return False
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0
