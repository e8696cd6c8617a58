"""Media pages and files: the upload page, the files of the renditions (range requests, long cache), captions,
and the editors' actions (requeue, captions, removal).

Behind nginx, TERREAU_MEDIA_ACCEL_REDIRECT (e.g. `/_media/`) makes a file answer empty, with `X-Accel-Redirect`
naming the file under that prefix: the app checks access, nginx sends the bytes (see deploy/nginx.conf).

Every file request checks access: the session's user against the owner's policy, or a signed expiring token for
embeds. File names in URLs are looked up in the asset's list of known files, never joined to a path.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, send_file
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import RequestedRangeNotSatisfiable

from app.db import db
from app.extensions import csrf
from app.http import deny  # noqa: F401 - the package's views import them from here
from media import form_upload, owners, service, tasks
from media.captions import CaptionError
from media.models import Caption, MediaAsset
from media.signals import media_text_changed
from media.storage import get_storage
from media.uploads import MediaRejected, max_bytes

bp = Blueprint("media", __name__, url_prefix="/medias", template_folder="templates", static_folder="static")

#: one year: the files of a revision never change (a new run writes a new revision)
IMMUTABLE_SECONDS = 365 * 24 * 3600
CONTENT_TYPES = {"m3u8": "application/vnd.apple.mpegurl", "m4s": "video/mp4", "mp4": "video/mp4",
                 "m4a": "audio/mp4", "jpg": "image/jpeg"}
#: languages offered for captions
CAPTION_LANGUAGES = ("fr", "en", "de", "es", "it", "br", "oc", "ca", "eu")


def viewable(asset_id: int) -> MediaAsset:
    asset = db.session.get(MediaAsset, asset_id)
    if asset is None or not asset.can_view(current_user):
        abort(404)
    return asset


def editable(asset_id: int) -> MediaAsset:
    asset = viewable(asset_id)
    if not asset.can_edit(current_user):
        deny()
    return asset


def back_to_owner(asset: MediaAsset):
    policy = owners.policy_for(asset.owner_type)
    return redirect(policy.url(asset.owner_id) + "#medias" if policy else "/")


def _send(asset: MediaAsset, name: str, public: bool):
    """One file of the current revision, with range support (206/416) and a year of cache."""
    relative = service.file_names(asset).get(name)
    if relative is None:
        abort(404)
    key = f"{asset.output_key}/{relative}"
    path = get_storage().path(key)
    if not path.is_file():
        abort(404)
    mimetype = CONTENT_TYPES.get(name.rpartition(".")[2], "application/octet-stream")
    scope = "public" if public else "private"
    if current_app.config.get("MEDIA_ACCEL_REDIRECT"):
        return _accel_redirect(key, mimetype, scope)
    try:
        response = send_file(path, mimetype=mimetype, conditional=True, etag=True, max_age=IMMUTABLE_SECONDS)
    except RequestedRangeNotSatisfiable:  # answered here: the app's error page would drop Content-Range
        return Response(status=416, headers={"Content-Range": f"bytes */{path.stat().st_size}",
                                             "Accept-Ranges": "bytes"})
    response.headers["Cache-Control"] = f"{scope}, max-age={IMMUTABLE_SECONDS}, immutable"
    response.headers["Accept-Ranges"] = "bytes"
    return response


def _accel_redirect(key: str, mimetype: str, scope: str) -> Response:
    """Access is checked: hand the bytes to the proxy (nginx `X-Accel-Redirect` to an `internal` location that
    maps TERREAU_MEDIA_ACCEL_REDIRECT onto the media root), which also answers ranges and conditional requests.
    nginx keeps this answer's Content-Type and Cache-Control."""
    prefix = current_app.config["MEDIA_ACCEL_REDIRECT"].rstrip("/") + "/"
    response = Response(status=200, mimetype=mimetype)
    response.headers["X-Accel-Redirect"] = prefix + key
    response.headers["Cache-Control"] = f"{scope}, max-age={IMMUTABLE_SECONDS}, immutable"
    return response


@bp.get("/<int:asset_id>/<revision>/<path:name>")
def file(asset_id: int, revision: str, name: str):
    """A rendition's MP4, HLS playlist or segments, poster or thumbnail, for whoever may see the owner."""
    asset = viewable(asset_id)
    if revision != asset.revision:
        abort(404)
    return _send(asset, name, asset.is_public)


@bp.get("/integration/<token>/<path:name>")
def signed_file(token: str, name: str):
    """The same files through an expiring signed URL (embeds of media that are not public)."""
    found = service.read_signed_token(token)
    asset = db.session.get(MediaAsset, found[0]) if found else None
    if asset is None or asset.is_deleted or asset.revision != found[1]:
        abort(404)
    return _send(asset, name, public=False)


@bp.get("/<int:asset_id>/sous-titres/<language>.vtt")
def caption_file(asset_id: int, language: str):
    """Captions in one language, as WebVTT."""
    return _send_caption(viewable(asset_id), language)


