"""Operations on media assets that the pages, the API and the packages above share.

Other packages call these (never the views): `assets_of` to list an owner's media, `main_video` and
`video_duration` for the video a course step shows, `caption_text` for search (`caption_texts` and
`owners_with_media_changed_since` for its batches), `requeue`, `remove_asset`, `save_caption`,
`remember_position`, `signed_path`; `purge_owner` when an owner is deleted for good; for videos hosted
elsewhere, `link_external_video`, `external_video_of`, `retire_external_videos` and `external_video_exists` (an SQL
test for the progress of course steps).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa
from flask import current_app, url_for
from itsdangerous import BadSignature, URLSafeTimedSerializer

from app.db import db, utcnow
from media import external, tasks
from media.captions import parse_webvtt
from media.models import Caption, ExternalVideo, JobState, MediaAsset, MediaKind, PlaybackPosition, Upload
from media.storage import get_storage, new_key

#: seconds a signed embed URL stays valid (config MEDIA_SIGNED_URL_SECONDS)
DEFAULT_SIGNED_SECONDS = 6 * 3600


def assets_of(owner_type: str, owner_id: int, with_deleted: bool = False) -> list[MediaAsset]:
    """The media of one owner, oldest first."""
    query = sa.select(MediaAsset).where(MediaAsset.owner_type == owner_type, MediaAsset.owner_id == owner_id)
    if not with_deleted:
        query = query.where(MediaAsset.is_deleted.is_(False))
    return list(db.session.scalars(query.order_by(MediaAsset.id)))


def main_video(owner_type: str, owner_id: int) -> MediaAsset | None:
    """The owner's video that pages built on the owner show and track (a course step): its oldest video that
    plays (transcoded), else its oldest one still being transcoded, else None."""
    videos = [a for a in assets_of(owner_type, owner_id) if a.kind == MediaKind.VIDEO]
    return next((a for a in videos if a.output_key), None) or \
        next((a for a in videos if a.state != JobState.FAILED), None)


def video_duration(owner_type: str, owner_id: int) -> float | None:
    """Seconds of the owner's main video as the probe measured them (None before the probe or without video)."""
    video = main_video(owner_type, owner_id)
    return video.duration if video is not None else None


def caption_text(owner_type: str, owner_id: int) -> str:
    """The text of every caption of an owner's media, for search to index with the owner (empty if none)."""
    rows = db.session.scalars(
        sa.select(Caption.text).join(MediaAsset, MediaAsset.id == Caption.asset_id)
        .where(MediaAsset.owner_type == owner_type, MediaAsset.owner_id == owner_id,
               MediaAsset.is_deleted.is_(False))
        .order_by(MediaAsset.id, Caption.language))
    return "\n".join(text for text in rows if text)


def caption_texts(owner_type: str, owner_ids: Iterable[int] | None = None, connection=None) -> dict[int, str]:
    """`caption_text` of many owners in one query: owner id -> text, for the owners that have captions.

    `owner_ids` None means every owner of the type; `connection` (a SQLAlchemy Connection or Session) lets
    search read on its own connection, as its rebuild and jobs do, instead of the request's session."""
    query = (sa.select(MediaAsset.owner_id, Caption.text).join(MediaAsset, MediaAsset.id == Caption.asset_id)
             .where(MediaAsset.owner_type == owner_type, MediaAsset.is_deleted.is_(False))
             .order_by(MediaAsset.owner_id, MediaAsset.id, Caption.language))
    if owner_ids is not None:
        wanted = sorted({int(i) for i in owner_ids})
        if not wanted:
            return {}
        query = query.where(MediaAsset.owner_id.in_(wanted))
    texts: dict[int, list[str]] = {}
    for owner_id, text in (connection if connection is not None else db.session).execute(query):
        if text:
            texts.setdefault(int(owner_id), []).append(text)
    return {owner_id: "\n".join(parts) for owner_id, parts in texts.items()}


def owners_with_media_changed_since(owner_type: str, moment: datetime, connection=None) -> set[int]:
    """Owners whose captions or media assets (added, removed, re-captioned) changed at or after `moment`."""
    executor = connection if connection is not None else db.session
    captions = (sa.select(MediaAsset.owner_id).join(Caption, Caption.asset_id == MediaAsset.id)
                .where(MediaAsset.owner_type == owner_type, Caption.updated_dt >= moment))
    assets = sa.select(MediaAsset.owner_id).where(MediaAsset.owner_type == owner_type,
                                                  MediaAsset.updated_dt >= moment)
    return {int(owner_id) for owner_id, in executor.execute(sa.union(captions, assets))}


