"""The chat page in a real browser (Debian chromium, headless, through selenium),
served by the Rasa server itself and talking to it over socket.io."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from eval.servers import MODEL, ROOT, RasaStack

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
WIDGET = ROOT / "web" / "node_modules" / "rasa-webchat" / "lib" / "index.js"
# The latest run's screenshot (results/ is not committed); docs/screenshot.png is
# refreshed from it by hand, so a test run never dirties the work tree.
SCREENSHOT = ROOT / "results" / "screenshot.png"
WAIT = 60  # seconds: an upper bound for waits, never an assertion on speed

pytestmark = [
    pytest.mark.skipif(not MODEL.exists(), reason="no trained model: run `make train`"),
    pytest.mark.skipif(not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
                       reason="chromium/chromedriver missing: run `make setup`"),
    pytest.mark.skipif(not WIDGET.exists(), reason="web/node_modules missing: run `make setup`"),
]


def effective_credentials(folder: Path, env: dict | None = None) -> Path:
    """The credentials file `make run` would use (scripts/credentials.py)."""
    import os
    import subprocess
    import sys
    out = folder / "credentials.yml"
    clean = {k: v for k, v in os.environ.items()  # no messaging channels from the caller's env
             if not k.startswith(("TELEGRAM_", "SLACK_", "FACEBOOK_"))}
    subprocess.run([sys.executable, str(ROOT / "scripts" / "credentials.py"), str(out)],
                   check=True, env={**clean, **(env or {})}, capture_output=True)
    return out


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    stack = RasaStack(credentials=effective_credentials(tmp_path_factory.mktemp("creds")))
    stack.rasa.args = ("--cors", stack.rasa.url)  # the page's own origin, as run.sh does
    with stack as rasa:
        yield rasa


def make_browser(width: int = 900, height: int = 760):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="chromium-test-")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.profile_dir = profile
    return driver


@pytest.fixture(scope="module")
def browser():
    driver = make_browser()
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(driver.profile_dir, ignore_errors=True)


def texts(driver) -> list[str]:
    from selenium.webdriver.common.by import By
    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".rw-message-text")]


def wait_for_text(driver, needle: str, after: int = 0) -> list[str]:
    """Wait until a message (from index `after` on) contains needle; return all texts."""
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(driver, WAIT).until(
        lambda d: any(needle in t for t in texts(d)[after:]),
        message=f"no message containing {needle!r}")
    return texts(driver)


def send(driver, text: str) -> int:
    """Type a message and press Enter; returns the message count before sending."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    before = len(texts(driver))
    box = driver.find_element(By.CSS_SELECTOR, ".rw-new-message")
    box.send_keys(text)
    box.send_keys(Keys.ENTER)
    return before


def requested_urls(driver) -> list[str]:
    import json
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def test_page_is_a_product_and_greets_with_topic_buttons(server, browser):
    from selenium.webdriver.common.by import By
    browser.get(server.url + "/webhooks/webpage/")
    assert browser.title == "Muscle Twitching Explainer"
    intro = browser.find_element(By.CSS_SELECTOR, "header.intro").text
    assert "an automated assistant explaining one article, not a doctor" in intro
    assert "causes" in intro and "lab values" in intro
    wait_for_text(browser, "What would you like to know?")
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(browser, WAIT).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, ".rw-reply")) >= 4)
    titles = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".rw-reply")]
    assert titles == ["Causes", "When to see a doctor", "Lab values", "Relief methods"]
    widget = browser.find_element(By.CSS_SELECTOR, ".rw-conversation-container")
    assert widget.is_displayed() and widget.size["height"] > 300


def test_question_gets_the_right_answer(server, browser):
    before = send(browser, "what causes twitching in my sleep?")
    answers = wait_for_text(browser, "Source: the article, section 1", after=before)
    assert any("stress" in t for t in answers[before:])


