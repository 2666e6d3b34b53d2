"""Drafts, the review queue, reviews and flag dismissals."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from service.schemas.common import DbId
from service.schemas.neardup import MarkBrief, SimilarBrief
from service.schemas.text import Body, Name, Text, Title, bounded
from service.tables import Draft, DraftStatus, FlagDismissal, ReviewDecision, ReviewStage

CategoryLabel = Literal["dynamic", "problem", "special"]
FlagKind = Literal["news_style", "number", "sensitive", "title", "wording", "leader"]
QueueSort = Literal[
    "confidence",
    "flags_total",
    "age",
    "adoption_likelihood",
    "flags.news_style",
    "flags.number",
    "flags.sensitive",
    "flags.title",
    "flags.wording",
    "flags.leader",
    "category",  # the confirmed category, else the predicted one
    "unit",  # unit name
    "solicitation",  # the answered 约稿's due date, soonest first; others last
]
DismissalScope = Literal["draft", "unit", "global"]


DraftTitle = bounded(Title, Draft.title)
Comment = Annotated[Text, Field(max_length=5000)]
RuleCode = bounded(Name, FlagDismissal.rule, min_length=1)
FlaggedText = bounded(Text, FlagDismissal.text)


class DraftCreate(BaseModel):
    title: DraftTitle = ""
    body: Body
    solicitation_id: DbId | None = None
    unit_id: DbId | None = None  # reviewers/admins entering a piece for a unit; officers: own unit


class DraftUpdate(BaseModel):
    title: DraftTitle | None = None
    body: Body | None = None
    solicitation_id: DbId | None = None


class DismissalPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    rule: str
    text: str | None
    scope: str
    draft_id: int | None
    unit_id: int | None
    user_id: int | None
    reason: str
    created_at: datetime


class DraftSummary(BaseModel):
    """A draft in lists: no body, no report."""

    id: int
    unit_id: int
    unit_name: str
    author_id: int
    title: str
    status: DraftStatus
    predicted_category: str | None
    confidence: float | None
    confirmed_category: str | None
    category: str | None = None  # confirmed, else predicted: what lists, filters, scores use
    category_name: str | None = None
    flag_counts: dict[str, int]
    flags_total: int
    solicitation_id: int | None
    submitted_at: datetime | None
    created_at: datetime
    updated_at: datetime


class DraftPublic(DraftSummary):
    """One draft with its text, check report and the dismissals made on it."""

    body: str
    probabilities: dict[str, float]
    model_version: str | None
    adoption_likelihood: float | None
    report: dict[str, Any]
    dismissals: list[DismissalPublic] = Field(default_factory=list)


class SolicitationBrief(BaseModel):
    id: int
    topic: str
    due_on: date
    overdue: bool  # submitted after the due date (local office date)


class QueueRow(BaseModel):
    id: int
    title: str
    unit_id: int
    unit_name: str
    submitted_at: datetime | None
    predicted_category: str | None
    category_name: str | None
    confidence: float | None
    uncertain: bool  # the classifier is unsure (confidence below its threshold): decide by hand
    confirmed_category: str | None
    category: str | None = None  # confirmed, else predicted (what `?category=` filters on)
    flag_counts: dict[str, int]
    flags_total: int
    adoption_likelihood: float | None
    solicitation: SolicitationBrief | None
    last_review_stage: ReviewStage | None  # latest review since the last submission
    similar: SimilarBrief | None = None  # the most similar other stored draft (≥ 50%)
    marks: list[MarkBrief] = Field(default_factory=list)  # reviewers' 合报 / 重复 marks


class SubmitBody(BaseModel):
    comment: Comment = ""  # e.g. what was changed after a return


class HistoryEvent(BaseModel):
    """One step of a draft's way: a submission, a return (with the reviewer's comment) or
    another review decision."""

    kind: Literal["submit", "return", "review"]
    at: datetime
    user_id: int | None
    round: int | None  # the submission round (1, 2, ...) the event belongs to
    comment: str
    title: str | None = None  # submissions: the title and text as submitted
    body: str | None = None
    changed: list[str] = Field(default_factory=list)  # submissions: "title"/"body" changed
    stage: ReviewStage | None = None
    decision: ReviewDecision | None = None
    confirmed_category: str | None = None


class ReviewCreate(BaseModel):
    stage: ReviewStage
    decision: ReviewDecision
    confirmed_category: CategoryLabel | None = None
    comment: Comment = ""


class ReviewPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    draft_id: int
    reviewer_id: int
    stage: ReviewStage
    decision: ReviewDecision
    confirmed_category: str | None
    comment: str
    created_at: datetime


class ReviewOutcome(ReviewPublic):
    draft_status: DraftStatus


class DismissalCreate(BaseModel):
    rule: RuleCode
    text: FlaggedText | None = None
    reason: Annotated[Text, Field(min_length=1, max_length=2000)]  # blank: reason_required
    scope: DismissalScope = "draft"


class DismissalStat(BaseModel):
    rule: str
    kind: str | None
    raised: int  # flags with this rule in the stored drafts' latest reports
    dismissed: int  # dismissals of this rule, any scope
    by_scope: dict[str, int]
    rate: float | None  # dismissed / raised; None when nothing was raised
