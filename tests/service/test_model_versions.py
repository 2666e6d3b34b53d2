"""A newly activated model is picked up by every running app without restart."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.core.db import unit_of_work
from service.main import create_app
from service.services.model_versions import activate, register

pytestmark = pytest.mark.heavy  # fits models or measures over the corpus: not in make test-fast

BODY = "今年以来，某县新增市场主体2100户，同比增长12%。"


def test_two_apps_follow_the_active_version(settings, starter) -> None:
    settings = settings.model_copy(update={"model_poll_seconds": 0.0})
    first, second = create_app(settings), create_app(settings)
    with TestClient(first) as a, TestClient(second) as b:
        assert (
            a.post("/api/v1/check", json={"body": BODY}).json()["category"]["model_version"] == "v1"
        )
        assert (
            b.post("/api/v1/check", json={"body": BODY}).json()["category"]["model_version"] == "v1"
        )
        with unit_of_work(first.state.session_factory) as s:
            row = register(s, starter.bundle, starter.metrics, "again", activate_now=True)
            assert row.version == "v2"
        for c in (a, b):
            cat = c.post("/api/v1/check", json={"body": BODY}).json()["category"]
            assert cat["model_version"] == "v2"
        with unit_of_work(first.state.session_factory) as s:  # roll back
            activate(s, "v1")
        assert (
            b.post("/api/v1/check", json={"body": BODY}).json()["category"]["model_version"] == "v1"
        )
