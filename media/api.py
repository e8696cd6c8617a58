"""JSON API of media assets: status and renditions (polled by the resource page), requeue, playback position,
and signed URLs for embeds. An asset you may not see answers 404, like one that does not exist."""

from __future__ import annotations

from flask import abort, current_app
from flask_babel import gettext as _
from flask_login import current_user

from app.api import deny, make_api_blueprint, problem_responses, refuse_problem, requires
from app.db import db
from media import service, tasks
from media.models import MediaAsset
from media.schemas import MediaAssetOutputSchema, PositionSchema, SignedUrlSchema

blp = make_api_blueprint(
    "media_api", __name__, "/media",
    "Vidéos et sons d'une ressource : état de la conversion, fichiers, sous-titres, position de lecture. Un média "
    "suit la visibilité de la ressource à laquelle il appartient.")


def visible_asset(asset_id: int) -> MediaAsset:
    asset = db.session.get(MediaAsset, asset_id)
    if asset is None or not asset.can_view(current_user):
        abort(404)
    return asset


def asset_answer(asset: MediaAsset, signed: bool = False) -> dict:
    """The output of an asset, with its URLs (signed ones for embeds)."""
    ready = asset.output_key is not None
    # the MP4 fallback: 720p at most, kinder to slow rural connections than 1080p
    fallback = next((r for r in reversed(asset.renditions) if r.height <= 720), None) if ready else None
    first_mp4 = fallback.mp4_name if fallback else None

    def url(name):
        return service.file_url(asset, name, signed=signed) if ready and name else None

    return {
        "id": asset.id, "owner": str(asset.owner), "filename": asset.filename, "kind": asset.kind.value,
        "state": asset.state.value, "progress": asset.progress,
        "error": _(asset.error_message) if asset.error_message else None,  # _("") would be the catalogue header
        "duration": asset.duration, "width": asset.width, "height": asset.height,
        "hls_url": url("hls/master.m3u8"), "poster_url": url("poster.jpg" if asset.has_poster else None),
        "thumbnail_url": url("thumb.jpg" if asset.has_poster else None),
        "mp4_url": url(first_mp4),
        "renditions": [{"label": r.label, "width": r.width, "height": r.height, "bitrate": r.bitrate,
                        "size": r.size, "url": url(r.mp4_name)} for r in asset.renditions] if ready else [],
        "captions": [{"language": c.language, "url": service.caption_url(asset, c.language, signed=signed)}
                     for c in asset.captions],
    }


@blp.route("/<int:asset_id>", methods=["GET"])
@problem_responses(blp, 400, 404)
@blp.response(200, MediaAssetOutputSchema)
def get_asset(asset_id: int):
    """An asset: the state and progress of its transcoding, then its renditions, poster and captions."""
    return asset_answer(visible_asset(asset_id))


@blp.route("/<int:asset_id>/requeue", methods=["POST"])
@problem_responses(blp, 400, 401, 403, 404, 409)
@blp.response(202, MediaAssetOutputSchema)
@requires(lambda user: user.is_authenticated)
def requeue(asset_id: int):
    """Transcode again (after a failure, or to redo the renditions); 409 while it is queued or running."""
    asset = visible_asset(asset_id)
    if not asset.can_edit(current_user):
        deny()
    if not service.requeue(asset):
        return refuse_problem(409, _("La conversion est déjà en attente ou en cours."))
    db.session.commit()
    tasks.enqueue(asset.id)
    db.session.refresh(asset)
    return asset_answer(asset)


@blp.route("/<int:asset_id>/position", methods=["GET"])
@problem_responses(blp, 400, 401, 404)
@blp.response(200, PositionSchema)
@requires(lambda user: user.is_authenticated)
def get_position(asset_id: int):
    """Where you stopped watching (0 if you never started, or finished)."""
    return {"position": service.position_of(visible_asset(asset_id), current_user)}


@blp.route("/<int:asset_id>/position", methods=["PUT"])
@problem_responses(blp, 400, 401, 404, 413, 422)
@blp.response(200, PositionSchema)
@requires(lambda user: user.is_authenticated)
@blp.arguments(PositionSchema)
def put_position(data, asset_id: int):
    """Remember where you are, to resume from there on any device."""
    row = service.remember_position(visible_asset(asset_id), current_user, data["position"])
    db.session.commit()
    return {"position": row.position}


@blp.route("/<int:asset_id>/signed-urls", methods=["GET"])
@problem_responses(blp, 400, 401, 403, 404, 409)
@blp.response(200, SignedUrlSchema)
@requires(lambda user: user.is_authenticated)
def signed_urls(asset_id: int):
    """Expiring URLs of the files, for an embed shown to people without a session (editors only)."""
    asset = visible_asset(asset_id)
    if not asset.can_edit(current_user):
        deny()
    if asset.output_key is None:
        return refuse_problem(409, _("La vidéo n'est pas encore prête."))
    answer = asset_answer(asset, signed=True)
    return {"hls_url": answer["hls_url"], "mp4_url": answer["mp4_url"], "poster_url": answer["poster_url"],
            "captions": answer["captions"],
            "expires_in": int(current_app.config.get("MEDIA_SIGNED_URL_SECONDS", service.DEFAULT_SIGNED_SECONDS))}
