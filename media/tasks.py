"""The transcoding job: claimed with a lease, heartbeating while ffmpeg runs, taken over when its worker dies.

A run claims the asset in one UPDATE (queued, or running with a heartbeat older than the lease), so two workers
never run the same asset and a job whose worker was killed is picked up again by the next sweep
(`sweep_stale_jobs`, every minute in the worker, or `flask media requeue --stale`). Each run writes into a fresh
folder: on success it replaces the previous renditions, on failure it is removed; the original is never touched.
An asset purged while its job runs (its owner deleted for good) is noticed at the next progress write or at the
end: ffmpeg is stopped, the run's folder removed, and the job ends without error.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from huey import crontab
from sqlalchemy.orm.exc import ObjectDeletedError, StaleDataError

from app.db import db, utcnow
from app.i18n import N_
from app.jobs import huey, job
from media.models import JobState, MediaAsset, MediaKind, Rendition
from media.probe import ProbeError, find_tools, probe
from media.signals import media_probed
from media.storage import get_storage, new_folder_key
from media.transcode import TranscodeError, transcode

log = logging.getLogger(__name__)

#: messages shown to editors (stored in French, translated on display)
UNREADABLE = N_("Le fichier n'a pas pu être lu comme une vidéo ou un son : il est peut-être abîmé ou incomplet. "
                "Déposez-le de nouveau, ou exportez-le en MP4 depuis votre logiciel.")
FFMPEG_FAILED = N_("La conversion a échoué. Relancez-la ; si l'échec se répète, exportez la vidéo en MP4 (H.264) "
                   "et déposez-la de nouveau.")
ORIGINAL_MISSING = N_("Le fichier d'origine est introuvable sur le serveur.")
#: seconds between two progress writes
PROGRESS_EVERY = 1.0


class AssetGone(Exception):
    """The asset's row was deleted (purged) while its job ran."""


#: what the job's own writes raise when the purge deleted the row between a check and a commit
ROW_GONE_ERRORS = (AssetGone, ObjectDeletedError, StaleDataError)


def lease_seconds() -> int:
    """A running job silent for this long is considered dead (config MEDIA_JOB_LEASE_SECONDS)."""
    return int(current_app.config.get("MEDIA_JOB_LEASE_SECONDS", 120))


@job(retries=0)
def transcode_asset(asset_id: int) -> str:
    """Huey job: transcode one asset, unless another live worker already does."""
    return run_transcode(asset_id)


def enqueue(asset_id: int) -> None:
    """Queue the job; call it after the commit that made the asset queued (a worker may start at once)."""
    transcode_asset(asset_id)


def claim(asset_id: int) -> bool:
    """Take the job: queued, or running but silent for longer than the lease. Commits."""
    now = utcnow()
    stale = now - timedelta(seconds=lease_seconds())
    claimable = sa.or_(MediaAsset.state == JobState.QUEUED,
                       sa.and_(MediaAsset.state == JobState.RUNNING,
                               sa.or_(MediaAsset.heartbeat_dt.is_(None), MediaAsset.heartbeat_dt < stale)))
    taken = db.session.execute(
        sa.update(MediaAsset).where(MediaAsset.id == asset_id, MediaAsset.is_deleted.is_(False), claimable)
        .values(state=JobState.RUNNING, heartbeat_dt=now, started_dt=now, progress=0, error_message="",
                attempts=MediaAsset.attempts + 1)
        .execution_options(synchronize_session=False)).rowcount
    db.session.commit()
    return taken == 1


