"""Unit isolation, written once: an officer sees only their own unit; reviewers and admins see
every unit.

Another unit's draft answers 404 `draft_not_found`, exactly like a missing one, so whether an
id exists does not leak. Every service that reads or changes unit data asks here; routes do
not apply the rule themselves. Layering: a read with no permission may go straight to a
repository; anything that depends on who asks goes through a service, and the service through
this module.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from service.core.errors import NotFound
from service.repositories import drafts as drafts_repo
from service.tables import Draft, Role, User


def sees_every_unit(user: User) -> bool:
    """Reviewers and admins; officers are confined to their own unit."""
    return user.role != Role.officer


def may_see_unit(user: User | None, unit_id: int | None) -> bool:
    """Whether `user` may see data of `unit_id`; no user is the system itself (exports, jobs)."""
    return user is None or sees_every_unit(user) or user.unit_id == unit_id


def unit_scope(user: User, requested_unit_id: int | None) -> int | None:
    """The unit filter a listing runs with: an officer's own unit whatever they asked for (a
    filter cannot widen it); for everyone else the requested one, None meaning every unit."""
    return requested_unit_id if sees_every_unit(user) else user.unit_id


def visible_draft(session: Session, user: User, draft_id: int, *, lock: bool = False) -> Draft:
    """The draft if this user may see it; 404 for a missing draft and for another unit's.
    `lock` takes the draft's row lock (repositories.drafts.lock_draft) for a change."""
    draft = drafts_repo.get_draft(session, draft_id, for_update=lock)
    if draft is None or not may_see_unit(user, draft.unit_id):
        raise NotFound("稿件不存在", code="draft_not_found")
    return draft
