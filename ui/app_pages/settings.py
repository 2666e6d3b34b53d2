"""设置 (admins): units, users, outlets, scoring rules, dictionaries, leaders."""

from __future__ import annotations

import streamlit as st

from ui.common import show_flash
from ui.components.admin_dictionaries import dictionaries_section
from ui.components.admin_leaders import leaders_section
from ui.components.admin_reference import outlets_section, units_section, users_section
from ui.components.admin_rules import rules_section
from ui.session import client, current_user

api = client()
st.title("设置")
show_flash("settings")

tabs = st.tabs(["单位", "用户", "刊物", "积分规则", "词表", "领导信息"])
units, users, outlets, rules, dictionaries, leaders = tabs
with units:
    units_section(api)
with users:
    users_section(api, current_user() or {})
with outlets:
    outlets_section(api)
with rules:
    rules_section(api)
with dictionaries:
    dictionaries_section(api)
with leaders:
    leaders_section(api)
