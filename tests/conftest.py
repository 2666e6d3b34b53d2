"""Fixtures: a fresh migrated database per test on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from service.core.config import Settings
from service.core.migrate import upgrade
from service.core.security import configure_hashing
from service.main import create_app
from tests.pg import postgres_server

# The suite creates and signs in thousands of accounts: argon2id at its default cost is 0.2 s
# of CPU per hash here, at this cost ~1 ms. Every Settings built in a test (and every server
# a test starts, through the environment) takes it; test_password_cost.py checks the default.
TEST_HASH_COST = {
    "GOVBRIEF_PASSWORD_HASH_TIME_COST": "1",
    "GOVBRIEF_PASSWORD_HASH_MEMORY_KIB": "1024",
}
for _name, _value in TEST_HASH_COST.items():
    os.environ.setdefault(_name, _value)
# Each app start would spend ~0.2 s of CPU collecting and freezing the heap (service.core.heap),
# hundreds of times a run; tests/service/test_heap.py checks it with the setting on.
os.environ.setdefault("GOVBRIEF_GC_FREEZE", "false")
configure_hashing(1, 1024)

TEMPLATE_DB = "govbrief_template"


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    with postgres_server() as url:
        if url is None:
            if os.environ.get("CI"):
                pytest.fail("PostgreSQL binaries not found; .ci/run should have installed them")
            pytest.skip("no PostgreSQL on this machine")
        yield url


@pytest.fixture(scope="session")
def starter(request: pytest.FixtureRequest):
    """The starter classifier, trained from the bootstrap corpus once per test session — or
    read from pytest's cache when the corpus and the code that fits it are byte for byte the
    ones it was trained from (a re-run of `make test-fast` skips ~35 s of fitting per worker;
    a clean checkout, CI and `-p no:cacheprovider` train it)."""
    from models import artifacts
    from training.starter import Trained, train_bundle

    cache = getattr(request.config, "cache", None)
    if cache is None:
        return train_bundle()
    folder, digest = cache.mkdir("govbrief-starter"), _starter_digest()
    card_path, model_path = folder / f"{digest}.json", folder / f"{digest}.skops"
    if card_path.exists():  # written last: the model file is whole
        saved = json.loads(card_path.read_text(encoding="utf-8"))
        bundle = artifacts.load(model_path.read_bytes(), saved["sha256"])
        return Trained(bundle, saved["metrics"], saved["card"])
    for stale in folder.iterdir():  # models of older code: one kept at a time
        if not stale.name.startswith(digest):
            stale.unlink(missing_ok=True)
    trained = train_bundle()
    data, sha = artifacts.dump(trained.bundle)
    saved = {"sha256": sha, "metrics": trained.metrics, "card": trained.card}
    for path, content in ((model_path, data), (card_path, json.dumps(saved).encode())):
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(content)
        os.replace(partial, path)  # whole or absent, whichever xdist worker writes last
    return trained


def _starter_digest() -> str:
    """sha256 over every file of models/ and training/ (the corpus, the fitting code)."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for folder in ("models", "training"):
        for file in sorted((root / folder).rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(str(file.relative_to(root)).encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def install_model(url: str, starter) -> None:
    from service.core.db import make_engine, make_session_factory, unit_of_work
    from service.services.model_versions import register

    engine = make_engine(url)
    with unit_of_work(make_session_factory(engine)) as session:
        register(session, starter.bundle, starter.metrics, starter.card, activate_now=True)
    engine.dispose()


@pytest.fixture(scope="session")
def pg_template(pg_url: str, starter) -> str:
    """Create and migrate a template database once; tests clone it (fast)."""
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {TEMPLATE_DB}"))
        conn.execute(text(f"CREATE DATABASE {TEMPLATE_DB}"))
    admin.dispose()
    url = make_url(pg_url).set(database=TEMPLATE_DB).render_as_string(hide_password=False)
    upgrade(url)
    install_model(url, starter)
    return TEMPLATE_DB


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory, starter) -> Path:
    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    upgrade(f"sqlite:///{path}")
    install_model(f"sqlite:///{path}", starter)
    return path


def _fresh_pg(pg_url: str, template: str) -> Iterator[str]:
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE {template}"))
    try:
        yield make_url(pg_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database: each test gets its own."""
    if request.param == "sqlite":
        path = tmp_path / "govbrief.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
    else:
        pg = request.getfixturevalue("pg_url")
        yield from _fresh_pg(pg, request.getfixturevalue("pg_template"))


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return Settings(
        database_url=db_url,
        var_dir=tmp_path / "var",
        secret_key="test-secret-" + "x" * 40,
        login_max_failures=3,
    )


@pytest.fixture
def app(settings: Settings):
    app = create_app(settings)
    yield app
    # FastAPI's module-level lru_caches (fastapi.dependencies.models, keyed by endpoint
    # callables) keep each test's app reachable through its endpoint closures, ~50 MiB each
    # with its model and engine: drop what it holds, so a whole-suite run stays far below the
    # machine's memory (a run was OOM-killed at 23 GiB without this).
    app.state.engine.dispose()
    app.state._state.clear()


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


@pytest.fixture
def office(app):
    """A small office in the real database: two units, an officer in each, a reviewer, an admin."""
    from tests.factories import build_office

    return build_office(app.state.session_factory)
