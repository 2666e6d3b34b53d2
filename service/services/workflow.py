"""Drafts through review: save with the check report, submit, review, dismiss flags, the queue.

Statuses: draft → submitted → passed; a return sends a submitted draft back (returned), the
officer edits it and submits again, and the next round of review starts over.

Review rule (三审: first 初审, second 复审, final 终审):
- Reviews are recorded only on submitted drafts (409 `draft_not_in_review` otherwise).
- return, at any stage: status returned; a comment is required (422 `comment_required`).
- pass at the final stage: status passed.
- pass at the first or second stage: status passed, EXCEPT when the setting
  `problem_needs_final_signoff` is on and the draft's category (the confirmed one, else the
  predicted one) is `problem`: then the draft stays submitted, in the queue with the stage it
  reached, until a final-stage pass (problem pieces need a leader's sign-off before they go up).
- So for dynamic and special pieces any stage's pass is enough: routine pieces need not wait
  for the leader, and an office that works with one reviewer is not forced through three
  stages. Stages are not enforced in order for the same reason.
- A review may confirm or correct the category; the latest confirmed_category is stored on
  the draft (what retraining learns from) and decides the sign-off rule above.

Who: an officer sees and changes only drafts of their own unit (others get 404, not 403, so
existence does not leak); reviewers and admins see every draft and may act on any. The rule
lives in services/access.py.

Flag counts: `flag_counts` (every kind, zeros included) and `flags_total` count the flags of
the latest report that no dismissal in force silences (one made on the draft, one for its
unit, or a global one). They are computed when a draft is saved and when a dismissal is made
on it; a unit-wide or global dismissal reaches other drafts when they are next saved. The
stored report itself always keeps every flag the analysis raised (the dismissal summary
counts them).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, get_args

from sqlalchemy.orm import Session

from models.classify import UNCERTAIN_BELOW
from models.report import CATEGORY_NAMES, Kind
from service.core.config import Settings
from service.core.errors import BadInput, Conflict, Forbidden, NotFound
from service.core.textrules import is_blank
from service.repositories import drafts as repo
from service.repositories.scoreboard import count_draft
from service.repositories.users import get_unit
from service.services.access import may_see_unit, unit_scope, visible_draft
from service.services.audit import record
from service.services.checking import Checker
from service.services.likelihood import score_draft
from service.services.neardup import index_draft
from service.services.office_time import local_date
from service.tables import (
    Draft,
    DraftStatus,
    DraftSubmission,
    FlagDismissal,
    Review,
    ReviewDecision,
    ReviewStage,
    Role,
    User,
)

FLAG_KINDS: tuple[str, ...] = get_args(Kind)
EDITABLE = (DraftStatus.draft, DraftStatus.returned)
DESCENDING_BY_DEFAULT = {"flags_total", "adoption_likelihood", *(f"flags.{k}" for k in FLAG_KINDS)}


# -- where a new draft goes ---------------------------------------------------------------


def _target_unit(session: Session, user: User, unit_id: int | None) -> int:
    """The unit a new draft goes to: an officer's own (naming another is 403), else the one
    asked for, by default the user's own."""
    if unit_id is not None and not may_see_unit(user, unit_id):
        raise Forbidden("信息员只能为本单位报送稿件", code="unit_not_allowed")
    unit_id = unit_scope(user, unit_id)
    if unit_id is None:
        unit_id = user.unit_id
    if unit_id is None:
        raise BadInput("请指定稿件所属单位", code="unit_required")
    if get_unit(session, unit_id) is None:
        raise NotFound("单位不存在", code="unit_not_found")
    return unit_id


def _check_solicitation(session: Session, solicitation_id: int | None, unit_id: int) -> None:
    """A draft may answer only a 约稿 addressed to its own unit. A missing id and one asking
    other units get the same 404, so the answer does not tell which ids exist."""
    if solicitation_id is None:
        return
    if not repo.solicitation_asks_unit(session, solicitation_id, unit_id):
        raise NotFound("约稿不存在，或未向本单位约稿", code="solicitation_not_found")


# -- saving: the check report and the numbers the queue sorts by ------------------------------


def _silences(dismissal: FlagDismissal, flag: dict[str, Any]) -> bool:
    return dismissal.rule == flag.get("rule") and dismissal.text in (None, flag.get("text"))


