"""Security headers on every response; a view may let named sites frame its page (partner embeds), and a page may
show named sites in its own frames (players of videos hosted elsewhere)."""

from __future__ import annotations

from flask import Flask, g, request

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
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    return response


def init_security(app: Flask) -> None:
    app.after_request(add_security_headers)
