"""Editors link a video hosted by PeerTube, YouTube or Vimeo to an owner (a resource) by its address; everyone who
may see the owner sees its thumbnail (kept by us) and the provider's player in an iframe.

The routes live on media's blueprint; the form itself sits in the owner's media section (`media/_player.html`).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort, flash, redirect, request, send_file
from flask_babel import gettext as _
from flask_login import current_user
from marshmallow import Schema, ValidationError, fields, validate

from app.db import db
from app.http import deny
from app.security import allow_frames_from
from media import owners, service
from media.external import ExternalVideoError
from media.models import ExternalVideo
from media.storage import get_storage
from media.views import bp


class ExternalVideoFormSchema(Schema):
    """The form: the address of the video's page."""

    url = fields.String(required=True, validate=validate.Length(min=8, max=1000))


def allow_player_frame(video: ExternalVideo) -> str:
    """Template helper: let the page frame this video's player (CSP frame-src); returns the player's address."""
    src = video.embed_url or ""
    if src:
        parts = urlsplit(src)
        allow_frames_from(f"{parts.scheme}://{parts.netloc}")
    return src


def _owner_page(owner_type: str, owner_id: int):
    policy = owners.policy_for(owner_type)
    return redirect(policy.url(owner_id) + "#medias")


@bp.post("/externe/<owner_type>/<int:owner_id>")
def link_external(owner_type: str, owner_id: int):
    """Editors: show the video at this PeerTube, YouTube or Vimeo address (it replaces the previous link)."""
    policy = owners.policy_for(owner_type)
    if policy is None or not policy.exists(owner_id) or not policy.can_view(owner_id, current_user):
        abort(404)
    if not policy.can_edit(owner_id, current_user):
        deny()
    try:
        url = ExternalVideoFormSchema().load({"url": request.form.get("url", "")})["url"]
        video = service.link_external_video(owner_type, owner_id, url, current_user)
    except ValidationError:
        flash(_("Donnez l'adresse complète d'une page de vidéo (https://…)."), "error")
        return _owner_page(owner_type, owner_id)
    except ExternalVideoError as error:
        db.session.rollback()
        flash(_("La vidéo n'a pas pu être ajoutée : %(reason)s", reason=str(error)), "error")
        return _owner_page(owner_type, owner_id)
    db.session.commit()
    flash(_("Vidéo « %(title)s » ajoutée depuis %(provider)s.", title=video.title or video.page_url,
            provider=video.provider_label), "success")
    return _owner_page(owner_type, owner_id)


@bp.post("/externes/<int:video_id>/retirer")
def remove_external(video_id: int):
    """Editors: take the linked video off the owner's page (to the trash)."""
    video = db.session.get(ExternalVideo, video_id)
    if video is None or video.is_deleted or not video.can_view(current_user):
        abort(404)
    if not video.can_edit(current_user):
        deny()
    video.mark_deleted()
    db.session.commit()
    flash(_("La vidéo liée a été retirée de la page."), "success")
    return _owner_page(video.owner_type, video.owner_id)


@bp.get("/externes/<int:video_id>/vignette")
def external_thumbnail(video_id: int):
    """The thumbnail we downloaded, for whoever may see the owner."""
    video = db.session.get(ExternalVideo, video_id)
    if video is None or not video.can_view(current_user) or not video.thumbnail_key:
        abort(404)
    path = get_storage().path(video.thumbnail_key)
    if not path.is_file():
        abort(404)
    response = send_file(path, conditional=True, max_age=3600)
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response
