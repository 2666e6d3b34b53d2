"""Queries on scoring rule versions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.tables import Adoption, Instruction, ScoringRule


def list_rules(session: Session) -> list[ScoringRule]:
    return list(session.scalars(select(ScoringRule).order_by(ScoringRule.effective_from.desc())))


def get_rule(session: Session, rule_id: int) -> ScoringRule | None:
    return session.get(ScoringRule, rule_id)


def rule_in_force(session: Session, on: date) -> ScoringRule | None:
    """The version with the latest effective_from on or before `on`."""
    return session.scalar(
        select(ScoringRule)
        .where(ScoringRule.effective_from <= on)
        .order_by(ScoringRule.effective_from.desc())
        .limit(1)
    )


def rule_in_use(session: Session, rule_id: int) -> bool:
    """Some adoption or instruction was scored under this version."""
    for table in (Adoption, Instruction):
        if session.scalar(select(table.id).where(table.rule_id == rule_id).limit(1)) is not None:
            return True
    return False


def latest_rule(session: Session) -> ScoringRule | None:
    return session.scalar(select(ScoringRule).order_by(ScoringRule.effective_from.desc()).limit(1))


def rules_effective_until(session: Session, end: date) -> list[ScoringRule]:
    """Every version that may be in force on some day up to `end`, oldest first."""
    return list(
        session.scalars(
            select(ScoringRule)
            .where(ScoringRule.effective_from <= end)
            .order_by(ScoringRule.effective_from)
        )
    )


def rules_by_id(session: Session, ids: Iterable[int]) -> dict[int, ScoringRule]:
    wanted = set(ids)
    if not wanted:
        return {}
    rows = session.scalars(select(ScoringRule).where(ScoringRule.id.in_(wanted)))
    return {r.id: r for r in rows}
