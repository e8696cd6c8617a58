"""JSON API of resources: the catalogue with its filters, one resource, editing, workflow, trash, files."""

from __future__ import annotations

from flask import abort

from app.api import PageArgsSchema, problem_responses, requires
from app.db import db
from app.http import paginate
from commons import attachments, service
from commons.api.common import (
    WRITE_SECURITY,
    blueprint,
    is_contributor,
    is_signed_in,
    me,
    with_resource,
)
from commons.models import Attachment
from commons.schemas import (
    AttachmentOutputSchema,
    AttachmentUploadSchema,
    CatalogueFilterSchema,
    ResourceDetailSchema,
    ResourceInputSchema,
    ResourcePageSchema,
    ResourcePatchSchema,
    StatusChangeSchema,
)

blp = blueprint(
    "resources_api", __name__, "/resources",
    "Ressources du commun. Lecture publique selon la visibilité ; écriture par les éditeur·rices et "
    "administrateur·rices du partenaire propriétaire ou co-propriétaire, et par les administrateur·rices de "
    "la plateforme. Une ressource invisible pour vous répond 404, comme une ressource qui n'existe pas.")


def page_answer(page) -> dict:
    return {"items": page.items, "meta": page}


@blp.route("/", methods=["GET"])
@blp.arguments(CatalogueFilterSchema, location="query",
               description="Répétez un paramètre pour plusieurs valeurs : `?kind=video&kind=outil`")
@blp.arguments(PageArgsSchema, location="query")
@problem_responses(blp, 400)
@blp.response(200, ResourcePageSchema)
def list_resources(filters, paging):
    """Catalogue: the resources you may see, filtered and paginated."""
    return page_answer(service.list_resources(me(), filters, paging["page"], paging["per_page"]))


@blp.route("/", methods=["POST"])
@blp.doc(security=WRITE_SECURITY)
@problem_responses(blp, 400, 401, 403, 413, 422)
@blp.response(201, ResourceDetailSchema)
@requires(is_contributor)
@blp.arguments(ResourceInputSchema)
def create_resource(data):
    """Create a resource (as a draft), filed under a partner you edit for; revision 1 is recorded."""
    resource = service.create_resource(data, me())
    db.session.commit()
    return resource


@blp.route("/trash", methods=["GET"])
@blp.doc(security=WRITE_SECURITY)
@problem_responses(blp, 400, 401)
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, ResourcePageSchema)
@requires(is_signed_in)
def list_trash(paging):
    """Trashed resources you may restore, most recently deleted first."""
    return page_answer(paginate(service.trash_query(me()), paging["page"], paging["per_page"]))


@blp.route("/<int:resource_id>", methods=["GET"])
@problem_responses(blp, 400, 404)
@blp.response(200, ResourceDetailSchema)
@with_resource()
def get_resource(resource):
    """One resource with its body (Markdown and sanitised HTML) and attachments."""
    return resource


@blp.route("/<int:resource_id>", methods=["PATCH"])
@blp.doc(security=WRITE_SECURITY)
@problem_responses(blp, 400, 401, 403, 404, 409, 413, 422)
@blp.response(200, ResourceDetailSchema)
@with_resource(edit=True, live=True)
@blp.arguments(ResourcePatchSchema)
def update_resource(data, resource):
    """Change the fields sent, keeping the others; send `version` to refuse (409) a stale edit."""
    service.update_resource(resource, data, me())
    db.session.commit()
    return resource


@blp.route("/<int:resource_id>", methods=["DELETE"])
@blp.doc(security=WRITE_SECURITY)
@problem_responses(blp, 400, 401, 403, 404)
@blp.response(204)
@with_resource(edit=True)
def delete_resource(resource):
    """Put the resource in the trash; it can be restored."""
    if not resource.is_deleted:
        service.trash_resource(resource, me())
        db.session.commit()


@blp.route("/<int:resource_id>/restore", methods=["POST"])
@blp.doc(security=WRITE_SECURITY)
@problem_responses(blp, 400, 401, 403, 404)
@blp.response(200, ResourceDetailSchema)
@with_resource(edit=True)
def restore_resource(resource):
    """Take the resource out of the trash."""
    service.restore_resource(resource, me())
    db.session.commit()
    return resource


@blp.route("/<int:resource_id>/status", methods=["POST"])
@blp.doc(security=WRITE_SECURITY)
@problem_responses(blp, 400, 401, 403, 404, 409, 413, 422)
@blp.response(200, ResourceDetailSchema)
@with_resource(edit=True, live=True)
@blp.arguments(StatusChangeSchema)
def change_status(data, resource):
    """Move along the workflow (draft, in_review, published, archived); a refused move answers 409."""
    service.change_status(resource, data["status"], me(), data["comment"])
    db.session.commit()
    return resource


@blp.route("/<int:resource_id>/attachments", methods=["POST"])
@blp.doc(security=WRITE_SECURITY)
@problem_responses(blp, 400, 401, 403, 404, 409, 413, 415, 422)
@blp.response(201, AttachmentOutputSchema)
@with_resource(edit=True, live=True)
@blp.arguments(AttachmentUploadSchema, location="files")
def upload_attachment(files, resource):
    """Attach a file (field `file`); its type is found from its content, whatever its name says."""
    attachment = attachments.add_attachment(resource, files["file"], me())
    db.session.commit()
    return attachment


@blp.route("/<int:resource_id>/attachments/<int:attachment_id>", methods=["DELETE"])
@blp.doc(security=WRITE_SECURITY)
@problem_responses(blp, 400, 401, 403, 404, 409)
@blp.response(204)
@with_resource(edit=True, live=True)
def remove_attachment(resource, attachment_id):
    """Remove an attachment from the resource."""
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None or attachment.resource_id != resource.id or attachment.is_deleted:
        abort(404)
    attachments.remove_attachment(attachment)
    db.session.commit()
