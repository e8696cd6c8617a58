"""The scaled-out deployment, for real: two gunicorn servers and two `flask jobs worker` processes on loopback,
sharing one PostgreSQL database, one Redis queue and one media folder, and nothing else.

A video is uploaded (tus) through server A, resumed-state read through server B, transcoded by one of the
workers, watched through B; a learner's progress goes half to A, half to B, and both servers show the same
summary. Anything one process kept in memory that another needs would break one of these steps.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

from app.config import PROJECT_ROOT
from tests.conftest import POSTGRES_URL, REDIS_URL, service_unavailable

pytestmark = pytest.mark.services

DATABASE = "test_multiprocess"
REDIS_DB = 13
#: how long a process may take to start serving, and the transcoding to finish
START_SECONDS = 45
TRANSCODE_SECONDS = 90
#: one request (the first ones render templates for the first time)
HTTP_SECONDS = 30
TRANSCODE_JOB = "media.tasks.transcode_asset"


@pytest.fixture
def postgres_database():
    """A database of this test's own on the test PostgreSQL server, dropped afterwards."""
    server = sa.engine.make_url(POSTGRES_URL)
    admin = sa.create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"))
            conn.execute(sa.text(f"CREATE DATABASE {DATABASE}"))
    except sa.exc.OperationalError as exc:
        admin.dispose()
        service_unavailable(f"PostgreSQL unreachable: {exc.orig}")
    yield server.set(database=DATABASE).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture
def redis_url():
    """Redis database 13, empty before and after."""
    import redis

    url = re.sub(r"/\d*$", f"/{REDIS_DB}", REDIS_URL)
    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    try:
        client.flushdb()
    except redis.exceptions.ConnectionError as exc:
        service_unavailable(f"Redis unreachable at {url}: {exc}")
    yield url
    client.flushdb()
    client.close()


@pytest.fixture
def deployment_env(postgres_database, redis_url, tmp_path):
    """The environment every process of the deployment gets: same database, queue, instance folder and key."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("TERREAU_MEDIA_", "FLASK_")) and key not in {"TERREAU_PROXY_FIX"}}
    env.update(DATABASE_URL=postgres_database, REDIS_URL=redis_url, PYTHONUNBUFFERED="1",
               TERREAU_INSTANCE_PATH=str(tmp_path / "instance"),
               TERREAU_SECRET_KEY="multiprocess-secret-shared-by-every-process")
    return env


class Processes:
    """The processes of the deployment, each logging to its own file; all stopped at the end."""

    def __init__(self, env: dict, folder: Path):
        self.env, self.folder, self.running, self.stop_signals = env, folder, {}, {}

    def start(self, name: str, command: list[str], stop_signal: int = signal.SIGTERM) -> subprocess.Popen:
        log = (self.folder / f"{name}.log").open("w")
        process = subprocess.Popen(command, env=self.env, cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT)
        self.running[name] = process
        self.stop_signals[name] = stop_signal
        return process

    def log(self, name: str) -> str:
        return (self.folder / f"{name}.log").read_text(errors="replace")

    def logs(self) -> str:
        return "\n".join(f"----- {name} -----\n{self.log(name)[-4000:]}" for name in self.running)

    def stop_all(self) -> None:
        for name, process in self.running.items():
            if process.poll() is None:
                process.send_signal(self.stop_signals[name])
        for process in self.running.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


def run(env: dict, *command: str, timeout: int = 120) -> str:
    """Run a one-off command of the deployment (migration, seeding); its output, or the test fails with it."""
    done = subprocess.run(command, env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gunicorn(port: int) -> list[str]:
    """A web server as deployed (gunicorn.conf.py), one process on a port of its own."""
    return [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
            "--workers", "1", "--threads", "4"]


def flask(*args: str) -> list[str]:
    return [sys.executable, "-m", "flask", "--app", "app:create_app", *args]


def wait_until_serving(processes: Processes, name: str, port: int) -> None:
    """Until the server accepts connections on its port (or the test fails with its log)."""
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if processes.running[name].poll() is not None:
            pytest.fail(f"{name} stopped at start:\n{processes.log(name)}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"{name} did not listen on port {port} within {START_SECONDS} s:\n{processes.log(name)}")


@pytest.fixture
def deployment(deployment_env, tmp_path):
    """Migrated and seeded; two gunicorn servers (a, b) and two workers running. Yields (world, a, b, processes)."""
    run(deployment_env, *flask("db", "upgrade"))
    processes = Processes(deployment_env, tmp_path)
    try:
        ports = {"web-a": free_port(), "web-b": free_port()}
        for name, port in ports.items():
            processes.start(name, gunicorn(port), signal.SIGINT)  # gunicorn's quick stop (TERM is graceful)
        for name in ("worker-1", "worker-2"):
            processes.start(name, flask("jobs", "worker", "--workers", "1"))
        # seeded while the servers start: they read everything from the database, at each request
        world = json.loads(run(deployment_env, sys.executable, "-m", "tests.app.multiprocess_seed").splitlines()[-1])
        for name, port in ports.items():
            wait_until_serving(processes, name, port)
        servers = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
        yield world, servers["web-a"], servers["web-b"], processes
    finally:
        processes.stop_all()


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def upload_through(server: str, other: str, token: str, resource_id: int, clip: Path) -> None:
    """tus upload through `server`; halfway, `other` already knows how far it got (state in the database)."""
    from tusclient import client as tus_client

    tus = tus_client.TusClient(f"{server}/api/v1/media/uploads", headers=bearer(token))
    uploader = tus.uploader(file_path=str(clip), chunk_size=8 * 1024,
                            metadata={"owner": f"resource:{resource_id}", "filename": "chantier.mp4"})
    uploader.upload_chunk()
    elsewhere = requests.head(uploader.url.replace(server, other),
                              headers={**bearer(token), "Tus-Resumable": "1.0.0"}, timeout=HTTP_SECONDS)
    assert elsewhere.status_code == 200
    assert elsewhere.headers["Upload-Offset"] == str(8 * 1024)
    assert elsewhere.headers["Upload-Length"] == str(clip.stat().st_size)
    uploader.upload()


def wait_until_ready(server: str, token: str, asset_id: int, processes: Processes) -> dict:
    deadline = time.monotonic() + TRANSCODE_SECONDS
    answer = {}
    while time.monotonic() < deadline:
        answer = requests.get(f"{server}/api/v1/media/{asset_id}", headers=bearer(token), timeout=HTTP_SECONDS).json()
        if answer["state"] in ("ready", "failed"):
            break
        time.sleep(0.5)
    assert answer.get("state") == "ready", f"{answer}\n{processes.logs()}"
    return answer


def post_progress(server: str, token: str, session_id: int, *events: tuple) -> dict:
    body = {"events": [{"client_id": client_id, "session_id": session_id, "step_id": step, "kind": kind, **extra}
                       for client_id, step, kind, extra in events]}
    response = requests.post(f"{server}/api/v1/progress", json=body, headers=bearer(token), timeout=HTTP_SECONDS)
    assert response.status_code == 200, response.text
    return response.json()


def summary_line(server: str, token: str) -> str:
    """The learner's progress line on 'Mes sessions', as that server renders it."""
    page = requests.get(f"{server}/mes-sessions", headers=bearer(token), timeout=HTTP_SECONDS)
    assert page.status_code == 200
    return re.search(r'<div class="progress-line">(.*?)</div>', page.text, re.S).group(1).strip()


