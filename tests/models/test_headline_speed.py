"""The headline pass's shortcuts give what the longer way gave: regexes split so the engine
skips ahead in C (their earlier forms kept here as oracles), clauses read only as far as the
forms ask, and clauses without a level character skipped by the place search."""

from __future__ import annotations

import random
import re

import pytest

from models.headline import genre, lead, phrases, subject
from models.headline.lead import read_lead
from models.headline.subject import find_subject
from models.text import Document, normalize
from training.dataset import read_corpus

_CN = "一二三四五六七八九十"
EARLIER_ENUMS = (
    re.compile(rf"(?:^|[。；;：:\n])\s*([{_CN}])是"),
    re.compile(rf"(?:^|\n)\s*[（(]([{_CN}])[）)]"),
    re.compile(rf"(?:^|\n)\s*([{_CN}])、"),
)
EARLIER_ANNOUNCED = re.compile(
    r"([一二三四五六七八九十两])(?:个)?方面(?:的)?(?:突出)?(问题|举措|措施|做法|工作)"
    r"|([一二三四五六七八九十两])(?:个|大|项)“?(突破|行动|工程|举措|措施|机制|体系|任务)"
)
EARLIER_SUGGESTS = re.compile(
    r"(建议如下|对策建议|具体建议|几点建议|提出如下建议|代表建议|委员建议|社情民意|(?:^|[。\n])\s*建议[:：])"
)
_PIECES = (
    "一 二 三 十 两 是 、 （ ( ） ) 。 ； ; ： : \n 个 大 项 方面 的 突出 问题 举措 工作 “ 行动 体系 "
    "建议 建议如下 对策建议 社情民意 代表 ， 某 某某 . 1 2.5 县 市"
).split() + [" ", "  ", "\n\n"]


def _bodies() -> list[str]:
    return [normalize(r["body"]) for r in read_corpus()]


def _noise(n: int = 20000) -> list[str]:
    rng = random.Random(15)
    return ["".join(rng.choices(_PIECES, k=rng.randint(1, 16))) for _ in range(n)]


def test_enumerations_match_as_their_earlier_form() -> None:
    found = 0
    for text in _bodies() + _noise():
        for earlier, (start, after) in zip(EARLIER_ENUMS, phrases._ENUMS, strict=True):
            before = [(m.span(), m.group(1)) for m in earlier.finditer(text)]
            now = phrases._enum_items(start, after, text)
            assert [(m.span(), m.group(1)) for m in now] == before, text[:60]
            found += len(before)
    assert found > 1000


def test_announced_counts_and_suggestions_as_their_earlier_form() -> None:
    counts = suggested = 0
    for text in _bodies() + _noise():
        before = [(m.span(), m.group(1) or m.group(3)) for m in EARLIER_ANNOUNCED.finditer(text)]
        now = [(m.span(), m.group(1)) for m in phrases._ANNOUNCED.finditer(text)]
        assert now == before, text[:60]
        assert genre.suggests(text) == bool(EARLIER_SUGGESTS.search(text)), text[:60]
        counts += len(before)
        suggested += genre.suggests(text)
    assert counts > 100 and suggested > 100


@pytest.mark.parametrize("text", ["某县。一是抓。二是推", "\n 建议：", "，建议：", "建议:一是"])
def test_shapes_at_the_start_of_the_text(text: str) -> None:
    assert genre.suggests(text) == bool(EARLIER_SUGGESTS.search(text))
    for earlier, (start, after) in zip(EARLIER_ENUMS, phrases._ENUMS, strict=True):
        now = [m.span() for m in phrases._enum_items(start, after, text)]
        assert now == [m.span() for m in earlier.finditer(text)]


def test_clause_breaks_without_a_full_stop_as_the_full_pattern() -> None:
    for text in _bodies()[::4] + _noise(5000):
        for sentence in re.split(r"(?<=[。；])", text):
            if "." not in sentence:
                assert lead._PLAIN_BREAK.split(sentence) == lead._CLAUSE_BREAK.split(sentence)


def _leads() -> list[lead.Lead]:
    rows = read_corpus()[::5]
    return [read_lead(Document.from_text(r.get("title", ""), r["body"])) for r in rows]


def test_acting_clauses_of_the_first_sentences_as_read_over_the_whole_lead() -> None:
    compared = 0
    for lead_ in _leads():
        found = find_subject(lead_)
        whole = subject._acting_clauses(lead_, found, len(lead_.sentences))
        assert len(whole) == len(lead_.clauses)
        for sentences in (1, 3, 5):
            prefix = subject.acting_clauses(lead_, found, sentences)
            assert prefix == whole[: len(prefix)]
            assert all(c.sentence < sentences for c in lead_.clauses[: len(prefix)])
            assert all(c.sentence >= sentences for c in lead_.clauses[len(prefix) :])
            compared += len(prefix)
    assert compared > 1000


def test_a_clause_without_a_level_character_holds_no_place() -> None:
    skipped = 0
    for lead_ in _leads():
        for clause in lead_.clauses:
            if subject._SUFFIX_CHARS.isdisjoint(clause.text):
                assert subject._raw_places(clause) == []
                assert subject._clause_start_place(clause, lead_.text) is None
                assert subject._places_in(clause, lead_.text) == ()
                skipped += 1
    assert skipped > 1000


def test_the_wider_place_is_the_subject_search_place() -> None:
    for lead_ in _leads():
        for sentences in (3, len(lead_.sentences)):
            found = subject._find_subject(lead_, sentences)
            assert subject._best_place(lead_, sentences)[0] == found.place


def test_every_place_suffix_ends_on_a_level_character() -> None:
    """The skip above holds only while every suffix the place search knows ends on one of
    _SUFFIX_CHARS (a new suffix must be added there too)."""
    clause_start = re.fullmatch(r".*\(([^()]*)\)", subject.START_PLACE.pattern)
    assert clause_start is not None
    suffixes = [*subject.PLACE_SUFFIXES, *subject._ONE_CHAR, *clause_start.group(1).split("|")]
    assert all(s[-1] in subject._SUFFIX_CHARS for s in suffixes)
    assert "街道" in suffixes and "自治县" in suffixes