def count_flags(flags: Iterable[dict[str, Any]], dismissals: list[FlagDismissal]) -> dict[str, int]:
    counts = dict.fromkeys(FLAG_KINDS, 0)
    for flag in flags:
        if not any(_silences(d, flag) for d in dismissals):
            counts[flag["kind"]] = counts.get(flag["kind"], 0) + 1
    return counts


def _recount(session: Session, draft: Draft) -> None:
    counts = count_flags(draft.report.get("flags", []), repo.dismissals_for_draft(session, draft))
    draft.flag_counts = counts
    draft.flags_total = sum(counts.values())
    score_draft(session, draft)  # flags feed the adoption-likelihood model


def _store_analysis(
    settings: Settings, holder: Checker, draft: Draft, title: str, body: str
) -> None:
    """Run the check and keep what the queue and retraining need beside the report."""
    report = holder.check(settings, title, body, draft.unit_id)
    category = report.category
    draft.title, draft.body = title, body
    draft.report = report.to_dict()
    draft.predicted_category = category.label if category else None
    draft.probabilities = dict(category.probabilities) if category else {}
    draft.confidence = category.confidence if category else None
    draft.model_version = category.model_version if category else None
    draft.tokens = report.tokens  # kept so that retraining never tokenizes a stored draft again


def create_draft(
    session: Session,
    settings: Settings,
    holder: Checker,
    user: User,
    *,
    title: str,
    body: str,
    solicitation_id: int | None = None,
    unit_id: int | None = None,
) -> Draft:
    draft = Draft(
        unit_id=_target_unit(session, user, unit_id),
        author_id=user.id,
        status=DraftStatus.draft,
        solicitation_id=solicitation_id,
    )
    _check_solicitation(session, solicitation_id, draft.unit_id)
    _store_analysis(settings, holder, draft, title.strip(), body)
    session.add(draft)
    session.flush()
    _recount(session, draft)
    index_draft(session, draft)
    return draft


def update_draft(
    session: Session,
    settings: Settings,
    holder: Checker,
    user: User,
    draft_id: int,
    changes: dict[str, Any],
) -> Draft:
    """Edit title, body or solicitation while the draft is a draft or returned."""
    draft = visible_draft(session, user, draft_id, lock=True)
    if draft.status not in EDITABLE:
        state = "审核中" if draft.status == DraftStatus.submitted else "已通过审核"
        raise Conflict(f"稿件{state}，不能修改", code="draft_locked")
    if "solicitation_id" in changes:
        _check_solicitation(session, changes["solicitation_id"], draft.unit_id)
        draft.solicitation_id = changes["solicitation_id"]
    title = changes.get("title")
    title = draft.title if title is None else title.strip()
    body = changes.get("body")
    body = draft.body if body is None else body
    if (title, body) != (draft.title, draft.body):
        count_draft(session, draft, -1)  # a returned draft's category may change
        _store_analysis(settings, holder, draft, title, body)
        count_draft(session, draft, 1)
        _recount(session, draft)
        index_draft(session, draft)
    session.flush()
    return draft


def submit_draft(session: Session, user: User, draft_id: int, comment: str = "") -> Draft:
    """Submit for review; every submission is kept (time, who, note, title and text)."""
    draft = visible_draft(session, user, draft_id, lock=True)
    if draft.status == DraftStatus.submitted:
        raise Conflict("稿件已报送，正在审核中", code="already_submitted")
    if draft.status == DraftStatus.passed:
        raise Conflict("稿件已通过审核", code="already_passed")
    if not draft.title.strip():
        raise BadInput("报送前请填写标题", code="title_required")
    draft.status = DraftStatus.submitted
    count_draft(session, draft, -1)  # a resubmission moves the draft to its new month
    draft.submitted_at = datetime.now(UTC)
    count_draft(session, draft, 1)
    score_draft(session, draft)
    session.add(
        DraftSubmission(
            draft_id=draft.id,
            round=repo.count_submissions(session, draft.id) + 1,
            submitted_at=draft.submitted_at,
            submitted_by=user.id,
            comment=comment.strip(),
            title=draft.title,
            body=draft.body,
        )
    )
    session.flush()
    return draft


