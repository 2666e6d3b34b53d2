"""Correcting and withdrawing adoptions (采用) and leader instructions (批示).

Reviewers and admins fix a wrongly entered record: a correction re-enters it as it should
have been (points computed again from the rule in force on the corrected date), a
withdrawal removes it. Either way the monthly tallies follow in the same transaction (the
old record's points and counts come off, the new ones go on), 采用篇数 stays in the month of
the draft's earliest adoption, and the audit log keeps the record before and after, who did
it and why (`reason` is required).

批示 depend on each other (one counted per leader level) and, in multiply mode, on the
draft's best adoption. After any correction on a draft its 批示 are scored again in date
order (the earliest 批示 at a level counts) with each one's own rule version; a 批示 whose
points change gets an audit entry `rescore`. Withdrawing the last adoption of a draft whose
批示 multiply adoption points is refused (409 `instruction_needs_adoption`): withdraw the
批示 first.

Locking: like recording, every correction locks the draft row first.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from service.core.errors import Conflict, NotFound
from service.repositories import adoptions as repo
from service.repositories import scoreboard as tally
from service.schemas.adoptions import AdoptionCorrection, InstructionCorrection
from service.services import draft_marks
from service.services.adoptions import (
    NOTE_MAX,
    add_adoption_to_tallies,
    check_date,
    locked_passed_draft,
    move_first_adoption,
    score_adoption,
)
from service.services.audit import record
from service.services.scoring import instruction_score
from service.services.scoring_rules import get_version, in_force, parse
from service.tables import Adoption, Draft, Instruction, Outlet, User


def _adoption(session: Session, adoption_id: int) -> tuple[Adoption, Draft]:
    found = repo.get_adoption(session, adoption_id)
    if found is None:
        raise NotFound("采用记录不存在", code="adoption_not_found")
    draft = locked_passed_draft(session, found.draft_id, joint=True)
    row = repo.get_adoption(session, adoption_id)  # read again under the draft's lock
    if row is None:
        raise NotFound("采用记录不存在", code="adoption_not_found")
    return row, draft


def _adoption_facts(row: Adoption) -> dict[str, Any]:
    return {
        "outlet_id": row.outlet_id,
        "adopted_on": row.adopted_on.isoformat(),
        "form": row.form,
        "info_type": row.info_type,
        "forwarded_to": row.forwarded_to or "",
        "points": str(row.points),
        "shares": ",".join(f"{u}:{p}" for u, p in sorted((row.shares or {}).items())),
        "rule_id": row.rule_id,
    }


def _audit(
    session: Session,
    user: User,
    action: str,
    entity: str,
    row_id: int,
    draft_id: int,
    reason: str,
    before: dict[str, Any],
    after: dict[str, Any] | None = None,
) -> None:
    detail: dict[str, Any] = {"draft_id": draft_id, "reason": reason}
    detail |= {f"before_{k}": v for k, v in before.items()}
    detail |= {f"after_{k}": v for k, v in (after or {}).items()}
    record(session, user.id, action, entity, row_id, detail)


def correct_adoption(
    session: Session, user: User, adoption_id: int, data: AdoptionCorrection
) -> tuple[Adoption, Outlet]:
    row, draft = _adoption(session, adoption_id)
    before = _adoption_facts(row)
    scored = score_adoption(session, draft, data, keep_outlet=row.outlet_id)
    if scored.outlet.id != row.outlet_id and repo.adoption_exists(
        session, draft.id, scored.outlet.id
    ):
        raise Conflict(f"该稿件已登记过“{scored.outlet.name}”的采用", code="already_adopted")
    if scored.outlet.id != row.outlet_id:
        draft_marks.refuse_joint_adopted_twice(session, draft, scored.outlet.id)
    first_before = repo.earliest_adoption_on(session, draft.id)
    add_adoption_to_tallies(session, row, draft, sign=-1)
    score = scored.score
    row.outlet_id, row.adopted_on, row.form = scored.outlet.id, data.adopted_on, data.form
    row.info_type, row.forwarded_to = scored.info_type, data.forwarded_to
    row.points, row.rule_id = score.points, scored.rule_id
    row.shares = {str(u): float(p) for u, p in score.shares.items()}
    row.note = score.note[:NOTE_MAX]
    try:
        session.flush()
    except IntegrityError as exc:
        raise Conflict("该稿件已登记过该刊物的采用", code="already_adopted") from exc
    add_adoption_to_tallies(session, row, draft)
    move_first_adoption(session, draft, first_before, repo.earliest_adoption_on(session, draft.id))
    reason = data.reason.strip()
    _audit(session, user, "correct", "adoption", row.id, draft.id, reason, before,
           _adoption_facts(row))  # fmt: skip
    rescore_instructions(session, user, draft, reason)
    return row, scored.outlet


def withdraw_adoption(session: Session, user: User, adoption_id: int, reason: str) -> Adoption:
    row, draft = _adoption(session, adoption_id)
    before = _adoption_facts(row)
    first_before = repo.earliest_adoption_on(session, draft.id)
    add_adoption_to_tallies(session, row, draft, sign=-1)
    session.delete(row)
    session.flush()
    move_first_adoption(session, draft, first_before, repo.earliest_adoption_on(session, draft.id))
    _audit(session, user, "withdraw", "adoption", row.id, draft.id, reason.strip(), before)
    rescore_instructions(session, user, draft, reason.strip())
    return row


# -- instructions ------------------------------------------------------------------------------


def _instruction(session: Session, instruction_id: int) -> tuple[Instruction, Draft]:
    found = repo.get_instruction(session, instruction_id)
    if found is None:
        raise NotFound("批示记录不存在", code="instruction_not_found")
    draft = locked_passed_draft(session, found.draft_id)
    row = repo.get_instruction(session, instruction_id)
    if row is None:
        raise NotFound("批示记录不存在", code="instruction_not_found")
    return row, draft


def _instruction_facts(row: Instruction) -> dict[str, Any]:
    return {
        "leader_level": row.leader_level,
        "instructed_on": row.instructed_on.isoformat(),
        "points": str(row.points),
        "rule_id": row.rule_id,
        "text": row.text[:200],
    }


def _take_off(session: Session, row: Instruction, draft: Draft) -> None:
    tally.add_to_month(session, row.instructed_on, draft.unit_id, draft.author_id,
                       instruction_points=-Decimal(str(row.points)), instructions=-1)  # fmt: skip


def correct_instruction(
    session: Session, user: User, instruction_id: int, data: InstructionCorrection
) -> Instruction:
    row, draft = _instruction(session, instruction_id)
    check_date(draft, data.instructed_on, "批示日期")
    rule, _doc = in_force(session, data.instructed_on)
    before = _instruction_facts(row)
    _take_off(session, row, draft)
    row.leader_level, row.instructed_on, row.text = data.leader_level, data.instructed_on, data.text
    row.rule_id, row.points = rule.id, Decimal("0.00")  # scored below with the others
    session.flush()
    tally.add_to_month(session, row.instructed_on, draft.unit_id, draft.author_id, instructions=1)
    reason = data.reason.strip()
    rescore_instructions(session, user, draft, reason, quiet={row.id})
    _audit(session, user, "correct", "instruction", row.id, draft.id, reason, before,
           _instruction_facts(row))  # fmt: skip
    return row


def withdraw_instruction(
    session: Session, user: User, instruction_id: int, reason: str
) -> Instruction:
    row, draft = _instruction(session, instruction_id)
    before = _instruction_facts(row)
    _take_off(session, row, draft)
    session.delete(row)
    session.flush()
    _audit(session, user, "withdraw", "instruction", row.id, draft.id, reason.strip(), before)
    rescore_instructions(session, user, draft, reason.strip())
    return row


def rescore_instructions(
    session: Session,
    user: User,
    draft: Draft,
    reason: str,
    quiet: frozenset[int] | set[int] = frozenset(),
) -> None:
    """Score the draft's 批示 again in date order, each with its own rule version; move the
    difference of any that changed in the tallies and audit it (except the `quiet` ones,
    audited by the caller)."""
    best = repo.best_adoption_points(session, draft.id)
    counted: set[str] = set()
    for row in repo.draft_instructions(session, draft.id):
        rules = parse(get_version(session, row.rule_id)) if row.rule_id else None
        if rules is None:
            _rule, rules = in_force(session, row.instructed_on)
        try:
            score = instruction_score(
                rules, row.leader_level, counted_levels=counted, best_adoption=best
            )
        except Conflict as exc:
            raise Conflict(
                "该稿件的批示按采用得分加倍计分，请先撤销批示，再撤销最后一条采用",
                code="instruction_needs_adoption",
            ) from exc
        counted.add(row.leader_level)
        old = Decimal(str(row.points))
        if score.points == old and row.id not in quiet:
            continue
        row.points, row.note = score.points, score.note[:NOTE_MAX]
        tally.add_to_month(session, row.instructed_on, draft.unit_id, draft.author_id,
                           instruction_points=score.points - old)  # fmt: skip
        if row.id not in quiet:
            detail = {"draft_id": draft.id, "reason": reason, "before_points": str(old),
                      "after_points": str(score.points), "note": row.note}  # fmt: skip
            record(session, user.id, "rescore", "instruction", row.id, detail)
    session.flush()
