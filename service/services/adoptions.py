"""Recording adoptions (采用) and leader instructions (批示): points computed and stored.

Points come from the rule version in force on the adoption/instruction date and are stored
with an explanation (`note`); later rule versions never touch them. Each record also adds
to the monthly tallies the scoreboard sums, in the same transaction, and goes to the audit log.

Concurrency: both writes lock the draft row first (repositories.drafts.lock_draft), so
writes on one draft serialize (an adoption also locks the drafts marked 合报 with it, so one
joint piece is not adopted twice by one outlet through two partner drafts at once): a second same-level 批示 sees the first and scores 0, and
"is this the draft's first adoption" is exact. The (draft, outlet) unique constraint is the
last guard against a duplicate adoption: its violation becomes 409 `already_adopted`.

Only drafts that passed review may be adopted or instructed on (409 `draft_not_passed`).
Dates may not lie in the future (422 `date_in_future`) nor before the draft's submission
(office calendar; 422 `date_before_submission`).
An officer sees the adoptions and instructions of their own unit's drafts (404 otherwise).

采用篇数: a draft counts once, in the month of its EARLIEST adoption date, whatever order
adoptions are entered in: when an earlier-dated adoption arrives, the count moves from the
old first month to the new one (`move_first_adoption`). Corrections and withdrawals
(services/corrections.py) use the same helpers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from service.core.errors import BadInput, Conflict, NotFound
from service.repositories import adoptions as adoptions_repo
from service.repositories import outlets as outlets_repo
from service.repositories import scoreboard as tally
from service.repositories import users as users_repo
from service.repositories.users import get_unit
from service.schemas.adoptions import AdoptionCreate, InstructionCreate
from service.schemas.scoring_rules import RulesDoc
from service.services import draft_marks
from service.services.access import unit_scope, visible_draft
from service.services.audit import record
from service.services.office_time import local_date, local_today
from service.services.scoring import AdoptionScore, Partner, adoption_score, instruction_score
from service.services.scoring_rules import in_force
from service.tables import Adoption, Draft, DraftStatus, Instruction, Outlet, User
from service.tables.scoreboard import NO_AUTHOR

NOTE_MAX = 300


def draft_adoptions(
    session: Session, user: User, draft_id: int
) -> tuple[Draft, list[tuple[Adoption, str, str]]]:
    """The draft and its adoptions with outlet name and level (officers: own unit, else 404)."""
    draft = visible_draft(session, user, draft_id)
    return draft, adoptions_repo.draft_adoptions(session, draft.id)


def draft_instructions(session: Session, user: User, draft_id: int) -> list[Instruction]:
    """The draft's instructions (officers: own unit, else 404)."""
    draft = visible_draft(session, user, draft_id)
    return adoptions_repo.draft_instructions(session, draft.id)


def list_adoptions(
    session: Session,
    user: User,
    *,
    unit_id: int | None,
    start: date | None,
    end: date | None,
    offset: int,
    limit: int,
) -> tuple[list[tuple[Adoption, str, str, str]], int]:
    """Adoptions newest first, filtered by unit and date; an officer's own unit only."""
    return adoptions_repo.list_adoptions(
        session,
        unit_id=unit_scope(user, unit_id),
        start=start,
        end=end,
        offset=offset,
        limit=limit,
    )


def locked_passed_draft(session: Session, draft_id: int, *, joint: bool = False) -> Draft:
    """The draft, locked; `joint` locks its 合报 partner drafts too (adoptions)."""
    if joint:
        draft = draft_marks.lock_joint_piece(session, draft_id)
    else:
        draft = adoptions_repo.lock_draft(session, draft_id)
    if draft is None:
        raise NotFound("稿件不存在", code="draft_not_found")
    if draft.status != DraftStatus.passed:
        raise Conflict("稿件尚未通过审核，不能登记采用或批示", code="draft_not_passed")
    return draft


