"""Scoring rule versions (admin; officers read the version in force)."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from service.api.deps import AdminUser, OfficerUser, SessionDep
from service.api.params import DayQuery, IdPath
from service.repositories import scoring_rules as repo
from service.schemas.common import ListPublic
from service.schemas.scoring_rules import ScoringRuleCreate, ScoringRulePublic
from service.services import scoring_rules
from service.services.office_time import local_today

router = APIRouter(prefix="/api/v1", tags=["scoring"])


@router.get("/scoring-rules", response_model=ListPublic[ScoringRulePublic])
def list_rules(session: SessionDep, _: AdminUser) -> dict:
    """Every scoring rule version, newest effective date first."""
    rows = repo.list_rules(session)
    return {"data": [ScoringRulePublic.model_validate(r) for r in rows], "count": len(rows)}


@router.post(
    "/scoring-rules", response_model=ScoringRulePublic, status_code=status.HTTP_201_CREATED
)
def create_rule(
    body: ScoringRuleCreate, session: SessionDep, admin: AdminUser
) -> ScoringRulePublic:
    """Publish a new dated version (after the latest one); past points are never rewritten."""
    row = scoring_rules.create_version(
        session,
        name=body.name,
        effective_from=body.effective_from,
        rules=body.rules,
        actor_id=admin.id,
    )
    return ScoringRulePublic.model_validate(row)


@router.get("/scoring-rules/in-force", response_model=ScoringRulePublic)
def rule_in_force(session: SessionDep, _: OfficerUser, on: DayQuery = None) -> ScoringRulePublic:
    """The version in force on a date (default today): how points are given."""
    rule, _doc = scoring_rules.in_force(session, on or local_today())
    return ScoringRulePublic.model_validate(rule)


@router.get("/scoring-rules/{rule_id}", response_model=ScoringRulePublic)
def get_rule(rule_id: IdPath, session: SessionDep, _: AdminUser) -> ScoringRulePublic:
    """One version."""
    return ScoringRulePublic.model_validate(scoring_rules.get_version(session, rule_id))


@router.delete("/scoring-rules/{rule_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_rule(rule_id: IdPath, session: SessionDep, admin: AdminUser) -> Response:
    """Withdraw a version that has not taken effect yet (e.g. a mistaken date); 409
    `rule_in_force` for versions already in force. Recorded in the audit log."""
    scoring_rules.withdraw_future_version(session, rule_id, admin.id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
