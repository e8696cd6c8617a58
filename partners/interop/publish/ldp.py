"""Linked data for SemApps: LDP containers in JSON-LD (PAIR ontology) or Turtle, a context, a compact list, an outbox.

SemApps' importer (packages/importer/mixins/importer.ts) reads a compact list of `{id, updated}` and then one
URL per item; a mirror re-fetches an IRI with `Accept: application/ld+json`. Documents carry their context inline
(the same one served at /.well-known/context.jsonld) so they expand without any network access.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from flask import Response, abort, request, url_for

from app.accounts.models import Partner
from app.db import db
from app.text import plain_text
from commons.models import Kind, Resource, ResourceRevision, Theme, Visibility
from partners.interop.publish import bp
from partners.interop.publish.catalogue import iso_utc, public_resources, resource_page

PAIR = "http://virtual-assembly.org/ontologies/pair#"
DC = "http://purl.org/dc/terms/"
LDP = "http://www.w3.org/ns/ldp#"
AS = "https://www.w3.org/ns/activitystreams#"

CONTEXT = {
    "pair": PAIR, "dc": DC, "ldp": LDP, "as": AS, "xsd": "http://www.w3.org/2001/XMLSchema#",
    "id": "@id", "type": "@type",
    "pair:hasTopic": {"@type": "@id"}, "pair:hasType": {"@type": "@id"}, "pair:homePage": {"@type": "@id"},
    "pair:documentedBy": {"@type": "@id"}, "dc:creator": {"@type": "@id"}, "dc:license": {"@type": "@id"},
    "dc:created": {"@type": "xsd:dateTime"}, "dc:modified": {"@type": "xsd:dateTime"},
    "ldp:contains": {"@type": "@id"},
}
JSONLD = "application/ld+json"
TURTLE = "text/turtle"
CONTAINERS = ("resources", "themes", "kinds", "partners")


def iri(container: str, key) -> str:
    return url_for("interop_publish.ldp_item", container=container, key=str(key), _external=True)


def container_iri(container: str) -> str:
    return url_for("interop_publish.ldp_container", container=container, _external=True)


# Documents -----------------------------------------------------------------------------------------------------

def resource_document(resource: Resource) -> dict:
    doc = {
        "id": iri("resources", resource.id), "type": "pair:Document", "pair:label": resource.title,
        "pair:comment": resource.summary, "pair:description": plain_text(resource.body) or resource.summary,
        "pair:hasType": iri("kinds", resource.kind.slug),
        "pair:hasTopic": [iri("themes", theme.slug) for theme in resource.themes],
        "pair:homePage": resource_page(resource), "dc:creator": iri("partners", resource.owner_partner.slug),
        "dc:language": resource.language, "dc:created": iso_utc(resource.published_dt or resource.created_dt),
        "dc:modified": iso_utc(resource.updated_dt),
    }
    if resource.licence is not None and resource.licence.url:
        doc["dc:license"] = resource.licence.url
    return doc


def term_document(container: str, term) -> dict:
    kind = "pair:DocumentType" if container == "kinds" else ["pair:Topic", "pair:Theme"]
    return {"id": iri(container, term.slug), "type": kind, "pair:label": term.label,
            "pair:description": term.description}


def partner_document(partner: Partner) -> dict:
    doc = {"id": iri("partners", partner.slug), "type": "pair:Organization", "pair:label": partner.name,
           "pair:description": partner.description or ""}
    if partner.website:
        doc["pair:homePage"] = partner.website
    return doc


def _terms(model) -> list:
    return list(db.session.scalars(sa.select(model).where(model.is_retired.is_(False)).order_by(model.position)))


def _partners() -> list[Partner]:
    return list(db.session.scalars(sa.select(Partner).where(Partner.is_active.is_(True)).order_by(Partner.slug)))


def container_items(container: str) -> list[dict]:
    if container == "resources":
        return [resource_document(r) for r in db.session.scalars(public_resources())]
    if container == "partners":
        return [partner_document(p) for p in _partners()]
    model = Theme if container == "themes" else Kind
    return [term_document(container, t) for t in _terms(model)]


def item_document(container: str, key: str) -> dict | None:
    if container == "resources":
        resource = db.session.get(Resource, int(key)) if key.isdigit() else None
        return resource_document(resource) if resource is not None and resource.can_view(None) else None
    if container == "partners":
        partner = db.session.scalar(sa.select(Partner).where(Partner.slug == key, Partner.is_active.is_(True)))
        return partner_document(partner) if partner else None
    model = Theme if container == "themes" else Kind
    term = db.session.scalar(sa.select(model).where(model.slug == key))
    return term_document(container, term) if term else None


# Answers -------------------------------------------------------------------------------------------------------

def _wants_turtle() -> bool:
    if request.args.get("format") in {"ttl", "turtle"}:
        return True
    best = request.accept_mimetypes.best_match([JSONLD, "application/json", TURTLE])
    return best == TURTLE and request.accept_mimetypes[TURTLE] > request.accept_mimetypes[JSONLD]


def to_turtle(document: dict) -> str:
    from rdflib import Graph

    graph = Graph()
    for prefix, namespace in (("pair", PAIR), ("dc", DC), ("ldp", LDP)):
        graph.bind(prefix, namespace, override=True, replace=True)
    graph.parse(data=json.dumps(document), format="json-ld")
    return graph.serialize(format="turtle")


def linked_data(document: dict) -> Response:
    document = {"@context": CONTEXT, **document}
    if _wants_turtle():
        response = Response(to_turtle(document), mimetype=TURTLE)
    else:
        response = Response(json.dumps(document, ensure_ascii=False), mimetype=JSONLD)
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Vary"] = "Accept"
    return response


@bp.get("/.well-known/context.jsonld")
def context_document():
    response = Response(json.dumps({"@context": CONTEXT}), mimetype=JSONLD)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.get("/ldp/<any(resources, themes, kinds, partners):container>")
def ldp_container(container: str):
    """An LDP basic container with its items embedded."""
    return linked_data({"id": container_iri(container), "type": ["ldp:Container", "ldp:BasicContainer"],
                        "ldp:contains": container_items(container)})


@bp.get("/ldp/resources/compact")
def ldp_compact():
    """What SemApps' `getAllCompact` reads: every public resource as `{id, updated}`."""
    rows = db.session.execute(sa.select(Resource.id, Resource.updated_dt).where(Resource.visible_to(None))
                              .order_by(Resource.id))
    body = [{"id": iri("resources", rid), "updated": iso_utc(updated)} for rid, updated in rows]
    response = Response(json.dumps(body), mimetype="application/json")
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.get("/ldp/<any(resources, themes, kinds, partners):container>/<key>")
def ldp_item(container: str, key: str):
    document = item_document(container, key)
    if document is None:
        abort(404)
    return linked_data(document)


