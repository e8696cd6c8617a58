"""OAI-PMH 2.0 (https://www.openarchives.org/OAI/openarchivesprotocol.html): the public catalogue for harvesters.

Every verb, `oai_dc` records, sets by kind, theme and partner, `from`/`until` at seconds granularity, resumption
tokens, and each error code of the protocol. Public resources later trashed, archived or hidden are harvested
as deleted records (deletedRecord "transient").
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import sqlalchemy as sa
from flask import Response, current_app, request, url_for
from sqlalchemy.orm import selectinload

from app.accounts.models import Partner
from app.db import db, utcnow
from app.extensions import csrf
from commons.models import Kind, Resource, Theme, Visibility, resource_co_owners, resource_themes
from partners.interop.publish import bp
from partners.interop.publish.catalogue import iso_utc, resource_page

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
for _prefix, _uri in (("", OAI), ("oai_dc", OAI_DC), ("dc", DC), ("xsi", XSI)):
    ET.register_namespace(_prefix, _uri)

PAGE_SIZE = 50
#: arguments each verb takes: (required, optional); a resumptionToken is exclusive
VERBS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), {"resumptionToken"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


class OaiError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _q(tag: str, ns: str = OAI) -> str:
    return f"{{{ns}}}{tag}"


def _sub(parent, tag: str, text=None, ns: str = OAI, **attrs):
    element = ET.SubElement(parent, _q(tag, ns), {k: str(v) for k, v in attrs.items()})
    if text is not None:
        element.text = str(text)
    return element


def _namespace() -> str:
    return (current_app.config.get("SERVER_NAME") or request.host).split(":")[0]


def oai_identifier(resource_id: int) -> str:
    return f"oai:{_namespace()}:resource/{resource_id}"


def _resource_id(identifier: str) -> int | None:
    prefix = f"oai:{_namespace()}:resource/"
    rest = identifier[len(prefix):] if identifier.startswith(prefix) else ""
    return int(rest) if rest.isdigit() else None


# Arguments -----------------------------------------------------------------------------------------------------

def _arguments() -> dict[str, str]:
    values = request.values
    for key in values:
        if len(values.getlist(key)) > 1:
            raise OaiError("badArgument", f"L'argument {key} est répété.")
    return {key: values[key] for key in values}


def _check_arguments(verb: str, args: dict) -> None:
    required, optional = VERBS[verb]
    given = set(args) - {"verb"}
    if "resumptionToken" in given:
        if given != {"resumptionToken"}:
            raise OaiError("badArgument", "resumptionToken est un argument exclusif.")
        return
    unknown = given - required - optional
    if unknown:
        raise OaiError("badArgument", "Arguments illégaux : " + ", ".join(sorted(unknown)))
    missing = required - given
    if missing:
        raise OaiError("badArgument", "Arguments manquants : " + ", ".join(sorted(missing)))


def _parse_date(value: str, end: bool) -> tuple[datetime, str]:
    if DATETIME.match(value):
        try:
            return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC), "seconds"
        except ValueError:
            pass
    elif DATE.match(value):
        try:
            day = datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=UTC)
            return (day.replace(hour=23, minute=59, second=59) if end else day), "day"
        except ValueError:
            pass
    raise OaiError("badArgument", f"Date invalide : {value}")


def _window(args: dict) -> tuple[datetime | None, datetime | None]:
    start = _parse_date(args["from"], end=False) if args.get("from") else None
    stop = _parse_date(args["until"], end=True) if args.get("until") else None
    if start and stop:
        if start[1] != stop[1]:
            raise OaiError("badArgument", "from et until n'ont pas la même granularité.")
        if start[0] > stop[0]:
            raise OaiError("badArgument", "from est postérieur à until.")
    return (start[0] if start else None), (stop[0] if stop else None)


def _encode_token(state: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(state, separators=(",", ":")).encode()).decode().rstrip("=")


def _decode_token(token: str, verb: str) -> dict:
    try:
        state = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise OaiError("badResumptionToken", "Jeton de reprise illisible.") from exc
    if not isinstance(state, dict) or state.get("verb") != verb or not isinstance(state.get("offset"), int) \
            or state["offset"] < 0:
        raise OaiError("badResumptionToken", "Jeton de reprise invalide pour ce verbe.")
    return state


# Records -------------------------------------------------------------------------------------------------------

def _harvestable() -> sa.Select:
    """Resources that are, or were, public and published (deleted ones become deleted records)."""
    return (sa.select(Resource).where(Resource.published_dt.is_not(None), Resource.visibility == Visibility.PUBLIC)
            .options(selectinload(Resource.themes), selectinload(Resource.keywords),
                     selectinload(Resource.co_owners)))


def _set_clause(spec: str):
    family, _sep, slug = spec.partition(":")
    if family == "kind":
        return Resource.kind_id.in_(sa.select(Kind.id).where(Kind.slug == slug)) if slug else sa.true()
    if family == "theme":
        if not slug:
            return Resource.id.in_(sa.select(resource_themes.c.resource_id))
        theme_ids = sa.select(Theme.id).where(Theme.slug == slug)
        return Resource.id.in_(sa.select(resource_themes.c.resource_id)
                               .where(resource_themes.c.theme_id.in_(theme_ids)))
    if family == "partner":
        if not slug:
            return sa.true()
        partner_ids = sa.select(Partner.id).where(Partner.slug == slug)
        co_owned = sa.select(resource_co_owners.c.resource_id).where(resource_co_owners.c.partner_id.in_(partner_ids))
        return sa.or_(Resource.owner_partner_id.in_(partner_ids), Resource.id.in_(co_owned))
    return None


def _datestamp(resource: Resource) -> datetime:
    if resource.is_deleted and resource.deleted_dt:
        return max(resource.deleted_dt, resource.updated_dt)
    return resource.updated_dt


def _header(parent, resource: Resource):
    header = _sub(parent, "header")
    if not resource.can_view(None):
        header.set("status", "deleted")
    _sub(header, "identifier", oai_identifier(resource.id))
    _sub(header, "datestamp", iso_utc(_datestamp(resource)))
    _sub(header, "setSpec", f"kind:{resource.kind.slug}")
    for theme in resource.themes:
        _sub(header, "setSpec", f"theme:{theme.slug}")
    for partner in [resource.owner_partner, *resource.co_owners]:
        _sub(header, "setSpec", f"partner:{partner.slug}")
    return header


def _dublin_core(parent, resource: Resource) -> None:
    metadata = _sub(parent, "metadata")
    dc = _sub(metadata, "dc", ns=OAI_DC)
    dc.set(_q("schemaLocation", XSI), f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
    _sub(dc, "title", resource.title, ns=DC)
    for author in [a.strip() for a in resource.authors.split(",") if a.strip()]:
        _sub(dc, "creator", author, ns=DC)
    for theme in resource.themes:
        _sub(dc, "subject", theme.label, ns=DC)
    for keyword in resource.keywords:
        _sub(dc, "subject", keyword.label, ns=DC)
    if resource.summary:
        _sub(dc, "description", resource.summary, ns=DC)
    _sub(dc, "publisher", resource.owner_partner.name, ns=DC)
    for partner in resource.co_owners:
        _sub(dc, "contributor", partner.name, ns=DC)
    when = resource.content_date.isoformat() if resource.content_date else iso_utc(resource.published_dt)[:10]
    _sub(dc, "date", when, ns=DC)
    _sub(dc, "type", resource.kind.label, ns=DC)
    _sub(dc, "identifier", resource_page(resource), ns=DC)
    _sub(dc, "language", resource.language, ns=DC)
    if resource.source:
        _sub(dc, "source", resource.source, ns=DC)
    if resource.licence is not None:
        _sub(dc, "rights", resource.licence.url or resource.licence.label, ns=DC)


def _record(parent, resource: Resource) -> None:
    record = _sub(parent, "record")
    _header(record, resource)
    if resource.can_view(None):
        _dublin_core(record, resource)


# Verbs ---------------------------------------------------------------------------------------------------------

def _earliest() -> datetime:
    return db.session.scalar(sa.select(sa.func.min(Resource.updated_dt)).where(
        Resource.published_dt.is_not(None), Resource.visibility == Visibility.PUBLIC)) or utcnow()


def identify(root, args) -> None:
    node = _sub(root, "Identify")
    _sub(node, "repositoryName", "Terreau — communs pédagogiques")
    _sub(node, "baseURL", url_for("interop_publish.oai", _external=True))
    _sub(node, "protocolVersion", "2.0")
    _sub(node, "adminEmail", current_app.config.get("OAI_ADMIN_EMAIL") or f"contact@{_namespace()}")
    _sub(node, "earliestDatestamp", iso_utc(_earliest()))
    _sub(node, "deletedRecord", "transient")
    _sub(node, "granularity", "YYYY-MM-DDThh:mm:ssZ")


def list_metadata_formats(root, args) -> None:
    if "identifier" in args:
        _load_record(args["identifier"])
    node = _sub(root, "ListMetadataFormats")
    fmt = _sub(node, "metadataFormat")
    _sub(fmt, "metadataPrefix", "oai_dc")
    _sub(fmt, "schema", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
    _sub(fmt, "metadataNamespace", OAI_DC)


def _all_sets() -> list[tuple[str, str]]:
    sets = [("kind", "Types de ressource"), ("theme", "Thèmes"), ("partner", "Partenaires")]
    sets += [(f"kind:{k.slug}", k.label) for k in db.session.scalars(sa.select(Kind).order_by(Kind.position))]
    sets += [(f"theme:{t.slug}", t.label) for t in db.session.scalars(sa.select(Theme).order_by(Theme.position))]
    sets += [(f"partner:{p.slug}", p.name) for p in db.session.scalars(sa.select(Partner).order_by(Partner.slug))]
    return sets


def list_sets(root, args) -> None:
    sets = _all_sets()
    offset = _decode_token(args["resumptionToken"], "ListSets")["offset"] if "resumptionToken" in args else 0
    if offset > len(sets):
        raise OaiError("badResumptionToken", "Jeton de reprise hors limites.")
    node = _sub(root, "ListSets")
    for spec, name in sets[offset:offset + PAGE_SIZE]:
        item = _sub(node, "set")
        _sub(item, "setSpec", spec)
        _sub(item, "setName", name)
    _resumption(node, "ListSets", {}, offset, len(sets))


def _check_prefix(prefix: str) -> None:
    if prefix != "oai_dc":
        raise OaiError("cannotDisseminateFormat", f"Format non disponible : {prefix}")


def _load_record(identifier: str) -> Resource:
    resource_id = _resource_id(identifier)
    resource = db.session.scalar(_harvestable().where(Resource.id == resource_id)) if resource_id else None
    if resource is None:
        raise OaiError("idDoesNotExist", f"Identifiant inconnu : {identifier}")
    return resource


def get_record(root, args) -> None:
    _check_prefix(args["metadataPrefix"])
    resource = _load_record(args["identifier"])
    _record(_sub(root, "GetRecord"), resource)


def _resumption(node, verb: str, state: dict, offset: int, total: int) -> None:
    """A token when more remains; an empty one on the last page of a list that needed tokens."""
    following = offset + PAGE_SIZE
    if following < total:
        token = _encode_token({**state, "verb": verb, "offset": following})
        _sub(node, "resumptionToken", token, completeListSize=total, cursor=offset)
    elif offset > 0:
        _sub(node, "resumptionToken", "", completeListSize=total, cursor=offset)


def _listing(root, args, verb: str) -> None:
    if "resumptionToken" in args:
        state = _decode_token(args["resumptionToken"], verb)
        args = {k: v for k, v in state.items() if k in {"metadataPrefix", "from", "until", "set"}}
        offset = state["offset"]
    else:
        offset = 0
    _check_prefix(args.get("metadataPrefix", ""))
    start, stop = _window(args)
    query = _harvestable()
    if args.get("set"):
        clause = _set_clause(args["set"])
        if clause is None:
            raise OaiError("badArgument", f"Ensemble inconnu : {args['set']}")
        query = query.where(clause)
    if start is not None:
        query = query.where(Resource.updated_dt >= start)
    if stop is not None:
        query = query.where(Resource.updated_dt <= stop)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0
    if total == 0:
        raise OaiError("noRecordsMatch", "Aucun enregistrement ne correspond.")
    if offset >= total:
        raise OaiError("badResumptionToken", "Jeton de reprise hors limites.")
    resources = db.session.scalars(query.order_by(Resource.updated_dt, Resource.id).offset(offset).limit(PAGE_SIZE))
    node = _sub(root, verb)
    for resource in resources:
        (_header if verb == "ListIdentifiers" else _record)(node, resource)
    state = {k: args[k] for k in ("metadataPrefix", "from", "until", "set") if args.get(k)}
    _resumption(node, verb, state, offset, total)


HANDLERS = {
    "Identify": identify, "ListMetadataFormats": list_metadata_formats, "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": lambda root, args: _listing(root, args, "ListIdentifiers"),
    "ListRecords": lambda root, args: _listing(root, args, "ListRecords"),
}


@bp.route("/oai", methods=["GET", "POST"])
@csrf.exempt
def oai():
    root = ET.Element(_q("OAI-PMH"))
    root.set(_q("schemaLocation", XSI), f"{OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd")
    _sub(root, "responseDate", iso_utc(utcnow()))
    request_node = _sub(root, "request", url_for("interop_publish.oai", _external=True))
    try:
        args = _arguments()
        verb = args.get("verb", "")
        if verb not in VERBS:
            raise OaiError("badVerb", "Verbe absent ou inconnu." if verb else "Verbe absent.")
        _check_arguments(verb, args)
        for key, value in args.items():
            request_node.set(key, value)
        HANDLERS[verb](root, args)
    except OaiError as error:
        if error.code in {"badVerb", "badArgument"}:
            request_node.attrib.clear()
        _sub(root, "error", error.message, code=error.code)
    body = ET.tostring(root, encoding="unicode", xml_declaration=False)
    return Response('<?xml version="1.0" encoding="UTF-8"?>\n' + body, mimetype="text/xml")
