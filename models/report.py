"""The check report: the contract of POST /api/v1/check and `govbrief check --json`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

CATEGORY_NAMES = {"dynamic": "动态信息", "problem": "问题信息", "special": "专报信息"}
LABELS = tuple(CATEGORY_NAMES)
KIND_NAMES = {
    "news_style": "新闻稿式写法",
    "number": "数字",
    "sensitive": "敏感内容",
    "title": "标题",
    "wording": "错别字与规范用语",
    "leader": "领导姓名职务",
}

Kind = Literal["news_style", "number", "sensitive", "title", "wording", "leader"]
Severity = Literal["error", "warning", "info"]
Field = Literal["title", "body"]


@dataclass(frozen=True, slots=True)
class Flag:
    kind: Kind
    code: str
    rule: str
    severity: Severity
    field: Field
    start: int
    end: int
    text: str
    message: str
    suggestion: str | None = None
    ref: str | None = None


@dataclass(frozen=True, slots=True)
class Category:
    label: str
    confidence: float
    probabilities: dict[str, float]
    evidence: list[str]
    model_version: str
    # the top probability is below models.classify.UNCERTAIN_BELOW: reviewers should decide;
    # `top_two` names the two likeliest categories, best first
    uncertain: bool = False
    top_two: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return CATEGORY_NAMES[self.label]


@dataclass(frozen=True, slots=True)
class NewsStyle:
    score: float = 0.0
    verdict: bool = False


@dataclass(frozen=True, slots=True)
class Headline:
    text: str
    score: float


@dataclass(frozen=True, slots=True)
class Stats:
    chars: int
    sentences: int
    paragraphs: int


@dataclass(frozen=True, slots=True)
class CheckReport:
    category: Category | None
    news_style: NewsStyle
    flags: list[Flag]
    headlines: list[Headline]
    stats: Stats
    # why `headlines` is empty when no candidate passed the well-formedness gate (else None)
    headline_note: str | None = None
    # the tokens the analysis computed, kept with stored drafts (not part of the JSON contract)
    tokens: dict[str, list[str]] = field(default_factory=dict, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON report. Same as `dataclasses.asdict` field by field, without its deep
        copy of every flag (a third of the per-request cost outside the analysis)."""
        category = None
        if self.category is not None:
            category = {
                "label": self.category.label,
                "name": self.category.name,
                **{k: v for k, v in _plain(self.category).items() if k != "label"},
            }
        return {
            "category": category,
            "news_style": _plain(self.news_style),
            "flags": [_plain(f) for f in self.flags],
            "headlines": [_plain(h) for h in self.headlines],
            "headline_note": self.headline_note,
            "stats": _plain(self.stats),
        }


def _plain(obj: Category | Flag | NewsStyle | Headline | Stats) -> dict[str, Any]:
    """A slotted dataclass of plain values (lists and dicts of them copied) as a dict, in
    field order."""
    out = {}
    for name in obj.__slots__:
        value = getattr(obj, name)
        out[name] = value.copy() if isinstance(value, list | dict) else value
    return out
