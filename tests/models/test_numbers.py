"""Case table for the number checks: (draft text, the number flags it must raise, exactly).

Every case lists all `number` flags expected as (rule id, flagged text); an empty list is a
deliberate non-flag and says why in its comment. Examples are written for these tests.
"""

from __future__ import annotations

import pytest

from models.checks.numbers import _WIDE
from models.checks.numparse import cn_int, parse
from models.rules.engine import default_rules
from models.text import Document, normalize

RULES = default_rules()


def number_flags(body: str, title: str = "") -> list[tuple[str, str]]:
    doc = Document.from_text(title, body)
    flags = [f for f in RULES.check(doc) if f.kind == "number"]
    for f in flags:
        assert doc.field(f.field).text[f.start : f.end] == f.text
    return sorted((f.rule, f.text) for f in flags)


PLACEHOLDERS = [
    ("201X年，全镇完成农房改造86户。", [("number.placeholder.year", "201X年")]),
    ("201X 年，全镇完成农房改造86户。", [("number.placeholder.year", "201X 年")]),
    ("到20XX年实现全覆盖。", [("number.placeholder.year", "20XX年")]),
    ("见附件120xx年度预算表。", [("number.placeholder.year", "20xx年度")]),
    ("20 年，全县新增就业岗位960个。", [("number.placeholder.year_blank", "20 年")]),
    # 过去20 年: a duration with a stray space
    ("过去20 年，村里坚持发展茶产业。", []),
    ("按照〔20 〕15号文件要求推进。", [("number.placeholder.year_blank", "〔20 〕")]),
    ("XX县新增就业岗位860个。", [("number.placeholder.mark", "XX")]),
    ("全年编发简报X期。", [("number.placeholder.mark", "X")]),
    ("经××局审核后上报。", [("number.placeholder.mark", "××")]),
    ("排名居全省第*位。", [("number.placeholder.mark", "*")]),
    ("2024年  月  日签订协议。", [("number.placeholder.date_blank", "年  月  日")]),
    # 近20 年来: a duration with a stray space, not a year with its digits missing
    ("近20 年来，村里坚持发展茶产业。", []),
    # X光机 is a machine, 8×12米 a size: neither is a placeholder
    ("新购置X光机2台，车间按8×12米改造。", []),
    # 可*的: a garbled character, not one of the placeholder shapes (第*位, **, ×县)
    ("数据来源可*，已经逐项核实。", []),
]

FORMS = [
    ("全县新增就业岗位１２６０个。", [("number.fullwidth_digit", "１２６０")]),
    ("预计降低能耗15～20%。", [("number.range_format.percent", "15～20%")]),
    ("吸引游客3～8万人次。", [("number.range_format.magnitude", "3～8万")]),
    ("审批时限压缩到5-7天。", [("number.range_format.hyphen", "5-7")]),
    ("今年1-6月，全县新增市场主体2100户。", [("number.range_format.hyphen", "1-6")]),
    # a phone number, a standard's number, a full date and a document code are not ranges
    ("咨询电话0571-87654321。依据GB/T 15835-2011。发布于2022-09-13。编号BPS-14423-ITEM。", []),
    ("23年5月，县里启动改造。", [("number.year_abbrev.two_digit", "23年")]),
    ("该项目于22年启动。", [("number.year_abbrev.isolated", "22年")]),
    # 30年来 and 5年内 are durations
    ("30年来坚持植树，力争5年内实现全覆盖。", []),
    ("改造后能耗降低3倍。", [("number.multiple_misuse", "降低3倍")]),
    # 增长1倍 is fine: only decreases cannot be multiples
    ("产量增长1倍。", []),
    ("活动吸引5千余人参加。", [("number.magnitude_unit.mixed", "5千")]),
    # 12千米 is a unit (kilometre), 1.2万亿元 mixes only 万/亿: both allowed
    ("新建道路12千米，投资1.2万亿元。", []),
    ("每村配备三、四名网格员。", [("number.approx_format.comma", "三、四")]),
    # 一、二等奖 and 一、二年级 are two named things, not an approximate number
    ("一、二等奖作品推荐到市里，一、二年级弹性离校。", []),
    ("产值是去年的近3倍多。", [("number.approx_redundant", "近3倍多")]),
    ("星期5集中办理。", [("number.fixed_phrase", "星期5")]),
    ("人均补助1，280元。", [("number.thousands_separator", "1，280")]),
    ("亩均增产0·38吨。", [("number.decimal_point", "0·")]),
    ("2023.6.12，县里召开推进会。", [("number.date_format", "2023.6.12")]),
    (
        "每月开展3、4次入户走访，现场来了10几人。",
        [
            ("number.approx_format.arabic", "3、4"),
            ("number.approx_format.arabic", "10几"),
        ],
    ),
    # 1.5万元 and 2024.5万元 are amounts, not dates
    ("投资2024.5万元，户均1.5万元。", []),
    ("二0二三年工作要点。", [("number.zero_form", "二0二三年")]),
    ("当日下午16时，险情得到控制。", [("number.time_format", "下午16时")]),
    ("完成投资12亿元，增长百分之十五。", [("number.chinese_percent", "百分之十五")]),
]

