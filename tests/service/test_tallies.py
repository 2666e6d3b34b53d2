"""The scoreboard, 稿酬 and draft tallies stay exact: after a random sequence of adoptions,
批示, corrections (which re-score under the rule version in force on the new date) and
withdrawals, and of submissions, resubmissions, reviews (category confirmed or corrected) and
edits of returned drafts, the incrementally kept rows equal a recomputation from the raw
drafts, adoptions and instructions. Runs on SQLite and PostgreSQL (the `db_url` fixture)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select

from service.core.db import unit_of_work
from service.core.errors import DomainError
from service.repositories import scoreboard as tally
from service.schemas.adoptions import (
    AdoptionCorrection,
    AdoptionCreate,
    InstructionCorrection,
    InstructionCreate,
    JointUnit,
)
from service.services import adoptions, corrections, workflow
from service.services.office_time import local_today
from service.services.scoring_rules import create_version, default_rules
from service.tables import (
    Adoption,
    Draft,
    DraftStatus,
    Instruction,
    OutletLevel,
    RemunerationMonth,
    RemunerationYear,
    ReviewDecision,
    ReviewStage,
    User,
)
from tests.service.scoring_support import (
    assert_tallies_rebuild_the_same,
    draft_tallies,
    make_draft,
    make_unit,
    setup_scoring,
)

START = date(2025, 1, 1)
LEVELS = [str(level) for level in OutletLevel]


def _remuneration_rows(factory) -> list[tuple]:
    with factory() as s:
        rows = s.scalars(select(RemunerationMonth)).all()
        return sorted(
            (r.month, r.unit_id, r.author_id, r.outlet_id, r.rule_id, r.adoptions)
            for r in rows
            if r.adoptions
        )


def _remuneration_years(factory) -> list[tuple]:
    with factory() as s:
        rows = s.scalars(select(RemunerationYear)).all()
        return sorted(
            (r.year, r.unit_id, r.author_id, r.outlet_id, r.rule_id, r.adoptions)
            for r in rows
            if r.adoptions
        )


def _months_by_year(months: list[tuple]) -> list[tuple]:
    """The monthly 稿酬 rows summed per calendar year (what the yearly rows must hold)."""
    years: dict[tuple, int] = {}
    for month, *key, n in months:
        k = (month.replace(month=1), *key)
        years[k] = years.get(k, 0) + n
    return sorted((*k, n) for k, n in years.items() if n)


def _day(rnd: random.Random) -> date:
    return START + timedelta(days=rnd.randint(0, 364))


def test_tallies_equal_a_recomputation_after_random_writes(app, office) -> None:
    sc = setup_scoring(app, office.users["admin"])
    factory = app.state.session_factory
    unit_c = make_unit(app, "石门县人民政府办公室")
    with unit_of_work(factory) as s:  # a second rule version from July: other points and 稿酬
        doc = default_rules()
        doc.remuneration = {level: value * 2 + 10 for level, value in doc.remuneration.items()}
        doc.points = {lv: {k: v + 1 for k, v in t.items()} for lv, t in doc.points.items()}
        create_version(s, name="下半年", effective_from=date(2025, 7, 1), rules=doc,
                       actor_id=office.users["admin"], backdate_ok=True)  # fmt: skip
    authors = [
        (office.unit_a, office.users["officer_a"]),
        (office.unit_b, office.users["officer_b"]),
    ]
    drafts = [make_draft(app, *rnd_author, submitted="2025-01-02") for rnd_author in authors * 6]
    units = [office.unit_a, office.unit_b, unit_c]
    rnd = random.Random(15)
    done = {"adopt": 0, "correct": 0, "withdraw": 0, "instruct": 0, "refused": 0}
    for _ in range(160):
        op = rnd.choices(["adopt", "correct", "withdraw", "instruct", "fix_instruction"],
                         weights=[5, 3, 1, 2, 1])[0]  # fmt: skip
        try:
            with unit_of_work(factory) as s:
                reviewer = s.get(User, office.users["reviewer"])
                assert reviewer is not None
                adopted = s.scalars(select(Adoption.id)).all()
                if op == "adopt" or (op in ("correct", "withdraw") and not adopted):
                    op = "adopt"
                    draft = rnd.choice(drafts)
                    joint = []
                    if rnd.random() < 0.3:
                        joint = [JointUnit(unit_id=rnd.choice(units))]
                    adoptions.record_adoption(s, reviewer, draft, AdoptionCreate(
                        outlet_id=sc.outlets[rnd.choice(LEVELS)], adopted_on=_day(rnd),
                        form=rnd.choice(["full", "summary"]), joint_units=joint))  # fmt: skip
                elif op == "correct":
                    corrections.correct_adoption(s, reviewer, rnd.choice(adopted), AdoptionCorrection(
                        outlet_id=sc.outlets[rnd.choice(LEVELS)], adopted_on=_day(rnd),
                        reason="日期登记有误"))  # fmt: skip
                elif op == "withdraw":
                    corrections.withdraw_adoption(s, reviewer, rnd.choice(adopted), "误登记")
                elif op == "instruct":
                    adoptions.record_instruction(s, reviewer, rnd.choice(drafts), InstructionCreate(
                        leader_level=rnd.choice(LEVELS), instructed_on=_day(rnd)))  # fmt: skip
                else:
                    ids = s.scalars(select(Instruction.id)).all()
                    if not ids:
                        continue
                    if rnd.random() < 0.5:
                        corrections.correct_instruction(s, reviewer, rnd.choice(ids),
                            InstructionCorrection(leader_level=rnd.choice(LEVELS),
                                                  instructed_on=_day(rnd), reason="级别有误"))  # fmt: skip
                    else:
                        corrections.withdraw_instruction(s, reviewer, rnd.choice(ids), "误登记")
                    op = "instruct"
        except DomainError:  # e.g. the outlet already adopted that draft, a date before submission
            done["refused"] += 1
            continue
        done[op] += 1
    assert min(done["adopt"], done["correct"], done["withdraw"], done["instruct"]) > 3, done

    with factory() as s:
        rule_ids = set(s.scalars(select(Adoption.rule_id)).all())
        periods = [(date(2025, m, 1), date(2025, m + 2, 1) - timedelta(days=1)) for m in (1, 6)]
        periods += [(START, date(2025, 12, 31)), (date(2025, 8, 1), date(2025, 8, 31))]
        # a whole year from the yearly rows with months on either side from the monthly ones
        periods += [(date(2024, 11, 1), date(2026, 1, 31)), (START, date(2026, 3, 31))]
        for start, end in periods:
            for by_author in (False, True):
                kept = sorted(tally.remuneration_counts(s, start, end, by_author))
                raw = sorted(tally.remuneration_counts_from_adoptions(s, start, end, by_author))
                assert kept == raw, (start, end, by_author)
    assert len(rule_ids) == 2  # adoptions were scored under both versions
    kept_rows = _remuneration_rows(factory)
    assert kept_rows
    kept_years = _remuneration_years(factory)
    assert kept_years == _months_by_year(kept_rows)
    assert_tallies_rebuild_the_same(app)  # score_months, and rebuilds remuneration_months too
    assert _remuneration_rows(factory) == kept_rows
    assert _remuneration_years(factory) == kept_years


CATEGORIES = ["dynamic", "problem", "special", None]
EDITS = [
    "一季度新增就业岗位1200个。",
    "全县开展安全生产大检查，排查隐患56处。",
    "群众反映办事排队时间长。",
]


def test_draft_tallies_equal_a_recount_after_random_writes(app, office) -> None:
    """Submitted / adopted-of-submitted / per-category counts: the draft tallies kept by
    submissions, resubmissions, reviews, edits, first adoptions and last withdrawals equal a
    count of the drafts themselves, for each period, and a rebuild."""
    sc = setup_scoring(app, office.users["admin"])
    factory = app.state.session_factory
    settings, checker = app.state.settings, app.state.checker
    authors = [
        (office.unit_a, office.users["officer_a"]),
        (office.unit_b, office.users["officer_b"]),
    ]
    rnd = random.Random(1515)
    drafts = []
    for i, author in enumerate(authors * 5):  # written in 2025, in several states
        status = [DraftStatus.passed, DraftStatus.returned, DraftStatus.draft][i % 3]
        submitted = None if status == DraftStatus.draft else _day(rnd).isoformat()
        drafts.append(make_draft(app, *author, submitted=submitted, status=status,
                                 category=rnd.choice(["dynamic", "problem"])))  # fmt: skip
    done = dict.fromkeys(["submit", "review", "edit", "adopt", "withdraw", "refused"], 0)
    wants = {"submit": (DraftStatus.draft, DraftStatus.returned), "review": (DraftStatus.submitted,),
             "edit": (DraftStatus.returned,), "adopt": (DraftStatus.passed,)}  # fmt: skip
    for _ in range(70):
        op = rnd.choices(["submit", "review", "edit", "adopt", "withdraw"],
                         weights=[3, 4, 2, 3, 2])[0]  # fmt: skip
        try:
            with unit_of_work(factory) as s:
                adopted = s.scalars(select(Adoption.id)).all()
                if op == "withdraw" and not adopted:
                    op = "adopt"
                if op != "withdraw":
                    ready = s.scalars(select(Draft.id).where(Draft.status.in_(wants[op]))).all()
                    if not ready:
                        continue
                    draft = s.get_one(Draft, rnd.choice(sorted(ready)))
                    author = s.get_one(User, draft.author_id)
                reviewer = s.get_one(User, office.users["reviewer"])
                if op == "submit":
                    workflow.submit_draft(s, author, draft.id)
                elif op == "review":
                    decision = rnd.choice([ReviewDecision.passed, ReviewDecision.returned])
                    workflow.review_draft(s, settings, reviewer, draft.id, stage=ReviewStage.final,
                                          decision=decision, confirmed_category=rnd.choice(CATEGORIES),
                                          comment="请补充数据")  # fmt: skip
                elif op == "edit":
                    workflow.update_draft(s, settings, checker, author, draft.id,
                                          {"body": draft.body + rnd.choice(EDITS)})  # fmt: skip
                elif op == "adopt":
                    adoptions.record_adoption(s, reviewer, draft.id, AdoptionCreate(
                        outlet_id=sc.outlets[rnd.choice(LEVELS)],
                        adopted_on=local_today(), form="full"))  # fmt: skip
                else:
                    corrections.withdraw_adoption(s, reviewer, rnd.choice(adopted), "误登记")
        except DomainError:  # e.g. the outlet already adopted that draft
            done["refused"] += 1
            continue
        done[op] += 1
    assert min(v for k, v in done.items() if k != "refused") > 3, done

    # the office's day, not the machine's: from 16:00 UTC drafts submitted now fall on the next
    # day in the office's zone (Asia/Shanghai), after a period ending on the UTC date
    today = local_today()
    with factory() as s:
        periods = [(START, date(2025, 12, 31)), (date(2025, 3, 1), date(2025, 5, 31)),
                   (today.replace(day=1), today), (START, today)]  # fmt: skip
        for start, end in periods:
            kept = tally.draft_counts(s, start, end)
            assert kept == tally.draft_counts_from_drafts(s, start, end), (start, end)
        assert tally.draft_counts(s, START, today)
        categories = {row[2] for row in tally.draft_counts(s, START, today)}
        assert len(categories) > 2, categories  # predicted, confirmed and corrected ones
        assert any(row[4] for row in tally.draft_counts(s, START, today))  # some adopted
    kept_rows = draft_tallies(factory)
    assert_tallies_rebuild_the_same(app)
    assert draft_tallies(factory) == kept_rows