def test_quick_reply_button_gets_its_answer(server, browser, tmp_path):
    from selenium.webdriver.common.by import By
    before = len(texts(browser))
    relief = [e for e in browser.find_elements(By.CSS_SELECTOR, ".rw-reply")
              if e.text == "Relief methods"][0]
    relief.click()
    wait_for_text(browser, "Relief methods", after=before)  # the choice shown as sent
    wait_for_text(browser, "fried", after=before)
    # The documentation's screenshot: question, answer, a topic chosen by button.
    browser.save_screenshot(str(tmp_path / "chat.png"))
    SCREENSHOT.parent.mkdir(exist_ok=True)
    shutil.copyfile(tmp_path / "chat.png", SCREENSHOT)


def test_markup_typed_by_the_user_is_shown_as_text_and_runs_nothing(server, browser):
    from selenium.webdriver.common.by import By
    for attack in ("<img src=x onerror=alert(1)>", "<script>alert(1)</script>"):
        before = send(browser, attack)
        wait_for_text(browser, attack, after=before)  # shown literally, as text
        # give the bot's reply to it time to arrive, then check nothing ran
        wait_for_text(browser, "", after=before + 1)
    messages = browser.find_element(By.CSS_SELECTOR, ".rw-messages-container")
    assert messages.find_elements(By.CSS_SELECTOR, "img[src='x'], img[onerror]") == []
    assert messages.find_elements(By.TAG_NAME, "script") == []
    from selenium.common.exceptions import NoAlertPresentException
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    assert browser.execute_script("return document.querySelectorAll('img[src=\"x\"]').length") == 0


def test_reload_keeps_the_conversation(server, browser, tmp_path):
    before = texts(browser)
    assert any("Source: the article, section 1" in t for t in before)
    browser.refresh()
    after = wait_for_text(browser, "Source: the article, section 1")
    assert "what causes twitching in my sleep?" in after
    assert after.count("what causes twitching in my sleep?") == 1
    browser.save_screenshot(str(tmp_path / "chat.png"))


def test_page_makes_no_request_outside_its_own_origin(server, browser):
    urls = requested_urls(browser)
    assert urls, "the performance log recorded no requests"
    web = [u for u in urls if u.startswith(("http:", "https:", "ws:", "wss:"))]
    assert any(u.startswith(server.url + "/socket.io/") for u in web)
    foreign = [u for u in web if not u.startswith((server.url + "/", server.url.replace("http", "ws", 1) + "/"))]
    assert foreign == []


def test_cors_allows_only_the_pages_origin(server):
    import urllib.request
    def allowed(origin: str) -> str | None:
        request = urllib.request.Request(server.url + "/webhooks/rest/webhook", method="OPTIONS",
                                         headers={"Origin": origin,
                                                  "Access-Control-Request-Method": "POST"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.headers.get("Access-Control-Allow-Origin")
    assert allowed(server.url) == server.url
    assert allowed("http://evil.example") is None


def test_without_channel_variables_only_rest_socketio_and_the_page_are_served(server):
    import urllib.error
    import urllib.request

    def status(path: str) -> int:
        try:
            with urllib.request.urlopen(server.url + path, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
    assert [status(f"/webhooks/{name}/") for name in ("rest", "socketio", "webpage")] == [200] * 3
    assert [status(f"/webhooks/{name}/") for name in ("telegram", "slack", "facebook")] == [404] * 3


def test_phone_sized_screenshot_and_layout(server, tmp_path):
    """A fresh visitor on a phone-sized window: widget fills the width, greeting shown."""
    from selenium.webdriver.common.by import By
    phone = make_browser(390, 780)
    try:
        phone.get(server.url + "/webhooks/webpage/")
        wait_for_text(phone, "What would you like to know?")
        widget = phone.find_element(By.CSS_SELECTOR, ".rw-conversation-container")
        assert widget.size["width"] >= 360 and widget.is_displayed()
        phone.save_screenshot(str(tmp_path / "phone.png"))
    finally:
        phone.quit()
        shutil.rmtree(phone.profile_dir, ignore_errors=True)
