"""models.rules.prefilter: a rule is skipped only when its regex cannot match the text."""

from __future__ import annotations

import random
import re

import pytest

from models.rules.engine import default_rules
from models.rules.prefilter import (
    CombinedFilter,
    may_match,
    needs,
    opener_groups,
    plain_optionals,
    required_chars,
)
from models.text import normalize
from training.dataset import read_corpus


def _needs(pattern: str) -> set[str]:
    """Each clause as its strings joined: single characters without a separator."""
    out = set()
    for clause in required_chars(re.compile(pattern)):
        sep = "" if all(len(s) == 1 for s in clause) else "|"
        out.add(sep.join(sorted(clause)))
    return out


def test_required_characters_are_read_off_the_pattern() -> None:
    assert _needs("记者[：:]") == {"记", "者", "记者", ":："}
    assert _needs("(网|台)讯") == {"台网", "讯"}
    assert _needs("据.{0,5}报道") >= {"据", "报道"}
    assert _needs("据[^，]{2,16}(报道|消息)") >= {"据", "报道|消息"}
    assert _needs("(?=据)") == {"据"}  # a positive lookahead's text is in the string too
    # nothing is required where any character can stand
    for pattern in (r"\d+", "[^。]+", "[\u4e00-\u9fa5]{2}", "(?i)abc", "a?", "(?!x)y?", "a|.", ""):
        assert required_chars(re.compile(pattern)) == (), pattern
    # one alternative may match without the other's characters
    assert _needs("甲乙|丙") == {"丙|甲乙", "丙乙"}


def test_may_match() -> None:
    need = needs(re.compile("(网|台)讯"))
    assert may_match(need, frozenset("某某网讯"), "某某网讯")
    assert not may_match(need, frozenset("某某网消息"), "某某网消息")
    assert may_match((), frozenset(), "")
    need = needs(re.compile("记者"))
    assert not may_match(need, frozenset("记录学者"), "记录学者")
    assert may_match(need, frozenset("本报记者"), "本报记者")


def test_combined_filter_agrees_with_may_match() -> None:
    """One scan per text says, for every pattern rule, what its own `may_match` says."""
    rules = default_rules().patterns
    combined = CombinedFilter([r.needs for r in rules])
    skipped = 0
    for row in read_corpus()[::7]:
        for text in (normalize(row["title"]), normalize(row["body"])):
            chars = frozenset(text)
            expected = [may_match(r.needs, chars, text) for r in rules]
            assert combined.possible(chars, text) == expected, text[:40]
            assert combined.possible_in(text) == expected, text[:40]
            skipped += expected.count(False)
    assert skipped > 0
    # clauses shared by patterns, strings inside strings, and a pattern that needs nothing
    small = CombinedFilter([needs(re.compile(p)) for p in ("(网|台)讯", "记者", "者", "x?")])
    assert small.possible(frozenset("某某网讯"), "某某网讯") == [True, False, False, True]
    assert small.possible(frozenset("本报记者"), "本报记者") == [False, True, True, True]
    assert small.possible(frozenset("记录学者"), "记录学者") == [False, False, True, True]
    for text in ("某某网讯", "本报记者", "记录学者", ""):
        for padded in (text, text + "。" * 200):  # a short text's set, a long one's code points
            assert small.possible_in(padded) == small.possible(frozenset(padded), padded)


def test_possible_in_reads_characters_beyond_the_bmp() -> None:
    """`possible_in` reads a text's characters by code point: U+FFFF and characters beyond
    the BMP (a filter character or not) answer as `possible` does."""
    patterns = ("[𠀀𠀁]记", "[\uffff]x", "[甲乙]丙")
    small = CombinedFilter([needs(re.compile(p)) for p in patterns])
    pad = "。" * 200  # past the length at which possible_in reads code points
    for text in ("𠀀记者", "𠀁", "记者", "\uffffx", "x", "丙甲", "𠀂丙乙"):
        text += pad
        assert small.possible_in(text) == small.possible(frozenset(text), text), text
    assert small.possible_in("𠀀记者" + pad) == [True, False, False]
    assert small.possible_in("丙甲\uffffx" + pad) == [False, True, True]


@pytest.mark.heavy
def test_no_skipped_rule_matches_a_corpus_text() -> None:
    rules = [r for r in default_rules().rules if r.type == "pattern"]
    skipped = 0
    for row in read_corpus():
        for text in (normalize(row["title"]), normalize(row["body"])):
            chars = frozenset(text)
            for rule in rules:
                if not may_match(rule.needs, chars, text):
                    skipped += 1
                    assert rule.regex.search(text) is None, (rule.id, text[:40])
    assert skipped > 0


def test_possible_and_hits_finds_the_extra_strings_in_the_same_scan() -> None:
    """Strings added with `also` light no clause and are found where they occur, overlapping
    (the term rules' terms: RuleSet.check reads them off the prefilter's scan)."""
    patterns = [needs(re.compile(p)) for p in ("(网|台)讯", "记者", "者")]
    plain = CombinedFilter(patterns)
    both = CombinedFilter(patterns, also=["记者", "本报", "报记", "x"])
    assert both.index_of["记者"] == plain.index_of["记者"]  # shared, not added twice
    pad = "。" * 120
    for text in ("本报记者", "本报记者" + pad, "网讯x", "", "某某网讯" + pad + "本报"):
        possible, hits = both.possible_and_hits(text)
        assert possible == plain.possible_in(text) == both.possible_in(text), text
        strings = [s for s, i in sorted(both.index_of.items(), key=lambda kv: kv[1])]
        want = {(s, m.start()) for s in ("记者", "本报", "报记", "x") for m in re.finditer(s, text)}
        got = {
            (strings[i], start)
            for i, start, end in hits
            if strings[i] in ("本报", "报记", "x", "记者")
        }
        assert got == want, text


