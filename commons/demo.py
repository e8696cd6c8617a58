"""Demo resources for `flask demo load`: the taxonomy, then the resources of commons/demo_data.py.

Each resource is created by its partner's demo editor through the service (so it has its revisions), then moved
along the workflow to its demo status. Idempotent: a resource whose title already exists for that owner, even in
the trash, is left alone, so what people edited or deleted stays as they left it.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from app.accounts.demo import demo_email
from app.accounts.models import EDITING_ROLES, Membership, Partner, Role, User
from app.accounts.service import find_user_by_email
from app.db import db
from commons import service
from commons.demo_data import (
    BODY_TEMPLATE_EN,
    BODY_TEMPLATES,
    DEFAULT_NOTE_EN,
    DEFAULT_NOTES,
    NUMBERED_KINDS,
    RESOURCES,
)
from commons.models import Kind, Licence, Phase, Resource, Status, Theme, Visibility
from commons.seed import DEFAULT_LICENCE, seed_taxonomy

#: the moves that bring a new draft to each demo status
WORKFLOW_TO = {
    Status.DRAFT: [],
    Status.IN_REVIEW: [Status.IN_REVIEW],
    Status.PUBLISHED: [Status.PUBLISHED],
    Status.ARCHIVED: [Status.PUBLISHED, Status.ARCHIVED],
}


def load_demo_resources() -> list[str]:
    """Seed the taxonomy and create the demo resources that are missing; return report lines."""
    lines = seed_taxonomy()
    terms = _term_ids()
    partners = {p.slug: p for p in db.session.scalars(sa.select(Partner))}
    existing = {tuple(row) for row in db.session.execute(sa.select(Resource.title, Resource.owner_partner_id))}
    editors: dict[str, User | None] = {}
    created, skipped, orphans = 0, 0, set()
    for entry in RESOURCES:
        owner = partners.get(entry["owner"])
        if owner is not None and entry["owner"] not in editors:
            editors[entry["owner"]] = _editor_for(owner)
        editor = editors.get(entry["owner"])
        if editor is None:
            orphans.add(entry["owner"])
        elif (entry["title"], owner.id) in existing:
            skipped += 1
        else:
            _create(entry, owner, editor, terms, partners)
            created += 1
    lines.append(f"Ressources : {created} créée(s), {skipped} déjà présente(s).")
    if orphans:
        lines.append(f"Ignorées faute de partenaire ou d'éditeur·rice : {', '.join(sorted(orphans))} "
                     "(chargez d'abord les comptes de démonstration).")
    return lines


def _create(entry: dict, owner: Partner, editor: User, terms: dict, partners: dict) -> Resource:
    """Create one resource as `editor` and bring it to its demo status, each move leaving a revision."""
    resource = service.create_resource(_resource_data(entry, owner, terms, partners), editor)
    for status in WORKFLOW_TO[Status(entry.get("status", Status.PUBLISHED))]:
        service.change_status(resource, status, editor, "Contenu de démonstration")
    return resource


def _resource_data(entry: dict, owner: Partner, terms: dict, partners: dict) -> dict:
    """The dict `service.create_resource` takes, as a validated form would give it."""
    return {
        "title": entry["title"],
        "summary": entry["summary"],
        "body": compose_body(entry),
        "kind_id": terms["kinds"][entry["kind"]],
        "owner_partner_id": owner.id,
        "co_owner_ids": [partners[slug].id for slug in entry.get("co", ()) if slug in partners],
        "theme_ids": [terms["themes"][slug] for slug in entry["themes"]],
        "phase_ids": [terms["phases"][slug] for slug in entry["phases"]],
        "licence_id": terms["licences"][entry.get("licence", DEFAULT_LICENCE)],
        "keywords": list(entry.get("keywords", ())),
        "source": entry.get("source", owner.name),
        "authors": entry.get("authors", ""),
        "language": entry.get("lang", "fr"),
        "content_date": date.fromisoformat(entry["date"]),
        "visibility": Visibility(entry.get("visibility", Visibility.PUBLIC)),
        "comment": "Contenu de démonstration",
    }


def compose_body(entry: dict) -> str:
    """The Markdown body: the template of the entry's kind (or the English one) filled with its specifics."""
    english = entry.get("lang", "fr") == "en"
    template = BODY_TEMPLATE_EN if english else BODY_TEMPLATES[entry["kind"]]
    note = entry.get("note") or (DEFAULT_NOTE_EN if english else DEFAULT_NOTES[entry["kind"]])
    return template.format(intro=entry["intro"], points=_points(entry), note=note)


def _points(entry: dict) -> str:
    points = entry["points"]
    if entry["kind"] == "faq":
        return "\n\n".join(f"### {question}\n\n{answer}" for question, answer in points)
    if entry["kind"] in NUMBERED_KINDS:
        return "\n".join(f"{number}. {point}" for number, point in enumerate(points, start=1))
    return "\n".join(f"- {point}" for point in points)


def _term_ids() -> dict[str, dict[str, int]]:
    """slug -> id for each vocabulary."""
    vocabularies = {"kinds": Kind, "themes": Theme, "phases": Phase, "licences": Licence}
    return {name: dict(db.session.execute(sa.select(model.slug, model.id)).all())
            for name, model in vocabularies.items()}


def _editor_for(partner: Partner) -> User | None:
    """The partner's demo editor, else any of its editors or admins (the oldest account)."""
    editor = find_user_by_email(demo_email(Role.EDITOR, partner.slug))
    if editor is not None and editor.is_active and editor.has_role(partner.id, EDITING_ROLES):
        return editor
    return db.session.scalar(
        sa.select(User).join(Membership).where(Membership.partner_id == partner.id,
                                                Membership.role.in_(EDITING_ROLES),
                                                User.is_active_account.is_(True))
        .order_by(User.id).limit(1))
