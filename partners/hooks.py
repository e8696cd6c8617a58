"""How partners hooks into every request: portals served on their own host names, and what templates get (oEmbed
discovery links in the page head, embed codes).

Views of pages are not recorded here: the observatory's usage events are the one record of them (it records the
commons' resource pages itself; the portal's resource page records its views, see `views.portal`)."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from flask import Flask, current_app, g, request, url_for
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

from app.db import db
from app.templating import HeadLink, add_head_elements
from partners.embed_kinds import media_url
from partners.embeds import EMBEDDABLE_KINDS, embed_url, kind_for_endpoint


def _request_host() -> str:
    """The Host of the request, lower case, without port (IPv6 literals keep their brackets)."""
    host = request.host.lower()
    if host.startswith("["):
        return host.split("]")[0] + "]"
    return host.rsplit(":", 1)[0] if ":" in host else host


def _site_hosts() -> set[str]:
    hosts = {urlsplit(current_app.config.get("PUBLIC_URL") or "").hostname or ""}
    server_name = current_app.config.get("SERVER_NAME")
    if server_name:
        hosts.add(server_name.split(":")[0])
    return {host.lower() for host in hosts if host}


def serve_portal_on_its_host():
    """A request for / on a partner's configured host name gets that partner's portal."""
    if request.path != "/" or request.method not in ("GET", "HEAD"):
        return None
    host = _request_host()
    if host in _site_hosts() or host in ("127.0.0.1", "[::1]"):
        return None
    from partners import service
    from partners.views.portal import render_portal_home

    design = service.design_for_host(host)
    if design is None:
        return None
    g.portal_host = True
    return render_portal_home(design.partner, design)


def _discovery(page: str, title: str = "oEmbed") -> list[HeadLink]:
    links = []
    for fmt, mime in (("json", "application/json+oembed"), ("xml", "text/xml+oembed")):
        href = url_for("partners.oembed", _external=True) + "?" + urlencode({"url": page, "format": fmt})
        links.append(HeadLink("alternate", mime, href, title))
    return links


def embed_parts(kind_key: str, obj) -> list[tuple[str, object]]:
    """The embeddable things shown inside `obj`'s page (a resource's videos) that the visitor may see."""
    kind = EMBEDDABLE_KINDS.get(kind_key)
    if kind is None or obj is None:
        return []
    user = current_user._get_current_object()
    return [(key, part) for key, part in kind.parts(obj)
            if key in EMBEDDABLE_KINDS and EMBEDDABLE_KINDS[key].can_view(part, user)]


def head_links() -> list[HeadLink]:
    """oEmbed discovery links for pages showing an embeddable object (commons and course pages included), and
    for the public embeddable things inside it (a resource's videos, by their embed URL)."""
    if request.endpoint == "partners.embed":
        return _discovery(request.url)
    found = kind_for_endpoint(request.endpoint)
    object_id = (request.view_args or {}).get(found[1]) if found else None
    if object_id is None:
        return []
    kind = found[0]
    links = _discovery(request.base_url)
    try:
        obj = kind.load(int(object_id))
        parts = embed_parts(kind.key, obj) if obj is not None else []
    except SQLAlchemyError:
        db.session.rollback()
        parts = []
    owner = kind.owner(obj) if parts else None
    for key, part in parts:
        part_kind = EMBEDDABLE_KINDS[key]
        if part_kind.is_public(part):
            links += _discovery(embed_url(key, part.id, owner), f"oEmbed · {part_kind.title(part)}")
    return links


def init_app(app: Flask) -> None:
    from partners.views.codes import embed_panel

    app.before_request(serve_portal_on_its_host)
    add_head_elements(app, head_links)
    app.extensions.setdefault("course_page_panels", []).append(course_embed_panel)

    @app.context_processor
    def partners_context():
        return {"embed_panel": embed_panel, "embed_parts": embed_parts, "embed_media_url": media_url}


def course_embed_panel(course, user):
    """On a course's page (courses' panels): the embed code of its outline, once it is published (a draft's
    outline is never embedded)."""
    from flask import render_template
    from markupsafe import Markup

    if not course.is_published:
        return None
    html = render_template("partners/_course_embed_panel.html", course=course)
    return Markup(html)  # noqa: S704 - rendered by an autoescaping Jinja template
