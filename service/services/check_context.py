"""What a check needs from the database besides the model: admin terms and allow-lists.

Built once per change (service.core.polled: a fingerprint query every few seconds), shared by
the process's requests, so 50,000 admin terms cost one automaton build, not one per check.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session, sessionmaker

from models.allow import AllowList
from models.custom_terms import CustomTerm, CustomTerms
from models.leaders import LeaderTable
from service.core.polled import Polled
from service.repositories import dictionaries as repo
from service.repositories import leaders as leaders_repo
from service.services.leaders import table as leader_table


@dataclass
class CheckContext:
    custom: dict[int | None, CustomTerms] = field(default_factory=dict)  # unit_id -> terms
    allow: dict[int | None, AllowList] = field(default_factory=dict)  # unit_id -> allow-list
    leaders: LeaderTable | None = None  # the leaders' table, None when it is empty

    def for_unit(self, unit_id: int | None) -> tuple[CustomTerms | None, AllowList | None]:
        custom = self.custom.get(unit_id) or self.custom.get(None)
        allow = self.allow.get(unit_id) or self.allow.get(None)
        return custom, allow


def build_context(session: Session) -> CheckContext:
    terms: dict[int | None, list[CustomTerm]] = {}
    for t, unit in repo.active_terms(session, "custom_term"):
        terms.setdefault(unit, []).append(
            CustomTerm(t.term, t.replacement, t.message or None, t.severity)
        )
    allowed: dict[int | None, list[tuple[str, str | None]]] = {}
    for t, unit in repo.active_terms(session, "allow"):
        allowed.setdefault(unit, []).append(("*", t.term))
    for rule, text, unit in repo.allow_entries(session):
        allowed.setdefault(unit, []).append((rule, text))
    ctx = CheckContext()
    shared_terms, shared_allow = terms.get(None, []), allowed.get(None, [])
    for unit in set(terms) | {None}:
        merged = shared_terms + (terms.get(unit, []) if unit is not None else [])
        if merged:
            ctx.custom[unit] = CustomTerms(merged)
    for unit in set(allowed) | {None}:
        merged_allow = shared_allow + (allowed.get(unit, []) if unit is not None else [])
        if merged_allow:
            ctx.allow[unit] = AllowList.of(merged_allow)
    table = leader_table(session)
    ctx.leaders = table if len(table) else None
    return ctx


class ContextHolder(Polled[CheckContext]):
    """This process's check context, rebuilt when the dictionaries or the leaders change."""

    def __init__(self, factory: sessionmaker[Session], poll_seconds: float = 5.0) -> None:
        super().__init__(
            lambda session: (repo.fingerprint(session), leaders_repo.fingerprint(session)),
            lambda session, _: build_context(session),
            factory=factory,
            poll_seconds=poll_seconds,
            empty=CheckContext(),
        )
