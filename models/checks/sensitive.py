"""Sensitive-content checks backed by code (rules in models/rules/data/sensitive.yml).

Everything regex-only (secret and internal markings, mobile numbers, e-mail, licence plates,
home addresses) is a `pattern` rule in the YAML file; improper formulations are `terms`
rules in improper_terms.yml. What is here needs checksums or context:

- ID numbers: GB 11643 check character, birth date and province code (ids.py). A number
  that fails is not an ID number and is not reported.
- bank cards: Luhn AND a banking word (卡号/账号/银行/开户/账户) within 15 characters.
- internal personnel or case matters, and names of people in protected groups: a trigger
  word plus a personal name found by the conservative heuristics in names.py.

Each checker scans the normalized text (ft.norm) with one or two regexes compiled at import
and reports spans of the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from models.checks.ids import is_id15, is_id18, luhn_ok
from models.checks.names import name_at, name_before
from models.report import Flag
from models.rules.schema import Rule
from models.text import Document, FieldText

# The lookbehind comes after the first character so that the scan can skip ahead fast.
_ID18 = re.compile(r"[1-9](?<![0-9A-Za-z][1-9])[0-9]{16}[0-9Xx](?![0-9A-Za-z])")
_ID15 = re.compile(r"[1-9](?<![0-9A-Za-z][1-9])[0-9]{14}(?![0-9A-Za-z])")
_CARD = re.compile(
    r"[0-9](?<![0-9A-Za-z][0-9])(?:[0-9]{15,18}|[0-9]{3}(?:[ -][0-9]{4}){3}(?:[ -]?[0-9]{1,3})?)"
    r"(?![0-9A-Za-z])"
)
# Every match of the three above holds 15 digits in a row, or 4 digits, a space or hyphen
# and a digit: a text with neither has no ID or card number (one scan, not three).
_LONG_NUMBER = re.compile(r"[0-9](?:[0-9]{14}|[0-9]{3}[ -][0-9])")
_SEPARATORS = re.compile(r"[ -]")
_BANK_WORDS = re.compile(r"卡号|账号|帐号|银行|开户|账户|帐户|储蓄卡|信用卡|借记卡")
_CARD_WORDS = re.compile(r"卡号|账号|帐号|账户|帐户|储蓄卡|信用卡|借记卡")
_ID_WORDS = re.compile(r"身份证|公民身份号码|身份号码|证件号")
# Codes that are not personal: an organisation's credit code, a registration or order number.
_NOT_PERSONAL = re.compile(
    r"信用代码|机构代码|纳税人识别号|税号|注册号|执照|编号|编码|单号|订单|批号|流水号|条码|IMEI|串号"
)
_CONTEXT = 15


def _before(norm: str, start: int, width: int = _CONTEXT) -> str:
    return norm[max(0, start - width) : start]


def _around(norm: str, start: int, end: int, width: int = _CONTEXT) -> str:
    return norm[max(0, start - width) : start] + "\n" + norm[end : end + width]


def _fields(doc: Document, rule: Rule) -> Iterator[FieldText]:
    for name in rule.fields():
        ft = doc.field(name)
        if ft.norm:
            yield ft


@lru_cache(maxsize=16)
def _long_number(norm: str) -> bool:
    return _LONG_NUMBER.search(norm) is not None


def _numbered(doc: Document, rule: Rule) -> Iterator[FieldText]:
    """The rule's fields that may hold an ID or card number."""
    return (ft for ft in _fields(doc, rule) if _long_number(ft.norm))


def _looks_like_card(norm: str, start: int, end: int) -> bool:
    digits = norm[start:end]
    return luhn_ok(digits) and bool(_CARD_WORDS.search(_before(norm, start)))


def id_number(doc: Document, rule: Rule) -> list[Flag]:
    """18-digit resident ID numbers with a valid check character and birth date."""
    flags = []
    for ft in _numbered(doc, rule):
        for m in _ID18.finditer(ft.norm):
            start, end = m.span()
            if not is_id18(m.group()) or _NOT_PERSONAL.search(_before(ft.norm, start)):
                continue
            if _looks_like_card(ft.norm, start, end) and not _ID_WORDS.search(
                _before(ft.norm, start)
            ):
                continue  # 卡号：… that happens to be ID-shaped is reported as a card
            flags.append(rule.flag(ft.name, start, end, ft.text, masked=_mask(m.group(), 6, 4)))
    return flags


def id_number_old(doc: Document, rule: Rule) -> list[Flag]:
    """15-digit first-generation ID numbers: province code and a valid birth date."""
    flags = []
    for ft in _numbered(doc, rule):
        for m in _ID15.finditer(ft.norm):
            start, end = m.span()
            context = _around(ft.norm, start, end)
            if not is_id15(m.group()) or _NOT_PERSONAL.search(context):
                continue
            if _BANK_WORDS.search(context) and not _ID_WORDS.search(context):
                continue
            flags.append(rule.flag(ft.name, start, end, ft.text, masked=_mask(m.group(), 6, 3)))
    return flags


def bank_card(doc: Document, rule: Rule) -> list[Flag]:
    """16–19 digits passing Luhn, with a banking word within 15 characters."""
    flags = []
    for ft in _numbered(doc, rule):
        for m in _CARD.finditer(ft.norm):
            start, end = m.span()
            digits = _SEPARATORS.sub("", m.group())
            context = _around(ft.norm, start, end)
            if not luhn_ok(digits) or not _BANK_WORDS.search(context):
                continue
            if is_id18(digits) and _ID_WORDS.search(_before(ft.norm, start)):
                continue  # an ID number next to 银行 in the same sentence
            flags.append(rule.flag(ft.name, start, end, ft.text, masked=_mask(digits, 4, 4)))
    return flags


