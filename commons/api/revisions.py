"""JSON API of revisions: a resource's history, what each save changed, and going back to an old state."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort

from app.api import problem_responses
from app.db import db
from commons import revisions
from commons.api.common import WRITE_SECURITY, blueprint, me, with_resource
from commons.models import Resource, ResourceRevision
from commons.schemas import ResourceDetailSchema, RevisionDetailSchema, RevisionOutputSchema

blp = blueprint(
    "revisions_api", __name__, "/resources",
    "Révisions d'une ressource : chaque enregistrement garde un instantané. Réservé à celles et ceux qui "
    "peuvent modifier la ressource.")


def revision_or_404(resource: Resource, number: int) -> ResourceRevision:
    revision = db.session.scalar(sa.select(ResourceRevision).where(
        ResourceRevision.resource_id == resource.id, ResourceRevision.number == number))
    if revision is None:
        abort(404)
    return revision


@blp.route("/<int:resource_id>/revisions", methods=["GET"])
@blp.doc(security=WRITE_SECURITY)
@problem_responses(blp, 400, 401, 403, 404)
@blp.response(200, RevisionOutputSchema(many=True))
@with_resource(edit=True)
def list_revisions(resource):
    """The resource's revisions, newest first."""
    return revisions.history(resource)


@blp.route("/<int:resource_id>/revisions/<int:number>", methods=["GET"])
@blp.doc(security=WRITE_SECURITY)
@problem_responses(blp, 400, 401, 403, 404)
@blp.response(200, RevisionDetailSchema)
@with_resource(edit=True)
def get_revision(resource, number):
    """One revision: its snapshot and what changed since the revision before it."""
    revision = revision_or_404(resource, number)
    revision.changes = revisions.diff(revisions.previous_snapshot(revision), revision.snapshot)
    return revision


@blp.route("/<int:resource_id>/revisions/<int:number>/restore", methods=["POST"])
@blp.doc(security=WRITE_SECURITY)
@problem_responses(blp, 400, 401, 403, 404, 409)
@blp.response(200, ResourceDetailSchema)
@with_resource(edit=True, live=True)
def restore_revision(resource, number):
    """Bring back that revision's content (not its status), recorded as a new revision."""
    revisions.restore(resource, revision_or_404(resource, number), me())
    db.session.commit()
    return resource
