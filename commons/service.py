"""Operations on the commons: listing with filters, creating and editing resources, workflow, trash.

They flush; the request commits once. Bad references raise marshmallow's ValidationError with field errors,
conflicts raise `Conflict`, refused moves raise `NotAllowed`, so pages and API answer the same way.
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from flask_babel import gettext as _
from marshmallow import ValidationError
from sqlalchemy.orm import selectinload

from app import audit
from app.accounts.models import EDITING_ROLES, Partner
from app.db import db, utcnow
from app.http import Page, paginate
from commons import revisions
from commons.models import (
    STATUS_TRANSITIONS,
    Keyword,
    Kind,
    Licence,
    Phase,
    Resource,
    Status,
    Theme,
    resource_phases,
    resource_themes,
)


class Conflict(Exception):
    """The resource changed since the form was loaded."""


class NotAllowed(Exception):
    """A move the workflow or the user's rights do not allow; the message is for people."""


# Listing ------------------------------------------------------------------------------------------------------

def _slugs_filter(column_model, slugs, link_table=None, link_column=None):
    ids = sa.select(column_model.id).where(column_model.slug.in_(slugs))
    if link_table is None:
        return ids
    return sa.select(link_table.c.resource_id).where(link_column.in_(ids))


def catalogue_query(user, filters: dict) -> sa.Select:
    """Resources `user` may see that match `filters` (as loaded by CatalogueFilterSchema), sorted."""
    query = sa.select(Resource).where(Resource.visible_to(user))
    if filters.get("kind"):
        query = query.where(Resource.kind_id.in_(_slugs_filter(Kind, filters["kind"])))
    if filters.get("theme"):
        query = query.where(Resource.id.in_(
            _slugs_filter(Theme, filters["theme"], resource_themes, resource_themes.c.theme_id)))
    if filters.get("phase"):
        query = query.where(Resource.id.in_(
            _slugs_filter(Phase, filters["phase"], resource_phases, resource_phases.c.phase_id)))
    if filters.get("partner"):
        partner_ids = sa.select(Partner.id).where(Partner.slug.in_(filters["partner"]))
        query = query.where(Resource.belongs_to(partner_ids))
    if filters.get("licence"):
        query = query.where(Resource.licence_id.in_(_slugs_filter(Licence, filters["licence"])))
    if filters.get("language"):
        query = query.where(Resource.language.in_(filters["language"]))
    if filters.get("year"):
        query = query.where(sa.or_(*[_year_clause(year) for year in filters["year"]]))
    if filters.get("status"):
        query = query.where(Resource.status.in_(filters["status"]))
    if filters.get("visibility"):
        query = query.where(Resource.visibility.in_(filters["visibility"]))
    if filters.get("q"):
        query = query.where(_words_clause(filters["q"]))
    return query.order_by(*_ordering(filters.get("sort", "recent")))


def _year_clause(year: int):
    """The year of the content itself, or of publication when the content has no date."""
    from datetime import UTC, date, datetime

    content = Resource.content_date.between(date(year, 1, 1), date(year, 12, 31))
    published = sa.and_(Resource.content_date.is_(None), Resource.published_dt >= datetime(year, 1, 1, tzinfo=UTC),
                        Resource.published_dt < datetime(year + 1, 1, 1, tzinfo=UTC))
    return sa.or_(content, published)


def _words_clause(text: str):
    """Plain word matching on title and summary; the search engine gives ranked, stemmed results."""
    clauses = []
    for word in re.findall(r"\w+", text)[:8]:
        pattern = f"%{word}%"
        clauses.append(sa.or_(Resource.title.ilike(pattern), Resource.summary.ilike(pattern)))
    return sa.and_(*clauses) if clauses else sa.true()


def _ordering(sort: str):
    if sort == "title":
        return (Resource.title, Resource.id)
    if sort == "content_date":
        return (Resource.content_date.desc().nulls_last(), Resource.id.desc())
    return (Resource.published_dt.desc().nulls_last(), Resource.id.desc())


#: what a resource card shows besides the resource's columns and the kind, owner and licence joined to it
CARD_RELATIONS = (Resource.themes, Resource.co_owners)
ALL_RELATIONS = (Resource.themes, Resource.phases, Resource.keywords, Resource.co_owners)


def list_resources(user, filters: dict, page: int = 1, per_page: int = 20, related=ALL_RELATIONS) -> Page:
    """One page of the catalogue with the `related` taxonomy loaded in a fixed number of queries (one each)."""
    matching = catalogue_query(user, filters)  # built once: the page and its count share the same filters
    query = matching.options(*(selectinload(relation) for relation in related))
    count = sa.select(sa.func.count()).select_from(matching.order_by(None).subquery())
    return paginate(query, page, per_page, count_select=count)


def trash_query(user) -> sa.Select:
    """Deleted resources the user may restore, most recently deleted first."""
    return (sa.select(Resource).where(Resource.is_deleted.is_(True), Resource.editable_by(user))
            .order_by(Resource.deleted_dt.desc()))


def editable_partners(user) -> list[Partner]:
    """Partners under which `user` may file resources."""
    query = sa.select(Partner).where(Partner.is_active.is_(True)).order_by(Partner.name)
    if not user.is_platform_admin:
        query = query.where(Partner.id.in_(user.partner_ids(EDITING_ROLES) or {-1}))
    return list(db.session.scalars(query))


