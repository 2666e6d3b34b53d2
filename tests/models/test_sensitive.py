"""Case table for the sensitive-content rules: (text, expected (rule id, flagged text) pairs).

An empty expectation is a deliberate non-flag; the comment beside it says why.
"""

from __future__ import annotations

import pytest

from models.checks.ids import id18_check_char, is_id15, is_id18, luhn_ok
from models.rules.engine import default_rules
from models.text import Document

RULES = default_rules()

STAR = "sensitive.secret_marking.star"
HEADER = "sensitive.secret_marking.header"
LEVEL = "sensitive.secret_marking.level_word"
INTERNAL = "sensitive.internal_marking"
DRAFT = "sensitive.internal_marking.draft"
ID18 = "sensitive.id_number"
ID15 = "sensitive.id_number.old"
CARD = "sensitive.bank_card"
PHONE = "sensitive.phone"
EMAIL = "sensitive.email"
PLATE = "sensitive.licence_plate"
ADDRESS = "sensitive.address"
MATTER = "sensitive.internal_matter"
NAME = "sensitive.person_name"
TW = "sensitive.improper_term.taiwan_hk_macao"
INTL = "sensitive.improper_term.international"
ETHNIC = "sensitive.improper_term.ethnic"
DISABILITY = "sensitive.improper_term.disability"
TITLE = "sensitive.improper_term.title"
PARTY = "sensitive.improper_term.party_committee"
COUNTRY = "sensitive.improper_term.region_as_country"
QUOTES = "sensitive.improper_term.separatism_quotes"


def sensitive(body: str, title: str = "") -> set[tuple[str, str]]:
    doc = Document.from_text(title, body)
    flags = [f for f in RULES.check(doc) if f.kind == "sensitive"]
    for f in flags:
        assert doc.field(f.field).text[f.start : f.end] == f.text
    return {(f.rule, f.text) for f in flags}


