"""Test data for retraining, written straight into the real test database through the ORM.

`short_pieces` makes an office's history in a style the bootstrap corpus lacks: very short
pieces (≤120 characters) on policy areas the corpus never mentions, including brief 专题
(special) pieces that the starter model takes for routine dynamics. The texts are generated
from templates here (test data, not corpus).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from models.classify import classifier_text
from models.text import Document
from service.core.db import unit_of_work
from service.tables import (
    Adoption,
    Draft,
    DraftStatus,
    Outlet,
    OutletLevel,
    Review,
    ReviewDecision,
    ReviewStage,
)

PLACES = ["云岭县", "桐溪县", "白沙镇", "青石乡", "鹿鸣街道", "河西镇", "望江县", "平川区"]
AREAS = ["低空经济", "数据要素", "银发经济", "新型储能", "跨境电商", "预制菜产业", "算力中心"]


def _dynamic(r: random.Random, p: str, a: str, n: int) -> tuple[str, str]:
    title = r.choice([f"{p}{a}签约项目{n}个", f"{p}{a}起步见效", f"{p}培育{a}新主体{n}家"])
    body = r.choice(
        [
            f"{p}聚焦{a}，新引进企业{n}家，一季度实现产值{n + 7}亿元，同比增长{r.randint(5, 40)}%。",
            f"{p}设立{a}专项资金{n}00万元，已落地项目{n}个，带动就业{n * 10}人。",
            f"今年以来，{p}推动{a}发展，建成应用场景{n}个，相关营收增长{n + 3}%。",
        ]
    )
    return title, body


def _problem(r: random.Random, p: str, a: str, n: int) -> tuple[str, str]:
    title = r.choice([f"{p}{a}发展存在短板", f"{p}{a}项目落地慢值得关注", f"{a}企业反映融资难"])
    body = r.choice(
        [
            f"{p}{n}家{a}企业反映审批周期长、配套不足，{r.randint(2, 9)}个项目延期。"
            "建议简化审批，加强要素保障。",
            f"据{p}摸底，{a}领域专业人才缺口约{n * 10}人，企业招工难。建议出台引才政策，加强校企合作。",
            f"{p}{a}项目资金到位率仅{n}%，部分企业经营困难，存在停工风险，需引起重视。",
        ]
    )
    return title, body


def _special(r: random.Random, p: str, a: str, n: int) -> tuple[str, str]:
    title = r.choice([f"{p}{a}发展情况", f"{p}{a}专题情况", f"{a}在{p}的实践与思考"])
    body = r.choice(
        [
            f"经专题调研，{p}{a}已形成{n}家企业集群，总产值{n * 3}亿元。"
            "调研认为，需在规划、土地、人才上系统谋划。",
            f"{p}{a}专题调研显示：现有平台{n}个，主要做法是政策引导、场景开放，"
            "下一步建议建立统筹推进机制。",
            f"围绕{a}，调研组走访{p}企业{n}家，梳理出基本情况、主要做法和三条对策建议，供领导参阅。",
        ]
    )
    return title, body


WRITERS = {"dynamic": _dynamic, "problem": _problem, "special": _special}


def short_pieces(n: int, seed: int = 11) -> list[tuple[str, str, str]]:
    """(label, title, body) in an order that mixes the three labels."""
    r = random.Random(seed)
    labels = list(WRITERS)
    out = []
    for i in range(n):
        label = labels[i % 3] if i < 3 else r.choice(labels)
        title, body = WRITERS[label](r, r.choice(PLACES), r.choice(AREAS), r.randint(3, 60))
        assert len(body) <= 120
        out.append((label, title, body))
    return out


@dataclass
class Stored:
    draft_ids: list[int]
    predicted: list[str | None]


def record_reviewed(
    factory,
    office,
    pieces: list[tuple[str, str, str]],
    predict=None,  # texts -> labels: what the model said when it was saved
    *,
    start: datetime | None = None,
    step: timedelta = timedelta(hours=3),
    store_tokens: bool = True,
) -> Stored:
    """Drafts of unit A, passed at the final stage with a confirmed category, one per step."""
    start = start or datetime.now(UTC) - timedelta(days=40)
    docs = [Document.from_text(t, b) for _, t, b in pieces]
    texts = [classifier_text(d.title.words, d.body.words) for d in docs]
    predicted = list(predict(texts)) if predict else [None] * len(pieces)
    ids = []
    with unit_of_work(factory) as s:
        for i, ((label, title, body), doc) in enumerate(zip(pieces, docs, strict=True)):
            at = start + i * step
            draft = Draft(
                unit_id=office.unit_a,
                author_id=office.users["officer_a"],
                title=title,
                body=body,
                status=DraftStatus.passed,
                predicted_category=predicted[i],
                confirmed_category=label,
                tokens={"title": doc.title.words, "body": doc.body.words} if store_tokens else [],
                report={"news_style": {"score": 0.1, "verdict": False}, "flags": []},
                flag_counts={"news_style": 0, "number": 0, "sensitive": 0, "title": 0},
                submitted_at=at - timedelta(hours=1),
                created_at=at - timedelta(hours=2),
                updated_at=at,
            )
            s.add(draft)
            s.flush()
            s.add(
                Review(
                    draft_id=draft.id,
                    reviewer_id=office.users["reviewer"],
                    stage=ReviewStage.final,
                    decision=ReviewDecision.passed,
                    confirmed_category=label,
                    created_at=at,
                )
            )
            ids.append(draft.id)
    return Stored(ids, predicted)


def record_outcomes(factory, office, n: int, seed: int = 5) -> int:
    """n decided drafts (old enough to count) whose adoption follows their quality: few flags,
    special or problem pieces and unit A are adopted more often. Returns how many adopted."""
    r = random.Random(seed)
    start = datetime.now(UTC) - timedelta(days=400)
    adopted_total = 0
    with unit_of_work(factory) as s:
        outlet = Outlet(name="市政府办公室《政务信息快报》", level=OutletLevel.city)
        s.add(outlet)
        s.flush()
        for i in range(n):
            unit = office.unit_a if r.random() < 0.5 else office.unit_b
            category = r.choice(["dynamic", "problem", "special"])
            flags = r.choice([0, 0, 0, 1, 2, 4])
            score = 1.5 - 0.8 * flags + (0.8 if category != "dynamic" else -0.4)
            score += 0.6 if unit == office.unit_a else -0.6
            adopted = r.random() < 1 / (1 + 2.718 ** (-score))
            status = DraftStatus.passed if adopted or r.random() < 0.6 else DraftStatus.returned
            at = start + timedelta(hours=12 * i)
            draft = Draft(
                unit_id=unit,
                author_id=office.users["officer_a"],
                title="某县某项工作情况",
                body="正文" * r.randint(100, 600),
                status=status,
                predicted_category=category,
                confidence=0.8,
                report={"news_style": {"score": 0.2 * flags, "verdict": False}, "flags": []},
                flag_counts={"news_style": flags, "number": 0, "sensitive": 0, "title": 0},
                flags_total=flags,
                submitted_at=at - timedelta(hours=1),
                created_at=at - timedelta(hours=2),
                updated_at=at,
            )
            s.add(draft)
            s.flush()
            decision = ReviewDecision.passed if status == DraftStatus.passed else "return"
            s.add(
                Review(
                    draft_id=draft.id,
                    reviewer_id=office.users["reviewer"],
                    stage=ReviewStage.final,
                    decision=decision,
                    comment="" if status == DraftStatus.passed else "请补充数据",
                    created_at=at,
                )
            )
            if adopted and status == DraftStatus.passed:
                adopted_total += 1
                s.add(
                    Adoption(
                        draft_id=draft.id,
                        outlet_id=outlet.id,
                        unit_id=unit,
                        adopted_on=date.fromordinal(at.date().toordinal() + 3),
                        points=Decimal("3.00"),
                    )
                )
    return adopted_total
