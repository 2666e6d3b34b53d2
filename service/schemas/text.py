"""Text field types for request bodies: characters checked, lengths taken from the tables.

`Line` is one-line text (names, kinds), `Title` a draft's title, `Text` multi-line text (comments, reasons,
notes), `Body` a draft's text (multi-line, and something visible must be in it). Refusals
carry their own stable code (the error handler uses the pydantic error type as `code`):
`invalid_characters`, `empty_text`, `empty_body`.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError
from sqlalchemy.orm import InstrumentedAttribute

from service.core.textrules import bad_character, describe, is_blank

# error types the handler turns into codes of their own (everything else is invalid_input)
CUSTOM_CODES = frozenset({"invalid_characters", "empty_text", "empty_body"})


def column_length(column: InstrumentedAttribute[Any]) -> int:
    """The declared length of a String column: the bound a request may not exceed."""
    length = column.property.columns[0].type.length
    if length is None:
        raise TypeError(f"{column} has no length")
    return int(length)


def _chars(multiline: bool, format_ok: bool = False):
    def check(value: str) -> str:
        char = bad_character(value, multiline=multiline, format_ok=format_ok)
        if char is not None:
            raise PydanticCustomError(
                "invalid_characters",
                "含有不允许的字符（{char}，如空字符、控制字符或不可见的格式字符）",
                {"char": describe(char)},
            )
        return value

    return check


def _visible(code: str, message: str):
    def check(value: str) -> str:
        if is_blank(value):
            raise PydanticCustomError(code, message)
        return value

    return check


Line = Annotated[str, AfterValidator(_chars(multiline=False))]
# a draft's title: one line; zero-width characters pasted with it are tolerated
Title = Annotated[str, AfterValidator(_chars(multiline=False, format_ok=True))]
Text = Annotated[str, AfterValidator(_chars(multiline=True))]
# a required name: not only spaces or invisible characters
Name = Annotated[Line, AfterValidator(_visible("empty_text", "不能只有空白字符"))]
RequiredText = Annotated[Text, AfterValidator(_visible("empty_text", "不能只有空白字符"))]
Body = Annotated[
    Text, AfterValidator(_visible("empty_body", "正文不能为空（只有空白或不可见字符）"))
]


def bounded(kind: Any, column: InstrumentedAttribute[Any], *, min_length: int = 0) -> Any:
    """`kind` limited to `column`'s length, e.g. `bounded(Name, Unit.name, min_length=1)`."""
    return Annotated[kind, Field(min_length=min_length, max_length=column_length(column))]
