"""Transcode suite: the pipeline against the bare ffmpeg command, the ladder's speed, and a 1 GiB tus upload.

1. A 60-second 720p clip that looks like a screen recording (a mostly still test pattern with a ticking counter,
   and a tone) is generated with ffmpeg (20 s with --quick).
2. The job's ladder step (`run_ffmpeg` reading `-progress` and writing progress and heartbeat to the database)
   and the bare ffmpeg command with identical arguments run alternately, three times each:
   `pipeline_to_bare_ratio` is the ratio of their median wall times; `ladder_speed_x_realtime` is the clip's
   duration over the pipeline's median (360p + 720p in one process).
3. A real server process (werkzeug, threaded) receives a 1 GiB tus upload over loopback in one PATCH (as
   tus-js-client sends a file by default); `upload_peak_rss_growth_mib` is its peak RSS (VmHWM) after the upload
   minus before it. 256 MiB with --quick.
"""

from __future__ import annotations

import base64
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROUNDS = 3
MIB = 1024 * 1024


def run(quick: bool = False):
    """Yield (figure, value, unit)."""
    seconds, upload_bytes = (20, 256 * MIB) if quick else (60, 1024 * MIB)
    with tempfile.TemporaryDirectory(prefix="terreau-bench-media-") as folder:
        os.environ["TERREAU_INSTANCE_PATH"] = folder
        os.environ.pop("REDIS_URL", None)
        yield from _transcode(Path(folder), seconds)
        yield from _upload(Path(folder), upload_bytes)


def _make_clip(path: Path, seconds: int, tools) -> Path:
    subprocess.run([tools.ffmpeg, "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                    "-f", "lavfi", "-i", f"testsrc=size=1280x720:rate=30:duration={seconds}",
                    "-f", "lavfi", "-i", f"sine=frequency=330:duration={seconds}",
                    "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", "-shortest", str(path)], check=True)
    return path


def _transcode(folder: Path, seconds: int):
    from app import create_app
    from app.db import db
    from media import tasks, transcode
    from media.models import JobState, MediaAsset
    from media.probe import find_tools, probe

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db", "MEDIA_ROOT": str(folder / "m")})
    with app.app_context():
        db.create_all()
        tools = find_tools()
        clip = _make_clip(folder / "screen.mp4", seconds, tools)
        source = probe(str(clip), tools)
        outputs = transcode.plan_ladder(source)
        command = transcode.build_ladder_command(str(clip), source, outputs, tools)
        asset = MediaAsset(owner_type="bench", owner_id=1, filename="screen.mp4", original_key="bench/screen.mp4",
                           mime_type="video/mp4", size=clip.stat().st_size, state=JobState.RUNNING)
        db.session.add(asset)
        db.session.commit()
        pipeline, bare = [], []
        for round_number in range(ROUNDS):
            for kind in ("pipeline", "bare") if round_number % 2 == 0 else ("bare", "pipeline"):
                out = folder / f"{kind}-{round_number}"
                (out / "hls").mkdir(parents=True)
                started = time.perf_counter()
                if kind == "pipeline":
                    transcode.run_ffmpeg(command, out, source.duration, tasks._progress_writer(asset))
                    pipeline.append(time.perf_counter() - started)
                else:
                    subprocess.run(command, cwd=out, stdout=subprocess.DEVNULL, check=True)
                    bare.append(time.perf_counter() - started)
        db.engine.dispose()
    yield "clip_seconds", seconds, "s"
    yield "ladder", "+".join(o.label for o in outputs), "rungs"
    yield "pipeline_median_s", round(statistics.median(pipeline), 2), "s"
    yield "bare_median_s", round(statistics.median(bare), 2), "s"
    yield "pipeline_to_bare_ratio", round(statistics.median(pipeline) / statistics.median(bare), 3), "ratio"
    yield "ladder_speed_x_realtime", round(seconds / statistics.median(pipeline), 2), "x"


SERVER = textwrap.dedent("""
    import json, logging, sys
    from werkzeug.serving import make_server
    from app import create_app
    from app.accounts import service as accounts
    from app.db import db
    from commons import service as commons
    from commons.models import Kind, Status
    from commons.seed import seed_taxonomy
    import sqlalchemy as sa

    folder = sys.argv[1]
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/upload.db", "MEDIA_ROOT": folder + "/m"})
    with app.app_context():
        db.create_all()
        seed_taxonomy()
        partner = accounts.Partner(slug="hls", name="Hameaux Légers", short_name="HLS")
        db.session.add(partner)
        user = accounts.create_user("bench@example.org", "Bench", "mot-de-passe-solide", is_platform_admin=True)
        db.session.flush()
        kind = db.session.scalar(sa.select(Kind.id).where(Kind.slug == "video"))
        resource = commons.create_resource({"title": "Bench", "kind_id": kind, "owner_partner_id": partner.id}, user)
        _, secret = accounts.create_api_token(user, "bench")
        db.session.commit()
        resource_id = resource.id
    server = make_server("127.0.0.1", 0, app, threaded=True)
    print(json.dumps({"port": server.server_port, "token": secret, "resource": resource_id}), flush=True)
    server.serve_forever()
""")


class _Body:
    """A file-like body of `size` bytes: a real MP4 start (so it is sniffed as video), then filler."""

    def __init__(self, head: bytes, size: int):
        self.head, self.size, self.sent = head, size, 0
        self.filler = bytes(range(256)) * 4096  # 1 MiB

    def __len__(self):
        return self.size - self.sent

    def read(self, amount: int = -1) -> bytes:
        if self.sent >= self.size:
            return b""
        amount = min(amount if amount and amount > 0 else MIB, MIB, self.size - self.sent)
        chunk = self.head[self.sent:self.sent + amount] if self.sent < len(self.head) else self.filler[:amount]
        self.sent += len(chunk)
        return chunk


def _rss_kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(field)


def _upload(folder: Path, size: int):
    import requests

    process = subprocess.Popen([sys.executable, "-c", SERVER, str(folder)], stdout=subprocess.PIPE,
                               env={**os.environ, "TERREAU_INSTANCE_PATH": str(folder)})
    try:
        info = json.loads(process.stdout.readline())
        base = f"http://127.0.0.1:{info['port']}/api/v1/media/uploads"
        headers = {"Tus-Resumable": "1.0.0", "Authorization": f"Bearer {info['token']}"}
        owner = base64.b64encode(f"resource:{info['resource']}".encode()).decode()
        name = base64.b64encode(b"big.mp4").decode()
        with requests.Session() as session:
            session.options(base, headers=headers)  # warm up the server's code paths
            created = session.post(base, headers={**headers, "Upload-Length": str(size),
                                                   "Upload-Metadata": f"owner {owner},filename {name}"})
            created.raise_for_status()
            before = _rss_kib(process.pid, "VmHWM")
            started = time.perf_counter()
            head = (folder / "screen.mp4").read_bytes()[:64 * 1024]
            patched = session.patch(created.headers["Location"], data=_Body(head, size), headers={
                **headers, "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream",
                "Content-Length": str(size)})
            elapsed = time.perf_counter() - started
            patched.raise_for_status()
            after = _rss_kib(process.pid, "VmHWM")
            assert int(patched.headers["Upload-Offset"]) == size
    finally:
        process.terminate()
        process.wait(timeout=10)
    yield "upload_mib", size // MIB, "MiB"
    yield "upload_mib_per_s", round(size / MIB / elapsed, 1), "MiB/s"
    yield "upload_peak_rss_growth_mib", round((after - before) / 1024, 1), "MiB"
