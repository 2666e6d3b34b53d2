"""Tables and charts of the 模型管理 page, built from GET /api/v1/models. UI only."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.common import when
from ui.names import CATEGORIES, JOB_STATUSES, MODEL_STATUSES


def _f(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


PLAIN_WORDS = (
    "分类准确率：检验用的稿件中，分类判断正确的比例。分类得分：动态、问题、专报三类各自得分的"
    "平均（0–1），某一类常被判错时会明显低于准确率。不同行的检验稿件可能不同（初始模型用内置"
    "语料中留出的稿件，重训的版本用最近审核过的稿件），比较两个版本请看“与当时现用版本比”一列："
    "那是两个版本在同一批稿件上的差。"
)


def category_table(versions: list[dict]) -> None:
    rows = []
    for v in reversed(versions):
        s = v["summary"] or {}
        delta = None
        if s.get("active_macro_f1") is not None:
            delta = s["macro_f1"] - s["active_macro_f1"]
        rows.append(
            {
                "版本": v["version"],
                "状态": MODEL_STATUSES.get(v["status"], v["status"]),
                "训练时间": when(v["created_at"]),
                "检验用的稿件": s.get("basis_name", ""),
                "篇数": s.get("n"),
                "分类准确率": _pct(s.get("accuracy")),
                "分类得分": _f(s.get("macro_f1")),
                "与当时现用版本比（同一批稿件）": ""
                if delta is None
                else f"{delta:+.3f}（{s['active_version']}）",
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def f1_chart(versions: list[dict]) -> None:
    """Per-class F1 over versions (each on the evaluation set named in the table)."""
    rows = {
        v["version"]: {CATEGORIES[k]: f for k, f in v["summary"]["per_class_f1"].items()}
        for v in versions
        if v["summary"]
    }
    if len(rows) < 1:
        return
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index.name = "版本"
    st.line_chart(frame, height=260)


def confusion(summary: dict) -> None:
    names = [CATEGORIES[lab] for lab in summary["labels"]]
    frame = pd.DataFrame(summary["confusion"], index=names, columns=names)
    frame.index.name = "真实＼预测"
    st.dataframe(frame, width="stretch")
    per_class = pd.DataFrame(
        {"分类得分": [summary["per_class_f1"][lab] for lab in summary["labels"]]}, index=names
    )
    st.bar_chart(per_class, horizontal=True, height=150)


def adoption_table(versions: list[dict]) -> None:
    rows = [
        {
            "版本": v["version"],
            "状态": MODEL_STATUSES.get(v["status"], v["status"]),
            "训练时间": when(v["created_at"]),
            "检验篇数": (v["summary"] or {}).get("n"),
            "区分能力（0.5 为瞎猜，1 为全对）": _f((v["summary"] or {}).get("roc_auc")),
            "预测误差（越小越好）": _f((v["summary"] or {}).get("brier")),
        }
        for v in reversed(versions)
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def reliability(summary: dict) -> None:
    """Calibration: mean predicted vs observed adoption rate per probability bin."""
    bins = summary.get("reliability") or []
    if not bins:
        return
    frame = pd.DataFrame(
        {
            "平均预测": [b["predicted"] for b in bins],
            "实际采用率": [b["observed"] for b in bins],
        },
        index=[f"{b['lo']:.1f}–{b['hi']:.1f}（{b['n']}篇）" for b in bins],
    )
    frame.index.name = "预测区间"
    st.bar_chart(frame, stack=False, height=220)


def job_line(job: dict) -> str:
    state = JOB_STATUSES.get(job["status"], job["status"])
    return f"任务 #{job['id']}（{when(job['created_at'])}）{state}：{job['message']}"
