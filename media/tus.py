"""The tus 1.0 endpoint (core protocol, creation and termination) under /api/v1/media/uploads.

Authentication as on the rest of the API: a bearer token, or the session cookie with the CSRF token in the
`X-CSRFToken` header (the upload page sends it). Only the user who created an upload may see or continue it.
A creation names the owner in Upload-Metadata (`owner resource:12`, base64-encoded as tus wants); the caller must
be allowed to edit that owner.
"""

from __future__ import annotations

from flask import Response, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.api import deny, make_api_blueprint, problem_responses, refuse_problem
from app.db import db
from app.http import problem
from media import owners, tasks, uploads
from media.models import Upload

TUS_VERSION = "1.0.0"
TUS_EXTENSIONS = "creation,termination"

blp = make_api_blueprint(
    "media_uploads_api", __name__, "/media/uploads",
    "Dépôt reprenable de vidéos et de sons (protocole tus 1.0 : création, reprise, annulation). Voir "
    "https://tus.io/protocols/resumable-upload ; les clients tus standard (tus-js-client, tuspy) conviennent.")


@blp.before_request
def require_tus_version():
    """Every request but OPTIONS says which tus version it speaks (412 otherwise)."""
    if request.method != "OPTIONS" and request.headers.get("Tus-Resumable") != TUS_VERSION:
        response = problem(412, _("Version du protocole non prise en charge"),
                           _("Envoyez l'en-tête Tus-Resumable: %(version)s.", version=TUS_VERSION))
        response.headers["Tus-Version"] = TUS_VERSION
        return response
    return None


@blp.after_request
def tus_headers(response: Response) -> Response:
    response.headers["Tus-Resumable"] = TUS_VERSION
    response.headers["Cache-Control"] = "no-store"
    if request.method == "OPTIONS":
        response.headers["Tus-Version"] = TUS_VERSION
        response.headers["Tus-Extension"] = TUS_EXTENSIONS
        response.headers["Tus-Max-Size"] = str(uploads.max_bytes())
    return response


def _rejected(error: uploads.MediaRejected):
    db.session.commit()  # what arrived before the refusal is kept (or the upload's removal)
    return problem(error.status, _("Dépôt refusé"), str(error))


def _own_upload(upload_id: str) -> Upload | None:
    """The caller's upload; anonymous callers are refused (401), someone else's upload does not exist (404)."""
    if not current_user.is_authenticated:
        deny()
    upload = db.session.get(Upload, upload_id) if len(upload_id) == 32 else None
    if upload is None or not current_user.is_authenticated or upload.user_id != current_user.id:
        return None
    return upload


def tus_headers_doc(*names: str) -> list[dict]:
    """The tus request headers of an operation, for the OpenAPI document; Tus-Resumable is always required."""
    described = {
        "Tus-Resumable": {"required": True, "schema": {"type": "string", "enum": [TUS_VERSION]}},
        "Upload-Length": {"required": True, "schema": {"type": "string", "pattern": "^[0-9]+$"},
                          "description": "Taille totale du fichier, en octets"},
        "Upload-Metadata": {"schema": {"type": "string"},
                            "description": "`owner resource:12`, `filename …` : clés et valeurs en base64"},
        "Upload-Offset": {"required": True, "schema": {"type": "string", "pattern": "^[0-9]+$"},
                          "description": "Octets déjà reçus par le serveur (la réponse à HEAD)"},
    }
    return [{"in": "header", "name": name, **described[name]} for name in ("Tus-Resumable", *names)]


def _length_header(name: str) -> int | None:
    value = request.headers.get(name, "")
    return int(value) if value.isdigit() and len(value) < 19 else None


