"""schema.org `LearningResource` JSON-LD in resource pages, so search engines and portals understand them.

The resource page belongs to the commons; rather than editing its template, an `after_app_request` hook adds a
`<script type="application/ld+json">` before `</head>` of the page it already rendered for this visitor.
"""

from __future__ import annotations

import json

from flask import request

from app.db import db
from app.text import plain_text
from commons.models import Resource, Visibility
from partners.interop.publish import bp
from partners.interop.publish.catalogue import iso_utc, resource_page

#: Terreau kinds that are videos for schema.org
VIDEO_KINDS = {"video"}


def learning_resource(resource: Resource) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": ["LearningResource", "VideoObject" if resource.kind.slug in VIDEO_KINDS else "CreativeWork"],
        "@id": resource_page(resource), "url": resource_page(resource), "name": resource.title,
        "description": resource.summary or plain_text(resource.body)[:500],
        "learningResourceType": resource.kind.label, "inLanguage": resource.language,
        "isAccessibleForFree": True,
        "publisher": {"@type": "Organization", "name": resource.owner_partner.name},
        "about": [{"@type": "DefinedTerm", "name": theme.label} for theme in resource.themes],
        "educationalLevel": [phase.label for phase in resource.phases],
        "keywords": [keyword.label for keyword in resource.keywords],
        "dateCreated": iso_utc(resource.created_dt), "dateModified": iso_utc(resource.updated_dt),
    }
    if resource.published_dt:
        data["datePublished"] = iso_utc(resource.published_dt)
    if resource.authors:
        data["author"] = [{"@type": "Person", "name": a.strip()} for a in resource.authors.split(",") if a.strip()]
    if resource.licence is not None:
        data["license"] = resource.licence.url or resource.licence.label
    if resource.content_date:
        data["temporalCoverage"] = resource.content_date.isoformat()
    return {key: value for key, value in data.items() if value not in ("", [], None)}


def script_tag(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    return f'<script type="application/ld+json">{text}</script>\n'


@bp.after_app_request
def embed_learning_resource(response):
    """Only on the commons' resource page, successfully rendered, for a resource anyone may read."""
    if request.endpoint != "commons.resource" or response.status_code != 200 or response.mimetype != "text/html" \
            or response.direct_passthrough:
        return response
    resource = db.session.get(Resource, (request.view_args or {}).get("resource_id"))
    if resource is None or resource.visibility != Visibility.PUBLIC:
        return response  # a members-only page stays out of search engines' structured data
    html = response.get_data(as_text=True)
    if "</head>" not in html:
        return response
    response.set_data(html.replace("</head>", script_tag(learning_resource(resource)) + "</head>", 1))
    return response
