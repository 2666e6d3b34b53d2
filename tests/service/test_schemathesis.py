"""Schemathesis over the whole OpenAPI, as an officer and as an admin, on both back ends.

Bounded: GOVBRIEF_FUZZ_EXAMPLES generated requests per operation, role and mode (valid and
invalid data; 4 by default, about 850 requests per back end). Deterministic by default
(`derandomize`); GOVBRIEF_FUZZ_RANDOM=1 explores new examples. Marked `fuzz`, so
`make test-fast` skips it; `make fuzz` runs it alone with more examples.

Each run prints its request count per back end (`-s` shows it) and, when GOVBRIEF_FUZZ_COUNTS
names a file, appends it there as one JSON line (back end, examples, requests, statuses,
failures), so a run's figures can be quoted.
"""

from __future__ import annotations

import json
import os

import pytest
from fastapi.testclient import TestClient

from service.core.config import Settings
from service.main import create_app
from tests.factories import build_office, login
from tests.service.fuzz_support import EXAMPLES_PER_OPERATION, FuzzRun, fuzz

BODY = "今年以来，云岭县采取三项举措推进春茶产业，建设标准化茶园2.3万亩，带动茶农增收。"


@pytest.mark.fuzz
def test_no_server_error_or_schema_violation(db_url: str, tmp_path) -> None:
    settings = Settings(
        database_url=db_url,
        var_dir=tmp_path / "var",
        secret_key="test-secret-" + "x" * 40,
        rate_limit_anonymous_per_minute=0,  # the probe sends far more than a person would
        rate_limit_user_per_minute=0,
    )
    app = create_app(settings)
    with TestClient(app) as client:
        build_office(app.state.session_factory)
        roles = {"officer": login(client, "officer_a"), "admin": login(client, "admin")}
        for n in range(3):  # a few real records, so ids 1..3 exist for the generated paths
            r = client.post(
                "/api/v1/drafts",
                json={"title": f"春茶{n}", "body": BODY},
                headers=roles["officer"],
            )
            assert r.status_code == 201, r.text
        run = fuzz(app, roles, FuzzRun())
    _report(db_url.split(":", 1)[0].split("+", 1)[0], run)
    assert run.requests > 500, run.statuses
    assert not run.failures, run.report()


def _report(backend: str, run: FuzzRun) -> None:
    line = {
        "backend": backend,
        "examples_per_operation": EXAMPLES_PER_OPERATION,
        "random": os.environ.get("GOVBRIEF_FUZZ_RANDOM") == "1",
        "requests": run.requests,
        "statuses": {str(k): v for k, v in sorted(run.statuses.items())},
        "failures": len(run.failures),
    }
    print(
        f"\nfuzz {backend}: {run.requests} requests, {len(run.failures)} failing pairs, "
        f"statuses {line['statuses']}"
    )
    path = os.environ.get("GOVBRIEF_FUZZ_COUNTS")
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps(line) + "\n")