CASES = [
    # --- secret markings -------------------------------------------------------------
    ("机密★10年\n关于汛期调度的情况。", {(STAR, "机密★10年")}),
    ("秘密★2030年12月31日\n项目选址意见。", {(STAR, "秘密★2030年12月31日")}),
    ("绝密★长期\n有关情况。", {(STAR, "绝密★长期")}),
    ("机密\n全县重点项目调度情况。", {(HEADER, "机密")}),
    ("这批测算材料定为秘密级。", {(LEVEL, "秘密级")}),
    ("上级转来一份机密文件。", {(LEVEL, "机密文件")}),
    ("企业加强商业秘密保护。", set()),  # 商业秘密: generic, not a marking
    ("县委保密办开展保密工作检查，宣传保密法。", set()),  # 保密工作/保密法: generic
    ("严防国家秘密和工作秘密泄露。", set()),  # names of secret categories, not a marking
    ("村民代表会议采用秘密投票方式。", set()),  # 秘密投票: a voting method
    ("加强涉密人员管理和涉密载体管理。", set()),  # 涉密 in generic 保密 prose: decided not to flag
    ("企业完善内部管理和内部控制。", set()),  # 内部管理/内部控制: management terms
    ("确保信息真实、不涉机密。", set()),  # 不涉机密: a statement of principle, no marked item
    ("★精品案例★ 高湾镇推行积分制。", set()),  # a star as decoration, no 密级 or period
    # --- internal markings and draft status -------------------------------------------
    ("内部资料 注意保存\n一季度工业运行分析。", {(INTERNAL, "内部资料"), (INTERNAL, "注意保存")}),
    ("以下数据仅供参阅，不得外传。", {(INTERNAL, "仅供参阅"), (INTERNAL, "不得外传")}),
    ("征求意见稿\n县城供水改造方案要点。", {(DRAFT, "征求意见稿")}),
    ("起草了《村规民约修订指引（征求意见稿）》。", set()),  # a draft regulation named in text
    ("规范内部资料性出版物管理。", set()),  # 内部资料性出版物: a legal category
    ("稿件被《省政府内参》采用2篇。", set()),  # an outlet's name, not a marking
    # --- ID numbers -----------------------------------------------------------------
    ("身份证号110105198512254215。", {(ID18, "110105198512254215")}),
    ("证件号码37020219681109005x已登记。", {(ID18, "37020219681109005x")}),
    (
        "身份证号１１０１０５１９８５１２２５４２１５。",
        {(ID18, "１１０１０５１９８５１２２５４２１５")},
    ),
    ("编号110105198512254216。", set()),  # check character wrong: not an ID number
    ("编号110105199013254219。", set()),  # month 13: not a birth date
    ("编号990105198512254215。", set()),  # 99 is no province code
    ("身份证号110105********4215。", set()),  # already masked
    ("统一社会信用代码913301062547893215。", set()),  # an organisation's code
    ("户主身份证号510103760430123。", {(ID15, "510103760430123")}),
    ("注册号110105851225421。", set()),  # 15-digit business registration number
    # --- phone numbers --------------------------------------------------------------
    ("联系手机13912345678。", {(PHONE, "13912345678")}),
    ("电话+86 139 1234 5678。", {(PHONE, "+86 139 1234 5678")}),
    ("网格员电话186-0123-4567。", {(PHONE, "186-0123-4567")}),
    ("客服热线:010-88585617", set()),  # landline hotline: public
    ("全国服务热线：0595-22880819。", set()),  # landline hotline: public
    ("群众可拨打12345政务服务热线。", set()),  # hotline
    ("联系人手机139****5678。", set()),  # already masked
    ("完成投资13800000000元。", set()),  # an amount of money
    ("12001234567号批次已入库。", set()),  # 120 is no mobile prefix
    ("印发《通知》（某政发〔2023〕12号），金路字[2005]57号同时废止。", set()),  # doc numbers
    # --- e-mail ---------------------------------------------------------------------
    ("来稿发送至xinxike@163.com。", {(EMAIL, "xinxike@163.com")}),
    ("Email:88512345#qq.com", {(EMAIL, "88512345#qq.com")}),
    ("邮箱(wangxm@fj.gov.cn)。", {(EMAIL, "wangxm@fj.gov.cn")}),
    ("联系邮箱 zhangsan(at)126.com", {(EMAIL, "zhangsan(at)126.com")}),
    ("邮箱 lisi[at]sina dot com", {(EMAIL, "lisi[at]sina dot com")}),
    ("开展#我为群众办实事#活动，开设C#编程课。", set()),  # hashtags, no domain
    # --- bank cards -----------------------------------------------------------------
    ("补贴打入其银行卡，卡号6228480012345678903。", {(CARD, "6228480012345678903")}),
    ("开户账号 6222 6001 1002 3456 788。", {(CARD, "6222 6001 1002 3456 788")}),
    ("卡号6228480012345678904已停用。", set()),  # fails Luhn
    ("项目代码6228480012345678903已入库。", set()),  # no banking word within 15 chars
    # --- licence plates and addresses -----------------------------------------------
    ("一辆川A·12345轿车违停。", {(PLATE, "川A·12345")}),
    ("新能源车粤BD12345完成年检。", {(PLATE, "粤BD12345")}),
    ("号牌已隐去为川A·1**45。", set()),  # masked
    ("推进京津冀协同，上线云APP。", set()),  # no digits: not a plate
    ("老人住在幸福里小区5栋2单元301室。", {(ADDRESS, "5栋2单元301室")}),
    ("火情发生在清水村3组15号。", {(ADDRESS, "村3组15号")}),
    ("县政务服务中心位于人民路18号。", set()),  # an office's street address
    ("3号楼2单元12户居民同意加装电梯。", set()),  # counts households, no room number
    # --- improper terms -------------------------------------------------------------
    ("台湾政府出台新规。", {(TW, "台湾政府")}),
    ("推动两岸三地青年交流。", {(TW, "两岸三地")}),
    ("坚决反对台独。", {(QUOTES, "台独")}),
    ("严厉打击港独势力。", {(QUOTES, "港独")}),
    ("发挥香港独特优势，推动平台独立运营。", set()),  # 港独/台独 straddle two words here
    ("坚决反对“台独”分裂活动。", set()),  # quoted as required
    ("该祠堂始建于中华民国初年。", set()),  # history of 1912–1949 may name it
    ("中澳自贸协定带动出口增长。", set()),  # 中澳 = China–Australia, fine
    ("企业向北朝鲜出口农机。", {(INTL, "北朝鲜")}),
    ("河北韩城路改造完工。", set()),  # 北韩 inside 河北韩城路
    ("村里有维族群众42户。", {(ETHNIC, "维族")}),
    ("村里有维吾尔族、朝鲜族、哈萨克族群众。", set()),  # full ethnic names
    ("为残废人发放补贴。", {(DISABILITY, "残废")}),
    ("他是个书呆子。", set()),  # 书呆子 is not about disability
    ("让群众不再吃哑巴亏。", set()),  # 哑巴亏 is an idiom
    ("县人大副主任带队检查。", {(TITLE, "人大副主任")}),
    ("县人大常委会副主任带队检查，选聘大学生村官12名。", set()),  # correct titles
    ("中共临江省省委书记调研。", {(PARTY, "中共临江省省委")}),
    ("产品销往美国、台湾等国家。", {(COUNTRY, "台湾等国家")}),
    ("产品销往美国、香港等12个国家和地区。", set()),  # 国家和地区
    ("来来回回跑了三趟。", set()),  # 回回 inside 来来回回
    # --- internal matters and protected groups --------------------------------------
    ("经研究，拟提拔王建国同志任副局长。", {(MATTER, "王建国")}),
    ("给予城关镇副镇长刘志强党内警告处分。", {(MATTER, "刘志强")}),
    ("赵文斌（县交通局原副局长）涉嫌受贿被留置。", {(MATTER, "赵文斌")}),
    ("对拟提拔干部开展廉政意见回复。", set()),  # no named person
    ("对张某给予党内警告处分。", set()),  # anonymised
    ("全体同志要严守纪律，对违纪者给予纪律处分。", set()),  # 全体同志 is not a name
    ("低保户王秀英今年72岁。", {(NAME, "王秀英")}),
    ("信访人刘建军反映的问题已化解。", {(NAME, "刘建军")}),
    ("陈小红（留守儿童）参加活动。", {(NAME, "陈小红")}),
    ("信访人李某反映的问题已办结。", set()),  # anonymised
    ("患者高血压、糖尿病规范管理率超过70%。", set()),  # 高血压 is a disease, not a name
    ("全县残疾人康复服务覆盖率达95%。", set()),  # 康 is not treated as a surname here
    ("留守儿童高出6.2个百分点。", set()),  # 高出 is a common word
]


