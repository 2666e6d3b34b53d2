"""The router and login page, driven with Streamlit's AppTest against a live API."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.factories import PASSWORD
from ui.api_client import ApiClient, ApiError

ENTRY = str(Path(__file__).resolve().parents[2] / "ui" / "streamlit_app.py")


def _app() -> AppTest:
    return AppTest.from_file(ENTRY, default_timeout=30)


def test_anonymous_sees_login(api) -> None:
    at = _app().run()
    assert not at.exception
    assert at.title[0].value == "政务信息写作助手"
    assert at.button(key="FormSubmitter:login-登录") is not None


def _login(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    return at.button[0].click().run()


def test_wrong_password_shows_message(api) -> None:
    at = _login(_app().run(), "officer_a", "wrong-password")
    assert not at.exception
    assert any("用户名或密码错误" in e.value for e in at.error)
    assert "token" not in at.session_state


def test_login_shows_home_by_role(api) -> None:
    at = _login(_app().run(), "reviewer", PASSWORD)
    assert not at.exception
    assert at.session_state["user"]["role"] == "reviewer"
    assert any("审核员" in m.value for m in at.markdown)


def test_check_page_shows_category(api) -> None:
    at = _app().run()
    at.switch_page("app_pages/check.py").run()
    assert not at.exception
    at.text_input(key="check_title").input("云岭县三举措推进春茶产业")
    at.text_area(key="check_body").input(
        "今年以来，云岭县采取三项举措推进春茶产业。一是建设标准化茶园2.3万亩；"
        "二是培育区域公用品牌；三是拓展线上销售，一季度线上销售额同比增长35%。"
    )
    at.button[0].click().run()
    assert not at.exception
    assert at.metric[0].value == "动态信息"
    title, body, report = at.session_state["check_result"]
    assert report["category"]["label"] == "dynamic"


def test_check_page_empty_body_error(api) -> None:
    at = _app().run()
    at.switch_page("app_pages/check.py").run()
    at.button[0].click().run()
    assert not at.exception
    assert any("请输入正文" in e.value for e in at.error)


def test_logout_forgets_the_session_and_the_text(api) -> None:
    """Issue 14 point 1: 退出登录 ends the session cleanly; the next user sees no leftovers."""
    at = _login(_app().run(), "officer_a", PASSWORD)
    at.switch_page("app_pages/check.py").run()
    at.text_area(key="check_body").input("今年以来，云岭县推进春茶产业。")
    next(b for b in at.button if b.label == "检查").click().run()
    assert "check_result" in at.session_state
    token = at.session_state["token"]
    logout = next(b for b in at.sidebar.button if b.label == "退出登录")
    logout.click().run()
    assert not at.exception
    assert "token" not in at.session_state and "user" not in at.session_state
    assert "check_result" not in at.session_state and "check_text" not in at.session_state
    assert not [b for b in at.sidebar.button if b.label == "退出登录"]
    assert not at.download_button  # the last user's results are gone from the page
    # and on the service: a cookie still holding the token cannot sign anyone back in
    with pytest.raises(ApiError) as refused:
        ApiClient(token).me()
    assert refused.value.status == 401


def test_streamlit_config_locks_the_chrome_and_the_upload_limit() -> None:  # D8, D9
    """No Deploy / Rerun / Clear cache menu for users; the uploader's limit is the server's,
    and the words every uploader shows state that same limit."""
    import tomllib

    from service.core.config import Settings

    ui = Path(ENTRY).parent
    config = tomllib.loads((ui / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["toolbarMode"] == "viewer"
    assert config["client"]["showErrorDetails"] == "none"
    limit_mb = config["server"]["maxUploadSize"]
    assert limit_mb * 1024 * 1024 == Settings.model_fields["max_upload_bytes"].default
    stated = f"不超过 {limit_mb} MB"
    for source in ("streamlit_app.py", "app_pages/check.py", "app_pages/my_drafts.py"):
        assert stated in (ui / source).read_text(encoding="utf-8"), source


def test_pages_are_built_from_components_and_names_live_in_one_place() -> None:
    """Issue 16 point 8: no sys.path hack (the installed package is imported), reusable parts
    in ui/components/, and no copy of the service's display names anywhere in the UI: they are
    served (GET /api/v1/names). A dict literal sharing most of its entries with a served table
    is such a copy (the UI's own short forms may share a word or two)."""
    import ast

    from service.display_names import served

    ui = Path(ENTRY).parent
    sources = {p: p.read_text(encoding="utf-8") for p in ui.rglob("*.py")}
    assert not [p for p, text in sources.items() if "sys.path" in text]
    parts = {p.stem for p in (ui / "components").glob("*.py")}
    assert {"review_pane", "login_view", "render", "drafts_view"} <= parts
    assert not list(ui.glob("*_view.py"))  # no page part left beside the router
    tables = {name: set(table.items()) for name, table in served().items()}
    for path, text in sources.items():
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, ast.Dict) or len(node.keys) < 2:
                continue
            pairs = {
                (k.value, v.value)
                for k, v in zip(node.keys, node.values, strict=True)
                if isinstance(k, ast.Constant) and isinstance(v, ast.Constant)
            }
            for name, table in tables.items():
                shared = len(pairs & table)
                assert shared * 2 <= len(node.keys), (path.name, node.lineno, name)
