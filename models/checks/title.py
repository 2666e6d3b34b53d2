"""Title checks that need more than a pattern (see models/rules/data/title.yml)."""

from __future__ import annotations

import re

from models.report import Flag
from models.rules.schema import Rule
from models.text import Document

MAX_TITLE = 30
_SUBJECT = re.compile(
    r"[\u4e00-\u9fa5]{1,8}?(省|市|县|区|州|盟|旗|镇|乡|村|街道|社区|园区|新区|开发区|局|委|办|厅|署|中心|公司|集团|医院|学校)"
    r"|^(我|全|本|该)(省|市|县|区|镇|乡)"
)


def title_missing(doc: Document, rule: Rule) -> list[Flag]:
    if doc.title.text.strip():
        return []
    return [rule.flag("title", 0, len(doc.title.text), doc.title.text)]


def title_too_long(doc: Document, rule: Rule) -> list[Flag]:
    title = doc.title.text.strip()
    if len(title) <= MAX_TITLE:
        return []
    start = doc.title.text.find(title)
    return [rule.flag("title", start, start + len(title), doc.title.text, n=len(title))]


def title_no_subject(doc: Document, rule: Rule) -> list[Flag]:
    title = doc.title.norm.strip()
    if not title or _SUBJECT.search(title):
        return []
    start = doc.title.norm.find(title)
    return [rule.flag("title", start, start + len(title), doc.title.text)]
