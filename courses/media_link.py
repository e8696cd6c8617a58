"""Steps follow their resource's video: when media has probed a video owned by a resource, the steps showing that
resource take its length as `video_seconds`, which the 95 % rule of video steps is measured against.

Media sits above courses in the layers and knows nothing of steps: it sends `media_probed` after the commit that
stored the probe (from the transcoding job), and `media_text_changed` when an asset was removed (another video of
the resource may then become the one the step shows). The receiver writes in a session of its own, so it never commits
anything the caller left pending.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db import db
from courses.models import Step
from media import service as media_service
from media.signals import media_probed, media_text_changed

log = logging.getLogger(__name__)


def sync_video_seconds(owner_type: str, *, owner_id: int, **_details) -> int:
    """Copy the length of resource `owner_id`'s main video into its steps; returns how many steps changed."""
    if owner_type != "resource":
        return 0
    seconds = media_service.video_duration(owner_type, owner_id)
    if not seconds:
        return 0
    with Session(db.engine) as session, session.begin():
        changed = session.execute(
            sa.update(Step).where(Step.resource_id == owner_id,
                                  sa.or_(Step.video_seconds.is_(None), Step.video_seconds != seconds))
            .values(video_seconds=seconds).execution_options(synchronize_session=False)).rowcount
    if changed:
        log.info("video length %.1f s copied to %d step(s) of resource %s", seconds, changed, owner_id)
    return changed


def connect() -> None:
    media_probed.connect(sync_video_seconds, weak=False)
    media_text_changed.connect(sync_video_seconds, weak=False)  # also sent when an asset is removed
