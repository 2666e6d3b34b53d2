"""The Chinese display name of every value the service sends or accepts, in one place.

The service's own messages use these tables, and `GET /api/v1/names` serves them, so the UI
(which talks HTTP only) shows the same words without a copy of its own. The analysis library's
tables (categories, flag kinds) are imported, not repeated; a test checks that every value of
each enum or Literal has exactly one name here.
"""

from __future__ import annotations

from models.report import CATEGORY_NAMES, KIND_NAMES
from service.tables import DraftStatus, ModelStatus, OutletLevel, ReviewDecision, ReviewStage, Role

ROLES = {Role.officer: "信息员", Role.reviewer: "审核员", Role.admin: "管理员"}
STATUSES = {
    DraftStatus.draft: "草稿",
    DraftStatus.submitted: "审核中",
    DraftStatus.returned: "已退回",
    DraftStatus.passed: "已通过",
}
STAGES = {ReviewStage.first: "初审", ReviewStage.second: "复审", ReviewStage.final: "终审"}
DECISIONS = {ReviewDecision.passed: "通过", ReviewDecision.returned: "退回"}
OUTLET_LEVELS = {
    OutletLevel.national: "国家级",
    OutletLevel.province: "省级",
    OutletLevel.city: "市级",
    OutletLevel.county: "县级",
}
LEADER_LEVELS = {
    OutletLevel.national: "国家领导",
    OutletLevel.province: "省领导",
    OutletLevel.city: "市领导",
    OutletLevel.county: "县领导",
}
MARKS = {"joint": "合报", "duplicate": "重复"}
SEVERITIES = {"error": "错误", "warning": "警告", "info": "提示"}
ANSWERS = {"answered": "按时报送", "late": "逾期报送", "missing": "未报送", "pending": "待报送"}
UNIT_KINDS = {"county": "县区", "department": "部门", "township": "乡镇", "other": "其他"}
MODEL_STATUSES = {
    ModelStatus.active: "启用中",
    ModelStatus.candidate: "候选",
    ModelStatus.retired: "已停用",
}
JOB_STATUSES = {"queued": "排队中", "running": "训练中", "succeeded": "已完成", "failed": "失败"}
DICTIONARY_KINDS = {"custom_term": "自定义敏感词（命中即提示）", "allow": "放行词（不再提示）"}
HISTORY_EVENTS = {"submit": "报送", "return": "退回", "review": "审核"}
CHANGED_FIELDS = {"title": "标题", "body": "正文"}
RULE_MODES = {"add": "加分", "multiply": "乘倍"}
DISMISSAL_SCOPES = {"draft": "仅本稿", "unit": "本单位所有稿件", "global": "所有单位"}
PERIODS = {"month": "月度", "quarter": "季度", "year": "年度"}
SCORE_VIEWS = {"unit": "按单位", "officer": "按信息员"}


def served() -> dict[str, dict[str, str]]:
    """Every table above by its API name, keys as plain strings (what `GET /api/v1/names` sends)."""
    tables: dict[str, dict[str, str]] = {
        "categories": CATEGORY_NAMES,
        "flag_kinds": KIND_NAMES,
        "severities": SEVERITIES,
        "roles": ROLES,
        "statuses": STATUSES,
        "stages": STAGES,
        "decisions": DECISIONS,
        "outlet_levels": OUTLET_LEVELS,
        "leader_levels": LEADER_LEVELS,
        "marks": MARKS,
        "answers": ANSWERS,
        "unit_kinds": UNIT_KINDS,
        "model_statuses": MODEL_STATUSES,
        "job_statuses": JOB_STATUSES,
        "dictionary_kinds": DICTIONARY_KINDS,
        "history_events": HISTORY_EVENTS,
        "changed_fields": CHANGED_FIELDS,
        "rule_modes": RULE_MODES,
        "dismissal_scopes": DISMISSAL_SCOPES,
        "periods": PERIODS,
        "score_views": SCORE_VIEWS,
    }
    return {name: {str(k): v for k, v in table.items()} for name, table in tables.items()}
