"""Case table for the errors real drafts contain (issue 11): each missed pattern and each
false alarm, with sentences written for this test. Every case lists the (rule, flagged text)
pairs that must be among the number/sensitive flags; `[]` is a deliberate non-flag of the
rules named in `quiet` and says why in its comment."""

from __future__ import annotations

import pytest

from models.rules.engine import default_rules
from models.text import Document

RULES = default_rules()


def flags(body: str) -> list[tuple[str, str, str]]:
    doc = Document.from_text("", body)
    out = [f for f in RULES.check(doc) if f.kind in ("number", "sensitive")]
    return [(f.rule, f.text, f.message) for f in out]


MISSED = [
    # parts vs total: channels that partition the total
    (
        "全年共受理群众来电来信1,820件，其中电话960件、网络612件、来访301件。",
        "number.sum_mismatch",
        "960件、网络612件、来访301件",
    ),
    (
        "计划实施项目52个，其中工业类24个、交通类15个、民生类9个。",
        "number.sum_mismatch.categories",
        "24个、交通类15个、民生类9个",
    ),
    (
        "受理举报2140件，占总量的38%，食品类举报1720件，药品类举报480件。",
        "number.sum_mismatch.kinds",
        "1720件，药品类举报480件",
    ),
    (
        "全村有脱贫户72户260人，已稳定增收50户181人，仍需帮扶22户85人。",
        "number.sum_mismatch.pairs",
        "85人",
    ),
    # shares vs counts, with the arithmetic in the message
    (
        "本次共发放问卷360份。收回的问卷中表示满意的301份，占比82%。",
        "number.percent_mismatch.near",
        "82%",
    ),
    ("共有230件，其中21件占8.4%。", "number.percent_mismatch.near", "8.4%"),
    ("共受理投诉58件，未办结1件，办结率99%。", "number.percent_mismatch", "99%"),
    (
        "有效样本180个，表示满意的占61.12%，基本满意的占30.00%。",
        "number.percent_mismatch.grain",
        "61.12%",
    ),
    # growth vs base
    ("营业收入6.3亿元，上年同期为7亿元，同比下降6%。", "number.growth_mismatch.nominal", "6%"),
    ("销售额达5.2亿元，同比增长20%（去年同期为4亿元）。", "number.growth_mismatch.nominal", "20%"),
    # magnitude against the subject's scale
    ("该村村集体经济收入达到41万亿元。", "number.magnitude_unit.scale", "41万亿元"),
    ("新建镇卫生院一座，投资780亿元。", "number.magnitude_unit.scale", "780亿元"),
    ("县里投资1.6万亿元改造县乡道路。", "number.magnitude_unit.scale", "1.6万亿元"),
    # year abbreviations
    ("全县粮食产量比22年增加1.3万吨。", "number.year_abbrev.isolated", "22年"),
    ("23年1—9月，全县新增市场主体1800户。", "number.year_abbrev.two_digit", "23年"),
    # missing units
    ("全镇茶叶产量达到3.2万，同比有所增长。", "number.missing_unit.count", "3.2万"),
    ("共收回调查问卷468，有效问卷452份。", "number.missing_unit.count", "468"),
    ("查处占道经营等行为57劝离流动摊贩21人次。", "number.missing_unit.count", "57"),
    ("婚姻家庭类26占总数的29.9%。", "number.missing_unit.count", "26"),
    (
        "涉及物业服务的诉求41件，占总量的18.6\n其次是交通出行。",
        "number.missing_unit.percent",
        "18.6",
    ),
    # blank numbers
    ("一季度共受理咨询件，已办结312件。", "number.blank_number", "共受理咨询件"),
    ("已回复件，其余正在办理。", "number.blank_number", "已回复件"),
    # lost separators
    ("全县于612日启动防汛应急响应。", "number.lost_separator.month", "612"),
    ("今年18月份，全县新增市场主体1260户。", "number.lost_separator.month", "18月"),
    ("415-18日，县里组织集中培训。", "number.lost_separator.month", "415"),
    ("受访者中男性占51.6%48岁以上的占33.1%。", "number.lost_separator", "%4"),
    # masked placeholders
    ("全镇共有脱贫户4XX余户。", "number.placeholder.digits", "4XX"),
    ("经X名同志复核后上报。", "number.placeholder.mark", "X"),
    ("累计培训1**人。", "number.placeholder.digits", "1**"),
    ("20*年上半年，全镇完成造林3200亩。", "number.placeholder.year", "20*年"),
    # 百分点 for a count's growth
    ("景区接待人次增长18.5个百分点。", "number.percent_point_misuse.absolute", "增长18.5个百分点"),
    # garbled approximations
    ("参与群众80 人余次。", "number.approx_format.garbled", "0 人余次"),
    # 一是…，是… with 二是 missing
    (
        "一是完善巡查机制，落实网格员责任；是加强宣传引导，营造共治氛围。",
        "number.numbering_gap.lost_marker",
        "是",
    ),
    # secret markings in free text
    (
        "本件涉密，用后收回。\n县里对重点工程的调度情况如下。",
        "sensitive.secret_marking.free_text",
        "本件涉密",
    ),
    # others seen in real drafts
    ("社会消费品零售总额同比增长-3.6%。", "number.growth_mismatch.negative", "增长-3.6%"),
    ("工业用电量同比下降12..6%。", "number.decimal_point.double", "2..6%"),
    ("按照某农字(2019)8号文件要求推进。", "number.doc_number", "(2019)8号"),
    ("夏季用电负荷预计突破12000千伏。", "number.magnitude_unit.power", "12000千伏"),
    ("抽检不合格率控制在5%-8%之间。", "number.range_format.hyphen", "5%-8"),
    ("每亩增产15-25斤。", "number.range_format.hyphen", "15-25"),
]