def import_file(owner_type: str, owner_id: int, path: str, filename: str, user=None) -> MediaAsset:
    """Make a queued asset of a file already on this machine (demo content, imports); flushes. The file is
    sniffed like an upload; the caller commits, then calls `tasks.enqueue(asset.id)`."""
    import shutil

    import filetype

    kind = filetype.guess(path)
    if kind is None or kind.mime.split("/")[0] not in {"video", "audio"}:
        raise ValueError(f"not a video or a sound: {path}")
    storage = get_storage()
    key = new_key("originals", kind.extension)
    storage.path(key).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, storage.path(key))
    asset = MediaAsset(owner_type=owner_type, owner_id=owner_id, filename=filename, original_key=key,
                       mime_type=kind.mime, size=storage.size(key), state=JobState.QUEUED, queued_dt=utcnow(),
                       uploaded_by_id=user.id if user is not None else None)
    db.session.add(asset)
    db.session.flush()
    return asset


def requeue(asset: MediaAsset) -> bool:
    """Queue the transcoding again (flushes); the caller commits, then calls `tasks.enqueue(asset.id)`."""
    return tasks.requeue(asset)


def remove_asset(asset: MediaAsset) -> None:
    """Soft-delete: the files stay until purged, the owner's page stops showing it."""
    asset.mark_deleted()
    db.session.flush()


def purge_owner(owner_type: str, owner_id: int) -> int:
    """The owner is being deleted for good: its assets (trashed ones too), renditions, captions, playback
    positions and unfinished uploads go (deleted in this session, flushed by the caller; renditions and captions
    by the relationships' cascade, positions by the foreign keys'); their files (originals,
    rendition folders, upload bytes) are removed once the transaction commits, never if it rolls back. Returns
    how many assets went. Videos hosted elsewhere go too, with the thumbnails we kept of them."""
    assets = assets_of(owner_type, owner_id, with_deleted=True)
    uploads = list(db.session.scalars(sa.select(Upload).where(Upload.owner_type == owner_type,
                                                              Upload.owner_id == owner_id)))
    externals = list(db.session.scalars(sa.select(ExternalVideo).where(ExternalVideo.owner_type == owner_type,
                                                                       ExternalVideo.owner_id == owner_id)))
    keys, folders = [u.temp_key for u in uploads], []
    keys += [video.thumbnail_key for video in externals if video.thumbnail_key]
    for asset in assets:
        keys.append(asset.original_key)
        folders += [key for key in (asset.output_key, asset.work_key) if key]
    for row in (*uploads, *externals, *assets):
        db.session.delete(row)
    files_to_remove(keys, folders)
    return len(assets)


def files_to_remove(keys: list[str], folders: list[str]) -> None:
    """Remove these storage files and folders after the session's transaction commits (see `_remove_purged`)."""
    pending = db.session.info.setdefault("media_purged", ([], []))
    pending[0].extend(keys)
    pending[1].extend(folders)


@sa.event.listens_for(db.session, "after_commit")
def _remove_purged(session) -> None:
    """The deletion is committed: the files of purged media can go."""
    keys, folders = session.info.pop("media_purged", ([], []))
    if not (keys or folders):
        return
    storage = get_storage()
    for key in keys:
        storage.delete(key)
    for folder in folders:
        storage.delete_folder(folder)


@sa.event.listens_for(db.session, "after_soft_rollback")
def _keep_files(session, previous_transaction) -> None:
    """Rolled back: the rows are still there, so are their files."""
    if not session.in_transaction():
        session.info.pop("media_purged", None)


def save_caption(asset: MediaAsset, language: str, content: bytes, user) -> Caption:
    """Validate a WebVTT file and store it as the asset's captions in `language` (replacing older ones)."""
    vtt, text = parse_webvtt(content)
    caption = db.session.scalar(sa.select(Caption).where(Caption.asset_id == asset.id,
                                                          Caption.language == language))
    if caption is None:
        caption = Caption(asset_id=asset.id, language=language)
        db.session.add(caption)
    caption.vtt, caption.text = vtt, text
    caption.uploaded_by_id = user.id if user is not None else None
    db.session.flush()
    return caption


def remove_caption(caption: Caption) -> None:
    db.session.delete(caption)
    db.session.flush()


def position_of(asset: MediaAsset, user) -> float:
    if not user.is_authenticated:
        return 0.0
    row = db.session.get(PlaybackPosition, (user.id, asset.id))
    return row.position if row else 0.0


def remember_position(asset: MediaAsset, user, position: float) -> PlaybackPosition:
    """Where `user` stopped; past 95 % of the duration the video is finished and starts again from zero."""
    if asset.duration and position >= asset.duration * 0.95:
        position = 0.0
    position = max(0.0, min(position, asset.duration or position))
    row = db.session.get(PlaybackPosition, (user.id, asset.id))
    if row is None:
        row = PlaybackPosition(user_id=user.id, asset_id=asset.id)
        db.session.add(row)
    row.position = round(position, 1)
    db.session.flush()
    return row


# Files and their URLs -----------------------------------------------------------------------------------------

def file_names(asset: MediaAsset) -> dict[str, str]:
    """Every servable file of the current renditions: URL name → path inside the output folder.

    Requests are answered only for these exact names, so nothing in a URL ever becomes a path."""
    if not asset.output_key:
        return {}
    names = {"hls/master.m3u8": "hls/master.m3u8"}
    for rendition in asset.renditions:
        names[rendition.mp4_name] = rendition.mp4_name
        names[f"hls/{rendition.label}.m3u8"] = f"hls/{rendition.label}.m3u8"
        names[f"hls/{rendition.label}.m4s"] = f"hls/{rendition.label}.m4s"
    if asset.has_poster:
        names.update({"poster.jpg": "poster.jpg", "thumb.jpg": "thumb.jpg"})
    return names


