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


def test_loaded_versions_are_kept_per_process_by_their_artifact(app, starter) -> None:
    """Two apps of one process share a version's analyzer; a version is rebuilt when its
    artifact differs (another database, same name) and the oldest of three is dropped."""
    from sqlalchemy import update

    from service.services import model_versions
    from service.tables import ModelVersion

    model_versions._LOADED.clear()
    factory = app.state.session_factory
    with factory() as s:
        first = model_versions.load_analyzer(s, "v1")
        assert model_versions.load_analyzer(s, "v1") is first
    with unit_of_work(factory) as s:
        register(s, starter.bundle, starter.metrics, "again", activate_now=False)
        register(s, starter.bundle, starter.metrics, "third", activate_now=False)
    with factory() as s:
        second = model_versions.load_analyzer(s, "v2")
        assert second is not first and second.version == "v2"
        assert model_versions.load_analyzer(s, "v1") is first  # kept: the one before
        model_versions.load_analyzer(s, "v3")
        assert model_versions.load_analyzer(s, "v1") is first
        assert model_versions.load_analyzer(s, "v2") is not second  # the oldest was dropped
    with unit_of_work(factory) as s:  # same name, other bytes: never the kept one
        s.execute(update(ModelVersion).where(ModelVersion.version == "v1").values(sha256="0" * 64))
    with factory() as s, pytest.raises(ValueError, match="checksum"):
        model_versions.load_analyzer(s, "v1")


def test_each_kind_numbers_its_own_versions(app, starter) -> None:
    """D11: the first adoption model is a1 (it was v3 after two classifiers); a database from
    before per-kind numbering, whose adoption model took a v-name, gets no duplicate name."""
    from service.repositories.model_versions import next_version_name
    from service.tables import ModelVersion

    with unit_of_work(app.state.session_factory) as s:
        assert next_version_name(s, "category") == "v2"  # the template has v1
        assert next_version_name(s, "adoption") == "a1"
        s.add(ModelVersion(version="v2", kind="adoption", artifact=b"", sha256="0" * 64))
        s.flush()  # the old naming: the adoption model took the shared count
        assert next_version_name(s, "category") == "v3"
        assert register(s, starter.bundle, starter.metrics, starter.card).version == "v3"
        assert next_version_name(s, "adoption") == "a2"
