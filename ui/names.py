"""Display names: the Chinese word for every value the service sends (statuses, stages,
categories, flag kinds, ...), in one place for every page and part of the UI."""

from __future__ import annotations

STATUS_NAMES = {"draft": "草稿", "submitted": "审核中", "returned": "已退回", "passed": "已通过"}
STAGE_NAMES = {"first": "初审", "second": "复审", "final": "终审"}
DECISION_NAMES = {"pass": "通过", "return": "退回"}
LEVEL_NAMES = {"national": "国家级", "province": "省级", "city": "市级", "county": "县级"}
LEADER_NAMES = {"national": "国家领导", "province": "省领导", "city": "市领导", "county": "县领导"}
ROLE_NAMES = {"officer": "信息员", "reviewer": "审核员", "admin": "管理员"}
ANSWER_NAMES = {
    "answered": "按时报送",
    "late": "逾期报送",
    "missing": "未报送",
    "pending": "待报送",
}
UNIT_KINDS = {"county": "县区", "department": "部门", "township": "乡镇", "other": "其他"}
KIND_NAMES = {
    "news_style": "新闻稿式写法",
    "number": "数字",
    "sensitive": "敏感内容",
    "title": "标题",
    "wording": "错别字与规范用语",
    "leader": "领导姓名职务",
}
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
CATEGORY_NAMES = {"dynamic": "动态信息", "problem": "问题信息", "special": "专报信息"}
MODEL_STATUS_NAMES = {"active": "启用中", "candidate": "候选", "retired": "已停用"}
JOB_NAMES = {"queued": "排队中", "running": "训练中", "succeeded": "已完成", "failed": "失败"}
MARK_KINDS = {"joint": "合报", "duplicate": "重复"}
MARK_SHORT = {"joint": "合报", "duplicate": "重复"}
DICTIONARY_KINDS = {"custom_term": "自定义敏感词（命中即提示）", "allow": "放行词（不再提示）"}
DICTIONARY_SHORT = {"custom_term": "敏感词", "allow": "放行词"}
EVENT_NAMES = {"submit": "报送", "return": "退回", "review": "审核"}
CHANGED_NAMES = {"title": "标题", "body": "正文"}
RULE_MODES = {"add": "加分", "multiply": "乘倍"}
CORRECTION_ACTIONS = {"correct": "更正", "withdraw": "撤销"}
SORT_NAMES = {
    "confidence": "分类置信度",
    "flags_total": "问题总数",
    "age": "报送时间（等待最久）",
    "adoption_likelihood": "采用可能性",
    **{f"flags.{k}": f"{name}问题数" for k, name in KIND_NAMES.items()},
}
ORDER_NAMES = {"": "默认方向", "asc": "升序", "desc": "降序"}
SHORT_CATEGORY = {"dynamic": "动态", "problem": "问题", "special": "专报"}
SHORT_KIND = {
    "news_style": "新闻",
    "number": "数字",
    "sensitive": "敏感",
    "title": "标题",
    "wording": "用语",
    "leader": "领导",
}
IGNORE_SCOPES = {"draft": "仅本稿", "unit": "本单位所有稿件"}
PERIOD_NAMES = {"month": "月度", "quarter": "季度", "year": "年度"}
VIEW_NAMES = {"unit": "按单位", "officer": "按信息员"}
