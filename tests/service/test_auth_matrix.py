"""Every endpoint, every role: who gets in and who gets 401/403.

ACCESS lists the minimum role of every API route; the first test fails when a route is added
without an entry here, so the matrix always covers every endpoint that exists.
"""

from __future__ import annotations

import pytest

from tests.factories import login

# (method, path) -> minimum role: None = anonymous allowed; "anon-setting" = depends on settings
ACCESS: dict[tuple[str, str], str | None] = {
    ("GET", "/healthz"): None,
    ("GET", "/readyz"): None,
    ("POST", "/api/v1/auth/token"): None,
    ("POST", "/api/v1/check"): None,  # anonymous when settings allow (tested in test_check.py)
    ("POST", "/api/v1/check/docx"): None,
    ("GET", "/api/v1/me"): "officer",
    ("POST", "/api/v1/me/password"): "officer",
    ("GET", "/api/v1/office"): None,
    ("GET", "/api/v1/names"): None,
    ("GET", "/api/v1/users"): "admin",
    ("POST", "/api/v1/users"): "admin",
    ("PATCH", "/api/v1/users/{user_id}"): "admin",
    ("POST", "/api/v1/users/{user_id}/password"): "admin",
    ("POST", "/api/v1/users/{user_id}/unlock"): "admin",
    ("GET", "/api/v1/units"): "officer",
    ("POST", "/api/v1/units"): "admin",
    ("GET", "/api/v1/dictionaries"): "admin",
    ("POST", "/api/v1/dictionaries"): "admin",
    ("PATCH", "/api/v1/dictionaries/{dictionary_id}"): "admin",
    ("GET", "/api/v1/dictionaries/{dictionary_id}/terms"): "admin",
    ("POST", "/api/v1/dictionaries/{dictionary_id}/terms"): "admin",
    ("POST", "/api/v1/drafts"): "officer",
    ("GET", "/api/v1/drafts"): "officer",
    ("POST", "/api/v1/drafts/docx"): "officer",
    ("GET", "/api/v1/drafts/{draft_id}"): "officer",
    ("PATCH", "/api/v1/drafts/{draft_id}"): "officer",
    ("POST", "/api/v1/drafts/{draft_id}/submit"): "officer",
    ("POST", "/api/v1/drafts/{draft_id}/reviews"): "reviewer",
    ("GET", "/api/v1/drafts/{draft_id}/reviews"): "officer",
    ("POST", "/api/v1/drafts/{draft_id}/dismissals"): "officer",
    ("GET", "/api/v1/queue"): "reviewer",
    ("GET", "/api/v1/dismissals/summary"): "admin",
    ("GET", "/api/v1/outlets"): "officer",
    ("POST", "/api/v1/outlets"): "admin",
    ("GET", "/api/v1/outlets/{outlet_id}"): "officer",
    ("PATCH", "/api/v1/outlets/{outlet_id}"): "admin",
    ("DELETE", "/api/v1/outlets/{outlet_id}"): "admin",
    ("GET", "/api/v1/scoring-rules"): "admin",
    ("POST", "/api/v1/scoring-rules"): "admin",
    ("GET", "/api/v1/scoring-rules/in-force"): "officer",
    ("GET", "/api/v1/scoring-rules/{rule_id}"): "admin",
    ("DELETE", "/api/v1/scoring-rules/{rule_id}"): "admin",
    ("POST", "/api/v1/drafts/{draft_id}/adoptions"): "reviewer",
    ("GET", "/api/v1/drafts/{draft_id}/adoptions"): "officer",
    ("GET", "/api/v1/adoptions"): "officer",
    ("POST", "/api/v1/drafts/{draft_id}/instructions"): "reviewer",
    ("GET", "/api/v1/drafts/{draft_id}/instructions"): "officer",
    ("PATCH", "/api/v1/adoptions/{adoption_id}"): "reviewer",
    ("POST", "/api/v1/adoptions/{adoption_id}/withdraw"): "reviewer",
    ("PATCH", "/api/v1/instructions/{instruction_id}"): "reviewer",
    ("POST", "/api/v1/instructions/{instruction_id}/withdraw"): "reviewer",
    ("GET", "/api/v1/drafts/{draft_id}/history"): "officer",
    ("GET", "/api/v1/drafts/{draft_id}/similar"): "reviewer",
    ("GET", "/api/v1/drafts/{draft_id}/marks"): "reviewer",
    ("POST", "/api/v1/drafts/{draft_id}/marks"): "reviewer",
    ("POST", "/api/v1/marks/{mark_id}/withdraw"): "reviewer",
    ("GET", "/api/v1/leaders"): "admin",
    ("POST", "/api/v1/leaders"): "admin",
    ("PATCH", "/api/v1/leaders/{leader_id}"): "admin",
    ("DELETE", "/api/v1/leaders/{leader_id}"): "admin",
    ("POST", "/api/v1/solicitations"): "reviewer",
    ("GET", "/api/v1/solicitations"): "officer",
    ("GET", "/api/v1/solicitations/{solicitation_id}"): "officer",
    ("GET", "/api/v1/scores"): "officer",
    ("GET", "/api/v1/scores.xlsx"): "officer",
    ("GET", "/api/v1/scores/remuneration"): "officer",
    ("GET", "/api/v1/models"): "admin",
    ("POST", "/api/v1/models/retrain"): "admin",  # 409 nothing_to_learn here: no job starts
    ("GET", "/api/v1/models/jobs"): "admin",
    ("GET", "/api/v1/models/jobs/{job_id}"): "admin",
    ("POST", "/api/v1/models/{version}/activate"): "admin",
    ("GET", "/api/v1/adoption/status"): "reviewer",
    # last: it ends the caller's tokens (test_matrix walks this table in order)
    ("POST", "/api/v1/auth/logout"): "officer",
}
RANK = {"officer": 1, "reviewer": 2, "admin": 3}


def _routes(app) -> set[tuple[str, str]]:
    return {(m.upper(), path) for path, ops in app.openapi()["paths"].items() for m in ops}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_every_route_is_in_the_matrix(app) -> None:
    assert _routes(app) == set(ACCESS)


def _call(client, method: str, path: str, headers: dict[str, str]):
    concrete = path.replace("{", "").replace("}", "")  # {id} -> id: 404/422 beyond the guard
    for name in ("draft_id", "dictionary_id", "leader_id", "id", "version", "user_id", "unit_id"):
        concrete = concrete.replace(name, "999999")
    return client.request(method, concrete, headers=headers, json={})


def test_matrix(client, office) -> None:
    tokens = {
        role: login(client, name)
        for role, name in [("officer", "officer_a"), ("reviewer", "reviewer"), ("admin", "admin")]
    }
    for (method, path), minimum in ACCESS.items():
        if minimum is None:
            continue
        r = _call(client, method, path, {})
        assert r.status_code == 401, (method, path, r.status_code)
        assert r.json()["code"] == "unauthorized"
        for role, headers in tokens.items():
            r = _call(client, method, path, headers)
            if RANK[role] < RANK[minimum]:
                assert r.status_code == 403, (role, method, path, r.status_code)
            else:
                assert r.status_code not in (401, 403), (role, method, path, r.status_code)