ARITHMETIC = [
    (
        "全县共有养老机构38家，其中公办机构24家、民办机构19家。",
        [("number.sum_mismatch", "24家、民办机构19家")],
    ),
    (
        "共排查隐患120处，其中已整改96处，其余30处正在整改。",
        [("number.sum_mismatch", "96处，其余30处")],
    ),
    ("上半年共编发简报512期，其中报送上级406期，被采用589期。", [("number.sum_mismatch", "589期")]),
    # a chain of stages (报送 ⊇ 采用), not disjoint parts: 406+189 > 512 is fine
    ("上半年共编发简报512期，其中报送上级406期，被采用189期。", []),
    # parts adding up, with 万 on one side only: 6280 + 2.84万 = 3.468万 ≈ 3.47万
    ("共有低保对象3.47万人，其中城市低保6280人、农村低保2.84万人；特困供养5120人。", []),
    # the 其中 breaks down the stock (935), not the change right before it (88)
    ("贷款余额935亿元，较年初增加88亿元，其中普惠小微贷款172亿元。", []),
    (
        "新建项目42个（工业项目18个、服务业项目16个、农业项目6个）。",
        [("number.sum_mismatch", "18个、服务业项目16个、农业项目6个")],
    ),
    (
        "全市家庭农场共1860家，其中种植类1120家、养殖类410家、种养结合类290家。",
        [("number.sum_mismatch.categories", "1120家、养殖类410家、种养结合类290家")],
    ),
    # 其中 lists one part only: nothing to add up
    ("共有住宅小区418个，其中实施物业服务的327个。", []),
    (
        "从诉求类型看，物业服务类占46%，交通出行类占31%，其他占30%。",
        [("number.sum_mismatch.percent_total", "46%，交通出行类占31%，其他占30%")],
    ),
    # answers of one survey that may overlap: no 其他, no 分别占 — not one whole
    ("受访者中男性占81%，高中及以下学历的占67%，外省户籍的占39%。", []),
    ("已完成投资45.6亿元，占年度计划投资80亿元的62%。", [("number.percent_mismatch.share", "62%")]),
    ("受理群众诉求2480件，办结2455件，办结率96.5%。", [("number.percent_mismatch", "96.5%")]),
    # 2455/2480 = 98.992%: within half a unit of 98.99 (and of 99), not of 98.9
    ("受理群众诉求2480件、办结2455件，办结率98.99%。", []),
    ("受理群众诉求2480件、办结2455件，办结率99%。", []),
    ("受理群众诉求2480件、办结2455件，办结率98.9%。", [("number.percent_mismatch", "98.9%")]),
    # rounded twice (85.0498 -> 85.05 -> 85.1): not worth a flag
    ("收集问题301件，已解决256件，解决率85.1%。", []),
    # 办结率 covers what was transferred too: the count right before is not what it names
    ("上报事件2.43万件，其中网格自行办结1.96万件，流转部门处置4700件，办结率99.1%。", []),
    # the rate refers to 专报 (66/88 = 75%), not to all 126 issues
    ("累计报送126期，其中专报信息88期，市领导批示66期次，批示率75%。", []),
    # the whole of 占77.5% is the 2.31万亩 after the 其中-total, and it fits
    ("占用耕地2.15万亩，其中水田占58.2%；补充耕地2.31万亩，其中旱地1.79万亩，占77.5%。", []),
    # 占15%: the whole (the school's pupils) is named in an earlier sentence
    ("在校生4120人。相关专业在校生合计只有520人，占15.0%。", []),
    ("已兑付补贴资金468元，占应兑付资金520万元的90%。", [("number.magnitude_unit", "468元")]),
    (
        "共投入资金1.2亿元，其中财政资金8000元、社会资本4000万元。",
        [("number.magnitude_unit", "8000元")],
    ),
    ("全县农村自来水普及率达到102%。", [("number.rate_over_100", "102%")]),
    # a share of a plan may pass 100%
    ("已完成投资135亿元，占年度计划投资120亿元的112.5%。", []),
    # 完成率 and 增长 may pass 100%
    ("完成年度计划的112%，投资同比增长135%。", []),
    ("三类审批事项按时办结率保持在100,无超期件。", [("number.missing_unit", "100")]),
    ("一季度工业增加值同比增长8.6，增速居全市第二。", [("number.missing_unit.growth", "8.6")]),
    # 容积率 has no %, 满意度98.6分 is a score
    ("项目区容积率1.5，群众满意度测评得分98.6分。", []),
]

