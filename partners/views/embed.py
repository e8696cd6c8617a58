"""Embeds: chrome-less pages in the embedding partner's design, framed only by the partner's allowed sites, and
the oEmbed endpoint. Nothing here needs a cookie: non-public objects open with a signed, expiring link."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Response, abort, json, render_template, request
from flask_babel import gettext as _

from app.db import db
from app.http import problem
from app.security import allow_framing_by
from partners import oembed as provider
from partners import service
from partners.embeds import EMBEDDABLE_KINDS, EmbedLinkError, check_embed_token
from partners.schemas import OEmbedQuerySchema
from partners.views import bp, design_style, me, partner_or_404


def referer_origin() -> str | None:
    """scheme://host[:port] of the page that framed us (browsers send at least the origin cross-site)."""
    parts = urlsplit(request.referrer or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()[:300]


def _refuse(context: dict, message: str, status: int = 403):
    body = render_template("partners/embed/refused.html", message=message, **context)
    return body, status, {"Cache-Control": "no-store"}


@bp.get("/embed/<slug>/<kind>/<int:object_id>")
def embed(slug: str, kind: str, object_id: int):
    """One object, chrome-less, in partner `slug`'s design; framed only by the sites that partner allows."""
    partner = partner_or_404(slug)
    design = service.design_for(partner)
    allow_framing_by(design.frame_origins or [])
    embeddable = EMBEDDABLE_KINDS.get(kind)
    obj = embeddable.load(object_id) if embeddable else None
    if obj is None:
        abort(404)
    context = {"partner": partner, "design": design, "design_style": design_style(design), "kind": embeddable}
    token = request.args.get("jeton")
    signed = False
    if not embeddable.can_view(obj, me()):
        if not token:  # 404 as elsewhere: whoever may not see it does not learn that it exists
            return _refuse(context, _("Ce contenu n'existe pas ou n'est pas public : un contenu non public ne "
                                      "s'affiche qu'avec un lien d'intégration signé, fourni par ses "
                                      "éditeur·rices."), 404)
        try:
            if not embeddable.shareable(obj):
                raise EmbedLinkError()
            check_embed_token(token, embeddable.key, obj.id, partner)
        except EmbedLinkError as exc:
            message = (_("Ce lien d'intégration a expiré : demandez-en un nouveau aux éditeur·rices.")
                       if exc.expired else _("Ce lien d'intégration n'est pas valide."))
            return _refuse(context, message)
        signed = True
    service.record_embed_load(embeddable, obj, partner, referer_origin())
    db.session.commit()
    body = render_template(embeddable.template, obj=obj, signed=signed, **embeddable.context(obj, signed),
                           **context)
    headers = {"Cache-Control": "no-store" if signed else "no-cache"}
    return body, 200, headers


@bp.get("/oembed")
def oembed():
    """oEmbed 1.0 provider: ?url=&maxwidth=&maxheight=&format=json|xml."""
    raw = {key: request.args[key] for key in ("url", "maxwidth", "maxheight", "format") if request.args.get(key)}
    errors = OEmbedQuerySchema().validate(raw)
    if errors:
        return problem(400, _("Requête invalide"), errors=errors)
    query = OEmbedQuerySchema().load(raw)
    if query["format"] not in ("json", "xml"):
        return problem(501, _("Format non pris en charge"), _("Formats disponibles : json, xml."))
    try:
        payload = provider.answer(query["url"], query["maxwidth"], query["maxheight"])
    except provider.OEmbedError as exc:
        titles = {404: _("Aucun contenu intégrable à cette adresse."), 401: _("Ce contenu n'est pas public.")}
        return problem(exc.status, titles[exc.status])
    headers = {"Access-Control-Allow-Origin": "*", "Vary": "Accept-Language"}
    if query["format"] == "xml":
        return Response(provider.to_xml(payload), 200, headers, mimetype="text/xml")
    return Response(json.dumps(payload), 200, headers, mimetype="application/json")
