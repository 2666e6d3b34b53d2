"""The points calculus as pure functions (no database): one case table per rule kind."""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml

from service.core.errors import BadInput, Conflict
from service.schemas.scoring_rules import RulesDoc
from service.services.scoring import (
    Partner,
    adoption_score,
    instruction_score,
    monthly_base_points,
    remuneration,
    solicitation_penalty,
    split_points,
)
from service.services.scoring_rules import DEFAULTS, default_rules
from service.tables import OutletLevel as L

D = Decimal


def _rules(**changes) -> RulesDoc:
    doc = default_rules().model_dump(mode="json")
    doc.update(changes)
    return RulesDoc.model_validate(doc)


def test_the_default_rules_file_is_a_valid_document() -> None:
    raw = yaml.safe_load(DEFAULTS.read_text(encoding="utf-8"))
    assert RulesDoc.model_validate(raw) == default_rules()
    assert set(raw["info_types"]) == {"dynamic", "problem", "special", "solicited", "research"}


@pytest.mark.parametrize(
    ("level", "info_type", "form", "forwarded_to", "expected"),
    [
        (L.city, "dynamic", "full", None, "2.00"),
        (L.city, "special", "full", None, "10.00"),  # a city 专报: 10
        (L.province, "research", "full", None, "20.00"),
        (L.national, "special", "summary", None, "25.00"),  # 50 x 0.5
        (L.city, "dynamic", "full", L.province, "4.00"),  # 转报 x2 to the province
        (L.county, "problem", "combined", L.national, "5.00"),  # 2 x 0.5 x 5
        (L.province, "dynamic", "full", L.national, "15.00"),
    ],
)
def test_adoption_points(level, info_type, form, forwarded_to, expected) -> None:
    score = adoption_score(
        default_rules(), outlet_id=1, outlet_level=level, info_type=info_type, form=form,
        forwarded_to=forwarded_to,
    )  # fmt: skip
    assert score.points == D(expected) and score.shares == {}


def test_outlet_specific_points_override_the_level_table() -> None:
    rules = _rules(outlet_points={"7": {"dynamic": 6}})
    score = adoption_score(
        rules, outlet_id=7, outlet_level=L.city, info_type="dynamic", form="full"
    )
    assert score.points == D("6.00") and score.note.startswith("该刊物动态信息 6 分")
    other_type = adoption_score(
        rules, outlet_id=7, outlet_level=L.city, info_type="special", form="full"
    )
    assert other_type.points == D("10.00")  # not listed for the outlet: the level's points


def test_forwarding_must_go_up_and_unlisted_levels_do_not_multiply() -> None:
    with pytest.raises(BadInput) as err:
        adoption_score(default_rules(), outlet_id=1, outlet_level=L.province,
                       info_type="dynamic", form="full", forwarded_to=L.city)  # fmt: skip
    assert err.value.code == "forward_not_upward"
    score = adoption_score(default_rules(), outlet_id=1, outlet_level=L.county,
                           info_type="dynamic", form="full", forwarded_to=L.city)  # fmt: skip
    assert score.points == D("1.00")  # no multiplier for the city level in the defaults


@pytest.mark.parametrize(
    ("total", "partners", "lead_share", "expected"),
    [
        ("10", [Partner(2)], None, {1: "5.00", 2: "5.00"}),
        ("2", [Partner(2), Partner(3)], None, {1: "0.66", 2: "0.67", 3: "0.67"}),
        ("10", [Partner(2, 0.3)], None, {1: "7.00", 2: "3.00"}),
        ("10", [Partner(2, 0.25), Partner(3, 0.25)], None, {1: "5.00", 2: "2.50", 3: "2.50"}),
        ("10", [Partner(2), Partner(3)], 0.6, {1: "6.00", 2: "2.00", 3: "2.00"}),
        ("0.05", [Partner(2)], None, {1: "0.02", 2: "0.03"}),
    ],
)
def test_joint_split(total, partners, lead_share, expected) -> None:
    shares = split_points(D(total), 1, partners, lead_share)
    assert shares == {unit: D(v) for unit, v in expected.items()}
    assert sum(shares.values()) == D(total)