def run_transcode(asset_id: int) -> str:
    """Probe, transcode, store the renditions; the asset ends ready or failed (with a message). Returns the state,
    or "purged" when the asset was deleted for good during the run."""
    if not claim(asset_id):
        return "skipped"
    asset = db.session.get(MediaAsset, asset_id)
    db.session.refresh(asset)
    storage = get_storage()
    if asset.work_key:  # what a dead worker left behind
        storage.delete_folder(asset.work_key)
    asset.work_key = work_key = new_folder_key("renditions")
    db.session.commit()
    folder = storage.make_folder(work_key)
    try:
        _run(asset, storage, folder)
    except ROW_GONE_ERRORS + (ProbeError, TranscodeError, OSError) as exc:
        if _purged(asset_id):  # ffmpeg may also have failed first, its folder removed by the purge
            return _abandon(asset_id, storage, work_key)
        if isinstance(exc, ROW_GONE_ERRORS):
            raise
        log.warning("transcoding of media %s failed: %s %s", asset_id, exc, getattr(exc, "detail", "")[-500:])
        message = UNREADABLE if isinstance(exc, ProbeError) else FFMPEG_FAILED
        if isinstance(exc, FileNotFoundError):
            message = ORIGINAL_MISSING
        _fail(asset, storage, message)
    return asset.state.value


def _run(asset: MediaAsset, storage, folder) -> None:
    tools = find_tools()
    source_path = str(storage.path(asset.original_key))
    if not storage.exists(asset.original_key):
        raise FileNotFoundError(asset.original_key)
    source = probe(source_path, tools)
    asset.duration, asset.width, asset.height, asset.fps = source.duration, source.width, source.height, source.fps
    asset.video_codec, asset.audio_codec, asset.bitrate = source.video_codec, source.audio_codec, source.bitrate
    asset.kind = MediaKind.VIDEO if source.has_video else MediaKind.AUDIO
    db.session.commit()
    _announce(asset, ready=False)
    outputs, sizes, has_poster = transcode(source_path, source, folder, tools, _progress_writer(asset))
    if _purged(asset.id):  # during ffmpeg's last second, after its last progress write
        raise AssetGone(asset.id)
    previous = asset.output_key
    asset.renditions.clear()
    db.session.flush()  # old rows go before new ones with the same labels arrive
    asset.renditions.extend(
        Rendition(label=o.label, width=o.width, height=o.height, size=sizes[o.label],
                  bitrate=int(sizes[o.label] * 8 / source.duration) if source.duration else 0)
        for o in outputs)
    asset.output_key, asset.work_key = asset.work_key, None
    asset.has_poster = has_poster
    asset.state, asset.progress, asset.finished_dt, asset.heartbeat_dt = JobState.READY, 100, utcnow(), utcnow()
    db.session.commit()
    if previous:
        storage.delete_folder(previous)
    _replace_external(asset)
    _announce(asset, ready=True)


def _replace_external(asset: MediaAsset) -> None:
    """A video of the owner is ready: it replaces the video the owner linked from elsewhere (sent to the trash)."""
    from media.service import retire_external_videos  # media.service imports this module

    if asset.kind == MediaKind.VIDEO and retire_external_videos(asset.owner_type, asset.owner_id):
        db.session.commit()
        log.info("media %s replaced the linked external video of %s:%s", asset.id, asset.owner_type,
                 asset.owner_id)


def _announce(asset: MediaAsset, ready: bool) -> None:
    """Tell the packages above (courses) what the probe found, once it is committed; never fails the job."""
    try:
        media_probed.send(asset.owner_type, owner_id=asset.owner_id, asset_id=asset.id, duration=asset.duration,
                          ready=ready)
    except Exception:
        log.exception("a receiver of media_probed failed for media %s", asset.id)
        db.session.rollback()  # what the asset needs is committed; the job carries on with a clean session


def _purged(asset_id: int) -> bool:
    """The asset's row is gone (ends the session's transaction, so the answer is the committed state)."""
    db.session.rollback()
    return db.session.scalar(sa.select(MediaAsset.id).where(MediaAsset.id == asset_id)) is None