# Changes ------------------------------------------------------------------------------------------------------

def _load_terms(model, ids, field: str, errors: dict, allow_retired=False):
    ids = list(dict.fromkeys(ids or []))
    if not ids:
        return []
    terms = {t.id: t for t in db.session.scalars(sa.select(model).where(model.id.in_(ids)))}
    unknown = [i for i in ids if i not in terms or (not allow_retired and terms[i].is_retired)]
    if unknown:
        errors[field] = [_("Valeur inconnue : %(values)s.", values=", ".join(map(str, unknown)))]
    return [terms[i] for i in ids if i in terms]


def keywords_for(labels: list[str]) -> list[Keyword]:
    """The keywords with these labels, created when new; case and spacing do not make a new keyword."""
    result = {}
    for label in labels:
        clean = " ".join(label.split())[:120]
        slug = clean.lower()
        if not slug or slug in result:
            continue
        keyword = db.session.scalar(sa.select(Keyword).where(Keyword.slug == slug))
        if keyword is None:
            keyword = Keyword(slug=slug, label=clean)
            db.session.add(keyword)
        result[slug] = keyword
    return list(result.values())


def _resolve_references(data: dict, user, current: Resource | None) -> dict:
    """Turn ids into objects, checking each exists and that the user may file under the owner partner."""
    errors: dict = {}
    resolved: dict = {}
    if "kind_id" in data:
        kinds = _load_terms(Kind, [data["kind_id"]], "kind_id", errors)
        resolved["kind"] = kinds[0] if kinds else None
    if "licence_id" in data:
        licences = _load_terms(Licence, [data["licence_id"]] if data["licence_id"] else [], "licence_id", errors)
        resolved["licence"] = licences[0] if licences else None
    for key, model, attr in (("theme_ids", Theme, "themes"), ("phase_ids", Phase, "phases")):
        if key in data:
            resolved[attr] = _load_terms(model, data[key], key, errors)
    if "co_owner_ids" in data:
        resolved["co_owners"] = _load_terms(Partner, data["co_owner_ids"], "co_owner_ids", errors,
                                            allow_retired=True)
    if "owner_partner_id" in data:
        owner = db.session.get(Partner, data["owner_partner_id"])
        changing = current is None or owner is None or owner.id != current.owner_partner_id
        if owner is None or (changing and not user.has_role(owner.id, EDITING_ROLES)):
            errors["owner_partner_id"] = [_("Vous ne pouvez pas publier au nom de ce partenaire.")]
        resolved["owner_partner"] = owner
    if errors:
        raise ValidationError(errors)
    if "keywords" in data:
        resolved["keywords"] = keywords_for(data["keywords"])
    return resolved


SCALAR_FIELDS = ("title", "summary", "body", "source", "authors", "language", "content_date", "visibility")


def _apply(resource: Resource, data: dict, user) -> None:
    resolved = _resolve_references(data, user, resource if resource.id else None)
    for field in SCALAR_FIELDS:
        if field in data:
            setattr(resource, field, data[field].strip() if type(data[field]) is str else data[field])  # not enums
    for attr, value in resolved.items():
        setattr(resource, attr, value)
    if resource.owner_partner is not None and resource.owner_partner in resource.co_owners:
        resource.co_owners = [p for p in resource.co_owners if p.id != resource.owner_partner.id]
    resource.updated_by_id = user.id


def create_resource(data: dict, user) -> Resource:
    """A new draft (or the status asked for, if allowed) with its first revision."""
    resource = Resource(created_by_id=user.id, status=Status.DRAFT, co_owners=[], themes=[], phases=[],
                        keywords=[])
    _apply(resource, data, user)
    db.session.add(resource)
    db.session.flush()
    revisions.record(resource, user, data.get("comment") or "Création")
    return resource


def update_resource(resource: Resource, data: dict, user) -> Resource:
    """Apply the given fields (a partial update when some are missing) and keep a revision."""
    expected = data.get("version")
    if expected is not None and expected != resource.version:
        raise Conflict(_("Cette ressource a été modifiée entre-temps par quelqu'un d'autre."))
    _apply(resource, data, user)
    resource.version += 1
    db.session.flush()
    revisions.record(resource, user, data.get("comment") or "")
    return resource


def change_status(resource: Resource, status: Status, user, comment: str = "") -> Resource:
    """Move along the workflow; first publication stamps `published_dt`."""
    if status == resource.status:
        return resource
    if status not in STATUS_TRANSITIONS[resource.status]:
        raise NotAllowed(_("Passage impossible de « %(old)s » à « %(new)s ».", old=resource.status.value,
                            new=status.value))
    resource.status = status
    if status == Status.PUBLISHED and resource.published_dt is None:
        resource.published_dt = utcnow()
    resource.version += 1
    resource.updated_by_id = user.id
    db.session.flush()
    revisions.record(resource, user, comment or f"Statut : {status.value}")
    return resource


def trash_resource(resource: Resource, user) -> None:
    resource.mark_deleted()
    resource.deleted_by_id = user.id
    db.session.flush()
    audit.record("resource.trashed", resource, partner=resource.owner_partner_id, actor=user)


def restore_resource(resource: Resource, user) -> None:
    resource.mark_restored()
    resource.deleted_by_id = None
    resource.updated_by_id = user.id
    db.session.flush()
    audit.record("resource.restored", resource, partner=resource.owner_partner_id, actor=user)
