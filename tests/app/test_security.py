"""Hardening: no inline script anywhere (so CSP `script-src 'self'` holds without 'unsafe-inline'), Secure,
HttpOnly and SameSite cookies on HTTPS, HSTS only over TLS, and the scheme forwarded by a trusted proxy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app import create_app
from app.config import PROJECT_ROOT, Config

PACKAGES = ("app", "media", "commons", "courses", "paths", "observatory", "partners")
#: a <script> that runs code written in the page (no src, and not a data block such as JSON or JSON-LD)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
#: an event handler attribute (onclick=, onload=…) or a javascript: address
HANDLER = re.compile(r"""(?:<[^>]*\son[a-z]+\s*=|(?:href|src|action)\s*=\s*["']?\s*javascript:)""", re.I)
#: ways for our scripts to build HTML or code from strings, which CSP would either block or let through
UNSAFE_JS = re.compile(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|"
                       r"setAttribute\(\s*['\"]on")


def _own_files(pattern: str) -> list[Path]:
    return [path for package in PACKAGES for path in (PROJECT_ROOT / package).rglob(pattern)
            if "vendor" not in path.parts]


def test_no_template_holds_inline_script_or_event_handlers():
    templates = _own_files("*.html")
    assert len(templates) > 50
    offenders = [f"{path.relative_to(PROJECT_ROOT)}: {match.group(0)[:80]}" for path in templates
                 for match in (*INLINE_SCRIPT.finditer(path.read_text()), *HANDLER.finditer(path.read_text()))]
    assert offenders == []


def test_our_scripts_never_build_markup_or_code_from_strings():
    scripts = _own_files("*.js")
    assert len(scripts) >= 5
    offenders = [f"{path.relative_to(PROJECT_ROOT)}:{number}" for path in scripts
                 for number, line in enumerate(path.read_text().splitlines(), 1) if UNSAFE_JS.search(line)]
    assert offenders == []


def test_the_detectors_catch_what_they_are_for():
    assert INLINE_SCRIPT.search('<script>alert(1)</script>') and INLINE_SCRIPT.search("<script type=module>")
    assert not INLINE_SCRIPT.search('<script src="/static/terreau.js" defer></script>')
    assert not INLINE_SCRIPT.search('<script type="application/json" id="x-data">')
    assert HANDLER.search('<button type="button" onclick="go()">') and HANDLER.search('<a href="javascript:go()">')
    assert not HANDLER.search('<p class="onion">') and UNSAFE_JS.search("el.innerHTML = html;")


@pytest.mark.parametrize("path", ["/", "/connexion", "/partenaires/", "/gouvernance"])
def test_pages_are_served_with_a_strict_script_policy_and_no_inline_script(client, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = dict(part.strip().split(" ", 1) for part in response.headers["Content-Security-Policy"].split(";"))
    assert policy["script-src"] == "'self'" and policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'self'" and policy["frame-ancestors"] == "'self'"
    assert INLINE_SCRIPT.search(response.text) is None and HANDLER.search(response.text) is None
    assert response.headers["X-Content-Type-Options"] == "nosniff"


# HSTS and cookies ---------------------------------------------------------------------------------------------

def _cookies(response) -> dict[str, str]:
    """Set-Cookie headers by cookie name, attributes lower-cased."""
    return {header.split("=", 1)[0]: header.lower() for header in response.headers.getlist("Set-Cookie")}


def test_hsts_only_over_tls(client):
    assert "Strict-Transport-Security" not in client.get("/connexion").headers
    secure = client.get("/connexion", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_over_https_session_and_remember_cookies_are_secure_httponly_and_lax(client, create_user):
    create_user(email="lou@example.org", password="un-mot-de-passe-long")
    response = client.post("/connexion", base_url="https://localhost", data={
        "email": "lou@example.org", "password": "un-mot-de-passe-long", "remember": "y"})
    assert response.status_code == 302
    cookies = _cookies(response)
    assert set(cookies) >= {"session", "remember_token"}
    for header in cookies.values():
        assert "; secure" in header and "; httponly" in header and "samesite=lax" in header


def test_over_plain_http_cookies_still_work_for_a_local_demo(client, create_user):
    create_user(email="lou@example.org", password="un-mot-de-passe-long")
    response = client.post("/connexion", data={"email": "lou@example.org", "password": "un-mot-de-passe-long"})
    session = _cookies(response)["session"]
    assert "; secure" not in session and "; httponly" in session and "samesite=lax" in session
    assert client.get("/compte").status_code == 200  # the browser sends it back: logged in


@pytest.mark.parametrize(("value", "mode"), [(None, "auto"), ("auto", "auto"), ("1", "on"), ("oui", "on"),
                                             ("0", "off"), ("non", "off")])
def test_the_secure_cookies_setting(monkeypatch, value, mode):
    if value is None:
        monkeypatch.delenv("TERREAU_SECURE_COOKIES", raising=False)
    else:
        monkeypatch.setenv("TERREAU_SECURE_COOKIES", value)
    config = Config()
    assert mode == config.SECURE_COOKIES
    assert config.SESSION_COOKIE_SECURE is config.REMEMBER_COOKIE_SECURE is (mode == "on")


def _app_with(app, **settings):
    return create_app({"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"], "TESTING": True,
                       "WTF_CSRF_ENABLED": False, "SERVER_NAME": "localhost", **settings})


def test_behind_a_trusted_proxy_the_forwarded_scheme_counts(app):
    proxied = _app_with(app, PROXY_FIX=1).test_client()
    response = proxied.get("/langue/fr", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"})
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "; secure" in _cookies(response)["session"]


def test_without_proxy_fix_a_forwarded_scheme_is_not_believed(client):
    response = client.get("/langue/fr", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in response.headers
    assert "; secure" not in _cookies(response)["session"]


def test_secure_cookies_forced_on_and_off(app):
    forced = _app_with(app, SECURE_COOKIES="on", SESSION_COOKIE_SECURE=True).test_client()
    assert "; secure" in _cookies(forced.get("/langue/fr"))["session"]
    never = _app_with(app, SECURE_COOKIES="off").test_client()
    assert "; secure" not in _cookies(never.get("/langue/fr", base_url="https://localhost"))["session"]