def draft_history(session: Session, user: User, draft_id: int) -> list[dict[str, Any]]:
    """Each submission (with its note and what changed since the previous one) and each
    review decision (return with its comment, pass), oldest first."""
    visible_draft(session, user, draft_id)
    events: list[dict[str, Any]] = []
    previous: DraftSubmission | None = None
    for sub in repo.list_submissions(session, draft_id):
        changed = [] if previous is None else [
            name for name in ("title", "body") if getattr(sub, name) != getattr(previous, name)
        ]  # fmt: skip
        events.append(
            {"kind": "submit", "at": sub.submitted_at, "user_id": sub.submitted_by,
             "round": sub.round, "comment": sub.comment, "title": sub.title, "body": sub.body,
             "changed": changed, "stage": None, "decision": None}
        )  # fmt: skip
        previous = sub
    for review in repo.list_reviews(session, draft_id):
        events.append(
            {"kind": "return" if review.decision == ReviewDecision.returned else "review",
             "at": review.created_at, "user_id": review.reviewer_id, "round": None,
             "comment": review.comment, "title": None, "body": None, "changed": [],
             "stage": review.stage, "decision": review.decision,
             "confirmed_category": review.confirmed_category}
        )  # fmt: skip
    events.sort(key=lambda e: (e["at"], e["kind"] != "submit"))
    rounds = 0
    for event in events:  # reviews belong to the submission round before them
        if event["kind"] == "submit":
            rounds = event["round"]
        else:
            event["round"] = rounds or None
    return events


# -- reviews -------------------------------------------------------------------------------


def status_after(
    settings: Settings, category: str | None, stage: ReviewStage, decision: ReviewDecision
) -> DraftStatus:
    """The review rule of the module docstring, as one pure function."""
    if decision == ReviewDecision.returned:
        return DraftStatus.returned
    if stage == ReviewStage.final:
        return DraftStatus.passed
    if settings.problem_needs_final_signoff and category == "problem":
        return DraftStatus.submitted
    return DraftStatus.passed


def review_draft(
    session: Session,
    settings: Settings,
    reviewer: User,
    draft_id: int,
    *,
    stage: ReviewStage,
    decision: ReviewDecision,
    confirmed_category: str | None = None,
    comment: str = "",
) -> tuple[Review, Draft]:
    draft = visible_draft(session, reviewer, draft_id, lock=True)
    if draft.status != DraftStatus.submitted:
        raise Conflict("只能审核已报送、正在审核中的稿件", code="draft_not_in_review")
    comment = comment.strip()
    if decision == ReviewDecision.returned and not comment:
        raise BadInput("退回稿件时请填写修改意见", code="comment_required")
    if confirmed_category is not None:
        count_draft(session, draft, -1)
        draft.confirmed_category = confirmed_category
        count_draft(session, draft, 1)
    category = draft.confirmed_category or draft.predicted_category
    draft.status = status_after(settings, category, stage, decision)
    if draft.status == DraftStatus.submitted:
        score_draft(session, draft)  # a confirmed category changes the likelihood
    review = Review(
        draft_id=draft.id,
        reviewer_id=reviewer.id,
        stage=stage,
        decision=decision,
        confirmed_category=confirmed_category,
        comment=comment,
    )
    session.add(review)
    session.flush()
    return review, draft


def list_reviews(session: Session, user: User, draft_id: int) -> list[Review]:
    visible_draft(session, user, draft_id)
    return repo.list_reviews(session, draft_id)


# -- flag dismissals -----------------------------------------------------------------------


def dismiss_flag(
    session: Session,
    user: User,
    draft_id: int,
    *,
    rule: str,
    text: str | None,
    reason: str,
    scope: str,
) -> FlagDismissal:
    """Silence a flag on this draft, for the draft's unit, or (admins) everywhere."""
    draft = visible_draft(session, user, draft_id, lock=True)
    if scope == "global" and user.role != Role.admin:
        raise Forbidden("只有管理员可以在全局范围忽略提示", code="global_needs_admin")
    reason = reason.strip()
    if is_blank(reason):  # spaces or zero-width characters only
        raise BadInput("请说明忽略该提示的理由", code="reason_required")
    flags = draft.report.get("flags", [])
    if not any(f.get("rule") == rule and text in (None, f.get("text")) for f in flags):
        raise BadInput("该稿件的检查结果中没有这条提示", code="flag_not_found")
    if repo.find_dismissal(
        session, rule=rule, text=text, scope=scope, draft_id=draft.id, unit_id=draft.unit_id
    ):
        raise Conflict("这条提示已被忽略", code="already_dismissed")
    dismissal = FlagDismissal(
        rule=rule,
        text=text,
        scope=scope,
        draft_id=draft.id,  # where it was made, whatever its reach
        unit_id=None if scope == "global" else draft.unit_id,
        user_id=user.id,
        reason=reason,
    )
    session.add(dismissal)
    session.flush()
    _recount(session, draft)
    if scope != "draft":
        detail = {"rule": rule, "scope": scope, "text": text or "", "draft_id": draft.id}
        record(session, user.id, "dismiss", "flag_rule", dismissal.id, detail)
    return dismissal


