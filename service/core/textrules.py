"""What text the service stores: the character rules shared by schemas, services and exports.

PostgreSQL refuses NUL bytes and lone surrogates (a 500 if they reach it), spreadsheet XML
refuses control characters, and bidi or zero-width characters in a name make two different
names look the same. Names and other one-line fields therefore take printable text only;
bodies and comments may also hold line breaks and tabs.
"""

from __future__ import annotations

import re
import unicodedata

LINE_BREAKS = frozenset("\n\r\t")
# bidi embeddings/overrides/isolates and marks: they reorder what a reader sees
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def bad_character(value: str, *, multiline: bool, format_ok: bool = False) -> str | None:
    """The first character that may not be stored in such a field, or None.

    Refused everywhere: NUL and other C0/C1 controls (line breaks and tabs allowed in
    multi-line text), lone surrogates, non-characters, bidi controls. One-line fields also
    refuse every other format character (zero-width spaces and joiners, BOM) unless
    `format_ok` (titles pasted from documents carry them harmlessly).

    Without the one-line format rule the refused characters are fixed ranges, found by one
    regex search over the Basic Multilingual Plane and a `find` per non-character beyond it
    (_first_fixed)."""
    if multiline or format_ok:
        return _first_fixed(_REFUSED_MULTILINE if multiline else _REFUSED, value)
    for char in value:
        if multiline and char in LINE_BREAKS:
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Cs") or char in BIDI_CONTROLS:
            return char
        if category == "Cn" and _noncharacter(char):
            return char
        if not multiline and not format_ok and category == "Cf":
            return char
    return None


# C0/C1 controls (Cc), surrogates (Cs), non-characters (U+FDD0..FDEF and the last two code
# points of every plane) and the bidi controls: what the loop above refuses, Cf aside. The
# regexes hold only BMP characters: one astral character in a class makes `re` test every
# character of the text against the class's members one by one (a 1,500-character body:
# ~0.5 ms instead of ~6 µs, and a check scans its body twice); the 32 astral non-characters
# are found with `str.find`, which answers at once for a text without astral characters.
_ASTRAL_NONCHARACTERS = tuple(
    chr(plane << 16 | last) for plane in range(1, 17) for last in (0xFFFE, 0xFFFF)
)
_FIXED = "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff" + "".join(sorted(BIDI_CONTROLS))
_REFUSED = re.compile(f"[\x00-\x1f\x7f-\x9f{_FIXED}]")
_REFUSED_MULTILINE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_FIXED}]")


def _first_fixed(pattern: re.Pattern[str], value: str) -> str | None:
    """The first character of `value` that `pattern` or the astral non-characters refuse."""
    found = pattern.search(value)
    end = found.start() if found else len(value)
    first = found.group() if found else None
    for char in _ASTRAL_NONCHARACTERS:
        at = value.find(char, 0, end)
        if at >= 0:
            end, first = at, char
    return first


def _noncharacter(char: str) -> bool:
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def describe(char: str) -> str:
    """`U+0000` style, for messages (the character itself may be invisible)."""
    return f"U+{ord(char):04X}"


def is_blank(value: str) -> bool:
    """Nothing a reader can see: only whitespace and format characters (zero-width ...)."""
    return all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in value)


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> object:
    """A value safe to put in a spreadsheet cell: numbers as they are; text without the
    characters spreadsheet XML cannot hold, and with a leading apostrophe when it would
    otherwise start a formula (=, +, -, @: "CSV/formula injection")."""
    if not isinstance(value, str):
        return value
    text = "".join(
        ch for ch in value if ch in "\t\n" or unicodedata.category(ch) not in ("Cc", "Cs")
    )
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text
