"""The audit log: who changed what (scores, models, reference data)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from service.tables import AuditLog


def record(
    session: Session,
    user_id: int | None,
    action: str,
    entity: str,
    entity_id: object = None,
    detail: dict[str, Any] | None = None,
) -> None:
    session.add(
        AuditLog(
            user_id=user_id,
            action=action,
            entity=entity,
            entity_id=None if entity_id is None else str(entity_id),
            detail={
                k: str(v) if not isinstance(v, int | float | bool) else v
                for k, v in (detail or {}).items()
            },
        )
    )