@pytest.mark.parametrize(("body", "rule", "text"), MISSED)
def test_missed_errors_are_caught(body: str, rule: str, text: str) -> None:
    assert (rule, text) in [(r, t) for r, t, _ in flags(body)]


@pytest.mark.parametrize(
    ("body", "arithmetic"),
    [
        ("共受理投诉58件，未办结1件，办结率99%。", "(58−1)÷58≈98.28%"),
        ("共有230件，其中21件占8.4%。", "21÷230≈9.1%"),
        ("有效样本180个，表示满意的占61.12%，基本满意的占30.00%。", "110÷180≈61.11%"),
        ("营业收入6.3亿元，上年同期为7亿元，同比下降6%。", "约为10.0%"),
    ],
)
def test_messages_show_the_arithmetic(body: str, arithmetic: str) -> None:
    assert any(arithmetic in m for _, _, m in flags(body)), flags(body)


FALSE_ALARMS = [
    # mixed markers 一要/二要/三是/四是 are one list
    ("一要压实责任。二要强化督导。三是完善考核。四是严肃问责。", "number.numbering_gap"),
    # an excerpt that starts mid-list (the first item is not 一)
    ("三是强化保障。落实专项资金860万元。四是严格考核。", "number.numbering_gap"),
    ("2.完善台账。\n3.加强督查。", "number.numbering_gap"),
    # a quoted title or a document number is quoted as issued
    ("印发《某县乡村振兴规划（2021-2025年）》，明确重点任务。", "number.range_format.hyphen"),
    # a duration, not an abbreviated year
    ("人均寿命比20年前提高了4岁。", "number.year_abbrev.isolated"),
    # a proper 万余 approximation and 人次 as a noun
    ("带动就业3万余人，住院人次明显增加。", "number.approx_format.garbled"),
    ("基层医疗机构诊疗人次占总诊疗人次的55.8%。", "number.blank_number"),
    # thousands separators and measure words after 余/多
    ("共办理群众诉求2,340件。开学首月陪餐1900余餐次。", "number.missing_unit.count"),
    # a share over a named whole that is not written: not a near miss of another figure
    ("在校生4120人。相关专业在校生合计只有520人，占15.0%。", "number.percent_mismatch.near"),
    # secrecy work can be named
    ("县保密局检查涉密载体120件，会后收回问卷860份。", "sensitive.secret_marking.free_text"),
    # 千伏 for a substation's voltage is right
    ("新建110千伏变电站1座。", "number.magnitude_unit.power"),
    # a county's investment in 亿 is plausible
    ("全县完成固定资产投资260亿元。", "number.magnitude_unit.scale"),
]


@pytest.mark.parametrize(("body", "quiet"), FALSE_ALARMS)
def test_false_alarms_are_gone(body: str, quiet: str) -> None:
    assert quiet not in [r for r, _, _ in flags(body)], flags(body)
