"""错别字与规范用语 (issue 17): a case table of our own sentences, expected rule and span."""

from __future__ import annotations

import pytest

from models.rules.engine import default_rules
from models.text import Document

CASES = [
    # (body, expected [(rule, flagged text)])
    ("全县对秋冬季防火工作进行了全面布署。", [("wording.typo.word", "布署")]),
    ("为群众免费按装燃气报警器860个。", [("wording.typo.word", "按装")]),
    ("县财政划拔专项资金300万元。", [("wording.typo.word", "划拔")]),
    ("全面进入主汛期，防讯形势严峻。", [("wording.typo.word", "防讯")]),
    ("各乡镇要按步就班推进，确保不留死角。", [("wording.typo.word", "按步就班")]),
    ("村级报帐员统一培训。", [("wording.typo.account", "报帐")]),
    ("其它村组参照执行。", [("wording.usage.other", "其它")]),
    ("市政府对此做出批示。", [("wording.usage.zuo", "做出批示")]),
    ("要切实作好安置工作。", [("wording.usage.zuo", "作好")]),
    ("截止今年6月，已发放补贴1.2亿元。", [("wording.usage.jiezhi", "截止")]),
    ("每个网格必需配备1名专职网格员。", [("wording.usage.bixu", "必需")]),
    ("即要防风险，又要稳增长。", [("wording.usage.jiyao", "即")]),
    ("各部门积极的配合，形成合力。", [("wording.de_di_de.di", "的")]),
    ("秋收进展的十分顺利。", [("wording.de_di_de.de", "的")]),
    ("这是是全县第一家共享农场。", [("wording.repeat.char", "是是")]),
    ("督促企业加快加快整改进度。", [("wording.repeat.word", "加快加快")]),
    ("共排查隐患36处；；已整改30处。", [("wording.punctuation.double", "；")]),
    (
        "一是加强宣传，二是强化督查,三是严格考核，四是跟踪问效。",
        [("wording.punctuation.width", ",")],
    ),
    # deliberate non-flags:
    ("截至今年6月，已发放补贴1.2亿元，申报截止时间为7月1日。", []),  # 截止时间 is right
    ("储备帐篷200顶、生活必需品30吨。", []),  # 帐篷 and 必需品 are right
    ("良好的营商环境是最好的招商名片。", []),  # 好的 … 的 is not 的的
    ("把工作好好抓一抓，把合作好的经验推广开。", []),  # 工作好 / 合作好 contain 作好
    ("大家一件一件落实，一户一户走访。", []),  # one by one, not a slip
    ("总投资1,234万元，占比12.5%。", []),  # a thousands separator is not a Chinese comma
    ("项目于5月31日截止申报，得到了积极的推进。", []),  # 截止 + verb; 得到…的推进
    ("全文使用半角逗号,没有混用,不作提示。", []),  # one style throughout: no mix
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_wording_case(body: str, expected: list[tuple[str, str]]) -> None:
    doc = Document.from_text("", body)
    hits = [(f.rule, f.text) for f in default_rules().check(doc) if f.kind == "wording"]
    assert sorted(hits) == sorted(expected)


def test_many_confusion_pairs() -> None:
    from training.eval_typos import term_pairs

    pairs = term_pairs()
    assert len(pairs) >= 40
    assert all(t != u for t, u in pairs)


def test_repeat_places_are_every_word_equal_to_the_next_or_the_one_after() -> None:
    """wording._places (a plain loop, fast compiled) lists, in order and once each, every
    index whose word equals the next word or the word after it."""
    import random

    from models.checks.wording import _places

    rng = random.Random(15)
    for _ in range(5000):
        words = [rng.choice(["进一步", "完成", "，", "的", "a"]) for _ in range(rng.randint(0, 14))]
        n = len(words)
        expected = sorted(
            {i for i in range(n - 1) if words[i] == words[i + 1]}
            | {i for i in range(n - 2) if words[i] == words[i + 2]}
        )
        assert _places(words) == expected, words