@bp.get("/integration/<token>/sous-titres/<language>.vtt")
def signed_caption(token: str, language: str):
    """The same captions through an expiring signed URL (embeds of media that are not public)."""
    found = service.read_signed_token(token)
    asset = db.session.get(MediaAsset, found[0]) if found else None
    if asset is None or asset.is_deleted or asset.revision != found[1]:
        abort(404)
    return _send_caption(asset, language)


def _send_caption(asset: MediaAsset, language: str):
    """WebVTT of one language; revalidated each time (captions change without a new revision)."""
    caption = next((c for c in asset.captions if c.language == language), None)
    if caption is None:
        abort(404)
    response = current_app.response_class(caption.vtt, mimetype="text/vtt")
    response.headers["Cache-Control"] = "private, no-cache"
    response.set_etag(f"{caption.id}-{int(caption.updated_dt.timestamp())}")
    return response.make_conditional(request)


def _editable_owner(owner_type: str, owner_id: int) -> owners.OwnerPolicy:
    """The policy of an owner the current user may edit (404 if unseen, 403 if seen but not editable)."""
    policy = owners.policy_for(owner_type)
    if policy is None or not policy.exists(owner_id) or not policy.can_view(owner_id, current_user):
        abort(404)
    if not policy.can_edit(owner_id, current_user):
        deny()
    return policy


def _upload_page(owner_type: str, owner_id: int, policy, error: str = "", status: int = 200):
    return render_template("media/upload.html", owner=owners.OwnerRef(owner_type, owner_id),
                           owner_label=policy.label(owner_id), owner_url=policy.url(owner_id),
                           max_bytes=max_bytes(), error=error,
                           assets=service.assets_of(owner_type, owner_id)), status


@bp.get("/deposer/<owner_type>/<int:owner_id>")
def upload_page(owner_type: str, owner_id: int):
    """The upload page: pick a file, watch it go up (resumable), then back to the owner's page."""
    return _upload_page(owner_type, owner_id, _editable_owner(owner_type, owner_id))


@bp.post("/deposer/<owner_type>/<int:owner_id>")
@csrf.exempt  # checked by form_upload once the body is on disk (the app-wide check would read it into memory)
def upload_form(owner_type: str, owner_id: int):
    """The same page without JavaScript: the file in one multipart POST (not resumable), then the same job."""
    policy = _editable_owner(owner_type, owner_id)
    try:
        asset = form_upload.receive(owners.OwnerRef(owner_type, owner_id), current_user)
    except MediaRejected as error:
        db.session.rollback()
        return _upload_page(owner_type, owner_id, policy, str(error), error.status)
    db.session.commit()
    tasks.enqueue(asset.id)
    flash(_("« %(name)s » est reçu ; sa conversion commence.", name=asset.filename), "success")
    return back_to_owner(asset)


@bp.post("/<int:asset_id>/relancer")
def requeue(asset_id: int):
    """Editors: transcode again (after a failure)."""
    asset = editable(asset_id)
    if service.requeue(asset):
        db.session.commit()
        tasks.enqueue(asset.id)
        flash(_("La conversion de « %(name)s » est relancée.", name=asset.filename), "success")
    else:
        flash(_("La conversion est déjà en attente ou en cours."), "info")
    return back_to_owner(asset)


@bp.post("/<int:asset_id>/retirer")
def remove(asset_id: int):
    """Editors: take the video off the owner's page (soft deletion; the files stay until purged)."""
    asset = editable(asset_id)
    service.remove_asset(asset)
    db.session.commit()
    media_text_changed.send(asset.owner_type, owner_id=asset.owner_id)
    flash(_("« %(name)s » a été retiré de la page.", name=asset.filename), "success")
    return back_to_owner(asset)


@bp.post("/<int:asset_id>/sous-titres")
def add_caption(asset_id: int):
    """Editors: upload a WebVTT file for one language (it replaces the one already there)."""
    asset = editable(asset_id)
    language = request.form.get("language", "")
    upload = request.files.get("file")
    if language not in CAPTION_LANGUAGES:
        flash(_("Choisissez la langue des sous-titres."), "error")
        return back_to_owner(asset)
    if upload is None or not upload.filename:
        flash(_("Choisissez un fichier WebVTT (.vtt)."), "error")
        return back_to_owner(asset)
    try:
        service.save_caption(asset, language, upload.stream.read(2 * 1024 * 1024 + 1), current_user)
    except CaptionError as error:
        db.session.rollback()
        flash(str(error), "error")
        return back_to_owner(asset)
    db.session.commit()
    media_text_changed.send(asset.owner_type, owner_id=asset.owner_id)
    flash(_("Sous-titres enregistrés."), "success")
    return back_to_owner(asset)


@bp.post("/<int:asset_id>/sous-titres/<language>/retirer")
def remove_caption(asset_id: int, language: str):
    """Editors: remove the captions of one language."""
    asset = editable(asset_id)
    caption = db.session.query(Caption).filter_by(asset_id=asset.id, language=language).one_or_none()
    if caption is None:
        abort(404)
    service.remove_caption(caption)
    db.session.commit()
    media_text_changed.send(asset.owner_type, owner_id=asset.owner_id)
    flash(_("Sous-titres retirés."), "success")
    return back_to_owner(asset)
