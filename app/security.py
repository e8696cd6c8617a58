"""Security headers on every response; a view may let named sites frame its page (partner embeds), and a page may
show named sites in its own frames (players of videos hosted elsewhere). Cookies are Secure on HTTPS requests, and
behind a proxy (TERREAU_PROXY_FIX) the scheme and address it forwards are believed."""

from __future__ import annotations

from flask import Flask, g, request
from werkzeug.middleware.proxy_fix import ProxyFix

HSTS = "max-age=31536000; includeSubDomains"

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; media-src 'self' blob:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)


def allow_framing_by(origins) -> None:
    """Let these origins (besides this site) frame the current response: CSP `frame-ancestors` names them and
    X-Frame-Options, which can only say "same origin", is left out."""
    g.frame_ancestors = list(origins)


def allow_frames_from(origin: str) -> None:
    """Let the current page show an iframe from `origin` (a video host's player): CSP `frame-src` names it."""
    sources = g.setdefault("frame_sources", [])
    if origin not in sources:
        sources.append(origin)


def content_security_policy() -> str:
    policy = CONTENT_SECURITY_POLICY
    if request.path.startswith("/api/v1/docs"):
        # Swagger UI evaluates its bundle inline; allow that on the docs page only.
        policy = policy.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    framers = g.get("frame_ancestors")
    if framers:
        policy = policy.replace("frame-ancestors 'self'", " ".join(["frame-ancestors 'self'", *framers]))
    sources = g.get("frame_sources")
    if sources:
        policy += "; " + " ".join(["frame-src 'self'", *sources])
    return policy


def add_security_headers(response):
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if g.get("frame_ancestors") is None:
        headers.setdefault("X-Frame-Options", "SAMEORIGIN")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    headers.setdefault("Content-Security-Policy", content_security_policy())
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", HSTS)
    return response


class SecureCookies:
    """WSGI middleware: on a request that came over HTTPS, every cookie set (session, remember-me, language…)
    gets the Secure flag, so it never travels over plain HTTP; on plain HTTP (a local demo) cookies still work."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        if environ.get("wsgi.url_scheme") != "https":
            return self.wsgi_app(environ, start_response)

        def secure_start_response(status, headers, exc_info=None):
            headers = [(name, _with_secure(value) if name.lower() == "set-cookie" else value)
                       for name, value in headers]
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, secure_start_response)


def _with_secure(cookie: str) -> str:
    attributes = {part.strip().lower() for part in cookie.split(";")[1:]}
    return cookie if "secure" in attributes else cookie + "; Secure"


def init_security(app: Flask) -> None:
    app.after_request(add_security_headers)
    if app.config.get("SECURE_COOKIES", "auto") == "auto":
        app.wsgi_app = SecureCookies(app.wsgi_app)
    proxies = app.config.get("PROXY_FIX", 0)
    if proxies:  # outermost, so what follows sees the scheme and address the proxy forwarded
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_prefix=proxies)
