"""The 自检 review pane: a summary card, flags grouped by kind, jump to a flag, 采纳 and 忽略.

Works on items: flags on the same field whose spans overlap are merged into one item (one mark
in the text, one row in the list). Pure helpers first (tested without Streamlit), widgets after.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

import streamlit as st

from ui.components.render import KIND_COLORS, legend
from ui.names import FLAG_KINDS, SEVERITIES

SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
_LITERAL = re.compile(r"^改为“([^”]+)”$")
_MASKED = re.compile(r"^(?:删去或脱敏|删去或隐去中间四位|隐去部分字符)，如“([^”]+)”")

_JUMP_JS = """
export default function(component) {
  const { data } = component;
  if (!data || data.item === null) return;
  requestAnimationFrame(() => {
    const mark = document.querySelector(`mark[data-gb-item="${data.item}"]`);
    if (mark) mark.scrollIntoView({block: "center", behavior: "smooth"});
    const box = document.querySelector(`textarea[aria-label="${data.label}"]`);
    if (box && data.field === "body" && box.value.length >= data.end) {
      box.focus({preventScroll: true});
      box.setSelectionRange(data.start, data.end);
    }
  });
}
"""
_jump = st.components.v2.component("govbrief_jump_to_flag", js=_JUMP_JS)


def replacement(flag: dict[str, Any]) -> str | None:
    """The literal text a suggestion asks for ("改为“5个百分点”"), or None when it is advice."""
    suggestion = (flag.get("suggestion") or "").strip()
    match = _LITERAL.match(suggestion) or (
        _MASKED.match(suggestion) if flag.get("kind") == "sensitive" else None
    )
    return match.group(1) if match else None


def is_dismissed(flag: dict[str, Any], dismissals: list[dict[str, Any]]) -> bool:
    """A stored dismissal covers the flag: same rule, and the same text or any text."""
    return any(d["rule"] == flag["rule"] and d["text"] in (None, flag["text"]) for d in dismissals)


def active_flags(report: dict[str, Any] | None, dismissals: list[dict[str, Any]]) -> list[dict]:
    """The report's flags that no dismissal in force covers."""
    return [f for f in (report or {}).get("flags", []) if not is_dismissed(f, dismissals)]


def merge_flags(flags: list[dict[str, Any]], texts: dict[str, str]) -> list[dict[str, Any]]:
    """One item per group of overlapping flags on a field; the most severe flag leads."""
    items: list[dict[str, Any]] = []
    for flag in sorted(flags, key=lambda f: (f["field"], f["start"], -f["end"])):
        last = items[-1] if items else None
        if last and last["field"] == flag["field"] and flag["start"] < last["end"]:
            last["members"].append(flag)
            last["end"] = max(last["end"], flag["end"])
            continue
        items.append({"field": flag["field"], "start": flag["start"], "end": flag["end"],
                      "members": [flag]})  # fmt: skip
    for number, item in enumerate(items):
        members = sorted(item["members"], key=lambda f: SEVERITY_RANK.get(f["severity"], 3))
        lead = members[0]
        text = texts.get(item["field"], "")
        item |= {
            "id": number,
            "kind": lead["kind"],
            "severity": lead["severity"],
            "text": text[item["start"] : item["end"]] or lead["text"],
            "messages": list(dict.fromkeys(f["message"] for f in members)),
            "suggestions": list(dict.fromkeys(f["suggestion"] for f in members if f.get("suggestion"))),
            "replacement": replacement(lead) if len(members) == 1 else None,
        }  # fmt: skip
    return items


def summary(items: list[dict[str, Any]]) -> tuple[str, str]:
    """("8 处问题：错误 6 · 警告 2", verdict) for the card at the top."""
    if not items:
        return "未发现问题", "可以报送"
    counts = {s: sum(1 for i in items if i["severity"] == s) for s in SEVERITIES}
    parts = " · ".join(f"{SEVERITIES[s]} {n}" for s, n in counts.items() if n)
    verdict = "必须修改后报送" if counts["error"] else "建议修改后报送"
    return f"{len(items)} 处问题：{parts}", verdict


def apply_item(body: str, report: dict[str, Any], item: dict[str, Any]) -> tuple[str, dict]:
    """The body with one item's replacement applied; the report's other body flags shifted."""
    new = item["replacement"]
    start, end = item["start"], item["end"]
    delta = len(new) - (end - start)
    body = body[:start] + new + body[end:]
    flags = []
    for flag in report.get("flags", []):
        if flag["field"] != "body":
            flags.append(flag)
        elif flag["end"] <= start:
            flags.append(flag)
        elif flag["start"] >= end:
            flags.append({**flag, "start": flag["start"] + delta, "end": flag["end"] + delta})
        # flags inside the replaced span are settled by it
    return body, {**report, "flags": flags}