@pytest.mark.parametrize(("body", "expected"), CASES, ids=[c[0][:14] for c in CASES])
def test_case_table(body: str, expected: set[tuple[str, str]]) -> None:
    assert sensitive(body) == expected


def test_title_is_checked_too() -> None:
    assert sensitive("全县完成造林1.2万亩。", title="机密★1年 造林进展") == {(STAR, "机密★1年")}


def test_seed_like_page_footer() -> None:
    """Site footers: the e-mail is caught, hotline, filing and record numbers are not."""
    body = (
        "全国服务热线:\n0595-22880819\nEmail:12345678#qq.com\n"
        "备案号 ( 闽ICP备19022590号-1 闽公网安备35050302000919号 )\nID:11823670"
    )
    assert sensitive(body) == {(EMAIL, "12345678#qq.com")}


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("110105198512254215", True),
        ("37020219681109005X", True),
        ("110105198512254216", False),
        ("110105190002294218", False),
        ("110105200002294217", True),
    ],
)
def test_id18(number: str, valid: bool) -> None:
    assert is_id18(number) is valid


def test_id18_check_char() -> None:
    assert id18_check_char("11010519851225421") == "5"


def test_id15_and_luhn() -> None:
    assert is_id15("510103760430123") and not is_id15("510103761330123")
    assert luhn_ok("4367421234567896") and not luhn_ok("4367421234567897")