GROWTH = [
    ("家庭农场由160家增至200家，增长20%。", [("number.growth_mismatch", "20%")]),
    ("家庭农场由160家增至200家，增长25%。", []),
    (
        "接待游客24.5万人次，比去年同期的17.5万人次增长46%。",
        [("number.growth_mismatch", "46%")],
    ),
    ("入库企业846家，比上年的612家增加243家。", [("number.growth_mismatch.absolute", "243家")]),
    ("有效期内高新技术企业428家，比上年末净增61家，增长16.6%。", []),
    (
        "运营率由年初的58.4%提高到81%，提高了24.6个百分点。",
        [("number.growth_mismatch.points", "24.6个百分点")],
    ),
    ("社员由150户增至450户，增加了3倍。", [("number.growth_mismatch.times", "3倍")]),
    ("社员由150户增至450户，增加了2倍。", []),
    ("社员由150户增至450户，增加到3倍。", []),
    ("集体收入由20万元提高到60万元，翻了两番。", [("number.growth_mismatch.times", "翻了两番")]),
    ("审批时限由15天增加到8天。", [("number.growth_mismatch.direction", "15天增加到8天")]),
    # 排名 goes up as the number goes down; ordinals are not compared
    ("排名由第9位上升到第3位。", []),
    ("线上办件占比由32%升至38%，提高了6%。", [("number.percent_point_misuse", "6%")]),
    # 18.8% is the relative rise of 32% -> 38%: correct
    ("线上办件占比由32%升至38%，提高了18.8%。", []),
    (
        "今年全县茶叶产量增加9个百分点。",
        [("number.percent_point_misuse.absolute", "增加9个百分点")],
    ),
    # 由A到B over several years with 年均: a compound rate, not checked
    ("产值由2019年的100亿元增至2023年的146亿元，年均增长9.9%。", []),
    # 约/左右 widen the tolerance: 4200 -> about 2300 is a fall of 42%–48%
    ("自付费用由4200元降至2300元左右，下降45.2%。", []),
]

LISTS_AND_DATES = [
    ("一是加强宣传。二是强化监管。四是完善机制。", [("number.numbering_gap", "四是")]),
    ("（一）基本情况\n（二）主要做法\n（四）存在问题", [("number.numbering_gap", "（四）")]),
    ("一是加强宣传。二是强化监管。二是完善机制。", [("number.numbering_gap.repeat", "二是")]),
    # 统一是/唯一是 are words, and each section's 一是 list starts again
    (
        "统一是前提，唯一是目标。\n一、做法\n一是建机制。二是强队伍。\n二、打算\n一是抓落实。二是促提升。",
        [],
    ),
    # page numbers pasted from a web page (1、…4、 continuing the sentence before) are no list
    (
        "全市信息工作在各方面都取得了明显成绩，下面谈几点意见供大家参考并研究落实好\n"
        "1、信息点多。一是抓住重点，强化服务意识和大局意识，努力把工作做得更加扎实有\n"
        "2、效。二是贴近基层，深入挖掘典型经验和做法，并及时加以总结提炼和推广运用到\n"
        "3、各地。三是贴近上级需求。",
        [],
    ),
    (
        "目前主要存在三方面问题：一是资金不足。二是人才短缺。三是机制不畅。四是宣传不够。",
        [("number.count_mismatch", "三方面问题")],
    ),
    # a one-item 'list' says nothing about the announced count (the text was cut off)
    ("归纳起来有三条经验。第一，抓班子。", []),
    ("1.摸清底数\n2.分类施策\n4.建立台账", [("number.numbering_gap", "4.")]),
    # 1.5万 is a number, not item 1 of a list
    ("1.5万户完成改造。\n1.资金已拨付。\n2.项目已开工。", []),
    ("2月30日完成春耕检查。", [("number.invalid_date", "2月30日")]),
    ("项目计划于2025年13月完工。", [("number.invalid_date", "13月")]),
    ("当日15时75分完成转移。", [("number.invalid_date.time", "15时75分")]),
    ("截至6月30，已完成整改。", [("number.invalid_date.lost_day", "6月30")]),
    ("2023年2月29日召开推进会。", [("number.invalid_date", "2月29日")]),
    # 2024 was a leap year
    ("2024年2月29日召开推进会。", []),
    ("当日26时，转移群众1200人。", [("number.invalid_date.time", "26时")]),
    # 24时 ends a day
    ("截至6月30日24时，转移群众1200人。", []),
    ("截至11月18市民服务中心共受理事项2360件。", [("number.invalid_date.lost_day", "11月18")]),
    # 20个乡镇 counts townships after a month range; 5至7日 is a range of days
    ("1—6月20个乡镇全部完成任务，3月5至7日集中培训。", []),
]


