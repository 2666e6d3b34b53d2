"""Run schemathesis over every operation of the OpenAPI, in-process against the ASGI app.

Each operation gets a bounded number of generated requests (valid and invalid data) as an
officer and as an admin; every response is checked for server errors, status codes and
content types the schema does not document, and bodies that do not match their schema.
Failures are collected over the whole run, so one report lists them all.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import load_all_checks, not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

EXAMPLES_PER_OPERATION = int(os.environ.get("GOVBRIEF_FUZZ_EXAMPLES", "4"))


@dataclass
class FuzzRun:
    requests: int = 0
    statuses: Counter = field(default_factory=Counter)
    failures: dict[tuple[str, str], str] = field(default_factory=dict)  # (operation, check) -> one

    def report(self) -> str:
        lines = [f"{len(self.failures)} failing (operation, check) pairs, {self.requests} requests"]
        for (label, check), message in sorted(self.failures.items()):
            lines.append(f"- {label} [{check}]\n    {message[:600]}")
        return "\n".join(lines)


def fuzz(app, role_headers: dict[str, dict[str, str]], run: FuzzRun) -> FuzzRun:
    """Fuzz every operation of `app` once per role in `role_headers`."""
    load_all_checks()
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = sorted((r.ok() for r in schema.get_all_operations()), key=_accounts_last)
    for operation in operations:
        for role, headers in role_headers.items():
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                if mode is GenerationMode.POSITIVE and operation.label in INVALID_ONLY:
                    continue
                _fuzz_operation(operation, role, headers, mode, run)
    return run


# A valid retrain request starts a real training job in a background thread (minutes of CPU
# that would outlive the probe); it gets invalid data only. tests/test_retraining.py runs it.
INVALID_ONLY = {"POST /api/v1/models/retrain"}

ACCOUNT_PATHS = ("/api/v1/users", "/api/v1/me", "/api/v1/auth")


def _accounts_last(operation) -> bool:
    """Account operations (password, role, deactivation) can end the probe's own sessions:
    run them after everything else, so the rest is probed signed in."""
    return operation.path.startswith(ACCOUNT_PATHS)


def _fuzz_operation(operation, role: str, headers: dict[str, str], mode, run: FuzzRun) -> None:
    label = f"{operation.method.upper()} {operation.path} as {role} ({mode.value})"

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        derandomize=os.environ.get("GOVBRIEF_FUZZ_RANDOM") != "1",
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],
        report_multiple_bugs=False,
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def probe(case) -> None:
        merged = {**(case.headers or {}), **headers}
        response = case.call(headers=merged)
        run.requests += 1
        run.statuses[response.status_code] += 1
        try:
            case.validate_response(response, checks=CHECKS, headers=merged)
        except FailureGroup as group:
            for failure in group.exceptions:
                key = (label, type(failure).__name__)
                run.failures.setdefault(key, f"{failure.title}: {failure.message}")
        except AssertionError as exc:
            run.failures.setdefault((label, "assertion"), str(exc))

    try:
        probe()
    except Unsatisfiable:
        pass  # nothing to make invalid (no parameters, no body): only the valid mode applies
