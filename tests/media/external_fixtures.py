"""The `video_host` fixture: the fixture video host of tests.media.external_host, started on loopback."""

from __future__ import annotations

import pytest

from tests.media.external_host import FixtureHost


@pytest.fixture
def video_host(app):
    """The fixture host, started; the consumer may call loopback and waits at most 1 s."""
    host = FixtureHost()
    host.start()
    before = {key: app.config.get(key) for key in ("MEDIA_EXTERNAL_ALLOW_LOOPBACK", "MEDIA_EXTERNAL_TIMEOUT")}
    app.config.update(MEDIA_EXTERNAL_ALLOW_LOOPBACK=True, MEDIA_EXTERNAL_TIMEOUT=1)
    yield host
    app.config.update(before)
    host.stop()