@pytest.mark.parametrize(("body", "expected"), PLACEHOLDERS + FORMS)
def test_placeholders_and_forms(body: str, expected: list[tuple[str, str]]) -> None:
    assert number_flags(body) == sorted(expected)


@pytest.mark.parametrize(("body", "expected"), ARITHMETIC)
def test_sums_shares_and_rates(body: str, expected: list[tuple[str, str]]) -> None:
    assert number_flags(body) == sorted(expected)


@pytest.mark.parametrize(("body", "expected"), GROWTH)
def test_growth(body: str, expected: list[tuple[str, str]]) -> None:
    assert number_flags(body) == sorted(expected)


@pytest.mark.parametrize(("body", "expected"), LISTS_AND_DATES)
def test_lists_and_dates(body: str, expected: list[tuple[str, str]]) -> None:
    assert number_flags(body) == sorted(expected)


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        (
            "某县三举措推进春茶产业",
            "一是抓基地。二是抓品牌。",
            [("number.count_mismatch", "三举措")],
        ),
        ("某县三举措推进春茶产业", "一是抓基地。二是抓品牌。三是抓销售。", []),
        # 三个堵点 (problems) in a title may be followed by four suggestions
        ("某区审批仍有三个堵点", "一是统一清单。二是完善中介。三是打通系统。四是全程帮办。", []),
        (
            "２０２４年某县新增就业１２６０人",
            "全县新增就业1260人。",
            [
                ("number.fullwidth_digit", "１２６０"),
                ("number.fullwidth_digit", "２０２４"),
            ],
        ),
    ],
)
def test_title(title: str, body: str, expected: list[tuple[str, str]]) -> None:
    assert number_flags(body, title) == sorted(expected)


def test_flags_cover_the_original_text() -> None:
    body = "共有幼儿园４８所，其中公办园３０所，占５２．５％。"
    doc = Document.from_text("", body)
    flags = [f for f in RULES.check(doc) if f.rule == "number.percent_mismatch"]
    assert [f.text for f in flags] == ["５２．５％"]


def test_quantities() -> None:
    qs = parse("约1.2万人，超过300家，第3名，2024年，占98.97%，增加3.5个百分点").quantities
    about, over, third, year, share, points = qs
    assert (about.value, about.unit, about.hedged) == (12000, "人", False)
    assert about.tol >= 600  # 约: at least 5%
    assert over.hedged and third.ordinal and year.ordinal
    assert (share.value, share.tol, share.unit) == (98.97, pytest.approx(0.005), "%")
    assert points.unit == "个百分点"


@pytest.mark.parametrize(
    ("text", "value"), [("三", 3), ("十四", 14), ("二十三", 23), ("三四", None), ("十几", None)]
)
def test_chinese_numerals(text: str, value: int | None) -> None:
    assert cn_int(text) == value


def test_fullwidth_digits_are_looked_for_only_where_normalize_changed_the_text() -> None:
    """fullwidth_digit skips a field whose `norm` equals its text: every character its regex
    looks for is one that normalize maps."""
    wide = [chr(c) for c in range(0x10000) if _WIDE.match(chr(c))]
    assert len(wide) == 11
    assert all(normalize(c) != c for c in wide)
