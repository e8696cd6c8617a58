"""How partners hooks into every request: portals served on their own host names, views of embeddable pages
recorded as usage, framing headers of embed responses, and what templates get (discovery links, embed codes)."""

from __future__ import annotations

import logging
from urllib.parse import urlencode, urlsplit

from flask import Flask, current_app, g, has_request_context, request, url_for
from sqlalchemy.exc import SQLAlchemyError

from app.db import db
from partners.embeds import kind_for_endpoint
from partners.models import UsageEvent

log = logging.getLogger(__name__)


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


def record_page_view(response):
    """A successful read of an embeddable object's full page counts as a view (for "most used" lists)."""
    if request.method != "GET" or response.status_code != 200 or request.headers.get("HX-Request"):
        return response
    found = kind_for_endpoint(request.endpoint)
    if found is None or g.get("usage_recorded"):
        return response
    kind, argument = found
    object_id = (request.view_args or {}).get(argument)
    if object_id is None:
        return response
    from partners import service

    try:
        service.record_usage(UsageEvent.VIEW, kind.key, int(object_id), partner=g.get("portal_partner"))
        db.session.commit()
    except SQLAlchemyError:  # statistics must never break the page people asked for
        db.session.rollback()
        log.warning("could not record a view of %s %s", kind.key, object_id, exc_info=True)
    return response


def head_links() -> list[dict]:
    """oEmbed discovery links for pages showing an embeddable object (commons pages included)."""
    if request.endpoint != "partners.embed" and kind_for_endpoint(request.endpoint) is None:
        return []
    page = request.url if request.endpoint == "partners.embed" else request.base_url
    links = []
    for fmt, mime in (("json", "application/json+oembed"), ("xml", "text/xml+oembed")):
        href = url_for("partners.oembed", _external=True) + "?" + urlencode({"url": page, "format": fmt})
        links.append({"rel": "alternate", "type": mime, "href": href, "title": "oEmbed"})
    return links


def init_app(app: Flask) -> None:
    from partners.views.codes import embed_panel

    app.before_request(serve_portal_on_its_host)
    app.after_request(record_page_view)

    @app.context_processor
    def partners_context():
        return {"head_links": head_links() if has_request_context() else [], "embed_panel": embed_panel}
