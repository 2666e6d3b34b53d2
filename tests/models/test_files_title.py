"""Which first line of an uploaded file is its title (models/files.py, D14)."""

from __future__ import annotations

import pytest

from models.files import read_draft

BODY = "今年以来，全市春耕生产进展顺利，已完成早稻育秧3.2万亩。"


@pytest.mark.parametrize(
    ("first", "is_title"),
    [
        ("市农业农村局召开全市春耕生产工作会议", True),
        ("市农业农村局召开全市春耕生产工作会议，部署春耕备耕工作！", True),  # D14
        ("关于我县春耕备耕工作进展情况的报告：", True),
        ("各乡镇、各部门：", False),  # a salutation, not a title
        ("尊敬的各位领导：", False),
        ("同志们：", False),
        ("今年以来，全市春耕生产进展顺利。", False),  # a sentence
        ("春耕开始了！各地行动起来！", False),  # two sentences
        ("好消息！", False),  # too short to be a title
        ("甲" * 41 + "！", False),
    ],
)
def test_first_line_title_or_body(first: str, is_title: bool) -> None:
    draft = read_draft("稿件.txt", f"{first}\n{BODY}".encode())
    assert (draft.title == first) is is_title
    assert draft.body.endswith(BODY)
