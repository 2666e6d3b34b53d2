"""Tables and charts of the 模型管理 page, built from GET /api/v1/models. UI only."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.common import when
from ui.render import CATEGORY_NAMES

STATUS_NAMES = {"active": "启用中", "candidate": "候选", "retired": "已停用"}
JOB_NAMES = {"queued": "排队中", "running": "训练中", "succeeded": "已完成", "failed": "失败"}


def _f(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


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
                "状态": STATUS_NAMES.get(v["status"], v["status"]),
                "训练时间": when(v["created_at"]),
                "评估集": s.get("basis_name", ""),
                "篇数": s.get("n"),
                "macro-F1": _f(s.get("macro_f1")),
                "准确率": _f(s.get("accuracy")),
                "比训练时的现用模型": ""
                if delta is None
                else f"{delta:+.3f}（{s['active_version']}）",
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def f1_chart(versions: list[dict]) -> None:
    """Per-class F1 over versions (each on the evaluation set named in the table)."""
    rows = {
        v["version"]: {CATEGORY_NAMES[k]: f for k, f in v["summary"]["per_class_f1"].items()}
        for v in versions
        if v["summary"]
    }
    if len(rows) < 1:
        return
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index.name = "版本"
    st.line_chart(frame, height=260)


def confusion(summary: dict) -> None:
    names = [CATEGORY_NAMES[lab] for lab in summary["labels"]]
    frame = pd.DataFrame(summary["confusion"], index=names, columns=names)
    frame.index.name = "真实＼预测"
    st.dataframe(frame, width="stretch")
    per_class = pd.DataFrame(
        {"F1": [summary["per_class_f1"][lab] for lab in summary["labels"]]}, index=names
    )
    st.bar_chart(per_class, horizontal=True, height=150)


def adoption_table(versions: list[dict]) -> None:
    rows = [
        {
            "版本": v["version"],
            "状态": STATUS_NAMES.get(v["status"], v["status"]),
            "训练时间": when(v["created_at"]),
            "留出篇数": (v["summary"] or {}).get("n"),
            "ROC AUC": _f((v["summary"] or {}).get("roc_auc")),
            "Brier": _f((v["summary"] or {}).get("brier")),
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
    state = JOB_NAMES.get(job["status"], job["status"])
    return f"任务 #{job['id']}（{when(job['created_at'])}）{state}：{job['message']}"