# ActivityPub outbox --------------------------------------------------------------------------------------------

OUTBOX_PAGE = 50


def _revised_after_publication() -> dict[int, int]:
    """Resource id → revisions saved after the one that published it (an edit of a published resource)."""
    rows = db.session.execute(
        sa.select(ResourceRevision.resource_id, sa.func.count()).join(Resource)
        .where(Resource.published_dt.is_not(None), ResourceRevision.created_dt > Resource.published_dt)
        .group_by(ResourceRevision.resource_id))
    return {resource_id: count - 1 for resource_id, count in rows if count > 1}


def _activities() -> list[dict]:
    """Create, Update and Delete activities derived from each resource that was ever published."""
    # only public ones: announcing even the removal of a members-only resource would reveal that it exists
    resources = db.session.scalars(sa.select(Resource).where(Resource.published_dt.is_not(None),
                                                             Resource.visibility == Visibility.PUBLIC)
                                   .order_by(Resource.id))
    revised = _revised_after_publication()
    actor = url_for("interop_publish.ldp_container", container="partners", _external=True)
    public = AS + "Public"
    activities = []
    for resource in resources:
        object_iri = iri("resources", resource.id)
        readable = resource.can_view(None)
        doc = resource_document(resource) if readable else None
        activities.append({"id": object_iri + "#create", "type": "Create", "actor": actor, "to": [public],
                           "published": iso_utc(resource.published_dt), "object": doc or object_iri})
        if readable and revised.get(resource.id):
            activities.append({"id": f"{object_iri}#update-{resource.version}", "type": "Update", "actor": actor,
                               "to": [public], "published": iso_utc(resource.updated_dt), "object": doc})
        if not readable:
            when = resource.deleted_dt or resource.updated_dt
            activities.append({"id": object_iri + "#delete", "type": "Delete", "actor": actor, "to": [public],
                               "published": iso_utc(when), "object": {"id": object_iri, "type": "Tombstone"}})
    activities.sort(key=lambda a: (a["published"], a["id"]), reverse=True)
    return activities


def _activity_json(data: dict) -> Response:
    body = {"@context": ["https://www.w3.org/ns/activitystreams", CONTEXT], **data}
    response = Response(json.dumps(body, ensure_ascii=False), mimetype="application/activity+json")
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.get("/ldp/outbox")
def outbox():
    """An OrderedCollection of activities, newest first, paged with `?page=N`."""
    activities = _activities()
    collection = url_for("interop_publish.outbox", _external=True)
    page = request.args.get("page", type=int)
    if page is None:
        return _activity_json({"id": collection, "type": "OrderedCollection", "totalItems": len(activities),
                               "first": f"{collection}?page=1"})
    if page < 1:
        abort(404)
    start = (page - 1) * OUTBOX_PAGE
    data = {"id": f"{collection}?page={page}", "type": "OrderedCollectionPage", "partOf": collection,
            "orderedItems": activities[start:start + OUTBOX_PAGE]}
    if start + OUTBOX_PAGE < len(activities):
        data["next"] = f"{collection}?page={page + 1}"
    if page > 1:
        data["prev"] = f"{collection}?page={page - 1}"
    return _activity_json(data)
