"""The "copy the embed code" panel: a plain iframe and a YesWiki snippet for an object, in a partner's design.

Non-public objects get a signed, expiring link, offered only to people who may share them (a resource's
editors); everyone else is told whom to ask.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import g, request, url_for
from flask_login import current_user

from app.accounts.models import Partner
from app.db import db, utcnow
from partners.embeds import EMBEDDABLE_KINDS, embed_url, link_days, sign_embed
from partners.models import PartnerDesign


def _candidate_partners(obj_owner: Partner, partner: Partner | None) -> list[Partner]:
    """Partners whose sites may show the object: the given one, else the user's partners and the owner."""
    if partner is not None:
        return [partner]
    found = []
    if current_user.is_authenticated:
        found = sorted((m.partner for m in current_user.memberships if m.partner.is_active), key=lambda p: p.name)
    if obj_owner not in found:
        found.append(obj_owner)
    return found


def attribute(value: str) -> str:
    """A value safe inside a double-quoted HTML attribute, without escaping what needs none (apostrophes)."""
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def snippets(url: str, title: str, height: int, resizer_url: str) -> dict[str, str]:
    """The code partners paste: plain iframe (optionally auto-resized by iframe-resizer) and YesWiki."""
    src, label = attribute(url), attribute(title)
    iframe = (f'<iframe src="{src}" title="{label}" width="100%" height="{height}" '
              f'style="border:0;width:100%" loading="lazy"></iframe>')
    resized = (f'<iframe class="terreau-embed" src="{src}" title="{label}" width="100%" height="{height}" '
               f'style="border:0;width:100%" loading="lazy"></iframe>\n'
               f'<script src="{attribute(resizer_url)}"></script>\n'
               f"<script>iFrameResize({{checkOrigin: false}}, 'iframe.terreau-embed');</script>")
    yeswiki = (f'""<iframe class="auto-resize" src="{src}" title="{label}" width="100%" height="{height}" '
               f'frameborder="0" loading="lazy"></iframe>""')
    return {"iframe": iframe, "resized": resized, "yeswiki": yeswiki}


def _frame_origins(partner_id: int) -> list[str]:
    """The sites allowed to frame the partner's embeds, read once per request however many panels the page has (a
    resource's page has one per video)."""
    known = g.setdefault("embed_frame_origins", {})
    if partner_id not in known:
        known[partner_id] = db.session.scalar(
            sa.select(PartnerDesign.frame_origins).where(PartnerDesign.partner_id == partner_id)) or []
    return known[partner_id]


def embed_panel(kind_key: str, obj, partner: Partner | None = None) -> dict | None:
    """What the panel shows for `obj`, or None when the kind is not embeddable."""
    kind = EMBEDDABLE_KINDS.get(kind_key)
    if kind is None or obj is None:
        return None
    candidates = _candidate_partners(kind.owner(obj), partner)
    wanted = request.args.get("integrer")  # the partner whose design the code uses
    chosen = next((p for p in candidates if p.slug == wanted), candidates[0])
    main = kind_key == "resource"  # the page's own panel; the others (its videos, a step...) get their own ids
    suffix = "" if main else f"-{kind.key}-{obj.id}"
    panel = {"kind": kind, "partner": chosen, "anchor": "integrer" + suffix, "suffix": suffix,
             "name": kind.title(obj) if kind.page_endpoint is None else "", "candidates": candidates,
             "public": kind.is_public(obj),
             "frame_origins": _frame_origins(chosen.id),
             "can_manage": chosen.can_manage(current_user)}
    token = None
    if not panel["public"]:
        if not kind.can_share(obj, current_user):
            return {**panel, "blocked": True}
        expires = utcnow() + timedelta(days=link_days())
        token = sign_embed(kind.key, obj.id, chosen, expires)
        panel["expires"] = expires
    url = embed_url(kind.key, obj.id, chosen, token)
    resizer = url_for("static", filename="vendor/iframe-resizer/iframeResizer.min.js", _external=True)
    return {**panel, "url": url, "codes": snippets(url, kind.title(obj), kind.size_for(obj)[1], resizer)}
