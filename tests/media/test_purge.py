"""Purging a resource for good (deleting it from the trash) removes its media: the original, the renditions and
the captions, on disk and in the database; a purge that rolls back keeps them all; a purge while the video is
being transcoded stops the job cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.db import db
from media import service
from media.models import Caption, MediaAsset, PlaybackPosition, Rendition
from media.storage import get_storage

pytest_plugins = ["tests.media.external_fixtures"]

VTT = b"WEBVTT\n\n00:00:00.000 --> 00:00:00.800\nBonjour\n"


def files_of(asset) -> list:
    storage = get_storage()
    return [storage.path(asset.original_key), storage.path(asset.output_key)]


def purge(resource_id: int) -> None:
    """What the trash's purge does: delete the resource row for good (its children go by their cascades)."""
    from commons.models import Resource

    db.session.delete(db.session.get(Resource, resource_id))
    db.session.commit()


def test_purging_a_resource_removes_its_media_files_and_rows(client, login, world, make_asset, clips):
    asset = make_asset(world.private, clips.p360)
    removed = make_asset(world.private, clips.audio)
    other = make_asset(world.public, clips.p360)  # another resource's media stay
    service.save_caption(asset, "fr", VTT, world.people.editor)
    service.remove_asset(removed)  # in the trash of the resource: purged with it
    db.session.commit()
    login(world.people.editor)
    assert client.put(f"/api/v1/media/{asset.id}/position", json={"position": 0.4}).status_code == 200
    mp4 = f"/medias/{asset.id}/{asset.revision}/360p.mp4"
    assert client.get(mp4).status_code == 200
    paths = files_of(asset) + files_of(removed)
    assert all(path.exists() for path in paths)
    asset_id = asset.id

    purge(world.private)

    assert not any(path.exists() for path in paths)
    assert all(path.exists() for path in files_of(other))
    assert db.session.scalars(sa.select(MediaAsset.id)).all() == [other.id]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Caption)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PlaybackPosition)) == 0
    assert db.session.scalars(sa.select(Rendition.asset_id).distinct()).all() == [other.id]
    assert client.get(mp4).status_code == 404
    assert client.get(f"/medias/{asset_id}/sous-titres/fr.vtt").status_code == 404


def test_a_purge_rolled_back_keeps_the_files(world, make_asset, clips):
    from commons.models import Resource

    asset = make_asset(world.private, clips.p360)
    paths = files_of(asset)
    db.session.delete(db.session.get(Resource, world.private))
    db.session.flush()
    db.session.rollback()
    db.session.commit()  # a later commit of the same session must not remove them either
    assert all(path.exists() for path in paths)
    assert db.session.get(MediaAsset, asset.id) is not None


def test_purging_removes_unfinished_uploads_and_their_bytes(client, login, world):
    from media.models import Upload
    from tests.media.conftest import path_of, tus_create, tus_patch

    login(world.people.editor)
    created = tus_create(client, f"resource:{world.private}", 100_000)
    assert tus_patch(client, path_of(created.headers["Location"]), 0, b"\x00" * 10).status_code == 204
    upload = db.session.scalars(sa.select(Upload)).one()
    part = get_storage().path(upload.temp_key)
    assert part.exists()
    purge(world.private)
    assert not part.exists()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Upload)) == 0


def test_the_cli_removes_the_media_of_owners_deleted_behind_medias_back(app, world, make_asset, clips):
    from commons.models import Resource

    asset = make_asset(world.private, clips.p360)
    kept = make_asset(world.public, clips.p360)
    paths = files_of(asset)
    db.session.execute(sa.delete(Resource).where(Resource.id == world.private))  # SQL: no ORM event
    db.session.commit()
    assert all(path.exists() for path in paths)
    result = app.test_cli_runner().invoke(args=["media", "purge-orphans"])
    assert result.exit_code == 0, result.output
    assert "1 média(s) supprimé(s), de 1 propriétaire(s) disparu(s)." in result.output
    assert not any(path.exists() for path in paths)
    assert db.session.scalars(sa.select(MediaAsset.id)).all() == [kept.id]
    assert all(path.exists() for path in files_of(kept))


def test_purging_a_resource_removes_its_video_hosted_elsewhere_and_the_kept_thumbnail(client, login, world,
                                                                                     video_host):
    from media.models import ExternalVideo
    from tests.media.external_host import UUID

    login(world.people.editor)
    added = client.post(f"/medias/externe/resource/{world.private}",
                        data={"url": f"{video_host.base}/w/{UUID}"}, follow_redirects=True)
    assert added.status_code == 200
    video = db.session.scalar(sa.select(ExternalVideo))
    thumbnail = get_storage().path(video.thumbnail_key)
    assert thumbnail.exists()

    purge(world.private)

    assert db.session.scalar(sa.select(sa.func.count()).select_from(ExternalVideo)) == 0
    assert not thumbnail.exists()


WORKER = textwrap.dedent("""
    import logging, subprocess, sys
    from app import create_app
    from media.tasks import run_transcode

    started = []

    class Recorded(subprocess.Popen):  # keeps the ffmpeg process, to tell how it ended
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            started.append(self)

    subprocess.Popen = Recorded
    logging.basicConfig(level=logging.INFO, stream=sys.stderr)
    app = create_app({"SQLALCHEMY_DATABASE_URI": sys.argv[1], "MEDIA_ROOT": sys.argv[2]})
    with app.app_context():
        state = run_transcode(int(sys.argv[3]))
    print(state, started[-1].args[0].rsplit("/", 1)[-1].split("-")[0], started[-1].returncode)
""")


def test_a_purge_during_the_transcoding_stops_it_cleanly(app, world, make_asset, tmp_path):
    """The resource is purged for good while a worker (another process) runs ffmpeg on its video: at its next
    progress write the job kills ffmpeg, removes its partial outputs, logs it and ends without error."""
    from media.models import JobState
    from tests.media.conftest import make_clip

    clip = make_clip(tmp_path / "long.mp4", 1280, 720, seconds=30, rate=25)
    asset = make_asset(world.private, clip, transcode=False)
    worker = subprocess.Popen([sys.executable, "-c", WORKER, app.config["SQLALCHEMY_DATABASE_URI"],
                               app.config["MEDIA_ROOT"], str(asset.id)],
                              start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            db.session.rollback()
            running = db.session.get(MediaAsset, asset.id)
            if running.state == JobState.RUNNING and 0 < running.progress < 90:
                break
            assert worker.poll() is None, worker.communicate()
            time.sleep(0.1)
        else:
            pytest.fail("the worker never reported progress")
        partial = get_storage().path(running.work_key)
        assert any(partial.rglob("*.mp4"))  # ffmpeg is writing the renditions

        purge(world.private)
        out, err = worker.communicate(timeout=60)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
    assert worker.returncode == 0, err
    assert "Traceback" not in err
    assert out.split() == ["purged", "ffmpeg", str(-signal.SIGKILL)]  # stopped, not waited for
    assert f"media {asset.id} was purged while being transcoded" in err
    assert not partial.exists()
    assert db.session.scalars(sa.select(MediaAsset.id)).all() == []
    assert _processes_of_session(worker.pid) == []  # no ffmpeg left running


def _processes_of_session(session_id: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session_id:  # the session id, after state, ppid and pgrp
            found.append(int(stat.parent.name))
    return found
