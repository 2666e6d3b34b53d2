"""积分排行: ranking by unit or officer for a month/quarter/year, change, charts, export."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from ui.common import attempt, load, office_today, percent
from ui.names import OUTLET_LEVELS, PERIODS, SCORE_VIEWS
from ui.session import client, current_user

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

api = client()
user = current_user() or {}
st.title("积分排行")
st.caption("积分 = 采用积分 + 批示积分 + 基础分 + 约稿扣分；名次变化与上一个同类周期相比")

c1, c2, c3 = st.columns(3)
period = c1.radio(
    "周期", list(PERIODS), format_func=PERIODS.get, horizontal=True, key="scores_period"
)
day = c2.date_input("周期内任一日期", value=office_today(), key="scores_date")
by = c3.radio(
    "口径", list(SCORE_VIEWS), format_func=SCORE_VIEWS.get, horizontal=True, key="scores_by"
)


def moved(change: int) -> str:
    return f"↑{change}" if change > 0 else f"↓{-change}" if change < 0 else "—"


def name_of(row: dict[str, Any]) -> str:
    return f"{row['user_name']}（{row['unit_name']}）" if by == "officer" else row["unit_name"]


def ranking(rows: list[dict[str, Any]]) -> pd.DataFrame:
    records = []
    for r in rows:
        record = {
            "排名": r["rank"],
            "信息员" if by == "officer" else "单位": name_of(r),
            "积分": r["points"],
            "较上期": r["points_change"],
            "名次变化": moved(r["rank_change"]),
            "采用积分": r["adoption_points"],
            "批示积分": r["instruction_points"],
        }
        if by == "unit":
            record |= {"基础分": r["base_points"], "约稿扣分": r["penalty_points"]}
        record |= {
            "报送": r["submitted"],
            "采用篇数": r["adopted"],
            "采用条次": r["adoptions"],
            "采用率": percent(r["adoption_rate"]),
            "批示": r["instructions"],
        }
        if by == "unit":
            record |= {"约稿未报": r["missing"], "约稿逾期": r["late"]}
            record["全年清零"] = "是" if r["zeroed"] else ""
        records.append(record)
    return pd.DataFrame(records)


def own_unit(rows: list[dict[str, Any]]) -> None:
    mine = [r for r in rows if r["unit_id"] == user.get("unit_id")]
    if by != "unit" or not mine:
        return
    row = mine[0]
    a, b, c = st.columns(3)
    a.metric("本单位名次", f"第 {row['rank']} 名", moved(row["rank_change"]), delta_color="off")
    b.metric("本单位积分", f"{row['points']:g}", f"{row['points_change']:+g}")
    c.metric("采用率", percent(row["adoption_rate"]) or "—")


def charts(rows: list[dict[str, Any]], labels: tuple[str, str]) -> None:
    frame = pd.DataFrame(
        {
            "名称": [name_of(r) for r in rows],
            labels[0]: [r["points"] for r in rows],
            labels[1]: [r["previous_points"] for r in rows],
        }
    )
    long = frame.melt("名称", var_name="周期", value_name="积分")
    chart = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y("名称:N", sort=list(frame["名称"]), title=None),
            x=alt.X("积分:Q"),
            color=alt.Color("周期:N", sort=list(labels)),
            yOffset=alt.YOffset("周期:N", sort=list(labels)),
            tooltip=["名称", "周期", "积分"],
        )
    )
    left, right = st.columns(2)
    left.markdown("**积分：本期与上期**")
    left.altair_chart(chart, width="stretch")
    counts = pd.DataFrame(
        {"报送": [r["submitted"] for r in rows], "采用": [r["adopted"] for r in rows]},
        index=frame["名称"],
    )
    right.markdown("**报送与采用篇数**")
    right.bar_chart(counts, horizontal=True, stack=False)


def remuneration() -> None:
    report = attempt(lambda: api.remuneration(period, day.isoformat(), by))
    if not report or not report["data"]:
        st.caption("本期无稿酬")
        return
    records = []
    for r in report["data"]:
        record = {"名称": name_of(r)}
        for level, name in OUTLET_LEVELS.items():
            cell = r["levels"].get(level)
            record[f"{name}（篇）"] = cell["count"] if cell else 0
        record |= {"合计篇数": r["count"], "稿酬（元）": r["amount"]}
        records.append(record)
    st.dataframe(pd.DataFrame(records), hide_index=True, width="stretch")
    st.caption(f"稿酬合计 {report['total_amount']:g} 元")


board = load(lambda: api.scores(period, day.isoformat(), by))
label, previous = board["period"]["label"], board["previous"]["label"]
st.subheader(f"{label} · {SCORE_VIEWS[by]}")
st.caption(f"{board['period']['start']} 至 {board['period']['end']}；上期：{previous}")
st.download_button(
    "导出 Excel（通报表）",
    data=lambda: api.scores_xlsx(period, day.isoformat(), by),
    file_name=f"积分排行-{label}.xlsx",
    mime=XLSX,
    key="scores_export",
)
rows = board["data"]
if not rows:
    st.info("本期暂无数据")
    st.stop()
own_unit(rows)
st.dataframe(ranking(rows), hide_index=True, width="stretch")
charts(rows, (f"本期（{label}）", f"上期（{previous}）"))
st.subheader("稿酬")
remuneration()
