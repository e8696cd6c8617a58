"""The job queue as deployed: a `flask jobs worker` process consumes what another process enqueues.

Each test starts a real worker and runs `flask jobs ping` beside it; the two share nothing but the queue (Redis,
or the SQLite file of the embedded deployment), and the answer comes back through Huey's result storage.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import redis

from app.config import PROJECT_ROOT
from tests.conftest import REDIS_URL, service_unavailable


def flask_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "flask", "--app", "app:create_app", *args]


@pytest.fixture
def queue_env(tmp_path):
    """A process environment of its own: instance folder, SQLite database, and no queue chosen yet."""
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DATABASE_URL"}}
    env.update(TERREAU_INSTANCE_PATH=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path / 'worker.db'}")
    return env


@pytest.fixture
def redis_queue_env(queue_env):
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as exc:
        service_unavailable(f"Redis unreachable at {REDIS_URL}: {exc}")
    client.flushdb()  # database 15 belongs to the tests
    yield {**queue_env, "REDIS_URL": REDIS_URL}
    client.flushdb()
    client.close()


def ping_through_a_worker(env: dict) -> tuple[subprocess.CompletedProcess, int, str]:
    """Start a worker, ping it from another process: (the ping's outcome, the worker's pid, its log)."""
    worker = subprocess.Popen(flask_command("jobs", "worker", "--workers", "1"), env=env,
                              cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        answer = subprocess.run(flask_command("jobs", "ping", "--timeout", "30"), env=env,
                                cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60)
    finally:
        worker.terminate()
        try:
            log, _ = worker.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
            log, _ = worker.communicate()
    return answer, worker.pid, log


@pytest.mark.services
def test_a_redis_worker_answers(redis_queue_env):
    answer, worker_pid, log = ping_through_a_worker(redis_queue_env)
    assert answer.returncode == 0, f"{answer.stderr}\nworker log:\n{log}"
    assert f"(pid {worker_pid}, base sqlite) via la file redis" in answer.stdout


def test_the_embedded_worker_answers(queue_env):
    answer, worker_pid, log = ping_through_a_worker(queue_env)
    assert answer.returncode == 0, f"{answer.stderr}\nworker log:\n{log}"
    assert f"(pid {worker_pid}, base sqlite) via la file sqlite" in answer.stdout


def test_ping_fails_when_no_worker_listens(queue_env):
    answer = subprocess.run(flask_command("jobs", "ping", "--timeout", "1"), env=queue_env,
                            cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60)
    assert answer.returncode == 1
    assert "aucun worker n'a répondu" in answer.stderr


def test_serve_stopped_by_sigterm_stops_its_worker(queue_env):
    """`make run` serves with a worker beside it; a SIGTERM (kill, systemd) to the server stops the worker too,
    rather than leaving it orphaned and holding the queue."""
    import re
    import signal
    import socket
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(flask_command("serve", "--port", str(port)), env=queue_env, cwd=PROJECT_ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        started = server.stdout.readline()
        worker_pid = int(re.search(r"worker pid (\d+)", started).group(1))
        time.sleep(1)
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
    for _ in range(50):
        try:
            os.kill(worker_pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.2)
    else:
        os.kill(worker_pid, signal.SIGKILL)
        pytest.fail("the worker outlived the server")
