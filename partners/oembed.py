"""The oEmbed provider (oembed.com, version 1.0): which URL names which object, and the answer for it.

Rules kept: `url` required; JSON or XML (anything else 501); `rich` (or the kind's own type, `video` for
videos) with `html`, `width` and `height` within `maxwidth`/`maxheight`; a thumbnail only when it fits the
maxima too (the three thumbnail fields together or none); 404 for URLs that name nothing embeddable here, 401
for non-public objects (unless the URL is an embed link carrying a valid signature).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import sqlalchemy as sa
from flask import current_app, request, url_for
from markupsafe import escape
from werkzeug.exceptions import HTTPException

from app.accounts.models import Partner
from app.db import db
from partners.embeds import EMBEDDABLE_KINDS, EmbeddableKind, EmbedLinkError, check_embed_token, embed_url
from partners.models import PartnerDesign

VERSION = "1.0"
CACHE_AGE = 3600


class OEmbedError(Exception):
    def __init__(self, status: int):
        super().__init__(status)
        self.status = status


@dataclass
class Target:
    kind: EmbeddableKind
    obj: Any
    partner: Partner
    token: str | None = None


def _known_hosts() -> set[str]:
    hosts = {request.host.lower().split(":")[0]}
    for setting in (current_app.config.get("PUBLIC_URL"), "//" + (current_app.config.get("SERVER_NAME") or "")):
        host = urlsplit(setting or "").hostname
        if host:
            hosts.add(host.lower())
    return hosts


def _match(url: str) -> tuple[str, dict, dict]:
    """(endpoint, view arguments, query) of a URL of this site; OEmbedError(404) for anything else."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        raise OEmbedError(404)
    if host not in _known_hosts() and not db.session.scalar(
            sa.select(sa.func.count()).select_from(PartnerDesign).where(PartnerDesign.host_name == host)):
        raise OEmbedError(404)
    adapter = current_app.url_map.bind(host, script_name=request.script_root or "/")
    try:
        endpoint, args = adapter.match(parts.path or "/", method="GET")
    except HTTPException as exc:  # not found, a redirect to another URL, a POST-only route
        raise OEmbedError(404) from exc
    return endpoint, args, parse_qs(parts.query)


def _partner(slug: str) -> Partner:
    partner = db.session.scalar(sa.select(Partner).where(Partner.slug == slug, Partner.is_active.is_(True)))
    if partner is None:
        raise OEmbedError(404)
    return partner


def resolve(url: str) -> Target:
    """The embeddable object a URL names: its page on the site, on a portal, or its embed link."""
    endpoint, args, query = _match(url)
    if endpoint == "partners.embed":
        kind, object_id, partner = EMBEDDABLE_KINDS.get(args["kind"]), args["object_id"], _partner(args["slug"])
        token = (query.get("jeton") or [None])[0]
    else:
        from partners.embeds import kind_for_endpoint

        found = kind_for_endpoint(endpoint)
        if found is None:
            raise OEmbedError(404)
        kind, argument = found
        if argument not in args:  # a page that names no object (a course's preview of its first step)
            raise OEmbedError(404)
        object_id, token = args[argument], None
        partner = _partner(args["slug"]) if "slug" in args else None
    obj = kind.load(object_id) if kind else None
    if obj is None:
        raise OEmbedError(404)
    return Target(kind, obj, partner or kind.owner(obj), token)


def _allowed(target: Target) -> bool:
    if target.kind.is_public(target.obj):
        return True
    if not target.token or not target.kind.shareable(target.obj):
        return False
    try:
        check_embed_token(target.token, target.kind.key, target.obj.id, target.partner)
    except EmbedLinkError:
        return False
    return True


def fit(size: tuple[int, int], maxwidth: int | None, maxheight: int | None) -> tuple[int, int]:
    """The size shrunk, keeping its proportions, to fit within the maxima."""
    width, height = size
    if maxwidth and width > maxwidth:
        width, height = maxwidth, max(1, round(height * maxwidth / width))
    if maxheight and height > maxheight:
        width, height = max(1, round(width * maxheight / height)), maxheight
    return width, height


def answer(url: str, maxwidth: int | None = None, maxheight: int | None = None) -> dict:
    """The oEmbed response for `url`, as a dict; OEmbedError(404 or 401) when there is none to give."""
    target = resolve(url)
    if not _allowed(target):
        raise OEmbedError(401)
    kind, obj = target.kind, target.obj
    width, height = fit(kind.size_for(obj), maxwidth, maxheight)
    src = embed_url(kind.key, obj.id, target.partner, target.token)
    title = kind.title(obj)
    owner = kind.owner(obj)
    payload = {
        "version": VERSION, "type": kind.oembed_type, "title": title,
        "provider_name": "Terreau", "provider_url": url_for("commons.home", _external=True),
        "author_name": owner.name, "author_url": url_for("accounts.partner", slug=owner.slug, _external=True),
        "width": width, "height": height,
        "html": (f'<iframe src="{escape(src)}" title="{escape(title)}" width="{width}" height="{height}" '
                 f'style="border:0" loading="lazy" allowfullscreen></iframe>'),
    }
    if target.token is None:
        payload["cache_age"] = CACHE_AGE
    thumbnail = kind.thumbnail(obj)
    if thumbnail and (not maxwidth or thumbnail.width <= maxwidth) and (
            not maxheight or thumbnail.height <= maxheight):
        payload.update(thumbnail_url=thumbnail.url, thumbnail_width=thumbnail.width,
                       thumbnail_height=thumbnail.height)
    return payload


def to_xml(payload: dict) -> bytes:
    """The XML flavour: <oembed> with one element per field, in UTF-8 with its declaration."""
    root = ElementTree.Element("oembed")
    for key, value in payload.items():
        ElementTree.SubElement(root, key).text = str(value)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
