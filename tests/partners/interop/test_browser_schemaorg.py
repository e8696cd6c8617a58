"""In headless Chromium: the schema.org JSON-LD block of a resource page is a data block that the page's Content
Security Policy (`script-src 'self'`, no inline scripts) lets through without a violation or a console error."""

from __future__ import annotations

import json

import pytest

from tests.partners.interop.publish_fixtures import catalogue  # noqa: F401 - fixture
from tests.partners.test_browser_embed import chromium  # noqa: F401 - fixture

pytestmark = pytest.mark.browser

#: records every CSP violation the page reports, from before its first byte is parsed
LISTEN = ("window.violations = [];"
          "document.addEventListener('securitypolicyviolation',"
          " e => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));")


def test_the_json_ld_block_raises_no_csp_violation(chromium, live_server, catalogue):  # noqa: F811 - fixtures
    url = f"{live_server}/ressources/{catalogue.public.id}"
    chromium(lambda browser: no_violation(browser, url))


def no_violation(browser, url):
    context = browser.new_context(locale="fr-FR")
    tab = context.new_page()
    console = []
    tab.on("console", lambda message: console.append((message.type, message.text)))
    tab.add_init_script(LISTEN)
    try:
        response = tab.goto(url, wait_until="load")
        assert "script-src 'self'" in response.headers["content-security-policy"]
        blocks = tab.locator('head script[type="application/ld+json"]')
        assert blocks.count() == 1
        assert json.loads(blocks.text_content())["name"] == "Monter une SCI d'attribution"
        assert tab.evaluate("window.violations") == []
        assert [text for kind, text in console if kind == "error"] == []
        # the listener does hear the policy: an inline script that would run is refused and reported
        tab.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
                     " document.head.append(s); }")
        tab.wait_for_function("window.violations.length > 0", timeout=5_000)
        assert tab.evaluate("window.ran") is None
        assert any("Content Security Policy" in text for kind, text in console if kind == "error")
    finally:
        context.close()
