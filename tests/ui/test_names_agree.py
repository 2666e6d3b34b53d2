"""The UI keeps its own display names (it may import neither service/ nor models/, it talks
HTTP), so where the service or the analysis names the same values, the two tables must agree:
a flag kind, role or category added or renamed on one side fails here, not on screen."""

from __future__ import annotations

from models.report import CATEGORY_NAMES as MODEL_CATEGORIES
from models.report import KIND_NAMES as MODEL_KINDS
from service.api.deps import ROLE_NAMES as SERVICE_ROLES
from service.services.draft_marks import MARK_NAMES
from service.tables import DraftStatus, ReviewStage
from ui import names


def test_flag_kinds_and_categories_match_the_analysis() -> None:
    assert names.KIND_NAMES == MODEL_KINDS
    assert names.CATEGORY_NAMES == MODEL_CATEGORIES


def test_roles_marks_statuses_and_stages_match_the_service() -> None:
    assert names.ROLE_NAMES == {role.value: name for role, name in SERVICE_ROLES.items()}
    assert names.MARK_KINDS == MARK_NAMES
    assert set(names.STATUS_NAMES) == {s.value for s in DraftStatus}
    assert set(names.STAGE_NAMES) == {s.value for s in ReviewStage}
