"""The headline pass's shortcuts give what the longer way gave: regexes split so the engine
skips ahead in C (their earlier forms kept here as oracles), clauses read only as far as the
forms ask, and clauses without a level character skipped by the place search."""

from __future__ import annotations

import random
import re
from bisect import bisect_left, bisect_right

import pytest

from models.headline import cuts, genre, lead, phrases, subject
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
    r"(建议如下|对策建议|具体建议|几点建议|提出如下建议|代表建议|委员建议|社情民意|"
    r"为此建议|对此建议|因此建议|据此建议|特建议|现建议|(?:^|[。\n])\s*建议[:：])"
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


def _earlier_after_number(phrase: str, text: str) -> bool:
    numeral = "0-9一二三四五六七八九十两几多余"
    counted = re.search(rf"[{numeral}]{re.escape(phrase)}", text)
    free = re.search(rf"(?<![{numeral}]){re.escape(phrase)}", text)
    return bool(counted) and not free


def _earlier_tail_of_name(place: str, text: str) -> bool:
    starts = [m.start() for m in re.finditer(re.escape(place), text)]
    before = {text[i - 1] if i else "" for i in starts}
    if len(starts) < 2 or len(before) != 1:
        return False
    (c,) = before
    return bool(c) and bool(re.match(r"[\u4e00-\u9fa5]", c)) and c not in cuts._NOT_NAME


def test_cut_names_found_by_find_as_by_their_earlier_patterns() -> None:
    """cuts.py looks for a phrase with str.find, not a pattern compiled per phrase."""
    rng = random.Random(7)
    bodies = _bodies()[::3]
    noise = [
        "".join(rng.choices(list("某县某市乡3三个家龙泉沙江。，县县"), k=30)) for _ in range(3000)
    ]
    counted = tails = 0
    for text in bodies + noise:
        for _ in range(6):
            at = rng.randrange(max(1, len(text) - 3))
            for phrase in (text[at : at + 3], text[at : at + 2], "县县", "某县", "个村"):
                assert cuts._after_number(phrase, text) == _earlier_after_number(phrase, text)
                assert cuts._tail_of_name(phrase, text) == _earlier_tail_of_name(phrase, text)
                counted += cuts._after_number(phrase, text)
                tails += cuts._tail_of_name(phrase, text)
    assert counted > 50 and tails > 50


def _earlier_read_lead(doc: Document, max_sentences: int = 12) -> lead.Lead:
    """read_lead as it was: each clause's tokens found by a binary search of its own."""
    norm = doc.body.norm
    kept = lead._kept_spans(doc)
    sentences: list[str] = []
    clauses: list[lead.Clause] = []
    all_sentences = doc.body.sentences
    ends = [e for _, e in all_sentences]
    for p_start, p_end in kept:
        if len(sentences) >= max_sentences:
            break
        for s_start, s_end in all_sentences[bisect_right(ends, p_start) :]:
            if s_start >= p_end or len(sentences) >= max_sentences:
                break
            s_start = max(s_start, p_start)
            sentence = norm[s_start:s_end]
            if lead._REPORT_LINE.search(sentence):
                continue
            index = len(sentences)
            sentences.append(sentence)
            pos = s_start
            breaks = lead._CLAUSE_BREAK if "." in sentence else lead._PLAIN_BREAK
            for part in breaks.split(sentence):
                at = norm.find(part, pos, s_end) if part else -1
                if at < 0:
                    continue
                pos = at + len(part)
                i = bisect_left([token[1] for token in doc.body.tokens], at)
                words = []
                for word, _, stop in doc.body.tokens[i : i + max(0, pos - at)]:
                    if stop > pos:
                        break
                    words.append(word)
                clauses.append(lead.Clause(part, tuple(words), index))
    text = "\n".join(norm[s:e] for s, e in kept)
    return lead.Lead(text, tuple(sentences), tuple(clauses), lead._source(doc))


def test_lead_clauses_take_the_tokens_a_binary_search_took() -> None:
    rows = read_corpus()
    extra = [
        "某县。\n来源：某县信访局\n  今年以来，某县.开展整治.一是 抓。",
        "",
        "。。",
        "a.b 某 县",
    ]
    compared = 0
    for title, body in [(r.get("title", ""), r["body"]) for r in rows] + [("", b) for b in extra]:
        for limit in (3, 12):
            doc = Document.from_text(title, body)
            assert read_lead(doc, limit) == _earlier_read_lead(doc, limit)
            compared += 1
    assert compared > 2000


def _guarded() -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
    from models.headline import action, ceremony, held, phenomenon

    return [
        (action._EVENT, action.EVENT_ENDS),
        (ceremony._CEREMONY, ceremony.CEREMONY_ENDS),
        (held._HELD, held.HELD_ENDS),
        (held._AT, held.HELD_ENDS),
        (phenomenon._STATED, phenomenon.SHAPE_ENDS),
        (phenomenon._BECOMES, phenomenon.SHAPE_ENDS),
        (phenomenon._WEAK, phenomenon.SHAPE_ENDS),
    ]


def test_clause_shapes_are_tried_only_on_the_words_they_close_on() -> None:
    """A clause that does not end on one of the listed words never matches the shape: every
    Chinese run of the pattern's own text (and each tail of it) is tried as an ending."""
    clauses = [c.text for lead_ in _leads() for c in lead_.clauses]
    matched = 0
    for pattern, ends in _guarded():
        runs = set(re.findall(r"[\u4e00-\u9fa5]+", pattern.pattern))
        tails = {r[i:] for r in runs for i in range(len(r))}
        heads = ["某县某某活动", "在某县某镇某村", "某县第三届“丰收节”", "农村饮水安全的"]
        heads += [
            "村级组织仍是",
            "农村饮水已成为最突出的",
            "散养户粪污问题日益",
            "某县某中心于某镇",
        ]
        texts = clauses + [h + t + nl for h in heads for t in tails for nl in ("", "\n")]
        texts += [h + "在某镇" + t for h in heads for t in tails]
        for text in texts:
            if pattern.match(text):
                assert text.endswith(ends), (pattern.pattern[:30], text)
                matched += 1
    assert matched > 100
