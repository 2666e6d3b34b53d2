"""Queue rows' near-duplicate columns: the most similar stored draft and the 合报/重复 marks.

Kept apart from the queue's own query (services/workflow.review_queue) and added to a whole
page at once: a fixed handful of queries per page, not one lookup per row.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from service.services import draft_marks, neardup


def add_similar_and_marks(session: Session, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    ids = [row["id"] for row in rows]
    similar = neardup.best_similar(session, ids)
    marks = draft_marks.marks_of(session, ids)
    for row in rows:
        found = similar.get(row["id"])
        row["similar"] = (
            None
            if found is None
            else {
                "draft_id": found.draft_id,
                "similarity": found.similarity,
                "unit_name": found.unit_name,
                "created_at": found.created_at,
                "label": neardup.similar_label(found),
            }
        )
        row["marks"] = [
            {
                "id": m.id,
                "kind": m.kind,
                "role": m.role,
                "other_draft_id": m.other_draft_id,
                "label": m.label,
            }  # fmt: skip
            for m in marks.get(row["id"], [])
        ]
    return rows
