"""The shape of a rule. Unknown fields are rejected so typos in data files fail loudly."""

from __future__ import annotations

import re
from functools import cached_property

# the standard library's regex parser, for a pattern's least width
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from models.report import Field as FieldName
from models.report import Flag
from models.rules.prefilter import Need, needs


class Example(BaseModel):
    """A bad or good example. Plain strings in YAML become the rule's field text."""

    model_config = ConfigDict(extra="forbid")
    title: str = ""
    body: str = ""
    flagged: str | None = None  # for bad examples: the exact text a flag must cover


class Term(BaseModel):
    """One dictionary entry of a `terms` rule: avoid `term`, write `use` instead."""

    model_config = ConfigDict(extra="forbid")
    term: str = Field(min_length=1)
    use: str | None = None
    note: str | None = None
    # longer phrases holding the term that are fine as they are (商业秘密 for 秘密): literal
    # text, unlike a pattern rule's `unless` (regexes on the sentence)
    except_in: list[str] = Field(default_factory=list)


class Examples(BaseModel):
    model_config = ConfigDict(extra="forbid")
    bad: list[Example | str] = Field(min_length=1)
    good: list[Example | str] = Field(min_length=1)
    # dictionary rules: the admin dictionary the examples are checked with
    dictionary: list[Term] = Field(default_factory=list)


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z_]+(\.[a-z0-9_]+)+$")
    kind: Literal["news_style", "number", "sensitive", "title", "wording", "leader"]
    code: str
    type: Literal["pattern", "terms", "findings", "code", "dictionary"]
    severity: Literal["error", "warning", "info"]
    message: str
    suggestion: str | None = None
    ref: str | None = None
    field: Literal["body", "title", "any"] = "body"
    # pattern rules
    pattern: str | None = None
    group: int | str = 0
    within: Literal["all", "first_sentence", "first_paragraph", "last_paragraph"] = "all"
    min_count: int = 1
    # regexes: a match is skipped when its sentence matches one of them (judged once a sentence)
    unless: list[str] = Field(default_factory=list)
    outside_titles: bool = (
        False  # skip a match inside 《…》 or a document number (quoted as issued)
    )
    # a costly pattern that matches rarely: strings every match holds, each with the most
    # characters a match can start before it ({讯: 26} — the 讯 lies in the match, at most 26
    # characters in). The regex is then tried only at those starts (and at the window's
    # start), not at every character; the same matches (tests/models/test_fast_regexes.py).
    anchors: dict[str, int] = Field(default_factory=dict)
    # terms rules
    terms: list[Term] = Field(default_factory=list)
    # findings rules: the analysis (a name in models.checks.ANALYSES) and the tags reported
    analysis: str | None = None
    tags: list[str] = Field(default_factory=list)
    # contribution to the news-style score (news_style rules), per sentence flagged
    weight: float = 0.0
    examples: Examples

    @model_validator(mode="after")
    def _consistent(self) -> Rule:
        if self.type == "pattern" and not self.pattern:
            raise ValueError(f"{self.id}: pattern rules need `pattern`")
        if self.type == "terms" and not self.terms:
            raise ValueError(f"{self.id}: terms rules need `terms`")
        if self.type == "findings" and not (self.analysis and self.tags):
            raise ValueError(f"{self.id}: findings rules need `analysis` and `tags`")
        if self.type == "dictionary" and not self.examples.dictionary:
            raise ValueError(f"{self.id}: dictionary rules need `examples.dictionary`")
        if self.examples.dictionary and self.type != "dictionary":
            raise ValueError(f"{self.id}: only dictionary rules have `examples.dictionary`")
        if self.pattern:
            re.compile(self.pattern)
        if self.anchors and (self.type != "pattern" or self.min_width() == 0):
            raise ValueError(f"{self.id}: anchors need a pattern that cannot match empty")
        return self

    def min_width(self) -> int:
        """The fewest characters a match of the pattern holds."""
        assert self.pattern is not None
        return int(P.parse(self.pattern).getwidth()[0])

    @cached_property
    def regex(self) -> re.Pattern[str]:
        assert self.pattern is not None
        return re.compile(self.pattern)

    @cached_property
    def needs(self) -> tuple[Need, ...]:
        """Strings a text must hold for the pattern to match (models.rules.prefilter)."""
        return needs(self.regex)

    @cached_property
    def unless_regexes(self) -> list[re.Pattern[str]]:
        return [re.compile(p) for p in self.unless]

    def fields(self) -> tuple[FieldName, ...]:
        return ("title", "body") if self.field == "any" else (self.field,)

    def flag(
        self,
        field: FieldName,
        start: int,
        end: int,
        text: str,
        /,
        *,
        message: str | None = None,
        suggestion: str | None = None,
        **values: Any,
    ) -> Flag:
        """A Flag for this rule; `values` fill {placeholders} in message and suggestion."""
        msg = message or self.message
        sug = suggestion if suggestion is not None else self.suggestion
        if values:
            msg = msg.format(**values)
            sug = sug.format(**values) if sug else sug
        return Flag(
            kind=self.kind,
            code=self.code,
            rule=self.id,
            severity=self.severity,
            field=field,
            start=start,
            end=end,
            text=text[start:end],
            message=msg,
            suggestion=sug,
            ref=self.ref,
        )
