"""The points calculus: pure functions of a validated rules document and the facts.

No database here. Amounts are Decimals rounded half-up to 0.01 (the points column).

- adoption: points[outlet level][info type] (or outlet_points[outlet][type]) x the form's
  factor x the 转报 multiplier of the level it was forwarded to (1 when the rules give
  none). A joint piece (合报) splits that total: explicit shares for the partner units, the
  lead unit keeps the rest; without shares, the rule's lead_share (None: equal split).
  Rounding leftovers go to the lead unit, so the shares always add up to the total.
- instruction (批示): counted once per leader level per draft; a second one at a level that
  already scored gets 0 with an explanation. `add` adds points[level]; `multiply` adds
  (factor - 1) x the draft's best adoption points recorded so far (one piece, one multiplier,
  however many outlets printed it); there must be an adoption to multiply.
- 约稿: a missing or late piece costs the rule's (negative) points.
- monthly base points: a month with at least min_pieces submitted drafts earns points.
- 稿酬: the amount for the level of the adopting outlet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from service.core.errors import BadInput, Conflict
from service.display_names import OUTLET_LEVELS
from service.schemas.scoring_rules import LEVEL_RANK, RulesDoc
from service.tables import OutletLevel

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def dec(value: float | int | str | Decimal) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def fmt(value: Decimal | float) -> str:
    """2.00 -> "2", 0.50 -> "0.5" (for explanations)."""
    text = f"{dec(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class Partner:
    unit_id: int
    share: float | None = None


@dataclass(frozen=True)
class AdoptionScore:
    points: Decimal
    shares: dict[int, Decimal] = field(default_factory=dict)  # unit -> points; {} when solo
    note: str = ""


@dataclass(frozen=True)
class InstructionScore:
    points: Decimal
    note: str


def adoption_score(
    rules: RulesDoc,
    *,
    outlet_id: int,
    outlet_level: OutletLevel,
    info_type: str,
    form: str,
    forwarded_to: OutletLevel | None = None,
    lead_unit: int = 0,
    partners: Sequence[Partner] = (),
    unit_names: Mapping[int, str] | None = None,
) -> AdoptionScore:
    if info_type not in rules.info_types:
        raise BadInput(
            f"信息类型“{info_type}”不在积分规则中（可选：{'、'.join(rules.info_types)}）",
            code="unknown_info_type",
        )
    if form not in rules.forms:
        raise BadInput(
            f"采用形式“{form}”不在积分规则中（可选：{'、'.join(rules.forms)}）",
            code="unknown_form",
        )
    special = rules.outlet_points.get(outlet_id, {})
    base = dec(special.get(info_type, rules.points[outlet_level][info_type]))
    factor = dec(rules.forms[form].factor)
    multiplier = forward_multiplier(rules, outlet_level, forwarded_to)
    total = cents(base * factor * multiplier)
    where = "该刊物" if info_type in special else OUTLET_LEVELS[outlet_level] + "刊物"
    note = f"{where}{rules.info_types[info_type]} {fmt(base)} 分 × {rules.forms[form].name} {fmt(factor)}"
    if forwarded_to is not None:
        note += f" × 转报{OUTLET_LEVELS[forwarded_to]} {fmt(multiplier)}"
    note += f" = {fmt(total)} 分"
    if not partners:
        return AdoptionScore(total, {}, note)
    shares = split_points(total, lead_unit, partners, rules.joint.lead_share)
    names = unit_names or {}
    note += "；合报分成：" + "、".join(
        f"{names.get(u, f'单位{u}')} {fmt(p)} 分" for u, p in shares.items()
    )
    return AdoptionScore(total, shares, note)


def forward_multiplier(
    rules: RulesDoc, outlet_level: OutletLevel, forwarded_to: OutletLevel | None
) -> Decimal:
    if forwarded_to is None:
        return Decimal(1)
    if LEVEL_RANK[forwarded_to] <= LEVEL_RANK[outlet_level]:
        raise BadInput(
            f"转报须报往更高一级（该刊物为{OUTLET_LEVELS[outlet_level]}）",
            code="forward_not_upward",
        )
    return dec(rules.forwarding.get(forwarded_to, 1))


def split_points(
    total: Decimal, lead_unit: int, partners: Sequence[Partner], lead_share: float | None
) -> dict[int, Decimal]:
    """Points per unit of a joint piece; the lead unit first, leftovers of rounding to it."""
    ids = [p.unit_id for p in partners]
    if lead_unit in ids or len(set(ids)) != len(ids):
        raise BadInput("合报单位重复，或包含了稿件所属单位", code="joint_units_invalid")
    given = [p.share for p in partners if p.share is not None]
    if given and len(given) != len(partners):
        raise BadInput("合报比例须全部填写或全部留空", code="joint_shares_incomplete")
    if given:
        fractions = {p.unit_id: dec(p.share) for p in partners}  # type: ignore[arg-type]
        if any(f <= 0 for f in fractions.values()) or sum(fractions.values()) >= 1:
            raise BadInput(
                "合报比例须大于 0，且合计小于 1（其余归牵头单位）", code="joint_shares_invalid"
            )
    elif lead_share is not None:
        rest = (1 - dec(lead_share)) / len(partners)
        fractions = dict.fromkeys(ids, rest)
    else:
        fractions = dict.fromkeys(ids, Decimal(1) / (len(partners) + 1))
    credited = {unit: cents(total * fraction) for unit, fraction in fractions.items()}
    return {lead_unit: total - sum(credited.values(), ZERO), **credited}


def instruction_score(
    rules: RulesDoc,
    level: OutletLevel,
    *,
    counted_levels: set[str],
    best_adoption: Decimal | None,
) -> InstructionScore:
    name = OUTLET_LEVELS[level]
    if level in counted_levels:
        return InstructionScore(ZERO, f"该稿件已有{name}领导批示计分，同级批示不重复计分，记 0 分")
    value = dec(rules.instruction.points[level])
    if rules.instruction.mode == "add":
        return InstructionScore(cents(value), f"{name}领导批示加 {fmt(value)} 分")
    if best_adoption is None:
        raise Conflict(
            "积分规则按倍数计算批示分，该稿件还没有采用记录，请先登记采用",
            code="no_adoption_to_multiply",
        )
    bonus = cents(best_adoption * (value - 1))
    return InstructionScore(
        bonus, f"{name}领导批示 ×{fmt(value)}：采用得分 {fmt(best_adoption)} 分，加 {fmt(bonus)} 分"
    )


def solicitation_penalty(rules: RulesDoc, status: str) -> Decimal:
    """Points (≤ 0) for one asked unit's answer to a 约稿: missing, late, or 0."""
    if status == "missing":
        return cents(dec(rules.solicitation.missing))
    if status == "late":
        return cents(dec(rules.solicitation.late))
    return ZERO


def monthly_base_points(rules: RulesDoc, pieces: int) -> Decimal:
    base = rules.monthly_base
    if base is None or pieces < base.min_pieces:
        return ZERO
    return cents(dec(base.points))


def remuneration(rules: RulesDoc, level: OutletLevel) -> Decimal:
    return cents(dec(rules.remuneration.get(level, 0)))
