"""`govbrief demo`: a living demo office in the configured database.

Ten units (counties and city departments) with one officer each, two reviewers, seven
outlets from county to national level, and a few hundred drafts over the last twelve
months taken from training/corpus/ — each checked by the active model like a real
submission, reviewed (passed, returned or still waiting), many adopted, some with a 批示,
and a handful of 约稿 answered on time, late or not at all. On top, a reviewer's desk:
`pending` drafts from the last two weeks still in the queue, some resubmitted after a 退回
(both versions kept, so the queue shows what changed), some 问题信息 passed at 初审 awaiting
终审. Adoptions and instructions go through the scoring services, so their points, the scoreboard tallies and the audit log are
exactly what real use would give. Everything is written in one transaction; the loader
refuses when demo data is already there.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import get_args

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.report import Kind
from service.core.config import Settings
from service.core.errors import DomainError
from service.core.security import generate_password
from service.repositories.scoreboard import count_draft
from service.schemas.adoptions import AdoptionCreate, InstructionCreate, JointUnit
from service.schemas.outlets import OutletCreate
from service.services.accounts import create_unit, create_user
from service.services.adoptions import record_adoption, record_instruction
from service.services.checking import check_text
from service.services.model_versions import ModelHolder
from service.services.office_time import local_today, office_tz
from service.services.outlets import create_outlet
from service.services.scoring_rules import ensure_default_rules
from service.tables import (
    Draft,
    DraftStatus,
    DraftSubmission,
    OutletLevel,
    Review,
    ReviewDecision,
    ReviewStage,
    Role,
    Solicitation,
    SolicitationUnit,
    Unit,
    User,
)
from training.dataset import read_corpus

UNITS = [
    ("云岭县人民政府办公室", "county"),
    ("桐溪县人民政府办公室", "county"),
    ("松林县人民政府办公室", "county"),
    ("青川区人民政府办公室", "county"),
    ("市发展和改革委员会", "department"),
    ("市农业农村局", "department"),
    ("市教育局", "department"),
    ("市卫生健康委员会", "department"),
    ("市应急管理局", "department"),
    ("市生态环境局", "department"),
]
SURNAMES = "王李张刘陈杨赵黄周吴"
OUTLETS = [
    ("国务院办公厅《政务信息》", OutletLevel.national),
    ("省政府办公厅《政务要情》", OutletLevel.province),
    ("省委办公厅《工作交流》", OutletLevel.province),
    ("市政府办公室《政务信息快报》", OutletLevel.city),
    ("市委办公室《信息快报》", OutletLevel.city),
    ("市政府办公室《情况专报》", OutletLevel.city),
    ("县政府办公室《政务信息》", OutletLevel.county),
]
REVIEWERS = [("reviewer1", "审核员孙"), ("reviewer2", "审核员钱")]
TOPICS = ["春耕备耕进展", "防汛备汛准备", "优化营商环境典型做法", "秋粮收购", "冬季安全生产"]
RETURN_COMMENTS = [
    "新闻稿写法，请改为开门见山写做法和成效",
    "数据前后不一致，请核实",
    "标题未突出主题",
]


class DemoExists(DomainError):
    status_code = 409
    code = "demo_exists"
    message = "演示数据已存在，未做任何改动"


@dataclass
class DemoOffice:
    password: str
    units: dict[str, int] = field(default_factory=dict)
    officers: dict[int, User] = field(default_factory=dict)  # unit id -> officer
    reviewers: list[User] = field(default_factory=list)
    outlets: dict[OutletLevel, list[int]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


def corpus_items() -> list[dict]:
    """Bootstrap corpus pieces (normalized rows: category label or None, news flag)."""
    return read_corpus()


def demo_exists(session: Session) -> bool:
    names = [name for name, _ in UNITS]
    unit = session.scalar(select(Unit.id).where(Unit.name.in_(names)).limit(1))
    user = session.scalar(select(User.id).where(User.username == REVIEWERS[0][0]))
    return unit is not None or user is not None


def load_demo(
    session: Session,
    settings: Settings,
    holder: ModelHolder,
    *,
    drafts: int = 300,
    pending: int = 40,
    seed: int = 2025,
    today: date | None = None,
    say: Callable[[str], None] = lambda _: None,
) -> DemoOffice:
    if demo_exists(session):
        raise DemoExists()
    rnd = random.Random(seed)
    today = today or local_today()
    office = _people_and_outlets(session)
    ensure_default_rules(session)
    say(f"已创建 {len(office.units)} 个单位、{len(office.officers)} 名信息员和 7 个刊物")
    rows = corpus_items()
    items = [i for i in rows if i["label"] in {"dynamic", "problem", "special"} and not i["news"]]
    news = [i for i in rows if i["news"]]
    solicitations = _solicitations(session, office, rnd, today)
    made = []
    for n in range(drafts):
        returned = rnd.random() < 0.1
        item = rnd.choice(news if returned and news else items)
        made.append(_draft(session, settings, holder, office, rnd, today, item, returned))
        if (n + 1) % 100 == 0:
            say(f"已写入 {n + 1} 篇稿件")
    desk = [_pending(session, settings, holder, office, rnd, today, rnd.choice(items))
            for _ in range(pending)]  # fmt: skip
    _answer(session, office, rnd, solicitations, made)
    for draft in (*made, *desk):  # written directly above; adoptions below keep their lines
        count_draft(session, draft, 1, adopted=False)
    _score(session, office, rnd, today, [d for d in made if d.status == DraftStatus.passed])
    office.counts["drafts"] = len(made) + len(desk)
    office.counts["pending"] = len(desk)
    office.counts["solicitations"] = len(solicitations)
    return office


def _people_and_outlets(session: Session) -> DemoOffice:
    office = DemoOffice(password=generate_password())
    for i, (name, kind) in enumerate(UNITS, 1):
        unit = create_unit(session, name, kind)
        office.units[name] = unit.id
        office.officers[unit.id] = create_user(
            session,
            username=f"officer{i:02d}",
            password=office.password,
            role=Role.officer,
            unit_id=unit.id,
            full_name=f"信息员{SURNAMES[i - 1]}",
        )
    for username, full_name in REVIEWERS:
        office.reviewers.append(
            create_user(
                session,
                username=username,
                password=office.password,
                role=Role.reviewer,
                full_name=full_name,
            )  # fmt: skip
        )
    for name, level in OUTLETS:
        outlet = create_outlet(session, OutletCreate(name=name, level=level), None)
        office.outlets.setdefault(level, []).append(outlet.id)
    return office


def _at(day: date, rnd: random.Random) -> datetime:
    moment = datetime.combine(day, time(rnd.randint(8, 17), rnd.randint(0, 59)), office_tz())
    return moment.astimezone(UTC)


def _draft(
    session: Session,
    settings: Settings,
    holder: ModelHolder,
    office: DemoOffice,
    rnd: random.Random,
    today: date,
    item: dict,
    returned: bool,
    status: DraftStatus | None = None,
) -> Draft:
    """A draft of the last year; `status` given: exactly that, with no review recorded."""
    given = status is not None
    unit_id = rnd.choice(list(office.officers))
    author = office.officers[unit_id]
    day = today - timedelta(days=rnd.randint(1, 364))
    if status is None:
        status = DraftStatus.returned if returned else _status(rnd, today - day)
    report = check_text(settings, holder, item["title"], item["body"])
    category = report.category
    counts = dict.fromkeys(get_args(Kind), 0)
    for flag in report.flags:
        counts[flag.kind] = counts.get(flag.kind, 0) + 1
    draft = Draft(
        unit_id=unit_id,
        author_id=author.id,
        title=item["title"][:200],
        body=item["body"],
        status=status,
        predicted_category=category.label if category else None,
        probabilities=dict(category.probabilities) if category else {},
        confidence=category.confidence if category else None,
        model_version=category.model_version if category else None,
        report=report.to_dict(),
        tokens=report.tokens,  # type: ignore[arg-type]
        flag_counts=counts,
        flags_total=sum(counts.values()),
        submitted_at=None if status == DraftStatus.draft else _at(day, rnd),
        created_at=_at(day, rnd) - timedelta(hours=2),
    )
    session.add(draft)
    session.flush()
    if status in (DraftStatus.passed, DraftStatus.returned) and not given:
        decision = (
            ReviewDecision.passed if status == DraftStatus.passed else ReviewDecision.returned
        )
        confirmed = item["label"] if item["label"] in {"dynamic", "problem", "special"} else None
        draft.confirmed_category = confirmed
        session.add(
            Review(
                draft_id=draft.id,
                reviewer_id=rnd.choice(office.reviewers).id,
                stage=ReviewStage.final if confirmed == "problem" else ReviewStage.first,
                decision=decision,
                confirmed_category=confirmed,
                comment="" if status == DraftStatus.passed else rnd.choice(RETURN_COMMENTS),
                created_at=draft.submitted_at + timedelta(days=1),  # type: ignore[operator]
            )
        )
    return draft


def _earlier_version(body: str) -> str:
    """What the officer first sent: without the last paragraph (or the last sentence)."""
    paragraphs = body.split("\n")
    if len(paragraphs) > 1:
        return "\n".join(paragraphs[:-1])
    sentences = body.split("。")
    return "。".join(sentences[:-2]) + "。" if len(sentences) > 2 else body[: len(body) * 4 // 5]


def _pending(
    session: Session,
    settings: Settings,
    holder: ModelHolder,
    office: DemoOffice,
    rnd: random.Random,
    today: date,
    item: dict,
) -> Draft:
    """A draft in the queue from the last two weeks, with its submission history: one in
    five came back after a 退回 with the missing part added; a 问题信息 may have passed 初审."""
    draft = _draft(
        session, settings, holder, office, rnd, today, item, False, DraftStatus.submitted
    )
    day = today - timedelta(days=rnd.randint(1, 14))
    first = _at(day, rnd)
    draft.created_at = first - timedelta(hours=2)
    reviewer = rnd.choice(office.reviewers).id
    rounds = [(first, _earlier_version(draft.body))] if rnd.random() < 0.2 else []
    if rounds:
        session.add(
            Review(draft_id=draft.id, reviewer_id=reviewer, stage=ReviewStage.first,
                   decision=ReviewDecision.returned, comment=rnd.choice(RETURN_COMMENTS),
                   created_at=first + timedelta(hours=5))
        )  # fmt: skip
    last = first + timedelta(days=1) if rounds else first
    rounds.append((last, draft.body))
    for n, (moment, body) in enumerate(rounds, 1):
        session.add(
            DraftSubmission(draft_id=draft.id, round=n, submitted_at=moment,
                            submitted_by=draft.author_id, title=draft.title, body=body,
                            comment="已按审核意见补充" if n > 1 else "")
        )  # fmt: skip
    draft.submitted_at = last
    if draft.predicted_category == "problem" and rnd.random() < 0.4:
        draft.confirmed_category = "problem"
        session.add(
            Review(draft_id=draft.id, reviewer_id=reviewer, stage=ReviewStage.first,
                   decision=ReviewDecision.passed, confirmed_category="problem",
                   created_at=last + timedelta(hours=3))
        )  # fmt: skip
    session.flush()
    return draft


def _status(rnd: random.Random, age: timedelta) -> DraftStatus:
    if age.days < 10:
        return rnd.choice([DraftStatus.submitted, DraftStatus.submitted, DraftStatus.passed])
    return DraftStatus.draft if rnd.random() < 0.04 else DraftStatus.passed


def _solicitations(
    session: Session, office: DemoOffice, rnd: random.Random, today: date
) -> list[Solicitation]:
    made = []
    for i, topic in enumerate(TOPICS):
        due = today - timedelta(days=300 - i * 60)
        row = Solicitation(
            topic=topic,
            outlet_id=rnd.choice(office.outlets[OutletLevel.city]),
            due_on=due,
            note="请围绕主题报送做法、成效和存在的问题",
            created_by=office.reviewers[0].id,
        )
        session.add(row)
        session.flush()
        for unit_id in rnd.sample(list(office.officers), 4):
            session.add(SolicitationUnit(solicitation_id=row.id, unit_id=unit_id))
        made.append(row)
    session.flush()
    return made


def _answer(
    session: Session,
    office: DemoOffice,
    rnd: random.Random,
    solicitations: list[Solicitation],
    drafts: list[Draft],
) -> None:
    """Most asked units answer with one of their drafts; some late, some never."""
    for row in solicitations:
        asked = session.scalars(
            select(SolicitationUnit.unit_id).where(SolicitationUnit.solicitation_id == row.id)
        ).all()
        for unit_id in asked:
            roll = rnd.random()
            if roll < 0.15:
                continue  # missing
            mine = [
                d
                for d in drafts
                if d.unit_id == unit_id
                and d.solicitation_id is None
                and d.status == DraftStatus.passed
            ]
            if not mine:
                continue
            draft = rnd.choice(mine)
            draft.solicitation_id = row.id
            offset = rnd.randint(1, 3) if roll < 0.3 else -rnd.randint(0, 5)
            draft.submitted_at = _at(row.due_on + timedelta(days=offset), rnd)
    session.flush()


def _score(
    session: Session, office: DemoOffice, rnd: random.Random, today: date, passed: list[Draft]
) -> None:
    adoptions = instructions = 0
    levels = [OutletLevel.city] * 6 + [OutletLevel.province] * 3 + [OutletLevel.national]
    for draft in passed:
        if rnd.random() > 0.55:
            continue
        submitted = draft.submitted_at.astimezone(office_tz()).date()  # type: ignore[union-attr]
        for level in {rnd.choice(levels) for _ in range(rnd.choice([1, 1, 2]))}:
            day = min(today, submitted + timedelta(days=rnd.randint(2, 20)))
            joint = []
            if rnd.random() < 0.04:  # a joint piece (合报) with another unit
                others = [u for u in office.officers if u != draft.unit_id]
                joint = [JointUnit(unit_id=rnd.choice(others))]
            body = AdoptionCreate(
                outlet_id=rnd.choice(office.outlets[level]),
                adopted_on=day,
                form="full" if rnd.random() < 0.8 else "summary",
                joint_units=joint,
            )
            record_adoption(session, rnd.choice(office.reviewers), draft.id, body)
            adoptions += 1
            if rnd.random() < 0.1:
                leader = rnd.choice([OutletLevel.city, OutletLevel.city, OutletLevel.province])
                text = "此件反映的情况值得重视，请有关部门研究落实。"
                on = min(today, day + timedelta(days=3))
                order = InstructionCreate(leader_level=leader, instructed_on=on, text=text)
                record_instruction(session, rnd.choice(office.reviewers), draft.id, order)
                instructions += 1
    office.counts["adoptions"] = adoptions
    office.counts["instructions"] = instructions