@blp.route("", methods=["POST"])
@blp.doc(parameters=tus_headers_doc("Upload-Length", "Upload-Metadata"))
@blp.alt_response(201, success=True, description="Dépôt créé : `Location` donne son adresse")
@problem_responses(blp, 400, 401, 403, 404, 412, 413, 422)
def create():
    """Creation: Upload-Length and Upload-Metadata (`owner`, `filename`); answers 201 with the Location."""
    if not current_user.is_authenticated:
        deny()
    length = _length_header("Upload-Length")
    if length is None:
        return refuse_problem(400, _("En-tête Upload-Length manquant ou invalide."))
    try:
        metadata = uploads.parse_metadata(request.headers.get("Upload-Metadata"))
        owner = owners.OwnerRef.parse(metadata.get("owner", ""))
        if owner is None or not owners.owner_exists(owner) or not owners.can_view(owner.type, owner.id,
                                                                                   current_user):
            return refuse_problem(404, _("Le propriétaire de la vidéo est introuvable."))
        if not owners.can_edit(owner.type, owner.id, current_user):
            deny()
        upload = uploads.create_upload(owner, current_user, length, metadata)
    except uploads.MediaRejected as error:
        return _rejected(error)
    db.session.commit()
    response = Response(status=201)
    response.headers["Location"] = url_for("media_uploads_api.upload", upload_id=upload.id, _external=True)
    response.headers["Upload-Offset"] = "0"
    return response


@blp.route("/<upload_id>", methods=["HEAD"], endpoint="upload")
@blp.doc(parameters=tus_headers_doc())
@blp.alt_response(200, success=True, description="`Upload-Offset` : octets reçus ; `Upload-Length` : taille")
@problem_responses(blp, 400, 401, 404, 412)
def offset(upload_id: str):
    """HEAD: how many bytes the server has, to resume from there."""
    upload = _own_upload(upload_id)
    if upload is None:
        return refuse_problem(404)  # without its body, as HEAD wants, but with its content type
    response = Response(status=200)
    response.headers["Upload-Offset"] = str(uploads.current_offset(upload))
    response.headers["Upload-Length"] = str(upload.length)
    return response


@blp.route("/<upload_id>", methods=["PATCH"])
@blp.doc(parameters=tus_headers_doc("Upload-Offset"))
@blp.alt_response(204, success=True, description="Morceau reçu : `Upload-Offset` donne le nouveau décalage")
@problem_responses(blp, 400, 401, 404, 409, 412, 413, 415, 423)
def patch(upload_id: str):
    """PATCH: append the body at Upload-Offset (application/offset+octet-stream); 204 with the new offset."""
    upload = _own_upload(upload_id)
    if upload is None:
        return refuse_problem(404)
    if request.mimetype != "application/offset+octet-stream":
        return refuse_problem(415, _("Type attendu : application/offset+octet-stream."))
    client_offset = _length_header("Upload-Offset")
    if client_offset is None:
        return refuse_problem(400, _("En-tête Upload-Offset manquant ou invalide."))
    declared = request.content_length
    if declared is not None and client_offset + declared > upload.length:
        return refuse_problem(413, _("Le fichier dépasse la taille annoncée (%(size)s octets).", size=upload.length))
    # the app-wide request limit is for forms, not for video chunks; nothing before this view opened the body
    # (the CSRF check of cookie sessions reads its header only), so the stream is opened with this limit
    request.max_content_length = upload.length
    try:
        new_offset = uploads.append(upload, request.stream, client_offset)
    except uploads.MediaRejected as error:
        return _rejected(error)
    asset = uploads.finish(upload) if uploads.is_complete(upload) else None
    db.session.commit()
    if asset is not None:
        tasks.enqueue(asset.id)
    response = Response(status=204)
    response.headers["Upload-Offset"] = str(new_offset)
    return response


@blp.route("/<upload_id>", methods=["DELETE"])
@blp.doc(parameters=tus_headers_doc())
@blp.alt_response(204, success=True, description="Dépôt annulé et ses octets effacés")
@problem_responses(blp, 400, 401, 404, 412)
def terminate(upload_id: str):
    """Termination: the upload and its bytes are removed (a finished upload's video is not)."""
    upload = _own_upload(upload_id)
    if upload is None:
        return refuse_problem(404)
    uploads.terminate(upload)
    db.session.commit()
    return Response(status=204)
