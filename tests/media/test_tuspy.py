"""A standard tus client (tuspy) resumes an interrupted upload against a real HTTP server."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa
from werkzeug.serving import make_server

from app.accounts import service as accounts
from app.db import db
from media.models import JobState, MediaAsset, Upload
from media.storage import get_storage

tusclient = pytest.importorskip("tusclient")
from tusclient import client as tus_client  # noqa: E402
from tusclient.storage.filestorage import FileStorage  # noqa: E402


@pytest.fixture
def live_server(app, app_ctx):
    app.config["SERVER_NAME"] = None
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    app.config["SERVER_NAME"] = "localhost"


def test_tuspy_resumes_an_interrupted_upload(live_server, world, clips, tmp_path):
    _, secret = accounts.create_api_token(world.people.editor, "tuspy")
    db.session.commit()
    data = clips.p720.read_bytes()
    chunk = 8 * 1024
    assert len(data) > 4 * chunk
    storage = FileStorage(str(tmp_path / "tus-urls.json"))

    def uploader():
        tus = tus_client.TusClient(f"{live_server}/api/v1/media/uploads",
                                   headers={"Authorization": f"Bearer {secret}"})
        return tus.uploader(file_path=str(clips.p720), chunk_size=chunk, store_url=True, url_storage=storage,
                            metadata={"owner": f"resource:{world.private}", "filename": "p720.mp4"})

    first = uploader()
    first.upload_chunk()
    first.upload_chunk()
    first.upload_chunk()
    assert first.offset == 3 * chunk
    del first  # the connection is gone: the browser closed, the train entered a tunnel

    db.session.rollback()
    upload = db.session.scalar(sa.select(Upload))
    assert upload.offset == 3 * chunk and upload.asset_id is None

    second = uploader()  # finds the stored URL, asks the server where it stopped, goes on from there
    assert second.url == first_url(storage)
    assert second.offset == 3 * chunk
    second.upload()
    assert second.offset == len(data)

    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Upload)) == 1  # one upload, never restarted
    asset = db.session.scalar(sa.select(MediaAsset))
    assert get_storage().path(asset.original_key).read_bytes() == data
    assert asset.state == JobState.READY
    assert [r.label for r in asset.renditions] == ["360p", "720p"]


def first_url(storage: FileStorage) -> str:
    return next(iter(storage._db.all()))["url"]