def test_opener_groups_join_patterns_whose_opening_classes_overlap() -> None:
    patterns = [
        re.compile(p)
        for p in (
            r"[0-9](?<![0-9][0-9])[0-9]*%",  # 0
            r"[xy]c",  # 1: no overlap, a group of one: left out
            r"[0-5](?P<n>[0-9])b",  # 2: named groups become plain ones in the union
            r"(?:[0-9])z",  # 3: does not open on a class
            r"[05]q|r",  # 4: a top-level alternation
            r"[0-9](a)\1",  # 5: a back-reference
            r"[a5]d",  # 6: joins through 5
            r"(?m)[0-9]e$",  # 7: flags
        )
    ]
    groups = opener_groups(patterns)
    assert [members for _, members in groups] == [[0, 2, 6]]
    gate = groups[0][0]
    assert gate.groupindex == {}
    for text, hit in (
        ("12%", True),
        ("a12", False),
        ("x05b", True),
        ("yad", True),
        ("bd", False),
        ("5%", True),
        ("%5", False),
    ):
        assert (gate.search(text) is not None) is hit, text


def test_a_group_finds_something_wherever_a_member_matches() -> None:
    """The shipped groups (the number-form rules that open on digits, the Chinese-numeral
    ones): where the union finds nothing, no member matches, on corpus texts and noise."""
    rules = default_rules()
    groups = opener_groups([r.regex for r in rules.patterns])
    ids = {rules.patterns[k].id for _, members in groups for k in members}
    assert {"number.range_format.percent", "number.zero_form", "sensitive.phone"} <= ids
    rng = random.Random(15)
    alphabet = "0123456789一二三〇零○年月日、，。%.-～至到万亿十百千Xx×*□“星党期（）〔〕+86届次 "
    texts = [normalize(row["body"]) for row in read_corpus()[::2]]
    texts += ["".join(rng.choices(alphabet, k=rng.randint(1, 24))) for _ in range(20000)]
    matched = 0
    for text in texts:
        for gate, members in groups:
            first = gate.search(text)
            for k in members:
                m = rules.patterns[k].regex.search(text)
                if m is not None:
                    matched += 1
                    assert first is not None and first.start() <= m.start(), (k, text[:40])
    assert matched > 1000


@pytest.mark.parametrize(
    ("pattern", "written"),
    [
        (r"1(?:\.[0-9]+)?%", r"1(?:\.[0-9]+|)%"),
        (r"(?:a(?:b)?)?c", r"(?:a(?:b|)|)c"),
        (r"(?:a|b)?c", r"(?:a|b|)c"),
        # left alone: lazy and possessive groups, capturing groups, escapes, classes
        (r"(?:a)??c", r"(?:a)??c"),
        (r"(?:a)?+c", r"(?:a)?+c"),
        (r"(a)?c", r"(a)?c"),
        (r"(?P<n>a)?c", r"(?P<n>a)?c"),
        (r"(?=a)?c", r"(?=a)?c"),
        (r"\(?:a\)?", r"\(?:a\)?"),
        (r"[(?:a)?]c", r"[(?:a)?]c"),
        (r"[](?:a)?]c", r"[](?:a)?]c"),
        (r"[]()](?:a)?", r"[]()](?:a|)"),
        (r"[^]()](?:a)?", r"[^]()](?:a|)"),
        (r"[\]()](?:a)?", r"[\]()](?:a|)"),
    ],
)
def test_plain_optionals_writes_greedy_optional_groups_as_alternations(
    pattern: str, written: str
) -> None:
    """`(?:X)?` becomes `(?:X|)`, nothing else changes, and the matches stay the same."""
    assert plain_optionals(pattern) == written
    texts = ["", "c", "ac", "abc", "1%", "1.5%", "1.%", "(a)c", "]a", "b)a", "?c", "aa c"]
    before, after = re.compile(pattern), re.compile(written)
    for text in texts:
        assert [m.span() for m in before.finditer(text)] == [
            m.span() for m in after.finditer(text)
        ], (pattern, text)


def test_plain_optionals_keeps_every_pattern_rule_s_matches() -> None:
    """Every shipped pattern rule's regex, rewritten by `plain_optionals` (as the group regexes
    are), finds the same matches in the corpus texts."""
    rules = default_rules()
    pairs = [
        (r.regex, re.compile(plain_optionals(r.regex.pattern), r.regex.flags))
        for r in rules.patterns
    ]
    assert sum(old.pattern != new.pattern for old, new in pairs) > 10
    found = 0
    for row in read_corpus()[::3]:
        for text in (normalize(row["title"]), normalize(row["body"])):
            for old, new in pairs:
                spans = [m.span() for m in old.finditer(text)]
                assert [m.span() for m in new.finditer(text)] == spans, (old.pattern, text[:40])
                found += len(spans)
    assert found > 1000
