"""One real-browser journey: headless Chromium drives `streamlit run` against the real API.

login → 首页 待办 → 自检 (the uploader in Chinese; paste, 检查, the summary card) → F5: still logged in, text kept (D1) →
检查 again → 我的稿件 (save and submit) → a deep link to /my_drafts opens it → the API agrees.
Screenshots of 自检 and 首页 go to $GOVBRIEF_UI_SHOTS when it is set.

A second test times 自检 from the click on 检查 to the marked text of a 1,500- and a
30,000-character draft (made of the project's own corpus) and writes the times to
$GOVBRIEF_UI_SHOTS/check-timings.json; it asserts nothing about speed.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.factories import PASSWORD
from tests.ui.support import BODY, ENTRY
from ui.api_client import ApiClient

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WAIT = 30  # seconds, for any one step of the page to appear
TITLE = "云岭县三举措推进春茶产业提质增效"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_ui(api_url: str, log: Path) -> Iterator[str]:
    """`streamlit run ui/streamlit_app.py` on a free loopback port; stopped on exit."""
    port = _free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", ENTRY,
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    env = {**os.environ, "GOVBRIEF_API_URL": api_url}
    with log.open("wb") as out:
        proc = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_healthy(url + "/_stcore/health", proc, log)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"streamlit exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    pytest.fail(f"streamlit did not start in 60 s:\n{log.read_text()[-3000:]}")


@pytest.fixture
def browser(tmp_path: Path):
    if not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)):
        if os.environ.get("CI"):
            pytest.fail("chromium/chromedriver missing; .ci/run should have installed them")
        pytest.skip("no chromium/chromedriver on this machine")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "--window-size=1400,1000", "--lang=zh-CN",
    ):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.set_page_load_timeout(WAIT)
    try:
        yield driver
    finally:
        driver.quit()


@contextmanager
def evidence(driver, folder: Path) -> Iterator[None]:
    """On a failed step keep a screenshot and the page's HTML beside the streamlit log."""
    try:
        yield
    except Exception as exc:
        driver.save_screenshot(str(folder / "failure.png"))
        (folder / "failure.html").write_text(driver.page_source, encoding="utf-8")
        # CI keeps only the printed output: say what the page showed when the step gave up
        try:
            shown = driver.execute_script("return document.body.innerText")
            boxes = driver.execute_script(
                "return Array.from(document.querySelectorAll('[aria-label]'))"
                ".map(e => e.getAttribute('aria-label') + '=' + String(e.value ?? '').slice(0, 60))"
            )
        except Exception as probe:  # the browser itself is gone
            shown, boxes = f"(page unreadable: {probe})", []
        exc.add_note(f"page text when the step failed:\n{str(shown)[:1500]}")
        exc.add_note(f"labelled elements: {boxes}")
        log = folder / "streamlit.log"
        if log.exists():
            exc.add_note("streamlit log tail:\n" + log.read_text(errors="replace")[-1500:])
        raise


class Steps:
    """Bounded waits that retry an action while Streamlit re-renders the element under it."""

    def __init__(self, driver) -> None:
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.support.ui import WebDriverWait

        self.driver = driver
        self.wait = WebDriverWait(driver, WAIT, ignored_exceptions=(WebDriverException,))

    def _do(self, xpath: str, action):
        from selenium.webdriver.common.by import By

        def step(driver):
            element = driver.find_element(By.XPATH, xpath)
            if not (element.is_displayed() and element.is_enabled()):
                return False
            return (action(element),)  # truthy even when the action returns "" or None

        return self.wait.until(step)[0]

    def click_shown(self, xpath: str) -> None:
        """Click the first displayed match (a button with a tooltip is drawn twice, one hidden)."""
        from selenium.webdriver.common.by import By

        def step(driver):
            for element in driver.find_elements(By.XPATH, xpath):
                if element.is_displayed() and element.is_enabled():
                    # the side list scrolls on its own: bring the button into its view first
                    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
                    element.click()
                    return True
            return False

        self.wait.until(step)

    def type(self, label: str, text: str) -> None:
        self._do(f"//*[@aria-label='{label}']", lambda e: e.send_keys(text))

    def click(self, xpath: str) -> None:
        self._do(xpath, lambda e: e.click())

    def value(self, label: str) -> str:
        return self._do(f"//*[@aria-label='{label}']", lambda e: e.get_attribute("value"))

    def until_value(self, label: str, expected: str) -> None:
        self.wait.until(lambda _: self.value(label) == expected)

    def text(self, xpath: str) -> str:
        return self._do(xpath, lambda e: e.text)

    def sign_in(self, url: str, username: str) -> None:
        """Open the UI and sign in through its login form."""
        self.driver.get(url)
        self.type("用户名", username)
        self.type("密码", PASSWORD)
        self.click(button("登录"))

    def see(self, text: str) -> None:
        self._do(f"//*[contains(text(), '{text}')]", lambda e: None)


