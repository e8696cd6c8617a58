"""Revisions of resources: a snapshot at every save, a readable diff, and restoring an old state."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import sqlalchemy as sa

from app.accounts.models import Partner
from app.db import db, utcnow
from app.i18n import N_
from commons.models import Kind, Licence, Phase, Resource, ResourceRevision, Theme, Visibility

#: fields shown in diffs, with their label (translated where shown), in display order
FIELD_LABELS = {
    "title": N_("Titre"), "summary": N_("Résumé"), "body": N_("Contenu"), "kind": N_("Type"),
    "owner_partner": N_("Partenaire"), "co_owners": N_("Co-propriétaires"), "themes": N_("Thèmes"),
    "phases": N_("Phases"), "keywords": N_("Mots-clés"), "licence": N_("Licence"), "source": N_("Source"),
    "authors": N_("Auteur·rices"), "language": N_("Langue"), "content_date": N_("Date du contenu"),
    "visibility": N_("Visibilité"), "status": N_("Statut"),
}


def snapshot(resource: Resource) -> dict:
    """Every editable field, taxonomy as sorted slugs, so a snapshot survives renamed terms and reordering."""
    return {
        "title": resource.title, "summary": resource.summary, "body": resource.body,
        "kind": resource.kind.slug, "owner_partner": resource.owner_partner.slug,
        "co_owners": sorted(p.slug for p in resource.co_owners), "themes": sorted(t.slug for t in resource.themes),
        "phases": sorted(p.slug for p in resource.phases), "keywords": sorted(k.label for k in resource.keywords),
        "licence": resource.licence.slug if resource.licence else None, "source": resource.source,
        "authors": resource.authors, "language": resource.language,
        "content_date": resource.content_date.isoformat() if resource.content_date else None,
        "visibility": resource.visibility.value, "status": resource.status.value,
    }


def record(resource: Resource, user, comment: str = "") -> ResourceRevision:
    last = db.session.scalar(sa.select(sa.func.max(ResourceRevision.number))
                             .where(ResourceRevision.resource_id == resource.id)) or 0
    revision = ResourceRevision(resource_id=resource.id, number=last + 1, author_id=user.id if user else None,
                                created_dt=utcnow(), comment=comment[:300], snapshot=snapshot(resource))
    db.session.add(revision)
    db.session.flush()
    return revision


def history(resource: Resource) -> list[ResourceRevision]:
    return list(db.session.scalars(sa.select(ResourceRevision).where(ResourceRevision.resource_id == resource.id)
                                   .order_by(ResourceRevision.number.desc())))


@dataclass
class FieldChange:
    field: str
    label: str
    before: str
    after: str
    #: for long texts, a unified diff line by line: (sign, text) with sign in "+- "
    lines: list[tuple[str, str]] | None = None


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


def diff(older: dict, newer: dict) -> list[FieldChange]:
    """What changed between two snapshots, field by field."""
    changes = []
    for field, label in FIELD_LABELS.items():
        before, after = _as_text(older.get(field)), _as_text(newer.get(field))
        if before == after:
            continue
        lines = None
        if field in {"body", "summary"}:
            lines = [(line[0], line[2:]) for line in difflib.ndiff(before.splitlines(), after.splitlines())
                     if line[:1] in "+- "]
        changes.append(FieldChange(field, label, before, after, lines))
    return changes


def previous_snapshot(revision: ResourceRevision) -> dict:
    older = db.session.scalar(sa.select(ResourceRevision).where(
        ResourceRevision.resource_id == revision.resource_id, ResourceRevision.number < revision.number)
        .order_by(ResourceRevision.number.desc()).limit(1))
    return older.snapshot if older else {}


def _terms(model, slugs) -> list:
    if not slugs:
        return []
    found = {t.slug: t for t in db.session.scalars(sa.select(model).where(model.slug.in_(slugs)))}
    return [found[s] for s in slugs if s in found]


def restore(resource: Resource, revision: ResourceRevision, user) -> ResourceRevision:
    """Bring the resource back to a revision's content (not its status), as a new revision."""
    from datetime import date

    from commons.service import keywords_for  # service imports this module

    data = revision.snapshot
    for field in ("title", "summary", "body", "source", "authors", "language"):
        setattr(resource, field, data[field])
    resource.content_date = date.fromisoformat(data["content_date"]) if data["content_date"] else None
    resource.visibility = Visibility(data["visibility"])
    resource.kind = (_terms(Kind, [data["kind"]]) or [resource.kind])[0]
    resource.licence = (_terms(Licence, [data["licence"]]) or [None])[0]
    resource.themes = _terms(Theme, data["themes"])
    resource.phases = _terms(Phase, data["phases"])
    resource.co_owners = _terms(Partner, data["co_owners"])
    resource.keywords = keywords_for(data["keywords"]) if data["keywords"] else []
    resource.version += 1
    resource.updated_by_id = user.id
    db.session.flush()
    return record(resource, user, f"Restauration de la révision {revision.number}")
