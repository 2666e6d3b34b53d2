"""Leaders' names, posts and order (RULES.md §4.5; issue 17): checks against an admin table.

The table is data the deployment keeps (the service's `leaders` table): name, post, level,
order, valid from/to. Nothing is hard-coded. Every check starts from a table entry found in
the text, so text that names no table entry gets no flag:

- `post_mismatch`: a current leader's name right after a post that is not theirs
  (副县长张三 when 张三 is 县长);
- `name_mismatch`: a current post of the table right before a name that is not its holder's
  (县长张山 when the 县长 is 张三 — catches homophones and slips of the pen), unless the post is
  marked as another place's (邻县县长…, 兄弟市…);
- `order`: several current leaders in one sentence, not in the table's order;
- `term_ended`: the name of a leader whose every term has ended, without 原/前.

All are warnings: the table may lag behind a change, and a post in the text may be another
place's. Built once per table version (one Aho-Corasick automaton), scanned per draft.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ahocorasick_rs import AhoCorasick, Implementation

from models.checks.names import name_at
from models.report import Field, Flag
from models.rules.schema import Rule
from models.text import Document, Span

# Generic posts, for the post written before a name when it is not in the table.
_POST = re.compile(
    r"(?:常务|第一)?副?(?:书记|省长|市长|州长|县长|区长|旗长|镇长|乡长|主任|局长|厅长|部长|主席|"
    r"秘书长|委员|常委|处长|科长|署长|院长|检察长|庭长|所长|队长|站长|校长|行长|总经理|董事长)$"
)
_FORMER = ("原", "前", "前任", "时任", "曾任")
# what may follow a name after a post, besides punctuation (县长张三主持会议)
_AFTER_NAME = re.compile(
    r"主持|出席|参加|指出|强调|表示|要求|讲话|致辞|带队|调研|督导|检查|一行|率|在|到|深入|前往|走访|看望"
)
_BEFORE = 16  # how far back a post before a name may start
# a post of another place (邻县县长…, 兄弟市市长…, 外省…): the table is this office's, so the
# name after it is not compared with the table's holder
_OTHER_PLACE = re.compile(
    r"(?:邻|外|兄弟|周边|友邻|友好|其他|其它|毗邻|相邻|邻近|(?:对口|结对)(?:帮扶|支援|协作)?)"
    r"[省市州盟县区旗乡镇]{1,2}$"
)


def _rule(rule_id: str, code: str, message: str, suggestion: str | None) -> Rule:
    return Rule.model_validate(
        {
            "id": rule_id,
            "kind": "leader",
            "code": code,
            "type": "code",
            "severity": "warning",
            "field": "any",
            "message": message,
            "suggestion": suggestion,
            "ref": "本单位领导姓名职务排序表（RULES.md §4.5）",
            "examples": {"bad": ["-"], "good": ["."]},  # case table: tests/models/test_leaders.py
        }
    )


RULES = {
    "post_mismatch": _rule(
        "leader.post_mismatch",
        "post_mismatch",
        "领导职务与领导表不一致：{name}的职务为“{post}”，此处为“{written}”",
        "核对后改为“{post}{name}”",
    ),
    "name_mismatch": _rule(
        "leader.name_mismatch",
        "name_mismatch",
        "领导姓名与领导表不一致：“{post}”为{holder}，此处为“{written}”",
        "核对后改为“{post}{holder}”",
    ),
    "order": _rule(
        "leader.order",
        "order",
        "领导排序与领导表不一致，应为：{expected}",
        "按领导表顺序排列：{expected}",
    ),
    "term_ended": _rule(
        "leader.term_ended",
        "term_ended",
        "{name}的“{post}”任期已于{until}结束，请核对",
        "如指原任职务，写作“原{post}{name}”",
    ),
}


@dataclass(frozen=True)
class Leader:
    name: str
    post: str
    level: str = ""
    order: int = 0
    valid_from: date | None = None
    valid_to: date | None = None

    def current(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


def _post_fits(written: str, post: str) -> bool:
    """The post written before a name is this table post (a place prefix on either is fine)."""
    if written == post:
        return True
    if post.endswith(written):  # 政协主席 for 县政协主席, not 县长 for 副县长
        return not post[: -len(written)].endswith("副")
    if written.endswith(post):
        extra = written[: -len(post)]
        return not extra.endswith(("副", "常务", "第一", "代"))
    return False


@dataclass(frozen=True)
class _Hit:
    kind: str  # "name" | "post"
    value: str
    start: int
    end: int


class LeaderTable:
    """Every table name and post in one automaton; checks run per draft on a given day."""

    def __init__(self, leaders: Iterable[Leader]) -> None:
        self.leaders = [x for x in leaders if x.name.strip() and x.post.strip()]
        self.by_name: dict[str, list[Leader]] = {}
        self.by_post: dict[str, list[Leader]] = {}
        for x in self.leaders:
            self.by_name.setdefault(x.name, []).append(x)
            self.by_post.setdefault(x.post, []).append(x)
        self._posts = sorted(self.by_post, key=len, reverse=True)
        self._words = [("name", name) for name in self.by_name]
        self._words += [("post", post) for post in self.by_post if post not in self.by_name]
        self.empty = not self.leaders
        self._auto = (
            None
            if self.empty
            else AhoCorasick([w for _, w in self._words], implementation=Implementation.DFA)
        )

    def __len__(self) -> int:
        return len(self.leaders)

    def scan(self, doc: Document, day: date | None = None) -> list[Flag]:
        if self.empty:
            return []
        day = day or date.today()
        flags: list[Flag] = []
        for ft in (doc.title, doc.body):
            name = ft.name
            hits = self._hits(ft.norm)
            if not hits:
                continue
            names = [h for h in hits if h.kind == "name"]
            for h in names:
                flags.extend(self._name_flags(ft.norm, ft.text, name, h, day))
            for h in hits:
                if h.kind == "post":
                    flags.extend(self._post_flags(ft.norm, ft.text, name, h, day))
            flags.extend(self._order_flags(ft.text, ft.sentences, name, names, day))
        return flags

    def _hits(self, norm: str) -> list[_Hit]:
        if self._auto is None:
            return []
        hits = self._auto.find_matches_as_indexes(norm, overlapping=True)
        # by where they end, the longest first (the order checks have always seen them in)
        found = [
            _Hit(*self._words[i], start, end)
            for i, start, end in sorted(hits, key=lambda h: (h[2], h[1]))
        ]
        # a post inside a longer post or name (县长 in 副县长) is not a hit of its own
        return [
            h
            for h in found
            if not any(
                o is not h
                and o.start <= h.start
                and h.end <= o.end
                and o.end - o.start > h.end - h.start
                for o in found
            )
        ]

    def _written_post(self, norm: str, start: int) -> str | None:
        before = norm[max(0, start - _BEFORE) : start]
        for post in self._posts:
            if before.endswith(post):
                # keep a 副/常务 written in front of the table post: it changes the post
                m = _POST.search(before)
                return m.group() if m and len(m.group()) > len(post) else post
        m = _POST.search(before)
        return m.group() if m else None

    def _name_flags(self, norm: str, text: str, field: Field, h: _Hit, day: date) -> list[Flag]:
        entries = self.by_name[h.value]
        current = [x for x in entries if x.current(day)]
        lead = norm[max(0, h.start - _BEFORE) : h.start]
        written = self._written_post(norm, h.start)
        former = written is not None and lead[: len(lead) - len(written)].endswith(_FORMER)
        if current:
            if written is None or former or any(_post_fits(written, x.post) for x in current):
                return []
            start = h.start - len(written)
            post = "、".join(x.post for x in current)
            rule = RULES["post_mismatch"]
            return [rule.flag(field, start, h.end, text, name=h.value, post=post, written=written)]
        ended = [x for x in entries if x.valid_to is not None and x.valid_to < day]
        if not ended or former or lead.endswith(_FORMER):
            return []
        last = max(ended, key=lambda x: x.valid_to or day)
        until = f"{last.valid_to:%Y年%-m月%-d日}"
        return [
            RULES["term_ended"].flag(
                field, h.start, h.end, text, name=h.value, post=last.post, until=until
            )
        ]

    def _post_flags(self, norm: str, text: str, field: Field, h: _Hit, day: date) -> list[Flag]:
        holders = [x for x in self.by_post[h.value] if x.current(day)]
        before = norm[max(0, h.start - _BEFORE) : h.start]
        if not holders or before.endswith(("副", "常务")) or _OTHER_PLACE.search(before):
            return []
        span = name_at(norm, h.end, follow=_AFTER_NAME)
        if span is None:
            return []
        written = norm[span[0] : span[1]]
        if written in self.by_name or any(written == x.name for x in holders):
            return []
        rule = RULES["name_mismatch"]
        holder = "、".join(x.name for x in holders)
        return [
            rule.flag(field, h.start, span[1], text, post=h.value, holder=holder, written=written)
        ]

    def _order_flags(
        self, text: str, sentences: list[Span], field: Field, names: list[_Hit], day: date
    ) -> list[Flag]:
        flags: list[Flag] = []
        for s, e in sentences:
            seen: dict[str, _Hit] = {}
            for h in names:
                if s <= h.start < e and h.value not in seen:
                    if any(x.current(day) for x in self.by_name[h.value]):
                        seen[h.value] = h
            if len(seen) < 2:
                continue
            rank = {n: min(x.order for x in self.by_name[n] if x.current(day)) for n in seen}
            written = list(seen)
            expected = sorted(written, key=lambda n: rank[n])
            if [rank[n] for n in written] != sorted(rank[n] for n in written):
                first, last = seen[written[0]], seen[written[-1]]
                flags.append(
                    RULES["order"].flag(
                        field, first.start, last.end, text, expected="、".join(expected)
                    )
                )
        return flags