def test_two_servers_and_two_workers_share_everything_through_postgres_and_redis(deployment, tmp_path):
    from tests.media.conftest import make_clip

    world, a, b, processes = deployment
    editor, learner = world["editor_token"], world["learner_token"]
    clip = make_clip(tmp_path / "chantier.mp4", 320, 240, seconds=2)

    upload_through(a, b, editor, world["resource"], clip)
    resource_page = requests.get(f"{b}/ressources/{world['resource']}", headers=bearer(editor), timeout=HTTP_SECONDS)
    asset_id = int(re.search(r'id="media-(\d+)"', resource_page.text).group(1))
    asset = wait_until_ready(b, learner, asset_id, processes)

    # watched through B: the playlist, then the start of the MP4 as a player asks for it
    playlist = requests.get(b + asset["hls_url"], headers=bearer(learner), timeout=HTTP_SECONDS)
    assert playlist.status_code == 200 and playlist.text.startswith("#EXTM3U")
    mp4 = asset["renditions"][0]["url"]
    head = requests.get(b + mp4, headers={**bearer(learner), "Range": "bytes=0-99"}, timeout=HTTP_SECONDS)
    assert head.status_code == 206 and head.content[4:8] == b"ftyp"
    assert requests.get(a + mp4, timeout=HTTP_SECONDS).status_code == 404  # anonymous, on A too
    assert asset["duration"] == pytest.approx(2, abs=0.2)

    # exactly one of the two workers ran the transcoding (Huey logs each run it starts)
    ran = [name for name in ("worker-1", "worker-2")
           if f"Executing {TRANSCODE_JOB}: " in processes.log(name)]
    assert len(ran) == 1, processes.logs()

    # progress: half the video counted by A, the other half by B, the last step by A
    session, (watch, act) = world["session"], world["steps"]
    first = post_progress(a, learner, session, ("mp-open-000001", watch, "opened", {}),
                          ("mp-video-00001", watch, "video", {"segments": [[0, 1]], "duration": 2}))
    assert sorted(first["accepted"]) == ["mp-open-000001", "mp-video-00001"] and first["completed_steps"] == []
    second = post_progress(b, learner, session, ("mp-video-00002", watch, "video",
                                                 {"segments": [[1, 2]], "duration": 2}))
    assert second["completed_steps"] == [watch]  # B merged its half with the half A stored
    again = post_progress(b, learner, session, ("mp-open-000001", watch, "opened", {}))
    assert again["duplicates"] == ["mp-open-000001"]  # A's event, recognised by B
    third = post_progress(a, learner, session, ("mp-done-000001", act, "done", {}))
    assert third["completed_steps"] == [act]

    on_a, on_b = summary_line(a, learner), summary_line(b, learner)
    assert on_a == on_b
    assert "2 / 2" in on_a and "100 %" in on_a
