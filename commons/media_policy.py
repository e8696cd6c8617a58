"""How media assets of resources follow them: the policy commons registers on media for the `resource` owner type.

Media cannot import commons (it is a lower layer), so commons tells media, once at start-up, who may watch or
change a resource's media: exactly those who may view or edit the resource (`Resource.can_view`/`can_edit`).
When a resource is deleted for good (purged from the trash: `db.session.delete(resource)`), its media go with it
(`media.service.purge_owner`: rows now, files once the deletion is committed).
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask, url_for

from app.db import db
from commons.models import Resource, Status, Visibility
from media.owners import register_owner

OWNER_TYPE = "resource"


class ResourceMediaPolicy:
    """media.owners.OwnerPolicy for resources."""

    def _resource(self, owner_id: int) -> Resource | None:
        return db.session.get(Resource, owner_id)

    def exists(self, owner_id: int) -> bool:
        return self._resource(owner_id) is not None

    def can_view(self, owner_id: int, user) -> bool:
        resource = self._resource(owner_id)
        return resource is not None and resource.can_view(user)

    def can_edit(self, owner_id: int, user) -> bool:
        resource = self._resource(owner_id)
        return resource is not None and not resource.is_deleted and resource.can_edit(user)

    def is_public(self, owner_id: int) -> bool:
        resource = self._resource(owner_id)
        return (resource is not None and not resource.is_deleted and resource.status == Status.PUBLISHED
                and resource.visibility == Visibility.PUBLIC)

    def label(self, owner_id: int) -> str:
        resource = self._resource(owner_id)
        return resource.title if resource else ""

    def url(self, owner_id: int) -> str:
        return url_for("commons.resource", resource_id=owner_id)


#: the demo resource that gets a generated video
DEMO_VIDEO_TITLE = "Qu'est-ce qu'un hameau léger ? La vidéo de présentation"


def load_demo_media() -> list[str]:
    """Attach a generated clip (with French captions) to the demo video resource and queue its transcoding."""
    import tempfile
    from pathlib import Path

    import sqlalchemy as sa

    from media import service as media
    from media import tasks
    from media.demo import DEMO_CAPTIONS, make_demo_clip
    from media.signals import media_text_changed

    resource = db.session.scalar(sa.select(Resource).where(Resource.title == DEMO_VIDEO_TITLE))
    if resource is None:
        return ["Médias : ressource de démonstration absente, rien à faire."]
    if media.assets_of(OWNER_TYPE, resource.id, with_deleted=True):
        return ["Médias : vidéo de démonstration déjà présente."]
    with tempfile.TemporaryDirectory() as folder:
        clip = make_demo_clip(Path(folder) / "hameau-leger.mp4")
        asset = media.import_file(OWNER_TYPE, resource.id, str(clip), "hameau-leger-presentation.mp4",
                                  resource.created_by)
    media.save_caption(asset, "fr", DEMO_CAPTIONS.encode(), resource.created_by)
    db.session.commit()  # the job must find the asset in the database
    tasks.enqueue(asset.id)
    media_text_changed.send(OWNER_TYPE, owner_id=resource.id)  # search indexes the captions
    return [f"Médias : vidéo de démonstration ajoutée à « {resource.title} », conversion en file d'attente."]


#: the demo resource that shows a PeerTube-hosted video (from the stand-in instance, media.peertube_standin)
DEMO_PEERTUBE_TITLE = "La décision par consentement, expliquée en huit minutes"


def load_demo_external_video() -> list[str]:
    """Link the stand-in PeerTube's video to a demo resource through the real oEmbed consumer; loopback is allowed
    for this call only (the stand-in runs on 127.0.0.1, in a thread if `flask serve --demo` does not run it)."""
    import sqlalchemy as sa
    from flask import current_app

    from media import peertube_standin
    from media import service as media
    from media.external import ExternalVideoError

    resource = db.session.scalar(sa.select(Resource).where(Resource.title == DEMO_PEERTUBE_TITLE))
    if resource is None:
        return ["Médias : ressource de démonstration PeerTube absente, rien à faire."]
    if media.external_video_of(OWNER_TYPE, resource.id) is not None:
        return ["Médias : vidéo PeerTube de démonstration déjà présente."]
    server = peertube_standin.running_in_thread()
    allowed = current_app.config.get("MEDIA_EXTERNAL_ALLOW_LOOPBACK")
    current_app.config["MEDIA_EXTERNAL_ALLOW_LOOPBACK"] = True
    try:
        media.link_external_video(OWNER_TYPE, resource.id, peertube_standin.page_url(), resource.created_by)
    except ExternalVideoError as error:
        return [f"Médias : vidéo PeerTube de démonstration non ajoutée ({error})."]
    finally:
        current_app.config["MEDIA_EXTERNAL_ALLOW_LOOPBACK"] = allowed
        if server is not None:
            server.shutdown()
            server.server_close()
    return [f"Médias : vidéo PeerTube de démonstration liée à « {resource.title} »."]


@sa.event.listens_for(db.session, "before_flush")
def _purge_media_of_deleted_resources(session, flush_context, instances) -> None:
    """A resource deleted for good takes its videos, sounds and captions with it (their files too)."""
    from media.service import purge_owner

    for obj in list(session.deleted):
        if isinstance(obj, Resource):
            purge_owner(OWNER_TYPE, obj.id)


def register_media_policy(app: Flask) -> None:
    """Give media the resource policy, and the demo video loader (after the demo resources)."""
    from app.cli import add_demo_loader

    register_owner(app, OWNER_TYPE, ResourceMediaPolicy())
    add_demo_loader(app, 30, load_demo_media)
    add_demo_loader(app, 31, load_demo_external_video)
