"""The taxonomy of the commons: kinds, themes, project phases and licences, and the operations on their terms.

Shared by the JSON API and the admin pages. Terms are never deleted, since resources, filters and revision
snapshots refer to them: retiring one (`is_retired`) only stops offering it to new resources. The operations
flush; the request commits once. Input breaking a vocabulary's rules raises marshmallow's ValidationError with
field errors, a slug already taken raises `Conflict`, as in commons.service.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

import sqlalchemy as sa
from flask_babel import gettext as _
from marshmallow import ValidationError

from app import audit
from app.db import db
from commons.models import Kind, Licence, Phase, Resource, TaxonomyMixin, Theme, resource_phases, resource_themes
from commons.service import Conflict
from commons.taxonomy_schemas import LICENCE_SLUG_PATTERN, SLUG_ERROR, SLUG_PATTERN

#: what admins may change on a term after its creation (`url` on licences only)
EDITABLE_FIELDS = ("label", "label_en", "description", "position", "url")


@dataclass(frozen=True)
class Vocabulary:
    """One vocabulary: its model, the slugs it accepts, and how resources point to its terms."""

    model: type
    #: column holding the term's id: on Resource itself, or in `link_table` for many-to-many vocabularies
    term_column: sa.ColumnElement
    link_table: sa.Table | None = None
    slug_pattern: str = SLUG_PATTERN

    @property
    def has_url(self) -> bool:
        return self.model is Licence

    @property
    def editable_fields(self) -> tuple[str, ...]:
        return EDITABLE_FIELDS if self.has_url else tuple(f for f in EDITABLE_FIELDS if f != "url")


#: the vocabularies under their API names (the admin pages call kinds "types")
VOCABULARIES = {
    "kinds": Vocabulary(Kind, Resource.kind_id),
    "themes": Vocabulary(Theme, resource_themes.c.theme_id, resource_themes),
    "phases": Vocabulary(Phase, resource_phases.c.phase_id, resource_phases),
    "licences": Vocabulary(Licence, Resource.licence_id, slug_pattern=LICENCE_SLUG_PATTERN),
}


# Reading ------------------------------------------------------------------------------------------------------

def terms(vocabulary: Vocabulary, *, include_retired: bool) -> list:
    """The terms in display order; retired ones only when asked (admins see them, forms do not offer them)."""
    model = vocabulary.model
    query = sa.select(model).order_by(model.position, model.label)
    if not include_retired:
        query = query.where(model.is_retired.is_(False))
    return list(db.session.scalars(query))


class ListedTerm(NamedTuple):
    """A term as a list of choices needs it (the catalogue's filters), read without the ORM by `read_lists`."""

    list_name: str
    slug: str
    label: str
    label_en: str | None
    position: int

    display_label = TaxonomyMixin.display_label


def offered_select(vocabulary: Vocabulary, list_name: str) -> sa.Select:
    """SQL: the vocabulary's terms offered to new resources (not retired), as `ListedTerm` rows of `list_name`."""
    model = vocabulary.model
    return listed_select(list_name, model.slug, model.label, model.label_en, model.position).where(
        model.is_retired.is_(False))


def listed_select(list_name: str, slug, label, label_en, position) -> sa.Select:
    """SQL: `ListedTerm` rows of `list_name` from these columns or SQL values, for `read_lists`."""
    columns = (sa.literal(list_name, sa.String), slug, label, label_en, position)
    return sa.select(*(column.label(name) for column, name in zip(columns, ListedTerm._fields, strict=True)))


def lists_query(*selects: sa.Select) -> sa.Select:
    """SQL: several lists of choices (`listed_select`s) in one query, each by position, then label, as the
    taxonomy pages order them. Nothing in it depends on the request: callers may build it once."""
    rows = sa.union_all(*selects).subquery()
    return sa.select(rows).order_by(rows.c.position, rows.c.label)


def read_lists(query: sa.Select) -> dict[str, list[ListedTerm]]:
    """Run a `lists_query`: list name -> its terms. Cheap enough for every request, and never stale: an admin's
    edit shows on the next page whatever process serves it."""
    lists: dict[str, list[ListedTerm]] = {}
    for row in db.session.execute(query):
        term = ListedTerm(*row)
        lists.setdefault(term.list_name, []).append(term)
    return lists


def resource_counts(vocabulary: Vocabulary) -> dict[int, int]:
    """term id -> number of resources (outside the trash) using it, whatever their status."""
    query = sa.select(vocabulary.term_column, sa.func.count()).group_by(vocabulary.term_column)
    if vocabulary.link_table is not None:
        query = query.join(Resource, Resource.id == vocabulary.link_table.c.resource_id)
    return dict(db.session.execute(query.where(Resource.is_deleted.is_(False))).all())


def get_term(vocabulary: Vocabulary, term_id: int):
    """The term with this id in this vocabulary, or None."""
    return db.session.get(vocabulary.model, term_id)


def term_with_slug(vocabulary: Vocabulary, slug: str):
    """The term using `slug` in this vocabulary (retired terms included), or None."""
    return db.session.scalar(sa.select(vocabulary.model).where(vocabulary.model.slug == slug))


# Changes ------------------------------------------------------------------------------------------------------

def create_term(vocabulary: Vocabulary, data: dict):
    """A new term from loaded input, placed after the last one unless `position` is given.

    A slug taken in the vocabulary raises Conflict, also when another admin takes it meanwhile (the database
    has the last word): the session then needs the rollback the request does on errors."""
    _check_fields(vocabulary, data)
    slug = data["slug"]
    if term_with_slug(vocabulary, slug) is not None:
        raise Conflict(_("Le slug « %(slug)s » est déjà pris.", slug=slug))
    values = {field: data[field] for field in vocabulary.editable_fields if data.get(field) is not None}
    if "position" not in values:
        values["position"] = _next_position(vocabulary.model)
    term = vocabulary.model(slug=slug, **values)
    db.session.add(term)
    try:
        db.session.flush()
    except sa.exc.IntegrityError as exc:
        raise Conflict(_("Le slug « %(slug)s » est déjà pris.", slug=slug)) from exc
    audit.record("taxonomy.term_created", term, slug=slug, **values)
    return term


def update_term(vocabulary: Vocabulary, term, data: dict) -> None:
    """Apply the fields given (all of them from a form, some from the API); an empty position keeps the
    current one, `is_retired` retires the term or brings it back."""
    _check_fields(vocabulary, data)
    watched = (*vocabulary.editable_fields, "is_retired")
    before = {field: getattr(term, field) for field in watched}
    for field in vocabulary.editable_fields:
        if field in data and not (field == "position" and data[field] is None):
            setattr(term, field, data[field])
    if "is_retired" in data:
        term.is_retired = data["is_retired"]
    db.session.flush()
    changed = audit.changes(before, {field: getattr(term, field) for field in watched})
    if changed:
        audit.record("taxonomy.term_changed", term, **changed)


def set_retired(term, retired: bool) -> None:
    """Stop offering the term (resources using it keep it), or offer it again."""
    if term.is_retired == retired:
        return
    term.is_retired = retired
    db.session.flush()
    audit.record("taxonomy.term_retired" if retired else "taxonomy.term_reactivated", term)


def _next_position(model) -> int:
    return (db.session.scalar(sa.select(sa.func.max(model.position))) or 0) + 1


def _check_fields(vocabulary: Vocabulary, data: dict) -> None:
    """The rules the schemas cannot know, since they depend on the vocabulary."""
    errors = {}
    if "slug" in data and not re.fullmatch(vocabulary.slug_pattern, data["slug"]):
        errors["slug"] = [SLUG_ERROR]
    if data.get("url") and not vocabulary.has_url:
        errors["url"] = [_("Seules les licences ont une adresse.")]
    if errors:
        raise ValidationError(errors)
