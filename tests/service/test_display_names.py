"""Display names live in the service (service/display_names.py) and are served to clients:
every value of every enum or Literal the API sends or accepts has exactly one Chinese name."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, get_args

import pytest

from models.report import Severity
from service.display_names import served
from service.schemas.dictionaries import DictionaryCreate
from service.schemas.drafts import CategoryLabel, DismissalScope, FlagKind, HistoryEvent
from service.schemas.neardup import MarkKind
from service.schemas.scoreboard import PeriodKind, ScoreBy
from service.schemas.scoring_rules import InstructionRule
from service.schemas.solicitations import AnswerStatus
from service.tables import DraftStatus, ModelStatus, OutletLevel, ReviewDecision, ReviewStage, Role
from tests.factories import login


def values(source: Any) -> set[str]:
    if isinstance(source, type) and issubclass(source, StrEnum):
        return {member.value for member in source}
    return set(get_args(source))


def field(model: Any, name: str) -> Any:
    return model.model_fields[name].annotation


TABLES = {
    "categories": CategoryLabel,
    "flag_kinds": FlagKind,
    "severities": Severity,
    "roles": Role,
    "statuses": DraftStatus,
    "stages": ReviewStage,
    "decisions": ReviewDecision,
    "outlet_levels": OutletLevel,
    "leader_levels": OutletLevel,
    "marks": MarkKind,
    "answers": AnswerStatus,
    "model_statuses": ModelStatus,
    "dictionary_kinds": field(DictionaryCreate, "kind"),
    "history_events": field(HistoryEvent, "kind"),
    "rule_modes": field(InstructionRule, "mode"),
    "dismissal_scopes": DismissalScope,
    "periods": PeriodKind,
    "score_views": ScoreBy,
}


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_value_has_one_name(table: str) -> None:
    assert set(served()[table]) == values(TABLES[table])
    names = list(served()[table].values())
    assert len(set(names)) == len(names), f"{table}: two values share a name"


def test_names_are_served_without_sign_in(client) -> None:
    response = client.get("/api/v1/names")
    assert response.status_code == 200
    assert response.json() == served()
    assert response.json()["roles"] == {
        "officer": "信息员",
        "reviewer": "审核员",
        "admin": "管理员",
    }
    assert "max-age" in response.headers["cache-control"]


def test_role_guard_message_uses_the_served_name(client, office) -> None:
    answer = client.get("/api/v1/users", headers=login(client, "officer_a"))
    assert answer.status_code == 403
    assert answer.json()["message"] == f"需要{served()['roles']['admin']}权限"