def dismissal_summary(session: Session) -> list[dict[str, Any]]:
    """Per rule: flags raised in the stored reports vs dismissals; highest rate first."""
    raised = repo.flags_raised_by_rule(session)
    dismissed = repo.dismissals_by_rule(session)
    rows = []
    for rule in raised.keys() | dismissed.keys():
        kind, n_raised = raised.get(rule, (None, 0))
        by_scope = dismissed.get(rule, {})
        n_dismissed = sum(by_scope.values())
        rate = round(n_dismissed / n_raised, 4) if n_raised else None
        kind = kind or rule.split(".", 1)[0]
        rows.append(
            {
                "rule": rule,
                "kind": kind,
                "raised": n_raised,
                "dismissed": n_dismissed,
                "by_scope": by_scope,
                "rate": rate,
            }
        )
    rows.sort(key=lambda r: (r["rate"] is None, -(r["rate"] or 0), -r["dismissed"], r["rule"]))
    return rows


# -- reading -------------------------------------------------------------------------------


def draft_detail(session: Session, draft: Draft) -> dict[str, Any]:
    """A draft with its unit's name and the dismissals in force on it."""
    columns = {c.key: getattr(draft, c.key) for c in Draft.__table__.columns}
    columns.pop("tokens", None)
    return {
        **with_category(columns),
        "unit_name": repo.unit_name(session, draft.unit_id),
        "dismissals": repo.dismissals_for_draft(session, draft),
    }


def list_drafts(
    session: Session,
    user: User,
    *,
    status: DraftStatus | None,
    unit_id: int | None,
    offset: int,
    limit: int,
    category: str | None = None,
    title: str | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """Officers: their unit's drafts (a unit filter cannot widen that); others: every unit."""
    unit_id = unit_scope(user, unit_id)
    rows, total = repo.list_drafts(
        session,
        unit_id=unit_id,
        status=status,
        offset=offset,
        limit=limit,
        category=category,
        title=(title or "").strip() or None,
    )
    return [with_category(dict(r._mapping)) for r in rows], total


def with_category(row: dict[str, Any]) -> dict[str, Any]:
    """Adds `category` (confirmed, else predicted: the one that counts) and its name."""
    category = row.get("confirmed_category") or row.get("predicted_category")
    return {
        **row,
        "category": category,
        "category_name": CATEGORY_NAMES.get(category) if category else None,
    }


def _queue_row(row: Any, stages: dict[int, str]) -> dict[str, Any]:
    m = dict(row._mapping)
    solicitation_id = m.pop("solicitation_id")
    topic, due_on = m.pop("solicitation_topic"), m.pop("solicitation_due_on")
    solicitation = None
    if solicitation_id is not None:
        late = m["submitted_at"] is not None and local_date(m["submitted_at"]) > due_on
        solicitation = {"id": solicitation_id, "topic": topic, "due_on": due_on, "overdue": late}
    return {
        **with_category(m),
        "uncertain": m["confidence"] is not None and m["confidence"] < UNCERTAIN_BELOW,
        "solicitation": solicitation,
        "last_review_stage": stages.get(m["id"]),
    }


def review_queue(
    session: Session, query: repo.QueueQuery, order: str | None = None
) -> tuple[list[dict[str, Any]], int]:
    """Submitted drafts, filtered and sorted; `order` None takes each key's useful direction:
    lowest confidence first, most flags first, oldest first, likeliest adoption first."""
    low, high = query.min_confidence, query.max_confidence
    if low is not None and high is not None and low > high:
        raise BadInput("置信度下限不能大于上限", code="confidence_range")
    descending = query.sort in DESCENDING_BY_DEFAULT if order is None else order == "desc"
    query = replace(query, descending=descending)
    rows, total = repo.queue(session, query)
    stages = repo.last_stages(session, [r.id for r in rows])
    return [_queue_row(r, stages) for r in rows], total
