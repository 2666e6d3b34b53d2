"""Leaders' names, posts and order (issue 17): a case table against a made-up table."""

from __future__ import annotations

from datetime import date

import pytest

from models.leaders import Leader, LeaderTable
from models.text import Document

DAY = date(2026, 12, 1)
TABLE = LeaderTable(
    [
        Leader("李明远", "县委书记", "县级", 1),
        Leader("张建华", "县长", "县级", 2),
        Leader("王秀英", "县人大常委会主任", "县级", 3),
        Leader("陈国平", "县政协主席", "县级", 4),
        Leader("刘志强", "常务副县长", "县级", 5),
        Leader("赵丽", "副县长", "县级", 6),
        Leader("孙海涛", "副县长", "县级", 7),
        Leader("欧阳晨", "县委副书记", "县级", 8),
        # left office: 周文斌 was 县长 until the end of 2024, now 县政协主席 is 陈国平
        Leader("周文斌", "县长", "县级", 2, date(2019, 1, 1), date(2024, 12, 31)),
        # changed posts: 赵丽 was 县长助理 before she became 副县长
        Leader("赵丽", "县长助理", "县级", 9, date(2020, 1, 1), date(2023, 6, 30)),
        # takes office next year: not checked yet
        Leader("吴天宇", "副县长", "县级", 10, date(2027, 3, 1), None),
    ]
)

PM, NM, OR, TE = "leader.post_mismatch", "leader.name_mismatch", "leader.order", "leader.term_ended"

CASES = [
    # --- post with a known name (post_mismatch)
    ("副县长张建华到青禾镇调研。", [(PM, "副县长张建华")]),
    ("县委副书记李明远主持会议。", [(PM, "县委副书记李明远")]),
    ("县长刘志强带队检查。", [(PM, "县长刘志强")]),
    ("副县长刘志强带队检查。", []),  # 常务 left out: the same post, deliberately no flag
    ("常务副县长刘志强带队检查。", []),
    ("县长赵丽出席活动。", [(PM, "县长赵丽")]),
    ("县长助理赵丽出席活动。", [(PM, "县长助理赵丽")]),  # her former post, written as current
    ("原县长助理赵丽到会指导。", []),  # 原: the former post is meant
    ("副县长赵丽出席活动。", []),
    ("副县长孙海涛主持。", []),
    ("县政协副主席陈国平致辞。", [(PM, "副主席陈国平")]),
    ("县政协主席陈国平致辞。", []),
    ("政协主席陈国平致辞。", []),  # the table post with its place left out
    ("县人大常委会主任王秀英讲话。", []),
    ("县人大常委会副主任王秀英讲话。", [(PM, "副主任王秀英")]),
    ("县委书记欧阳晨作动员。", [(PM, "县委书记欧阳晨")]),
    ("县委副书记欧阳晨作动员。", []),
    ("县长张建华主持召开常务会议。", []),
    ("云岭县县长张建华主持召开常务会议。", []),  # a place before the post
    ("时任县长助理赵丽分管此项工作。", []),  # 时任: the post at that time
    # --- a table post with another name (name_mismatch)
    ("县长张建平主持会议。", [(NM, "县长张建平")]),  # a slip of the pen
    ("县长张剑华主持会议。", [(NM, "县长张剑华")]),  # a homophone
    ("县委书记李明源出席。", [(NM, "县委书记李明源")]),
    ("县政协主席陈国华致辞。", [(NM, "县政协主席陈国华")]),
    ("常务副县长刘智强带队。", [(NM, "常务副县长刘智强")]),
    ("副县长赵莉出席活动。", [(NM, "副县长赵莉")]),
    ("副县长赵丽、孙海涛出席。", []),
    ("县长高度重视此项工作。", []),  # 高度 is a word, not a name
    ("县长办公会议研究了相关事项。", []),
    ("县长热线共受理诉求1200件。", []),
    ("县委书记讲话精神传达到各村。", []),
    ("副县长王强到会讲话。", [(NM, "副县长王强")]),  # the table lists every 副县长
    ("县长某某到会。", []),  # anonymised
    ("邻县县长黄明出席签约仪式。", []),  # another county's post: not our table's
    ("兄弟县县长黄明带队来我县考察。", []),
    ("对口帮扶县县长黄明一行到访。", []),
    ("与相邻县县长黄明座谈。", []),
    ("外市市长黄明出席。", []),
    ("县长黄明、邻县县长张建华出席。", [(NM, "县长黄明")]),  # ours first, then the other's
    ("我县县长黄明出席签约仪式。", [(NM, "县长黄明")]),  # 我县: ours
    ("云岭县县长黄明出席签约仪式。", [(NM, "县长黄明")]),  # a named place: still compared
    # --- order (order)
    ("李明远、张建华、王秀英、陈国平出席会议。", []),
    ("张建华、李明远出席会议。", [(OR, "张建华、李明远")]),
    ("县长张建华、县委书记李明远出席。", [(OR, "张建华、县委书记李明远")]),
    ("县委书记李明远、县长张建华出席。", []),
    ("王秀英、陈国平、张建华出席。", [(OR, "王秀英、陈国平、张建华")]),
    ("赵丽、孙海涛参加。", []),
    ("孙海涛、赵丽参加。", [(OR, "孙海涛、赵丽")]),
    ("欧阳晨、刘志强参加。", [(OR, "欧阳晨、刘志强")]),
    ("李明远主持会议。张建华作报告。", []),  # two sentences: not a list
    ("张建华作报告。李明远主持会议。", []),
    ("会议由李明远主持，张建华、王秀英出席。", []),
    ("会议由张建华主持，李明远出席。", [(OR, "张建华主持，李明远")]),
    ("李明远、李明远出席。", []),  # one person twice
    ("吴天宇、李明远出席。", []),  # 吴天宇 is not in office yet: not ranked
    # --- term ended (term_ended)
    ("周文斌到村调研。", [(TE, "周文斌")]),
    ("县长周文斌到村调研。", [(TE, "周文斌")]),
    ("原县长周文斌到村调研。", []),
    ("前任县长周文斌到村调研。", []),
    ("时任县长周文斌到村调研。", []),
    ("2023年，周文斌同志任县长期间推动了这项改革。", [(TE, "周文斌")]),
    ("县长张建华、原县长周文斌出席。", []),
    ("吴天宇同志将于明年到任。", []),  # a future term: no flag
    # --- no table entry named: nothing to say
    ("全县新建道路12公里，改造桥梁5座。", []),
    ("镇长王强到会讲话，村主任李红主持。", []),
    ("张建国、李明出席会议。", []),
    ("明远山庄完成改造，建华路拓宽。", []),
    ("县长、副县长分别带队。", []),
    ("李明远景区游客增长12%。", []),  # a known limit would be 李明远+景区; see the note
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_leader_case(body: str, expected: list[tuple[str, str]]) -> None:
    doc = Document.from_text("", body)
    hits = [(f.rule, f.text) for f in TABLE.scan(doc, DAY)]
    for f in TABLE.scan(doc, DAY):
        assert body[f.start : f.end] == f.text and f.kind == "leader"
    assert sorted(hits) == sorted(expected)


def test_title_is_checked_and_empty_table_says_nothing() -> None:
    doc = Document.from_text("副县长张建华到青禾镇调研", "正文。")
    assert [f.field for f in TABLE.scan(doc, DAY)] == ["title"]
    assert LeaderTable([]).scan(doc, DAY) == []


def test_case_table_size() -> None:
    assert len(CASES) >= 60
