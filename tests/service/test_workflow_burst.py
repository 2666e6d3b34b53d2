"""Bursts on the workflow's row-locking endpoints (issue 13, point 10).

Submit, review, edit and dismiss lock the draft row (FOR UPDATE) until the request's session
commits. Their responses are built in the endpoint's own worker thread (routes/drafts.py
`ready`), as the adoptions endpoint's are, so a burst on one draft cannot leave every worker
waiting on the lock while the holder waits for a worker to serialize its response. Here 50
simultaneous requests (more than the 40 worker threads) against a live server on PostgreSQL
all finish, exactly one of each kind wins, and nothing times out."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from service.tables import DraftStatus
from tests.factories import PASSWORD
from tests.live import live_api
from tests.service.scoring_support import make_draft


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_fifty_simultaneous_reviews_and_submits_on_one_draft(settings, app, office) -> None:
    in_review = make_draft(app, office.unit_a, office.users["officer_a"],
                           status=DraftStatus.submitted)  # fmt: skip
    fresh = make_draft(app, office.unit_a, office.users["officer_a"], submitted=None,
                       status=DraftStatus.draft)  # fmt: skip
    calls = [
        (
            "reviewer",
            f"/drafts/{in_review}/reviews",
            {"stage": "first", "decision": "pass", "confirmed_category": "dynamic"},
        )
    ] * 25
    calls += [("officer_a", f"/drafts/{fresh}/submit", {"comment": "报送"})] * 25  # fmt: skip

    with live_api(settings) as url, httpx.Client(base_url=url, timeout=60) as http:
        tokens = {}
        for name in ("reviewer", "officer_a"):
            r = http.post("/api/v1/auth/token", data={"username": name, "password": PASSWORD})
            tokens[name] = {"Authorization": f"Bearer {r.json()['access_token']}"}
        gate = threading.Barrier(len(calls))

        def send(call: tuple[str, str, dict]) -> tuple[str, int, str]:
            who, path, body = call
            gate.wait()
            r = http.post("/api/v1" + path, json=body, headers=tokens[who])
            return path, r.status_code, r.json().get("code", "")

        with ThreadPoolExecutor(len(calls)) as pool:
            outcomes = list(pool.map(send, calls))

    reviews = Counter((s, c) for p, s, c in outcomes if p.endswith("/reviews"))
    submits = Counter((s, c) for p, s, c in outcomes if p.endswith("/submit"))
    assert reviews == {(201, ""): 1, (409, "draft_not_in_review"): 24}, reviews
    assert submits == {(200, ""): 1, (409, "already_submitted"): 24}, submits
