"""Accounts in the UI (issue 14 point 6, D16): 修改密码 for everyone; admins edit, deactivate,
reset and unlock accounts under 设置 › 用户. Each test makes its own users: changing a
password ends that user's sessions, which must not touch the module's shared tokens."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.ui.support import LiveOffice, button, has, live_office, page
from ui.api_client import ApiClient, ApiError

FIRST = "first-pass-123"


@pytest.fixture(scope="module")
def live(sqlite_template, tmp_path_factory) -> Iterator[LiveOffice]:
    yield from live_office(sqlite_template, tmp_path_factory.mktemp("ui-accounts"))


def new_user(live: LiveOffice, username: str, role: str = "officer") -> dict:
    unit = live.office.unit_a if role == "officer" else None
    payload = {"username": username, "password": FIRST, "role": role, "unit_id": unit}
    return live.client("admin").create_user(payload)


def login(live: LiveOffice, username: str, password: str) -> ApiClient:
    api = ApiClient(base_url=live.url)
    api.login(username, password)
    return api


def as_user(live: LiveOffice, username: str, path: str):
    """The app logged in as a user made in the test (not one of the shared tokens)."""
    api = login(live, username, FIRST)
    live.tokens[username], live.users[username] = api.token, api.me()
    return page(live, username, path)


def submit_password(at, current: str, new: str, again: str) -> None:
    at.text_input(key="pw_current").input(current)
    at.text_input(key="pw_new").input(new)
    at.text_input(key="pw_again").input(again)
    button(at, "修改密码").click().run()
    assert not at.exception, at.exception


@pytest.mark.parametrize("role", ["officer", "reviewer", "admin"])
def test_every_role_changes_its_own_password(live: LiveOffice, role: str) -> None:
    name = f"pw_{role}"
    new_user(live, name, role)
    at = as_user(live, name, "app_pages/account.py")
    assert at.title[0].value == "修改密码"
    old_token = at.session_state["token"]

    submit_password(at, FIRST, "second-pass-456", "second-pass-457")
    assert has(at, "error", "两次输入的新密码不一致")
    submit_password(at, "not-my-password", "second-pass-456", "second-pass-456")
    assert has(at, "error", "当前密码不正确")
    submit_password(at, FIRST, "short", "short")
    assert has(at, "error", "密码至少 8 位")

    submit_password(at, FIRST, "second-pass-456", "second-pass-456")
    assert has(at, "success", "密码已修改")
    new_token = at.session_state["token"]
    assert new_token != old_token
    assert ApiClient(new_token, base_url=live.url).me()["username"] == name  # still logged in
    with pytest.raises(ApiError) as old:
        ApiClient(old_token, base_url=live.url).me()
    assert old.value.status == 401  # other sessions end
    login(live, name, "second-pass-456")
    with pytest.raises(ApiError):
        login(live, name, FIRST)


def test_admin_edits_deactivates_resets_and_unlocks_an_account(live: LiveOffice) -> None:
    target = new_user(live, "acct_target")
    admin = live.client("admin")
    at = page(live, "admin", "app_pages/settings.py")
    at.selectbox(key="account_pick").set_value(target["id"]).run()
    uid = target["id"]

    # role, unit, name
    at.text_input(key=f"acct_name_{uid}").input("张三")
    at.selectbox(key=f"acct_role_{uid}").set_value("reviewer")
    at.selectbox(key=f"acct_unit_{uid}").set_value(0)
    button(at, "保存账号修改").click().run()
    assert not at.exception and has(at, "success", "已保存“acct_target”的账号修改")
    stored = next(u for u in admin.users()["data"] if u["id"] == uid)
    assert (stored["full_name"], stored["role"], stored["unit_id"]) == ("张三", "reviewer", None)

    # deactivating asks for a confirmation first
    at.checkbox(key=f"acct_active_{uid}").uncheck()
    button(at, "保存账号修改").click().run()
    assert has(at, "error", "请勾选“确认停用”")
    assert next(u for u in admin.users()["data"] if u["id"] == uid)["active"]
    at.checkbox(key=f"acct_active_{uid}").uncheck()
    at.checkbox(key=f"acct_confirm_{uid}").check()
    button(at, "保存账号修改").click().run()
    assert not at.exception and has(at, "success", "账号修改")
    with pytest.raises(ApiError) as refused:
        login(live, "acct_target", FIRST)
    assert refused.value.code == "inactive_user"
    at.checkbox(key=f"acct_active_{uid}").check()
    button(at, "保存账号修改").click().run()
    login(live, "acct_target", FIRST)  # active again

    # reset: a generated password is shown once and works
    button(at, "重置密码").click().run()
    assert not at.exception and has(at, "success", "已重置“acct_target”的密码")
    generated = at.code[0].value
    login(live, "acct_target", generated)
    at.run()
    assert not at.code  # shown once only

    # unlock after too many failed logins
    for _ in range(5):
        with pytest.raises(ApiError):
            login(live, "acct_target", "wrong-password-0")
    with pytest.raises(ApiError) as locked:
        login(live, "acct_target", generated)
    assert locked.value.status == 429
    at.run()
    assert "登录已锁定" in at.selectbox(key="account_pick").format_func(uid)
    button(at, "解除登录锁定").click().run()
    assert not at.exception and has(at, "success", "已解除“acct_target”的登录锁定")
    login(live, "acct_target", generated)


def test_admin_cannot_lock_themselves_out(live: LiveOffice) -> None:
    me = live.users["admin"]
    at = page(live, "admin", "app_pages/settings.py")
    at.selectbox(key="account_pick").set_value(me["id"]).run()
    assert has(at, "caption", "修改自己的密码请用左侧“修改密码”页")
    assert not [b for b in at.button if b.label == "重置密码"]
    at.checkbox(key=f"acct_active_{me['id']}").uncheck()
    at.checkbox(key=f"acct_confirm_{me['id']}").check()
    button(at, "保存账号修改").click().run()
    assert not at.exception and has(at, "error", "不能停用自己正在使用的账号")
    assert live.client("admin").me()["active"]