def _abandon(asset_id: int, storage, work_key: str) -> str:
    """The asset was purged during its run: ffmpeg is stopped; remove what the run wrote (the purge removed the
    folder once already, but ffmpeg may have written into it again before it was stopped)."""
    db.session.rollback()
    storage.delete_folder(work_key)
    log.info("media %s was purged while being transcoded: transcoding stopped, its partial outputs removed",
             asset_id)
    return "purged"


def _progress_writer(asset: MediaAsset):
    """A callback storing the percentage and the heartbeat, at most once a second (and always 100); it raises
    AssetGone when the asset's row is gone, which stops ffmpeg."""
    last_write, asset_id = 0.0, asset.id  # the id is read once: a purged asset's attributes cannot be loaded

    def write(percent: int) -> None:
        nonlocal last_write
        now = time.monotonic()
        if percent < 100 and now - last_write < PROGRESS_EVERY:
            return
        last_write = now
        highest = (sa.func.max if db.engine.dialect.name == "sqlite" else sa.func.greatest)(MediaAsset.progress,
                                                                                             percent)
        written = db.session.execute(sa.update(MediaAsset).where(MediaAsset.id == asset_id)
                                     .values(progress=highest, heartbeat_dt=utcnow())
                                     .execution_options(synchronize_session=False)).rowcount
        db.session.commit()
        if written == 0:
            raise AssetGone(asset_id)

    return write


def _fail(asset: MediaAsset, storage, message: str) -> None:
    """Failed: remove what this run wrote, keep the original and the previous renditions, say why."""
    db.session.rollback()
    db.session.refresh(asset)
    if asset.work_key:
        storage.delete_folder(asset.work_key)
    asset.work_key = None
    asset.state, asset.error_message, asset.finished_dt = JobState.FAILED, message, utcnow()
    db.session.commit()


def requeue(asset: MediaAsset) -> bool:
    """Put a failed or finished asset back in the queue (flushes); False when it is queued or running already."""
    if asset.state in (JobState.QUEUED, JobState.RUNNING) or asset.is_deleted:
        return False
    asset.state, asset.progress, asset.error_message, asset.queued_dt = JobState.QUEUED, 0, "", utcnow()
    db.session.flush()
    return True


def stale_asset_ids() -> list[int]:
    """Running jobs whose worker stopped giving news for longer than the lease, and jobs queued for that long
    that no worker took (lost from the queue); a job queued twice still runs once (see `claim`)."""
    stale = utcnow() - timedelta(seconds=lease_seconds())
    dead = sa.and_(MediaAsset.state == JobState.RUNNING,
                   sa.or_(MediaAsset.heartbeat_dt.is_(None), MediaAsset.heartbeat_dt < stale))
    forgotten = sa.and_(MediaAsset.state == JobState.QUEUED,
                        sa.or_(MediaAsset.queued_dt.is_(None), MediaAsset.queued_dt < stale))
    return list(db.session.scalars(sa.select(MediaAsset.id).where(
        MediaAsset.is_deleted.is_(False), sa.or_(dead, forgotten)).order_by(MediaAsset.id)))


@job(retries=0)
def sweep_stale_jobs() -> list[int]:
    """Queue again the jobs whose worker died (their claim lets a new run take them over)."""
    found = stale_asset_ids()
    for asset_id in found:
        log.warning("media %s: its worker stopped answering, transcoding again", asset_id)
        enqueue(asset_id)
    return found


@job(retries=0)
def forget_expired_uploads() -> int:
    """Remove unfinished uploads past their lifetime (a week), and their bytes."""
    from media.uploads import remove_expired_uploads

    count = remove_expired_uploads()
    db.session.commit()
    return count


@huey.periodic_task(crontab(minute="*"))
def watch_stale_jobs():
    """Every minute, in the worker: enqueue the sweep (which runs in an app context like every job)."""
    sweep_stale_jobs()


@huey.periodic_task(crontab(minute="17"))
def watch_expired_uploads():
    """Every hour, in the worker: enqueue the removal of abandoned uploads."""
    forget_expired_uploads()
