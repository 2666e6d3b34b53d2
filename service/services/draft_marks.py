"""Reviewers' marks on near-identical drafts: 合报 (`joint`: the drafts are one joint piece of
their units) or 重复 (`duplicate`: the draft repeats another, the original).

One mark per pair of drafts, whichever way round; creating one locks both drafts (in id
order, so two reviewers marking the same pair from either side cannot deadlock) and checks
both directions. Marks are audited on creation and withdrawal (with the reason).

Scoring (DOMAIN.md: "a joint piece (合报) splits its points between units"): an adoption of a
draft marked 合报, entered without explicit `joint_units`, is split with the units of the
drafts it is marked joint with (the rule's lead_share; the adopted draft's unit leads), and
the same outlet may not adopt the joint piece twice through its partner draft
(409 `joint_already_adopted`). Points recorded before a mark stay as they are (what was scored
stays scored): correcting the adoption re-scores it with the marks of that moment. DOMAIN.md
says nothing about duplicates' points, so 重复 is shown to reviewers and not scored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from service.core.errors import BadInput, Conflict, NotFound
from service.display_names import MARKS
from service.repositories.drafts import lock_draft
from service.schemas.neardup import MarkCreate
from service.services.audit import record
from service.tables import Adoption, Draft, DraftMark, DraftStatus, Unit, User


@dataclass(frozen=True)
class MarkView:
    """A mark as seen from one of its two drafts (`draft_id`)."""

    id: int
    kind: str
    role: str  # joint | duplicate_of (this draft repeats the other) | duplicated_by
    draft_id: int
    other_draft_id: int
    other_unit_id: int
    other_unit_name: str
    other_title: str
    label: str
    note: str
    marked_by: int | None
    created_at: datetime


def _label(role: str, other_id: int, unit_name: str) -> str:
    if role == "joint":
        return f"与 #{other_id}（{unit_name}）合报"
    if role == "duplicate_of":
        return f"为 #{other_id}（{unit_name}）的重复稿"
    return f"#{other_id}（{unit_name}）与本稿重复"


def marks_of(session: Session, draft_ids: Iterable[int]) -> dict[int, list[MarkView]]:
    """Every mark touching each given draft, oldest first; two queries for any number."""
    ids = sorted(set(draft_ids))
    if not ids:
        return {}
    marks = session.scalars(
        select(DraftMark)
        .where(or_(DraftMark.draft_id.in_(ids), DraftMark.other_id.in_(ids)))
        .order_by(DraftMark.id)
    ).all()
    others = {m.other_id for m in marks} | {m.draft_id for m in marks}
    info = {
        d_id: (unit_id, name, title)
        for d_id, unit_id, name, title in session.execute(
            select(Draft.id, Draft.unit_id, Unit.name, Draft.title)
            .join(Unit, Unit.id == Draft.unit_id)
            .where(Draft.id.in_(others))
        )
    }
    wanted = set(ids)
    out: dict[int, list[MarkView]] = {}
    for m in marks:
        for here, other, role in (
            (m.draft_id, m.other_id, "duplicate_of"),
            (m.other_id, m.draft_id, "duplicated_by"),
        ):
            if here not in wanted:
                continue
            role = "joint" if m.kind == "joint" else role
            unit_id, unit_name, title = info[other]
            out.setdefault(here, []).append(
                MarkView(
                    m.id,
                    m.kind,
                    role,
                    here,
                    other,
                    unit_id,
                    unit_name,
                    title,
                    _label(role, other, unit_name),
                    m.note,
                    m.marked_by,
                    m.created_at,
                )  # fmt: skip
            )
    return out


def _pair_mark(session: Session, a: int, b: int) -> DraftMark | None:
    return session.scalar(
        select(DraftMark).where(
            or_(
                (DraftMark.draft_id == a) & (DraftMark.other_id == b),
                (DraftMark.draft_id == b) & (DraftMark.other_id == a),
            )
        )
    )


def _locked(session: Session, draft_ids: Sequence[int]) -> dict[int, Draft]:
    """Lock the drafts in id order; 404 for a missing one."""
    found = {}
    for draft_id in sorted(set(draft_ids)):
        draft = lock_draft(session, draft_id)
        if draft is None:
            raise NotFound("稿件不存在", code="draft_not_found")
        found[draft_id] = draft
    return found


def create_mark(session: Session, user: User, draft_id: int, body: MarkCreate) -> MarkView:
    other_id = body.other_draft_id
    if other_id == draft_id:
        raise BadInput("不能把稿件与它自己标记为合报或重复", code="mark_self")
    drafts = _locked(session, [draft_id, other_id])
    draft, other = drafts[draft_id], drafts[other_id]
    if DraftStatus.draft in (draft.status, other.status):
        raise Conflict("尚未报送的稿件不能标记合报或重复", code="draft_not_submitted")
    if body.kind == "joint" and draft.unit_id == other.unit_id:
        raise BadInput("合报须是不同单位的稿件", code="joint_same_unit")
    existing = _pair_mark(session, draft_id, other_id)
    if existing is not None:
        name = MARKS[existing.kind]
        raise Conflict(f"这两篇稿件已标记为{name}，如需更改请先撤销", code="mark_exists")
    mark = DraftMark(draft_id=draft_id, other_id=other_id, kind=body.kind,
                     note=body.note.strip(), marked_by=user.id)  # fmt: skip
    session.add(mark)
    try:
        session.flush()
    except IntegrityError as exc:  # the same pair marked at the same moment
        raise Conflict("这两篇稿件已有标记", code="mark_exists") from exc
    record(session, user.id, "create", "draft_mark", mark.id,
           {"draft_id": draft_id, "other_id": other_id, "kind": body.kind,
            "note": mark.note})  # fmt: skip
    return marks_view(session, mark, draft_id)


def marks_view(session: Session, mark: DraftMark, draft_id: int) -> MarkView:
    return next(m for m in marks_of(session, [draft_id])[draft_id] if m.id == mark.id)


def withdraw_mark(session: Session, user: User, mark_id: int, reason: str) -> MarkView:
    reason = reason.strip()
    if not reason:
        raise BadInput("请填写撤销原因", code="reason_required")
    found = session.get(DraftMark, mark_id)
    if found is None:
        raise NotFound("标记不存在", code="mark_not_found")
    _locked(session, [found.draft_id, found.other_id])
    mark = session.get(DraftMark, mark_id, populate_existing=True)
    if mark is None:
        raise NotFound("标记不存在", code="mark_not_found")
    view = marks_view(session, mark, mark.draft_id)
    record(session, user.id, "withdraw", "draft_mark", mark.id,
           {"draft_id": mark.draft_id, "other_id": mark.other_id, "kind": mark.kind,
            "note": mark.note, "reason": reason})  # fmt: skip
    session.delete(mark)
    session.flush()
    return view


# -- scoring --------------------------------------------------------------------------------


def joint_ids(session: Session, draft_id: int) -> set[int]:
    """The ids of the drafts marked 合报 with this one (any direction)."""
    return {
        b if a == draft_id else a
        for a, b in session.execute(
            select(DraftMark.draft_id, DraftMark.other_id).where(
                DraftMark.kind == "joint",
                or_(DraftMark.draft_id == draft_id, DraftMark.other_id == draft_id),
            )
        )
    }


def joint_drafts(session: Session, draft: Draft) -> list[Draft]:
    """The drafts marked 合报 with this one (any direction), by id."""
    ids = joint_ids(session, draft.id)
    if not ids:
        return []
    return list(session.scalars(select(Draft).where(Draft.id.in_(ids)).order_by(Draft.id)))


def lock_joint_piece(session: Session, draft_id: int) -> Draft | None:
    """Lock a draft and every draft marked 合报 with it, in id order, with the row lock every
    draft write takes (repositories.drafts.lock_draft, as reviews do): two adoptions of one
    joint piece entered at once through different partner drafts serialize, so the second
    sees the first (`refuse_joint_adopted_twice`). Id order keeps two such writes from
    deadlocking. A mark is created under both its drafts' locks, so the group read once ours
    are held is final; a mark added between the first read and the locks widens the group."""
    locked: dict[int, Draft | None] = {}
    wanted = {draft_id} | joint_ids(session, draft_id)
    while not wanted <= locked.keys():
        for other_id in sorted(wanted - locked.keys()):
            locked[other_id] = lock_draft(session, other_id)
        wanted = {draft_id} | joint_ids(session, draft_id)
    return locked[draft_id]


def joint_partner_units(session: Session, draft: Draft) -> list[int]:
    """The other units of a draft's 合报 marks (its own unit leads and is not listed)."""
    units = {d.unit_id for d in joint_drafts(session, draft)} - {draft.unit_id}
    return sorted(units)


def refuse_joint_adopted_twice(session: Session, draft: Draft, outlet_id: int) -> None:
    """One joint piece, one adoption per outlet: not again through a partner draft."""
    partners = [d.id for d in joint_drafts(session, draft)]
    if not partners:
        return
    taken = session.scalar(
        select(Adoption.draft_id)
        .where(Adoption.draft_id.in_(partners), Adoption.outlet_id == outlet_id)
        .limit(1)
    )
    if taken is not None:
        raise Conflict(
            f"该稿件与 #{taken} 合报，#{taken} 已登记过该刊物的采用",
            code="joint_already_adopted",
        )