def _mask(value: str, keep_head: int, keep_tail: int) -> str:
    return value[:keep_head] + "*" * (len(value) - keep_head - keep_tail) + value[-keep_tail:]


# ---- internal personnel and case matters of named persons -------------------------------

# Each big alternation starts with a lookahead on its first characters: the scan then skips
# most positions at once instead of trying every branch (4x faster on ordinary text).
# Every alternative opens on a literal character (optional or grouped openings spelt out), so
# the engine skips ahead to those characters in C.
_INTERNAL = re.compile(
    r"拟(?:提拔|提任|任用|任命|推荐|晋升|重用|免去|免职|给予)|干部考察|组织考察|任前考察|考察对象|"
    r"民主推荐|提拔人选|后备干部人选|酝酿人选|处分决定|"
    r"警告处分|严重警告处分|记过处分|记大过处分|降级处分|撤职处分|撤销党内职务|留党察看|"
    r"开除(?:党籍|公职)|"
    r"诫勉|停职检查|责令辞职|免职处理|立案审查|审查调查|采取留置|留置措施|"
    r"移送(?:检察|司法)机关|涉嫌(?:严重违纪|违纪违法|受贿|贪污|挪用公款|滥用职权|玩忽职守)|"
    r"纪律处分|组织处理"
)
# Titles and verbs that a name directly follows: 副局长王建国, 给予王建国 …
_NAME_CUE = re.compile(
    r"(?:党委|党组|支部)?(?:副)?(?:书记|局长|主任|科长|股长|所长|站长|队长|县长|镇长|乡长|区长|市长|"
    r"院长|校长|主席|经理|厂长|行长)|干部|科员|职工|民警|辅警|工作人员|公务员|会计|出纳|给予|对象"
)
# What may follow a name in these sentences besides punctuation.
_INTERNAL_FOLLOW = re.compile(
    r"党内|政务|警告|严重警告|记过|记大过|降级|撤职|开除|诫勉|立案|留置|涉嫌|违规|违纪|等[0-9一二三四五六七八九十]"
)
_TONGZHI = re.compile(r"同志")
_PAREN = re.compile(r"[（(]([^（）()\n]{2,30})[）)]")
_POSITION = re.compile(
    r"原|书记|局长|主任|科长|股长|所长|站长|县长|镇长|乡长|院长|经理|干部|职工|民警|辅警|委员"
)


def _named_people(norm: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Names in norm[start:end]: after a title or 给予, before 同志, before a （title） note."""
    for m in _NAME_CUE.finditer(norm, start, end):
        span = name_at(norm, m.end(), end, _INTERNAL_FOLLOW)
        if span:
            yield span
    for m in _TONGZHI.finditer(norm, start, end):
        span = name_before(norm, m.start(), start)
        if span:
            yield span
    for m in _PAREN.finditer(norm, start, end):
        if _POSITION.search(m.group(1)):
            span = name_before(norm, m.start(), start)
            if span:
                yield span


def internal_matter(doc: Document, rule: Rule) -> list[Flag]:
    """A personnel or discipline trigger and a named person in the same sentence."""
    flags = []
    for ft in _fields(doc, rule):
        norm = ft.norm
        if not _INTERNAL.search(norm):
            continue
        for s, e in ft.sentences:
            trigger = _INTERNAL.search(norm, s, e)
            if trigger is None:
                continue
            seen = set()
            for span in _named_people(norm, s, e):
                if span not in seen:
                    seen.add(span)
                    flags.append(rule.flag(ft.name, *span, ft.text, trigger=trigger.group()))
    return flags


# ---- real names of people in protected groups (PII-10) ----------------------------------

_PROTECTED = re.compile(  # every alternative opens on a literal, as _INTERNAL's
    r"未成年人?|精神障碍患者|精神病患者|艾滋病患者|传染病患者|肺结核患者|患者|病人|感染者|"
    r"犯罪嫌疑人|受害人|被害人|"
    r"举报人|信访人|上访人|信访群众|低保户主?|低保对象|低保人员|特困(?:供养)?人员|特困户|"
    r"残疾人|残疾群众|残疾儿童|吸毒人员|戒毒人员|社区矫正对象|刑满释放人员|服刑人员|"
    r"留守儿童|困境儿童|孤儿|事实无人抚养儿童|失能老人|家属"
)


def person_name(doc: Document, rule: Rule) -> list[Flag]:
    """A real-looking name right after (or noted beside) a protected-group word."""
    flags: list[Flag] = []
    for ft in _fields(doc, rule):
        found: dict[tuple[int, int], str] = {}
        cues = 0
        for m in _PROTECTED.finditer(ft.norm):
            cues += 1
            span = name_at(ft.norm, m.end())
            if span:
                found.setdefault(span, m.group())
        if not cues:
            continue
        for m in _PAREN.finditer(ft.norm):
            group = _PROTECTED.search(m.group(1))
            span = name_before(ft.norm, m.start()) if group else None
            if group and span:
                found.setdefault(span, group.group())
        flags.extend(rule.flag(ft.name, *span, ft.text, group=g) for span, g in found.items())
    return flags
