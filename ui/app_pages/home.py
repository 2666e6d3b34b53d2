"""首页: who is logged in and what they can do."""

from __future__ import annotations

import streamlit as st

from ui.session import ROLE_NAMES, current_user

FEATURES = {
    "officer": [
        "**自检**：粘贴或上传稿件，查看分类、问题标注、标题建议，下载带批注的 Word",
        "**我的稿件**：保存、修改、报送稿件，查看审核意见",
        "**约稿**、**积分排行**：本单位的约稿任务和得分排名",
    ],
    "reviewer": [
        "**审核队列**：按分类、置信度、问题数和采用可能性处理待审稿件",
        "**采用登记**：登记采用和领导批示，积分按当日规则计算",
    ],
    "admin": [
        "**设置**：单位、用户、刊物、积分规则、敏感词表",
        "**模型管理**：重训、比较、启用或回退模型",
    ],
}
RANK = {"officer": 1, "reviewer": 2, "admin": 3}

user = current_user() or {}
role = user.get("role", "officer")
st.title("政务信息写作助手")
st.write(f"您好，{user.get('full_name') or user.get('username')}（{ROLE_NAMES.get(role, '')}）")
lines = [f for r, items in FEATURES.items() if RANK[r] <= RANK.get(role, 1) for f in items]
st.markdown("\n".join(f"- {line}" for line in lines))