@pytest.mark.parametrize(
    ("partners", "code"),
    [
        ([Partner(1)], "joint_units_invalid"),  # the lead unit itself
        ([Partner(2), Partner(2)], "joint_units_invalid"),
        ([Partner(2, 0.5), Partner(3)], "joint_shares_incomplete"),
        ([Partner(2, 0.5), Partner(3, 0.5)], "joint_shares_invalid"),  # nothing left for the lead
    ],
)
def test_joint_split_refusals(partners, code) -> None:
    with pytest.raises(BadInput) as err:
        split_points(D("10"), 1, partners, None)
    assert err.value.code == code


def test_instructions_add_once_per_level() -> None:
    rules = default_rules()
    first = instruction_score(rules, L.national, counted_levels=set(), best_adoption=None)
    assert first.points == D("50.00")
    again = instruction_score(rules, L.national, counted_levels={"national"}, best_adoption=None)
    assert again.points == D("0.00") and "不重复计分" in again.note
    other = instruction_score(rules, L.county, counted_levels={"national"}, best_adoption=None)
    assert other.points == D("5.00")


def test_instructions_multiply_the_best_adoption() -> None:
    rules = _rules(instruction={"mode": "multiply",
                                "points": {"national": 3, "province": 2, "city": 1.5,
                                           "county": 1}})  # fmt: skip
    assert instruction_score(rules, L.national, counted_levels=set(),
                             best_adoption=D("10")).points == D("20.00")  # fmt: skip
    assert instruction_score(rules, L.city, counted_levels=set(),
                             best_adoption=D("3")).points == D("1.50")  # fmt: skip
    assert instruction_score(rules, L.county, counted_levels=set(),
                             best_adoption=D("3")).points == D("0.00")  # fmt: skip
    with pytest.raises(Conflict) as err:
        instruction_score(rules, L.city, counted_levels=set(), best_adoption=None)
    assert err.value.code == "no_adoption_to_multiply"


def test_penalties_base_points_and_remuneration() -> None:
    rules = _rules(
        solicitation={"missing": -10, "late": -5, "zero_year_after_missing": 2},
        monthly_base={"info_type": "dynamic", "min_pieces": 8, "points": 5},
    )
    assert [solicitation_penalty(rules, s) for s in ("missing", "late", "answered", "pending")] == [
        D("-10.00"), D("-5.00"), D("0.00"), D("0.00")]  # fmt: skip
    assert monthly_base_points(rules, 7) == D("0.00")
    assert monthly_base_points(rules, 8) == D("5.00")
    assert monthly_base_points(default_rules(), 100) == D("0.00")  # no base points by default
    assert [remuneration(default_rules(), lv) for lv in L] == [
        D("200.00"), D("100.00"), D("50.00"), D("20.00")]  # fmt: skip


@pytest.mark.parametrize(
    "change",
    [
        {"surprise": 1},
        {"points": {"city": {"dynamic": 1}}},  # levels and info types must all be there
        {"forms": {"Full": {"name": "全文", "factor": 1}}},  # codes are lower case
        {"forms": {"full": {"name": "全文", "factor": 0}}},
        {"forwarding": {"province": 0.5}},  # a multiplier below 1
        {
            "instruction": {
                "mode": "multiply",
                "points": {"national": 0, "province": 2, "city": 2, "county": 2},
            }
        },  # fmt: skip
        {"joint": {"lead_share": 1}},
        {"solicitation": {"missing": 10}},  # a penalty is ≤ 0
        {"monthly_base": {"info_type": "gossip", "min_pieces": 8, "points": 5}},
        {"outlet_points": {"3": {"unknown_type": 5}}},
    ],
)
def test_invalid_documents_are_refused(change: dict) -> None:
    doc = default_rules().model_dump(mode="json")
    doc.update(change)
    with pytest.raises(ValueError):
        RulesDoc.model_validate(doc)
