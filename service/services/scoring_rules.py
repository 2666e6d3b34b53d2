"""Scoring rule versions: dated, immutable once written; a change is a new version.

The version in force on a date is the one with the latest effective_from on or before it.
A new version must start after the latest one, so versions are only ever appended and the
rule behind a past date is never rewritten; adoptions and instructions keep the points
they were given whatever versions come later.

Backdated versions are refused (409 `rule_backdated`): a version must take effect today or
later (office calendar). Penalties for 约稿 and monthly base points are computed on read
from the version in force on their dates, so a version starting before today would
silently change past periods' scores while stored adoption points kept the old version.
What was scored stays scored; a wrong past record is fixed one by one with the audited
corrections (services/corrections.py). Only the first start's default version (and test or
demo set-up, via `backdate_ok`) is written with a past date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from service.core.config import Settings
from service.core.db import unit_of_work
from service.core.errors import BadInput, Conflict, NotFound
from service.repositories import outlets as outlets_repo
from service.repositories import scoring_rules as rules_repo
from service.schemas.scoring_rules import RulesDoc
from service.services.audit import record
from service.services.office_time import local_today
from service.tables import ScoringRule

DEFAULTS = Path(__file__).resolve().parent / "data" / "default_scoring_rules.yml"
DEFAULT_NAME = "默认积分规则"
DEFAULT_EFFECTIVE_FROM = date(2000, 1, 1)
MAX_DAYS_AHEAD = 366  # a new version takes effect within a year


@lru_cache(maxsize=1)
def default_rules() -> RulesDoc:
    return RulesDoc.model_validate(yaml.safe_load(DEFAULTS.read_text(encoding="utf-8")))


def parse(rule: ScoringRule) -> RulesDoc:
    """A stored version's document (validated when written, read back the same way)."""
    try:
        return RulesDoc.model_validate(rule.rules)
    except ValidationError as exc:  # only if someone edited the row by hand
        raise Conflict(f"积分规则（版本 {rule.id}）已损坏", code="rule_invalid") from exc


def in_force(session: Session, on: date) -> tuple[ScoringRule, RulesDoc]:
    rule = rules_repo.rule_in_force(session, on)
    if rule is None:
        raise BadInput(f"{on.isoformat()} 没有生效的积分规则", code="no_rule_in_force")
    return rule, parse(rule)


def get_version(session: Session, rule_id: int) -> ScoringRule:
    rule = rules_repo.get_rule(session, rule_id)
    if rule is None:
        raise NotFound("积分规则版本不存在", code="rule_not_found")
    return rule


def create_version(
    session: Session,
    *,
    name: str,
    effective_from: date,
    rules: RulesDoc,
    actor_id: int | None,
    backdate_ok: bool = False,
) -> ScoringRule:
    today = local_today()
    if effective_from < today and not backdate_ok:
        raise Conflict(
            f"新版本的生效日期不能早于今天（{today.isoformat()}）：已计的分不因新规则改变，"
            "个别记录有误请用采用/批示更正",
            code="rule_backdated",
        )
    if effective_from > today + timedelta(days=MAX_DAYS_AHEAD):
        raise BadInput(
            f"生效日期最多只能定在一年之内（{today + timedelta(days=MAX_DAYS_AHEAD)} 之前）："
            "过远的日期会挡住之后所有的新版本",
            code="rule_too_far_ahead",
        )
    latest = rules_repo.latest_rule(session)
    if latest is not None and effective_from <= latest.effective_from:
        raise Conflict(
            f"新版本的生效日期须晚于现行最新版本（{latest.effective_from.isoformat()}）",
            code="rule_not_after_latest",
        )
    unknown = set(rules.outlet_points) - outlets_repo.outlet_ids(session, rules.outlet_points)
    if unknown:
        raise BadInput(f"积分规则引用了不存在的刊物：{sorted(unknown)}", code="outlet_not_found")
    row = ScoringRule(
        name=name,
        effective_from=effective_from,
        rules=rules.model_dump(mode="json"),
        created_by=actor_id,
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError as exc:  # a concurrent version with the same date won
        raise Conflict("该生效日期已有积分规则版本", code="rule_date_taken") from exc
    record(
        session,
        actor_id,
        "create",
        "scoring_rule",
        row.id,
        {"name": name, "effective_from": effective_from.isoformat()},
    )
    return row


def withdraw_future_version(session: Session, rule_id: int, actor_id: int | None) -> None:
    """Delete a version that has not taken effect yet (a mistaken date or table); versions
    in force stay, since points were given under them. Kept in the audit log."""
    row = get_version(session, rule_id)
    today = local_today()
    if row.effective_from <= today:
        raise Conflict(
            "已生效的积分规则版本不能删除：已计的分不因规则改变，请发布新版本",
            code="rule_in_force",
        )
    if rules_repo.rule_in_use(session, row.id):
        raise Conflict("已有采用或批示按该版本计分，不能删除", code="rule_in_use")
    record(
        session,
        actor_id,
        "delete",
        "scoring_rule",
        row.id,
        {"name": row.name, "effective_from": row.effective_from.isoformat()},
    )
    session.delete(row)
    session.flush()


def ensure_default_rules(session: Session) -> ScoringRule | None:
    """On an empty table write the default version (in force from 2000-01-01)."""
    if rules_repo.latest_rule(session) is not None:
        return None
    return create_version(
        session,
        name=DEFAULT_NAME,
        effective_from=DEFAULT_EFFECTIVE_FROM,
        rules=default_rules(),
        actor_id=None,
        backdate_ok=True,
    )


def seed_default_rules(
    settings: Settings, factory: sessionmaker[Session], say: Callable[[str], None]
) -> None:
    """Bootstrap step (service/bootstrap.py): the default scoring rules on first start."""
    with unit_of_work(factory) as session:
        if ensure_default_rules(session) is not None:
            say("已写入默认积分规则（管理员可在“设置”中发布新版本）")
