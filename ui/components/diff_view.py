"""What changed between the version a reviewer returned and the one resubmitted (like Word's 比较).

The diff is by paragraph first, then by character inside changed paragraphs: Chinese has no
spaces to cut words on, and a whole-text character diff of a long draft is slow and noisy.
Python's difflib does both steps; no extra dependency.
"""

from __future__ import annotations

import html
from difflib import SequenceMatcher
from typing import Any

import streamlit as st

_DEL = '<del style="background:#ffd6d6;color:#a00">{}</del>'
_INS = '<ins style="background:#d4f7d4;color:#060;text-decoration:none">{}</ins>'


def returned_and_resubmitted(history: list[dict[str, Any]]) -> tuple[dict, dict] | None:
    """(the submission that was last returned, the latest submission) when the draft came
    back after a 退回; None when it was never returned or not resubmitted since."""
    submissions = [e for e in history if e["kind"] == "submit"]
    returns = [e for e in history if e["kind"] == "return"]
    if not returns or len(submissions) < 2:
        return None
    last_return = returns[-1]
    latest = submissions[-1]
    if latest["round"] is None or last_return["round"] is None:
        return None
    if latest["round"] <= last_return["round"]:
        return None  # returned and not resubmitted yet
    returned = next(s for s in reversed(submissions) if s["round"] == last_return["round"])
    return returned, latest


class _Diff:
    """Collects the marked-up paragraphs and the counts of deleted and inserted characters."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.deleted = self.inserted = 0

    def chars(self, old: str, new: str) -> str:
        parts = []
        for op, a1, a2, b1, b2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if op == "equal":
                parts.append(html.escape(old[a1:a2]))
                continue
            if a2 > a1:
                parts.append(_DEL.format(html.escape(old[a1:a2])))
                self.deleted += a2 - a1
            if b2 > b1:
                parts.append(_INS.format(html.escape(new[b1:b2])))
                self.inserted += b2 - b1
        return "".join(parts)

    def whole(self, deleted: list[str], inserted: list[str]) -> None:
        for line in deleted:
            if line:
                self.lines.append(_DEL.format(html.escape(line)))
                self.deleted += len(line)
        for line in inserted:
            if line:
                self.lines.append(_INS.format(html.escape(line)))
                self.inserted += len(line)

    def paragraphs(self, old: str, new: str) -> None:
        """Unchanged paragraphs as they are; changed ones paired in order and compared by
        character when they are still alike (otherwise shown as deleted and inserted)."""
        old_lines, new_lines = old.split("\n"), new.split("\n")
        matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal":
                self.lines.extend(html.escape(line) for line in old_lines[a1:a2])
                continue
            gone, came = old_lines[a1:a2], new_lines[b1:b2]
            for o, n in zip(gone, came, strict=False):
                if SequenceMatcher(None, o, n, autojunk=False).quick_ratio() >= 0.5:
                    self.lines.append(self.chars(o, n))
                else:
                    self.whole([o], [n])
            paired = min(len(gone), len(came))
            self.whole(gone[paired:], came[paired:])


def diff(old: str, new: str) -> tuple[str, int, int]:
    """(HTML of `new` with deletions struck out in red and insertions in green, characters
    deleted, characters inserted)."""
    d = _Diff()
    d.paragraphs(old, new)
    return '<div style="line-height:1.9">' + "<br>".join(d.lines) + "</div>", d.deleted, d.inserted


def resubmission_diff(history: list[dict[str, Any]]) -> None:
    """An expander comparing the returned version with the resubmitted one (nothing otherwise)."""
    pair = returned_and_resubmitted(history)
    if pair is None:
        return
    old, new = pair
    with st.expander(
        f"与退回前版本对比（第 {old['round']} 次报送 → 第 {new['round']} 次）", expanded=True
    ):
        if (old["title"], old["body"]) == (new["title"], new["body"]):
            st.info("重新报送时未修改标题和正文")
            return
        if new.get("comment"):
            st.caption(f"报送说明：{new['comment']}")
        marked, deleted, inserted = diff(old["body"], new["body"])
        st.caption(f"正文删去 {deleted} 字、增加 {inserted} 字（红色删除线为删去，绿色为新增）")
        if old["title"] != new["title"]:
            st.markdown("**标题：** " + diff(old["title"], new["title"])[0], unsafe_allow_html=True)
        with st.container(height=360):
            st.markdown(marked, unsafe_allow_html=True)
