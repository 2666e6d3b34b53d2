"""模型管理 (admins): versions with metrics, per-class scores over versions, confusion matrix,
retraining with progress, activate / roll back; the adoption-likelihood model."""

from __future__ import annotations

import streamlit as st

from ui.api_client import ApiClient
from ui.common import attempt, flash, load, show_flash
from ui.components.models_view import (
    JOB_STATUSES,
    PLAIN_WORDS,
    adoption_table,
    category_table,
    confusion,
    f1_chart,
    job_line,
    reliability,
)
from ui.session import client

api = client()
st.title("模型管理")
show_flash("models")
if finished := st.session_state.pop("models_job_done", None):
    (st.success if finished["status"] == "succeeded" else st.warning)(job_line(finished))


@st.fragment(run_every=2)
def job_progress(api: ApiClient, job_id: int) -> None:
    """Polls the running job; when it ends the whole page reloads with the new versions."""
    job = attempt(lambda: api.get(f"/api/v1/models/jobs/{job_id}"))
    if job is None:
        return
    if job["status"] in ("succeeded", "failed"):
        st.session_state["models_job_done"] = job
        st.rerun()
    state = JOB_STATUSES.get(job["status"], job["status"])
    st.progress(job["progress"], text=f"{state}：{job['message']}（{job['progress']:.0%}）")


def retrain_section(api: ApiClient) -> None:
    jobs = load(lambda: api.get("/api/v1/models/jobs", limit=1))["data"]
    if jobs and jobs[0]["status"] in ("queued", "running"):
        job_progress(api, jobs[0]["id"])
        return
    if jobs:
        st.caption("上次重训：" + job_line(jobs[0]))
    with st.form("retrain"):
        st.caption(
            "用内置语料和审核员确认的分类重训；候选模型与现用模型在最近审核的稿件上比较，"
            "不明显差于现用模型才启用。"
        )
        force = st.checkbox("强制重训：没有新数据也重训，且不论比较结果都启用新模型")
        if st.form_submit_button("开始重训", type="primary"):
            job = attempt(lambda: api.post("/api/v1/models/retrain", {"force": force}))
            if job is not None:
                flash(f"重训任务 #{job['id']} 已开始", "models")
                st.rerun()


def activate_button(api: ApiClient, versions: list[dict], version: dict, key: str) -> None:
    if version["status"] == "active":
        st.caption(f"{version['version']} 是现用版本")
        return
    names = [v["version"] for v in versions]
    active = next((v["version"] for v in versions if v["status"] == "active"), None)
    older = active is not None and names.index(version["version"]) < names.index(active)
    label = "回滚到此版本" if older else "启用此版本"
    if st.button(label, key=key):
        done = attempt(lambda: api.post(f"/api/v1/models/{version['version']}/activate"))
        if done is not None:
            flash(f"已启用 {version['version']}，各服务进程几秒内切换，无需重启", "models")
            st.rerun()


def category_section(api: ApiClient, versions: list[dict]) -> None:
    st.subheader("分类模型版本")
    if not versions:
        st.info("还没有分类模型")
        return
    category_table(versions)
    st.caption(PLAIN_WORDS)
    st.caption(
        "动态、问题、专报三类各自的分类得分随版本的变化"
        "（重训的版本用最近审核过的稿件检验，初始模型用内置语料中留出的稿件检验）"
    )
    f1_chart(versions)
    picked = st.selectbox("查看版本", [v["version"] for v in reversed(versions)], key="model_pick")
    version = next(v for v in versions if v["version"] == picked)
    summary = version["summary"]
    if summary:
        st.markdown(
            f"**{picked}** · 在{summary['basis_name']}（{summary['n']} 篇）上 · "
            f"分类准确率 {summary['accuracy']:.1%} · 分类得分 {summary['macro_f1']:.3f}"
        )
        confusion(summary)
        if summary.get("decision"):
            st.caption("训练时的结论：" + summary["decision"])
    activate_button(api, versions, version, key="activate_category")
    with st.expander("模型卡"):
        st.markdown(version["card"] or "（无）")


def adoption_section(api: ApiClient, versions: list[dict]) -> None:
    st.subheader("采用可能性")
    status = load(lambda: api.get("/api/v1/adoption/status"))
    if status["available"]:
        st.success(f"采用可能性模型 {status['version']} 已启用，审核队列可按采用可能性排序")
        active = next((v for v in versions if v["status"] == "active"), None)
        auc = ((active or {}).get("summary") or {}).get("roc_auc")
        if auc is not None and auc < 0.7:
            st.warning(f"该模型区分能力偏弱（{auc:.2f}，0.5 即瞎猜）：排序仅供参考，不宜据此取舍")
    else:
        st.info(status["reason"])
    if not versions:
        return
    adoption_table(versions)
    picked = st.selectbox(
        "查看采用可能性模型", [v["version"] for v in reversed(versions)], key="adoption_pick"
    )
    version = next(v for v in versions if v["version"] == picked)
    if version["summary"]:
        st.caption("预测可信吗：每一档预测的平均采用可能性，与这一档稿件实际被采用的比例")
        reliability(version["summary"])
    activate_button(api, versions, version, key="activate_adoption")
    with st.expander("采用可能性模型卡"):
        st.markdown(version["card"] or "（无）")


retrain_section(api)
all_versions = load(lambda: api.get("/api/v1/models"))["data"]
category_section(api, [v for v in all_versions if v["kind"] == "category"])
adoption_section(api, [v for v in all_versions if v["kind"] == "adoption"])
