"""Rendering a check report: highlighted text, flag list, category chart. UI only."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from ui.names import CATEGORIES, FLAG_KINDS, SEVERITIES

KIND_COLORS = {
    "news_style": "#ffe08a",
    "number": "#ffb3b3",
    "sensitive": "#d6b3ff",
    "title": "#b3d9ff",
    "wording": "#b3f0c8",
    "leader": "#ffc8a0",
}


def highlight_html(text: str, flags: list[dict]) -> str:
    """The text with each flag's span marked (overlapping spans: the first one wins)."""
    parts, pos = [], 0
    for f in sorted(flags, key=lambda f: (f["start"], -f["end"])):
        if f["start"] < pos:
            continue
        parts.append(html.escape(text[pos : f["start"]]))
        color = KIND_COLORS.get(f["kind"], "#eee")
        tip = html.escape(
            f"{f['message']}" + (f"；{f['suggestion']}" if f.get("suggestion") else "")
        )
        parts.append(
            f'<mark style="background:{color}" title="{tip}">'
            f"{html.escape(text[f['start'] : f['end']])}</mark>"
        )
        pos = f["end"]
    parts.append(html.escape(text[pos:]))
    body = "".join(parts).replace("\n", "<br>")
    return f'<div style="line-height:1.9;font-size:1.05em">{body}</div>'


def legend() -> None:
    st.markdown(
        " ".join(
            f'<mark style="background:{c}">{FLAG_KINDS[k]}</mark>' for k, c in KIND_COLORS.items()
        ),
        unsafe_allow_html=True,
    )


def category_panel(category: dict | None) -> None:
    if not category:
        st.warning("分类模型尚未就绪")
        return
    c1, c2 = st.columns([1, 2])
    c1.metric("预测分类", category["name"], f"置信度 {category['confidence']:.0%}")
    if category.get("evidence"):
        c1.caption("依据词：" + "、".join(category["evidence"]))
    c1.caption(f"模型版本 {category['model_version']}")
    if category.get("uncertain") and len(category.get("top_two") or []) == 2:
        first, second = (CATEGORIES[k] for k in category["top_two"])
        c1.warning(f"分类待定：模型拿不准，可能是{first}或{second}，请人工判断")
    probs = pd.DataFrame(
        {
            "类别": [CATEGORIES[k] for k in category["probabilities"]],
            "概率": list(category["probabilities"].values()),
        }
    ).set_index("类别")
    c2.bar_chart(probs, horizontal=True, height=160)


def flag_table(flags: list[dict]) -> None:
    if not flags:
        st.success("未发现问题")
        return
    rows = [
        {
            "类型": FLAG_KINDS.get(f["kind"], f["kind"]),
            "级别": SEVERITIES[f["severity"]],
            "位置": "标题" if f["field"] == "title" else "正文",
            "原文": f["text"],
            "说明": f["message"],
            "修改建议": f.get("suggestion") or "",
            "规则": f["rule"],
        }
        for f in flags
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def report_view(title: str, body: str, report: dict) -> None:
    category_panel(report.get("category"))
    news = report.get("news_style") or {}
    if news.get("verdict"):
        st.warning(
            f"整篇疑似新闻稿式写法（得分 {news['score']:.2f}）：请开门见山写做法、成效或问题"
        )
    flags = report.get("flags", [])
    stats = report.get("stats", {})
    st.caption(
        f"字数 {stats.get('chars', 0)} · {stats.get('sentences', 0)} 句 · "
        f"{stats.get('paragraphs', 0)} 段 · 标注 {len(flags)} 处"
    )
    legend()
    if title:
        st.markdown(
            "**标题：** " + highlight_html(title, [f for f in flags if f["field"] == "title"]),
            unsafe_allow_html=True,
        )
    st.markdown(
        highlight_html(body, [f for f in flags if f["field"] == "body"]), unsafe_allow_html=True
    )
    st.subheader("问题清单")
    flag_table(flags)
    if report.get("headlines"):
        st.subheader("标题建议")
        for h in report["headlines"]:
            st.markdown(f"- {h['text']}")
