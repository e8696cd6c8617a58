"""schema.org `LearningResource` JSON-LD in resource pages, so search engines and portals understand them.

The resource page belongs to the commons; rather than editing its template, interop adds the
`<script type="application/ld+json">` through the head hook of the base layout (`app.templating.add_head_elements`).
"""

from __future__ import annotations

from flask import request
from flask_login import AnonymousUserMixin, current_user

from app.db import db
from app.templating import JsonLd
from app.text import plain_text
from commons.models import Resource
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


def structured_data() -> list[JsonLd]:
    """The head element of the commons' resource page: its JSON-LD, when anyone may read the resource and so may
    the visitor (the page's error pages share its endpoint). A members-only page stays out of search engines'
    structured data."""
    if request.endpoint != "commons.resource":
        return []
    resource = db.session.get(Resource, (request.view_args or {}).get("resource_id"))
    if resource is None or not resource.can_view(AnonymousUserMixin()) \
            or not resource.can_view(current_user._get_current_object()):
        return []
    return [JsonLd(learning_resource(resource))]