def check_date(draft: Draft, day: date, what: str) -> None:
    """Not in the future, not before the draft was submitted (office calendar)."""
    if day > local_today():
        raise BadInput(f"{what}不能晚于今天", code="date_in_future")
    if draft.submitted_at is not None and day < local_date(draft.submitted_at):
        submitted = local_date(draft.submitted_at).isoformat()
        raise BadInput(f"{what}不能早于稿件报送日期（{submitted}）", code="date_before_submission")


def _info_type(draft: Draft, rules: RulesDoc, given: str | None) -> str:
    if given:
        return given
    if draft.solicitation_id is not None and "solicited" in rules.info_types:
        return "solicited"
    category = draft.confirmed_category or draft.predicted_category
    if category in rules.info_types:
        return category  # type: ignore[return-value]
    raise BadInput("请指定信息类型 info_type", code="info_type_required")


def _partners(session: Session, draft: Draft, data: AdoptionCreate) -> list[Partner]:
    """The units sharing the points: as entered (`[]`: none), else those of the draft's 合报
    marks (services/draft_marks.py)."""
    if "joint_units" not in data.model_fields_set:
        return [Partner(u, None) for u in draft_marks.joint_partner_units(session, draft)]
    for joint in data.joint_units:
        if get_unit(session, joint.unit_id) is None:
            raise BadInput(f"合报单位 {joint.unit_id} 不存在", code="unit_not_found")
    return [Partner(j.unit_id, j.share) for j in data.joint_units]


@dataclass(frozen=True)
class Scored:
    outlet: Outlet
    rule_id: int
    info_type: str
    score: AdoptionScore


def score_adoption(
    session: Session, draft: Draft, data: AdoptionCreate, *, keep_outlet: int | None = None
) -> Scored:
    """Validate an adoption's facts and compute its points (nothing written). `keep_outlet`:
    the outlet a corrected adoption already had may be kept though it was deactivated since."""
    outlet = outlets_repo.get_outlet(session, data.outlet_id)
    if outlet is None:
        raise BadInput("刊物不存在", code="outlet_not_found")
    if not outlet.active and outlet.id != keep_outlet:
        raise BadInput(f"刊物“{outlet.name}”已停用", code="outlet_inactive")
    check_date(draft, data.adopted_on, "采用日期")
    rule, rules = in_force(session, data.adopted_on)
    partners = _partners(session, draft, data)
    names = users_repo.unit_names(session, [draft.unit_id, *(p.unit_id for p in partners)])
    info_type = _info_type(draft, rules, data.info_type)
    score = adoption_score(
        rules,
        outlet_id=outlet.id,
        outlet_level=outlet.level,
        info_type=info_type,
        form=data.form,
        forwarded_to=data.forwarded_to,
        lead_unit=draft.unit_id,
        partners=partners,
        unit_names=names,
    )
    return Scored(outlet, rule.id, info_type, score)