def file_url(asset: MediaAsset, name: str, signed: bool = False) -> str:
    """URL of one of the asset's files; `signed` gives an expiring URL that works without a session."""
    if signed:
        return url_for("media.signed_file", token=signed_token(asset), name=name)
    return url_for("media.file", asset_id=asset.id, revision=asset.revision, name=name)


def caption_url(asset: MediaAsset, language: str, signed: bool = False, external: bool = False) -> str:
    """URL of the asset's captions in `language`; `signed` gives an expiring URL that works without a session
    (embeds of non-public media), like the signed URLs of the video files."""
    if signed:
        return url_for("media.signed_caption", token=signed_token(asset), language=language, _external=external)
    return url_for("media.caption_file", asset_id=asset.id, language=language, _external=external)


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="terreau-media-embed")


def signed_token(asset: MediaAsset) -> str:
    """A token naming the asset's current files, for embeds of media their viewers cannot open by session."""
    return _serializer().dumps([asset.id, asset.revision])


def read_signed_token(token: str) -> tuple[int, str] | None:
    """(asset id, revision) if the token is genuine and younger than MEDIA_SIGNED_URL_SECONDS, else None."""
    max_age = int(current_app.config.get("MEDIA_SIGNED_URL_SECONDS", DEFAULT_SIGNED_SECONDS))
    try:
        asset_id, revision = _serializer().loads(token, max_age=max_age)
    except (BadSignature, ValueError, TypeError):
        return None
    return int(asset_id), str(revision)


def job_status(asset: MediaAsset) -> dict:
    """The small status the resource page polls while a job runs."""
    return {"id": asset.id, "state": asset.state.value, "progress": asset.progress,
            "error": asset.error_message or None, "ready": asset.state == JobState.READY}


# Videos hosted elsewhere --------------------------------------------------------------------------------------

#: image types a downloaded thumbnail may be, and the extension we store it with
THUMBNAIL_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}


def external_video_of(owner_type: str, owner_id: int) -> ExternalVideo | None:
    """The owner's video hosted elsewhere, if it has one (at most one is not in the trash)."""
    return db.session.scalar(sa.select(ExternalVideo).where(
        ExternalVideo.owner_type == owner_type, ExternalVideo.owner_id == owner_id,
        ExternalVideo.is_deleted.is_(False)).order_by(ExternalVideo.id.desc()).limit(1))


def external_video_exists(owner_type: str, owner_id_column) -> sa.ColumnElement[bool]:
    """SQL: the owner named by `owner_id_column` shows a video hosted elsewhere (its steps then end when the
    learner marks them done: we cannot see how much of such a video was played)."""
    return sa.exists().where(ExternalVideo.owner_type == owner_type, ExternalVideo.owner_id == owner_id_column,
                             ExternalVideo.is_deleted.is_(False))


def link_external_video(owner_type: str, owner_id: int, page_url: str, user=None) -> ExternalVideo:
    """Ask the provider about `page_url` and make it the owner's video hosted elsewhere (the previous one goes to
    the trash); flushes. Raises media.external.ExternalVideoError with the editor's message."""
    fetched = external.fetch_video(page_url)
    retire_external_videos(owner_type, owner_id)
    video = ExternalVideo(owner_type=owner_type, owner_id=owner_id, provider=fetched.provider,
                          page_url=fetched.page_url[:1000], host=fetched.host, ref=fetched.ref,
                          title=fetched.title[:300], author_name=fetched.author_name[:200],
                          duration=fetched.duration, width=fetched.width, height=fetched.height,
                          added_by_id=user.id if user is not None and user.is_authenticated else None)
    video.thumbnail_key = _keep_thumbnail(fetched.thumbnail_url)
    db.session.add(video)
    db.session.flush()
    return video


def retire_external_videos(owner_type: str, owner_id: int) -> int:
    """Send the owner's videos hosted elsewhere to the trash (an upload replaced them); flushes; how many."""
    videos = db.session.scalars(sa.select(ExternalVideo).where(
        ExternalVideo.owner_type == owner_type, ExternalVideo.owner_id == owner_id,
        ExternalVideo.is_deleted.is_(False))).all()
    for video in videos:
        video.mark_deleted()
    db.session.flush()
    return len(videos)


def _keep_thumbnail(url: str | None) -> str | None:
    """Download the provider's thumbnail into our storage; None when there is none or it is not an image."""
    import filetype

    content = external.fetch_thumbnail(url) if url else None
    kind = filetype.guess(content) if content else None
    if kind is None or kind.mime not in THUMBNAIL_TYPES:
        return None
    key = new_key("external", THUMBNAIL_TYPES[kind.mime])
    path = get_storage().path(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return key