def marked_html(text: str, items: list[dict[str, Any]], focus: int | None, stale: bool) -> str:
    parts, pos = [], 0
    for item in items:
        parts.append(html.escape(text[pos : item["start"]]))
        color = KIND_COLORS.get(item["kind"], "#eee")
        tip = html.escape("；".join(item["messages"] + item["suggestions"]))
        outline = "outline:2px solid #d33;" if item["id"] == focus else ""
        parts.append(
            f'<mark data-gb-item="{item["id"]}" style="background:{color};{outline}" '
            f'title="{tip}">{html.escape(text[item["start"] : item["end"]])}'
            f"<sup>{item['id'] + 1}</sup></mark>"
        )
        pos = item["end"]
    parts.append(html.escape(text[pos:]))
    body = "".join(parts).replace("\n", "<br>")
    fade = "opacity:0.45;" if stale else ""
    return f'<div style="line-height:1.9;font-size:1.05em;{fade}">{body}</div>'


# -- widgets ---------------------------------------------------------------------------------


def summary_card(items: list[dict[str, Any]], report: dict[str, Any]) -> None:
    headline, verdict = summary(items)
    category = report.get("category") or {}
    news = report.get("news_style") or {}
    with st.container(border=True):
        left, mid, right = st.columns([3, 2, 2])
        left.markdown(f"**{headline}**")
        by_kind = [
            f"{FLAG_KINDS.get(k, k)} {n}"
            for k in FLAG_KINDS
            if (n := sum(1 for i in items if i["kind"] == k))
        ]
        left.caption(" · ".join(by_kind) or "标题、数字、敏感内容、写法均未发现问题")
        mid.markdown(f"**{verdict}**")
        if news.get("verdict"):
            mid.caption("整篇较像新闻稿，请开门见山写做法、成效或问题")
        if category:
            sure = "拿不准" if category.get("uncertain") else f"把握 {category['confidence']:.0%}"
            right.markdown(f"**{category['name']}**")
            right.caption(f"预测分类（{sure}）")


def flag_list(
    items: list[dict[str, Any]],
    key: str,
    *,
    stale: bool,
    on_apply: Callable[[dict[str, Any]], None] | None,
    on_ignore: Callable[[dict[str, Any]], None] | None,
) -> None:
    """The side list: one expander per kind with counts; per item 定位 / 采纳 / 忽略."""
    for kind, name in FLAG_KINDS.items():
        group = [i for i in items if i["kind"] == kind]
        if not group:
            continue
        errors = sum(1 for i in group if i["severity"] == "error")
        label = f"{name}（{len(group)}）" + (f" · 错误 {errors}" if errors else "")
        with st.expander(label, expanded=True):
            for item in group[:60]:
                flag_row(item, key, stale=stale, on_apply=on_apply, on_ignore=on_ignore)
            if len(group) > 60:
                st.caption(f"另有 {len(group) - 60} 处未列出，请先修改以上问题")


def flag_row(item, key, *, stale, on_apply, on_ignore) -> None:
    number = item["id"]
    severity = SEVERITIES.get(item["severity"], item["severity"])
    where = "标题" if item["field"] == "title" else "正文"
    st.markdown(
        f"**{number + 1}.** :{'red' if item['severity'] == 'error' else 'orange'}[{severity}] "
        f"{where}「{item['text'][:40]}」"
    )
    st.caption("；".join(item["messages"]))
    if item["suggestions"]:
        st.caption("建议：" + "；".join(item["suggestions"]))
    cols = st.columns(3)
    cols[0].button("定位", key=f"{key}_jump_{number}", on_click=_focus, args=(key, item))
    if on_apply and item["replacement"] is not None:
        cols[1].button(
            "采纳",
            key=f"{key}_apply_{number}",
            help=f"改为“{item['replacement']}”",
            disabled=stale,
            on_click=on_apply,
            args=(item,),
        )
    if on_ignore:
        cols[2].button(
            "忽略", key=f"{key}_ignore_{number}", disabled=stale, on_click=on_ignore, args=(item,)
        )


def marked_text(
    title: str,
    body: str,
    items: list[dict[str, Any]],
    focus: int | None,
    stale: bool,
    height: int = 360,
) -> None:
    """The checked title and body with one numbered mark per item, in a scrolling box."""
    st.markdown("**标注**（鼠标停在标注上可看说明；点“定位”跳到对应位置）")
    legend()
    with st.container(height=height):
        if title:
            title_items = [i for i in items if i["field"] == "title"]
            st.markdown(
                "**标题：** " + marked_html(title, title_items, focus, stale),
                unsafe_allow_html=True,
            )
        body_items = [i for i in items if i["field"] == "body"]
        st.markdown(marked_html(body, body_items, focus, stale), unsafe_allow_html=True)


def _focus(key: str, item: dict[str, Any]) -> None:
    st.session_state[f"{key}_focus"] = item["id"]


def jump(key: str, items: list[dict[str, Any]], textarea_label: str = "正文") -> int | None:
    """Scroll to the focused item's mark and select it in the text box (browser side)."""
    focus = st.session_state.get(f"{key}_focus")
    item = next((i for i in items if i["id"] == focus), None)
    if item is None:
        return None
    _jump(
        key=f"{key}_jumper",
        data={
            "item": item["id"],
            "field": item["field"],
            "start": item["start"],
            "end": item["end"],
            "label": textarea_label,
            "nonce": st.session_state.get(f"{key}_nonce", 0),
        },
        height=0,
    )
    return item["id"]
