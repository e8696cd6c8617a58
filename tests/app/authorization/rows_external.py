"""Rows of videos hosted elsewhere (media) and of testimonies' collectives (observatory), with their world."""

from __future__ import annotations

from types import SimpleNamespace

from tests.app.authorization.table import Row, S

#: a 1×1 PNG, the stand-in thumbnail
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                    "0000000d4944415478da63f8cfc0f01f0005000201a5d8d4a10000000049454e44ae426082")

VIEW = S(404, 200, 200, 200, 404, 200, 200)
EDIT_PAGE = S(404, 403, 403, 200, 404, 200, 200)
EDIT_ACTION = S(404, 403, 403, 302, 404, 302, 302)

ROWS: list[Row] = [
    # S(anon, learner, facil, editor, other_ed, p_admin, admin); w.pub is published, for hls members only
    # w.external.video: a PeerTube video linked to w.pub; w.external.testimony: a published hls testimony
    Row("POST", "/medias/externe/<owner_type>/<int:owner_id>", lambda w, r: f"/medias/externe/resource/{w.pub}",
        EDIT_ACTION, body=lambda w, r: {"data": {"url": ""}}),  # refused by the schema: no request leaves
    Row("POST", "/medias/externes/<int:video_id>/retirer",
        lambda w, r: f"/medias/externes/{w.external.video}/retirer", EDIT_ACTION),
    Row("GET", "/medias/externes/<int:video_id>/vignette",
        lambda w, r: f"/medias/externes/{w.external.video}/vignette", VIEW),
    Row("GET", "/observatoire/temoignages/<int:resource_id>/collectifs",
        lambda w, r: f"/observatoire/temoignages/{w.external.testimony}/collectifs", EDIT_PAGE),
    Row("POST", "/observatoire/temoignages/<int:resource_id>/collectifs",
        lambda w, r: f"/observatoire/temoignages/{w.external.testimony}/collectifs", EDIT_ACTION,
        body=lambda w, r: {"data": {"collective_ids": []}}),
]


def external_world(world: SimpleNamespace, admin) -> SimpleNamespace:
    """A PeerTube video linked to w.pub (with a thumbnail file) and a published hls testimony (partner-only);
    the thumbnail's key joins w.media.folders so that remove_files deletes it."""
    import sqlalchemy as sa

    from app.db import db
    from commons import service as commons
    from commons.models import Kind, Status, Visibility
    from media.models import ExternalVideo
    from media.storage import get_storage, new_key

    key = new_key("external", "png")
    get_storage().path(key).parent.mkdir(parents=True, exist_ok=True)
    get_storage().path(key).write_bytes(PNG)
    world.media.folders.append(key)
    video = ExternalVideo(owner_type="resource", owner_id=world.pub, provider="peertube",
                          page_url="https://video.example.org/w/abc", host="video.example.org",
                          ref="9c9de5e8-0a1b-4ba4-a4b4-4c1b4f6c0d5e", title="Chantier", thumbnail_key=key)
    kind = db.session.scalar(sa.select(Kind.id).where(Kind.slug == "temoignage"))
    testimony = commons.create_resource({"title": "Témoignage de HLS", "kind_id": kind, "owner_partner_id": world.hls,
                                         "visibility": Visibility.PARTNER}, admin)
    commons.change_status(testimony, Status.PUBLISHED, admin)
    db.session.add(video)
    db.session.flush()
    return SimpleNamespace(video=video.id, testimony=testimony.id)
