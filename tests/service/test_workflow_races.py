"""Concurrent transitions of one draft serialize on SQLite as on PostgreSQL.

SQLite ignores SELECT ... FOR UPDATE: 10 concurrent final reviews of one draft were all
accepted, and an edit racing a submit changed drafts after the submit said `submitted`.
Every change of a draft now takes repositories.drafts.lock_draft first."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from service.core.db import unit_of_work
from service.core.errors import DomainError
from service.services import workflow
from service.tables import DraftStatus, Review, ReviewDecision, ReviewStage, User
from tests.service.scoring_support import make_draft


def _race(app, user_id: int, jobs: list[Callable]) -> list[object]:
    """Run each job(session, user) in its own transaction, all released at once."""
    gate = threading.Barrier(len(jobs))

    def run(job: Callable) -> object:
        gate.wait()
        try:
            with unit_of_work(app.state.session_factory) as s:
                return job(s, s.get(User, user_id))
        except DomainError as exc:
            return exc.code

    with ThreadPoolExecutor(len(jobs)) as pool:
        return list(pool.map(run, jobs))


def test_concurrent_final_reviews_accept_one(app, office) -> None:
    draft = make_draft(app, office.unit_a, office.users["officer_a"], status=DraftStatus.submitted)
    settings = app.state.settings

    def review(i: int) -> Callable:
        decision = ReviewDecision.passed if i % 2 else ReviewDecision.returned

        def job(s, user) -> str:
            workflow.review_draft(
                s,
                settings,
                user,
                draft,
                stage=ReviewStage.final,
                decision=decision,
                comment="请修改",
            )
            return "ok"

        return job

    outcomes = Counter(_race(app, office.users["reviewer"], [review(i) for i in range(10)]))
    assert outcomes == {"ok": 1, "draft_not_in_review": 9}
    with app.state.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Review)) == 1


def test_edit_racing_submit_never_lands_after_submit(app, office) -> None:
    settings, checker = app.state.settings, app.state.checker
    drafts = [
        make_draft(app, office.unit_a, office.users["officer_a"], status=DraftStatus.draft)
        for _ in range(6)
    ]
    for draft in drafts:
        new_body = f"今年以来，云岭县建设标准化茶园{draft}万亩（修改后）。"

        def edit(s, user, draft=draft, new_body=new_body) -> str:
            workflow.update_draft(s, settings, checker, user, draft, {"body": new_body})
            return "edited"

        def submit(s, user, draft=draft) -> tuple[str, str]:
            return ("submitted", workflow.submit_draft(s, user, draft).body)

        outcomes = _race(app, office.users["officer_a"], [submit, edit])
        with app.state.session_factory() as s:
            stored = workflow.repo.get_draft(s, draft)
            assert stored is not None and stored.status == DraftStatus.submitted
            # what the submit answered is what was submitted: no edit after it
            assert outcomes[0] == ("submitted", stored.body), outcomes
            assert outcomes[1] in ("edited", "draft_locked")