def record_adoption(
    session: Session, user: User, draft_id: int, data: AdoptionCreate
) -> tuple[Adoption, Outlet]:
    draft = locked_passed_draft(session, draft_id, joint=True)
    scored = score_adoption(session, draft, data)
    outlet, info_type, score = scored.outlet, scored.info_type, scored.score
    if adoptions_repo.adoption_exists(session, draft.id, outlet.id):
        raise Conflict(f"该稿件已登记过“{outlet.name}”的采用", code="already_adopted")
    draft_marks.refuse_joint_adopted_twice(session, draft, outlet.id)
    first_before = adoptions_repo.earliest_adoption_on(session, draft.id)
    row = Adoption(
        draft_id=draft.id,
        outlet_id=outlet.id,
        unit_id=draft.unit_id,
        adopted_on=data.adopted_on,
        form=data.form,
        info_type=info_type,
        forwarded_to=data.forwarded_to,
        points=score.points,
        shares={str(u): float(p) for u, p in score.shares.items()},
        note=score.note[:NOTE_MAX],
        rule_id=scored.rule_id,
        recorded_by=user.id,
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError as exc:
        raise Conflict(f"该稿件已登记过“{outlet.name}”的采用", code="already_adopted") from exc
    add_adoption_to_tallies(session, row, draft)
    move_first_adoption(
        session, draft, first_before, adoptions_repo.earliest_adoption_on(session, draft.id)
    )
    record(
        session,
        user.id,
        "create",
        "adoption",
        row.id,
        {
            "draft_id": draft.id,
            "outlet_id": outlet.id,
            "points": str(score.points),
            "rule_id": scored.rule_id,
            "note": row.note,
        },
    )
    return row, outlet


def add_adoption_to_tallies(session: Session, row: Adoption, draft: Draft, sign: int = 1) -> None:
    """The lead unit's share (with the 条次 count) to its author's tally, partners' shares to
    their units, then the adoption to its 稿酬 tally; `sign` -1 takes them off again (a
    correction or withdrawal). Rows are touched in (unit, author) order, so two joint pieces
    crediting each other's units in one moment cannot deadlock. 采用篇数 is moved separately
    (move_first_adoption)."""
    shares = tally.credited_shares(row) or {row.unit_id: Decimal(str(row.points))}
    credits = sorted(
        (unit_id, draft.author_id if unit_id == draft.unit_id else NO_AUTHOR, points)
        for unit_id, points in shares.items()
    )
    for unit_id, author_id, points in credits:
        tally.add_to_month(
            session,
            row.adopted_on,
            unit_id,
            author_id,
            adoption_points=points * sign,
            adoptions=int(unit_id == draft.unit_id) * sign,
        )
    tally.add_remuneration(session, row, draft.author_id, sign)


def move_first_adoption(
    session: Session, draft: Draft, before: date | None, after: date | None
) -> None:
    """Keep 采用篇数 in the month of the draft's earliest adoption date: one count off the
    old first month, one on the new (nothing when the month did not change). A first adoption
    or the withdrawal of the last one also moves the draft between not adopted and adopted in
    the draft tallies."""
    if (before is None) != (after is None):
        tally.count_draft(session, draft, -1, adopted=before is not None)
        tally.count_draft(session, draft, 1, adopted=after is not None)
    if (
        before is not None
        and after is not None
        and tally.month_start(before) == tally.month_start(after)
    ):
        return
    for day, step in ((before, -1), (after, 1)):
        if day is not None:
            tally.add_to_month(session, day, draft.unit_id, draft.author_id, adopted_drafts=step)


def record_instruction(
    session: Session, user: User, draft_id: int, data: InstructionCreate
) -> Instruction:
    """Record a 批示 and score the draft's 批示 in date order: an earlier-dated one entered
    after a later one at the same level is the counted one (the later drops to 0, audited as
    `rescore`), exactly as a correction re-scores them."""
    from service.services.corrections import rescore_instructions  # corrections imports us

    draft = locked_passed_draft(session, draft_id)
    check_date(draft, data.instructed_on, "批示日期")
    rule, rules = in_force(session, data.instructed_on)
    best = adoptions_repo.best_adoption_points(
        session, draft.id
    )  # a multiplying rule needs an adoption
    instruction_score(rules, data.leader_level, counted_levels=set(), best_adoption=best)
    row = Instruction(
        draft_id=draft.id,
        unit_id=draft.unit_id,
        leader_level=data.leader_level,
        instructed_on=data.instructed_on,
        text=data.text,
        points=Decimal("0.00"),  # scored below with the draft's other 批示, in date order
        note="",
        rule_id=rule.id,
        recorded_by=user.id,
    )
    session.add(row)
    session.flush()
    tally.add_to_month(session, row.instructed_on, draft.unit_id, draft.author_id, instructions=1)
    rescore_instructions(
        session,
        user,
        draft,
        f"登记批示 #{row.id}（{row.instructed_on.isoformat()}）",
        quiet={row.id},
    )
    record(
        session,
        user.id,
        "create",
        "instruction",
        row.id,
        {
            "draft_id": draft.id,
            "leader_level": data.leader_level,
            "points": str(row.points),
            "rule_id": rule.id,
            "note": row.note,
        },
    )
    return row
