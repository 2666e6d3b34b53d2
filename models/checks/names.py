"""A conservative guess at Chinese personal names, for the personal-data checks.

There is no name recogniser here: a name is only looked for right AFTER a cue the caller
has already found (信访人王某某, 副局长王建国) or right BEFORE 同志 / a （title） note. A
candidate is a common surname plus one or two given-name characters, and it counts only
when a boundary follows it (punctuation, 同志, 反映, 因/在/于 …). Anonymised forms (张某,
李某某, 王×) are not names.

Precision matters more than recall. Characters that usually start ordinary words after the
cues (安 平 全 康 于 向 …) are left out of the surname list, and a candidate that is an
ordinary word (高血压, 方便, 金额, 武汉) is rejected: the tokenizer's dictionary (already
loaded for the classifier) knows their frequency, a short stop list covers the rest.
"""

from __future__ import annotations

import re

from models.tokenize import get_tokenizer

SINGLE_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
    "蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹"
    "薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤"
)
COMPOUND_SURNAMES = tuple(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 司徒 夏侯 长孙 宇文 端木 西门 南宫".split()
)

# Characters that end a name: function words and the first characters of what usually
# follows a name in a sentence. They are (almost) never the 2nd/3rd character of a name.
_STOP_CHARS = frozenset(
    "的了是在有和与及或等被为将从到对向说年月日个们中里上下前后内外此该其这那各每共又也都"
    "还就才所之以而并且但若如因于今现曾已系均仍即便把给让由自经据同称任受涉违担男女某当"
)
_ANONYMISED = frozenset("某氏X×*＊○〇")
# A dictionary word at least this frequent (jieba's counts) is an ordinary word, not a name.
COMMON_WORD_FREQ = 30
# Ordinary words below that frequency that follow the cues in government prose.
STOP_WORDS = frozenset(
    """高龄 高危 高发 高质 高标 高频 高额 高风 余人 余名 余户 余万 万人 万户 万名 万次
    白内障 白血病 夏粮 程序化 金融化 周转率 黄码 红码""".split()
)
# Words before 同志 that address a group, not a person.
GENERIC_BEFORE = frozenset(
    """全体 各位 广大 有关 相关 其他 负责 青年 年轻 基层 机关 一线 党员 多名 这些 这位 那位
    两位 几位 诸位 部分 个别 领导 干部 同行 老年 退休 离休 女性 男性 新任 在座 普通 优秀""".split()
)

_HAN = re.compile(r"[\u4e00-\u9fff]")
_FOLLOW = re.compile(
    r"[，。、；：,;:（(“”\"\s）)]|同志|今年|现年|家住|家中|一家|夫妇|老人|反映|表示|介绍|来信|来访|"
    r"投诉|举报|[0-9]|$"
)


def is_common_word(word: str) -> bool:
    return word in STOP_WORDS or get_tokenizer().FREQ.get(word, 0) >= COMMON_WORD_FREQ


def _surname_len(text: str, pos: int) -> int:
    if text.startswith(COMPOUND_SURNAMES, pos):
        return 2
    return 1 if pos < len(text) and text[pos] in SINGLE_SURNAMES else 0


def _given_len(text: str, pos: int, limit: int) -> int:
    n = 0
    while n < 2 and pos + n < limit and _HAN.match(text[pos + n]):
        if text[pos + n] in _STOP_CHARS or text[pos + n] in _ANONYMISED:
            break
        n += 1
    return n


def _ordinary(word: str, surname: int) -> bool:
    """The candidate, or for single surnames its first two characters, is a common word."""
    return is_common_word(word) or (surname == 1 and len(word) == 3 and is_common_word(word[:2]))


def name_at(
    text: str, pos: int, limit: int | None = None, follow: re.Pattern[str] | None = None
) -> tuple[int, int] | None:
    """The span of a personal name starting at `pos` and followed by a boundary, if any.

    `follow` adds what may also follow the name (e.g. 党内|政务 after 给予王建国).
    """
    limit = len(text) if limit is None else limit
    surname = _surname_len(text, pos)
    if not surname or pos + surname >= limit or text[pos + surname] in _ANONYMISED:
        return None
    for n in range(_given_len(text, pos + surname, limit), 0, -1):
        end = pos + surname + n
        if _ordinary(text[pos:end], surname):
            return None
        if end >= limit or text[end] in _STOP_CHARS or _FOLLOW.match(text, end):
            return pos, end
        if follow is not None and follow.match(text, end):
            return pos, end
    return None


def name_before(text: str, end: int, start: int = 0) -> tuple[int, int] | None:
    """The span of a personal name that ends at `end` (e.g. just before 同志), if any."""
    if text[max(start, end - 2) : end] in GENERIC_BEFORE or text[end - 1 : end] in "老男女该":
        return None
    for length in (3, 2, 4):
        pos = end - length
        if pos < start:
            continue
        surname = _surname_len(text, pos)
        if not surname or end - pos - surname not in (1, 2):
            continue
        given = text[pos + surname : end]
        if not all(_HAN.match(c) and c not in _STOP_CHARS and c not in _ANONYMISED for c in given):
            continue
        if given in GENERIC_BEFORE or _ordinary(text[pos:end], surname):
            continue
        return pos, end
    return None