def shot(driver, name: str) -> None:
    folder = os.environ.get("GOVBRIEF_UI_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        time.sleep(1.0)  # let Streamlit finish painting
        driver.save_screenshot(str(Path(folder) / name))


def button(label: str) -> str:
    return f"//button[normalize-space(.)='{label}']"


def nav(title: str) -> str:
    return f"//a[@data-testid='stSidebarNavLink'][.//span[normalize-space(.)='{title}']]"


def tab(title: str) -> str:
    return f"//*[@role='tab'][normalize-space(.)='{title}']"


def test_officer_checks_and_submits_in_a_real_browser(api, browser, tmp_path) -> None:
    ui_log = tmp_path / "streamlit.log"
    with streamlit_ui(api, ui_log) as ui, evidence(browser, tmp_path):
        page = Steps(browser)
        page.sign_in(ui, "officer_a")
        page.see("您好")

        page.see("待办")

        page.click(nav("自检"))
        uploader_in_chinese(browser)
        page.type("标题", TITLE)
        page.type("正文", BODY)
        page.click(button("检查"))
        page.see("报送")  # the summary card's verdict: 可以报送 / 建议修改后报送 / 必须修改后报送
        shot(browser, "check-review-pane.png")

        browser.refresh()  # D1: the session and the unsaved text survive
        page.see("退出登录")
        page.until_value("正文", BODY)  # put back from browser storage a moment after load
        page.click(button("检查"))
        page.see("报送")

        page.click(nav("我的稿件"))
        page.click(tab("新建稿件"))
        assert page.value("正文") == BODY  # carried over from 自检
        page.click(button("保存并报送"))
        page.see("已保存并报送")

        browser.get(ui + "/my_drafts")  # D1: a deep link in a fresh page load
        page.see("稿件列表")
        browser.get(ui)
        page.see("待办")
        shot(browser, "home-to-do.png")

    officer = ApiClient(base_url=api)
    officer.login("officer_a", PASSWORD)
    drafts = officer.drafts()["data"]
    assert [(d["title"], d["status"]) for d in drafts] == [(TITLE, "submitted")]
    assert drafts[0]["predicted_category"] is not None


def uploader_in_chinese(driver) -> None:
    """Streamlit's own "Upload" / "200MB per file" are hidden and Chinese shown instead."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    css = '[data-testid="stFileUploaderDropzone"] button'
    button = WebDriverWait(driver, WAIT).until(lambda d: d.find_element(By.CSS_SELECTOR, css))
    after = driver.execute_script(
        "return getComputedStyle(arguments[0], '::after').content", button
    )
    assert after == '"选择文件"'
    assert "Upload" not in button.text  # the English label is not displayed
    hint = driver.find_element(
        By.CSS_SELECTOR, '[data-testid="stFileUploaderDropzoneInstructions"]'
    )
    assert "per file" not in hint.text


def corpus_text(chars: int, mark: str) -> str:
    """Real-looking draft text of about `chars` characters from the project's corpus, ending
    in a marker that shows when the marked-up result for exactly this text is on screen."""
    from training.dataset import read_corpus

    parts, size = [], 0
    for row in read_corpus():
        parts.append(row["body"])
        size += len(row["body"]) + 1
        if size >= chars:
            break
    return "\n".join(parts)[: chars - len(mark) - 1] + "。" + mark


def paste(driver, label: str, text: str) -> None:
    """Set a long text as a paste would (typing 30,000 characters takes minutes)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    xpath = f"//textarea[@aria-label='{label}']"
    box = WebDriverWait(driver, WAIT).until(lambda d: d.find_element(By.XPATH, xpath))
    from selenium.webdriver.common.keys import Keys

    box.click()  # a real focus: a scripted focus()/blur() is ignored when the window has none
    driver.execute_script(
        "const box = arguments[0];"
        "const set = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set;"
        "set.call(box, arguments[1]);"
        "box.dispatchEvent(new Event('input', {bubbles: true}));",
        box,
        text,
    )
    box.send_keys(Keys.TAB)  # Streamlit takes a text area's value when it loses focus


# Records the first text the page shows that holds 正在检查（: a MutationObserver sees every
# change, so a label shown for a few milliseconds (a fast check) is not missed between polls.
WATCH_LABEL = """
window.__checkingLabel = null;
new MutationObserver((changes) => {
  if (window.__checkingLabel) return;
  for (const change of changes) {
    const nodes = [change.target, ...change.addedNodes];
    for (const node of nodes) {
      const text = node.textContent || "";
      if (text.includes("正在检查（") && text.length < 500) {
        window.__checkingLabel = text;
        return;
      }
    }
  }
}).observe(document.body, {subtree: true, childList: true, characterData: true});
"""


def test_check_click_to_result_times(api, browser, tmp_path) -> None:
    """自检, anonymous: click 检查 → the marked text of this very draft is shown."""
    import json

    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    timings = {}
    with streamlit_ui(api, tmp_path / "streamlit.log") as ui, evidence(browser, tmp_path):
        page = Steps(browser)
        browser.get(ui + "/check")
        page.see("粘贴稿件")
        for chars, mark in ((1_500, "测时标记甲"), (30_000, "测时标记乙")):
            text = corpus_text(chars, mark)
            paste(browser, "正文", text)
            if chars == 30_000:
                browser.execute_script(WATCH_LABEL)  # the label may show for less than a poll
            start = time.monotonic()
            page.click(button("检查"))
            if chars == 30_000:  # D4: while it checks, the page says what it is doing
                shown = WebDriverWait(browser, WAIT, poll_frequency=0.05).until(
                    lambda d: d.execute_script("return window.__checkingLabel;")
                )
                assert f"正在检查（{len(text)} 字）：分类、数字、敏感内容、写法" in shown
            marked = f"//div[@data-testid='stMarkdownContainer']//div[contains(., '{mark}')]"
            WebDriverWait(browser, 120).until(lambda d, x=marked: d.find_elements(By.XPATH, x))
            timings[f"{len(text)} chars"] = round(time.monotonic() - start, 2)
            assert not browser.find_elements(By.XPATH, "//*[contains(text(), '已过期')]")
        shot(browser, "check-30000.png")
    timings["load (1, 5, 15 min) at the end"] = [round(x, 2) for x in os.getloadavg()]
    print("自检 click-to-result seconds:", timings)
    folder = os.environ.get("GOVBRIEF_UI_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / "check-timings.json").write_text(json.dumps(timings, ensure_ascii=False))


def test_queue_fits_a_1366_px_screen(api, browser, tmp_path) -> None:
    """审核队列 at 1366 × 768: the table's columns fit without a horizontal scroll bar."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    officer = ApiClient(base_url=api)
    officer.login("officer_a", PASSWORD)
    officer.submit_draft(officer.create_draft({"title": TITLE, "body": BODY})["id"])
    browser.set_window_size(1366, 768)
    with streamlit_ui(api, tmp_path / "streamlit.log") as ui, evidence(browser, tmp_path):
        page = Steps(browser)
        page.sign_in(ui, "reviewer")
        page.click(nav("审核队列"))
        page.see("点击表格中的一行")
        scroller = '[data-testid="stDataFrame"] .dvn-scroller'
        grid = WebDriverWait(browser, WAIT).until(
            lambda d: d.find_element(By.CSS_SELECTOR, scroller)
        )
        time.sleep(1.0)  # the grid sizes its columns after the first paint
        widths = browser.execute_script(
            "return [arguments[0].scrollWidth, arguments[0].clientWidth]", grid
        )
        shot(browser, "queue-1366.png")
        assert widths[0] <= widths[1], widths


def test_unsaved_draft_edits_survive_a_refresh(api, browser, tmp_path) -> None:
    """我的稿件: text typed into a stored draft's box, not saved, is there again after F5, in
    that draft, marked as unsaved; the stored draft is unchanged until 保存."""
    officer = ApiClient(base_url=api)
    officer.login("officer_a", PASSWORD)
    other = officer.create_draft({"title": "云岭县茶叶直播带货活动", "body": BODY})
    draft = officer.create_draft({"title": TITLE, "body": BODY})  # newest: listed first
    edited = BODY + "下一步，将继续扩大标准化茶园面积。"
    with streamlit_ui(api, tmp_path / "streamlit.log") as ui, evidence(browser, tmp_path):
        page = Steps(browser)
        page.sign_in(ui, "officer_a")
        page.click(nav("我的稿件"))
        page.see("稿件列表")
        page.until_value("正文", BODY)
        paste(browser, "正文", edited)
        page.see("有未保存的修改")

        browser.refresh()

        page.see("稿件列表")
        page.until_value("正文", edited)  # put back a moment after load
        page.see("有未保存的修改")
        assert page.value("标题") == TITLE  # in the draft it was typed into
        assert officer.draft(draft["id"])["body"] == BODY  # nothing saved behind the user's back
        assert officer.draft(other["id"])["body"] == BODY

        page.click(button("保存并重新检查"))
        page.see("已保存并重新检查")
        assert officer.draft(draft["id"])["body"] == edited  # the box's text was what got saved
        browser.refresh()  # saved: nothing is put back over the stored text
        page.see("稿件列表")
        page.until_value("正文", edited)
    assert officer.draft(draft["id"])["body"] == edited


PANE_DRAFT = (
    "今年以来，云岭县采取三项举措推进春茶产业提质增效。"
    "全县茶叶种植比例由30%提高到35%，提高了5%。联系电话13912345678。"
)


def test_review_pane_jump_apply_and_ignore(api, browser, tmp_path) -> None:
    """自检 in Chromium (issue 14 point 2): 定位 scrolls to the numbered mark, outlines it and
    selects the flagged words in the 正文 box; 采纳 rewrites the box; 忽略 drops the item."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    numbers = "//*[@data-testid='stExpander'][.//summary[contains(., '数字（')]]"
    with streamlit_ui(api, tmp_path / "streamlit.log") as ui, evidence(browser, tmp_path):
        page = Steps(browser)
        wait = WebDriverWait(browser, WAIT)
        browser.get(ui + "/check")
        page.see("粘贴稿件")
        page.type("标题", TITLE)
        paste(browser, "正文", PANE_DRAFT)
        page.click(button("检查"))
        page.see("处问题")

        page.click_shown(f"{numbers}//button[normalize-space(.)='定位']")
        focused = wait.until(
            lambda d: d.execute_script(
                "const m = document.querySelector('mark[style*=\"outline\"]');"
                "const box = document.activeElement;"
                "if (!m || !box || box.tagName !== 'TEXTAREA') return null;"
                "const r = m.getBoundingClientRect();"
                "if (r.top < 0 || r.bottom > window.innerHeight) return null;"
                "return [m.firstChild.textContent,"
                " box.value.substring(box.selectionStart, box.selectionEnd)];"
            )
        )
        assert focused[0] == focused[1] and focused[0] in PANE_DRAFT, focused

        page.click_shown(f"{numbers}//button[normalize-space(.)='采纳']")
        page.see("已采纳")
        wait.until(lambda _: "提高了5个百分点" in page.value("正文"))
        assert not browser.find_elements(By.XPATH, "//*[contains(text(), '已过期')]")

        ignore = "//button[normalize-space(.)='忽略']"
        before = len(browser.find_elements(By.XPATH, ignore))
        page.click_shown(ignore)
        page.see("已忽略该提示")
        wait.until(lambda d: len(d.find_elements(By.XPATH, ignore)) == before - 1)


def radio(option: str) -> str:
    return f"//label[@data-testid='stRadioOption'][normalize-space(.)='{option}']"


def test_reviewer_returns_then_passes_a_draft_in_a_real_browser(api, browser, tmp_path) -> None:
    """The reviewer's journey: 首页 待办 → a new tab is logged in too (D1) → 审核队列 → the issue
    list into the 退回 comment → 退回, its message in view (D7) → (the officer resubmits) → F5 →
    the diff against the returned version → 初审 通过."""
    officer = ApiClient(base_url=api)
    officer.login("officer_a", PASSWORD)
    did = officer.create_draft({"title": TITLE, "body": "据悉，" + BODY})["id"]
    officer.submit_draft(did)
    with streamlit_ui(api, tmp_path / "streamlit.log") as ui, evidence(browser, tmp_path):
        page = Steps(browser)
        page.sign_in(ui, "reviewer")
        page.see("待办")
        first = browser.current_window_handle
        browser.switch_to.new_window("tab")  # D1: a new tab of the same browser is logged in
        browser.get(ui + "/queue")
        page.see(TITLE)
        page.see("退出登录")
        browser.close()
        browser.switch_to.window(first)
        page.click(nav("审核队列"))
        page.see(TITLE)
        page.click(button("将问题清单填入审核意见"))
        browser_wait_value(page, "审核意见（退回时必填）", "据悉")
        page.click(radio("退回"))
        page.click(button("提交审核"))  # far down the page: Selenium scrolls to it first
        page.see("现状态：已退回")
        page.wait.until(lambda d: in_view(d, "现状态：已退回"))  # D7: not out of view at the top
        assert officer.draft(did)["status"] == "returned"

        officer.update_draft(did, {"body": BODY + "全年新增茶园面积0.3万亩。"})
        officer.submit_draft(did)
        browser.refresh()  # still logged in, the resubmitted draft back in the queue
        page.see("与退回前版本对比")
        page.click(radio("通过"))
        page.click(button("提交审核"))
        page.see("初审通过")
    assert officer.draft(did)["status"] == "passed"  # a 动态信息 needs one pass


def in_view(driver, text: str) -> bool:
    """The success message holding `text` is inside the window."""
    return bool(
        driver.execute_script(
            "const el = [...document.querySelectorAll('[data-testid=\"stAlertContentSuccess\"]')]"
            "  .find(e => e.textContent.includes(arguments[0]));"
            "if (!el) return false;"
            "const r = el.getBoundingClientRect();"
            "return r.top >= 0 && r.bottom <= window.innerHeight;",
            text,
        )
    )


def browser_wait_value(page: Steps, label: str, fragment: str) -> None:
    page.wait.until(lambda _: fragment in page.value(label))


def test_admin_walks_the_admin_pages_in_a_real_browser(api, browser, tmp_path) -> None:
    """The admin's journey: 首页 → 模型管理 in plain words → 设置 → 积分排行 → 退出登录, and a
    deep link to an admin page afterwards asks for the login again."""
    from selenium.webdriver.common.by import By

    with streamlit_ui(api, tmp_path / "streamlit.log") as ui, evidence(browser, tmp_path):
        page = Steps(browser)
        page.sign_in(ui, "admin")
        page.see("待办")
        page.click(nav("模型管理"))
        page.see("分类准确率")
        page.click(nav("设置"))
        page.click(tab("刊物"))
        page.click(nav("积分排行"))
        page.see("导出 Excel")
        page.click(button("退出登录"))
        page.see("请先登录")  # the page in view (积分排行) now asks for the login
        page.wait.until(lambda d: not d.find_elements(By.XPATH, button("退出登录")))
        # the session cookie is dropped by the page's browser bridge once the logged-out page
        # has rendered; a deep link opened before that would still carry it
        page.wait.until(lambda d: d.get_cookie("govbrief_token") is None)
        browser.get(ui + "/models")
        page.see("请先登录")
