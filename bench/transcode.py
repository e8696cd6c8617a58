"""Transcode suite: the pipeline against the bare ffmpeg command, the ladder's speed, and a 1 GiB tus upload.

1. A 60-second 720p30 clip that looks like a screen recording of a lecture is generated with ffmpeg (20 s with
   --quick): six slides (a title bar, bullet points appearing one by one, a page number: text drawn with
   DejaVu Sans when found), a mouse pointer always moving, and a voice-like sound track (band-limited noise
   modulated at syllable rate, with pauses), encoded as a screen recorder would (H.264 CRF 20, AAC).
2. The job's transcoding step (`transcode.transcode`: the one ffmpeg process of the ladder, poster and thumbnail,
   its `-progress` read and written to the database with the heartbeat, the outputs checked and the master
   playlist written) and the bare ffmpeg command with identical arguments run alternately, three times each:
   `pipeline_to_bare_ratio` is the ratio of their median wall times; `ladder_speed_x_realtime` is the clip's
   duration over the pipeline's median wall time (360p + 720p, one decode). The machine may be shared, so the
   CPU time (user + system) of each run and the load average are printed too, and
   `ladder_speed_x_realtime_cpu_bound` is the speed the CPU time allows when every core is free for the job
   (clip seconds × cores / CPU seconds). Then each rung alone (one output, no poster) and the decode alone
   (video to nowhere, audio encoded) run once: `rung_<label>_alone_cpu_s` and `decode_and_audio_cpu_s`, so a
   rung's own cost is the difference. `TERREAU_FFMPEG_BINARY=system|imageio|/path` measures another ffmpeg.
3. A real server process (werkzeug, threaded) receives a 1 GiB tus upload over loopback in one PATCH (as
   tus-js-client sends a file by default); `upload_peak_rss_growth_mib` is its peak RSS (VmHWM) after the upload
   minus before it. 256 MiB with --quick.
"""

from __future__ import annotations

import base64
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROUNDS = 3
MIB = 1024 * 1024
#: the slides of the generated lecture: a title and three points each
SLIDES = (("Habiter léger : pourquoi ?", ("Des habitats réversibles", "Peu d'emprise au sol",
                                          "Un cadre légal à connaître")),
          ("Le cadre légal", ("Loi ALUR, article L. 444-1", "Le PLU de la commune",
                              "Déclaration préalable ou permis")),
          ("Financer son projet", ("Épargne et prêt entre pairs", "Foncières solidaires", "Subventions locales")),
          ("Construire ensemble", ("Chantiers participatifs", "Gouvernance partagée", "Charte du lieu")),
          ("Vivre au quotidien", ("Eau et assainissement", "Énergie autonome", "Voisinage et commune")),
          ("Pour aller plus loin", ("Ressources du réseau", "Formations à venir", "Questions ?")))
FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf",
         "/usr/share/fonts/dejavu/DejaVuSans.ttf")


def run(quick: bool = False):
    """Yield (figure, value, unit)."""
    seconds, upload_bytes = (20, 256 * MIB) if quick else (60, 1024 * MIB)
    with tempfile.TemporaryDirectory(prefix="terreau-bench-media-") as folder:
        os.environ["TERREAU_INSTANCE_PATH"] = folder
        os.environ.pop("REDIS_URL", None)
        yield from _transcode(Path(folder), seconds)
        yield from _upload(Path(folder), upload_bytes)


def _drawtext(text: str, x: int, y: int, size: int, colour: str, enable: str, font: str | None) -> str:
    text = text.replace("\\", "\\\\").replace("'", "\u2019").replace(":", "\\:").replace("%", "\\%")
    font = f"fontfile={font}:" if font else ""
    return f"drawtext={font}text='{text}':x={x}:y={y}:fontsize={size}:fontcolor={colour}:enable='{enable}'"


def _slides_graph(seconds: int, font: str | None) -> str:
    """The slides (timed with `enable`), on an off-white page, and the pointer moving over them."""
    span = seconds / len(SLIDES)
    parts = ["drawbox=x=0:y=0:w=iw:h=110:c=0x1f4e5f:t=fill", "drawbox=x=60:y=600:w=300:h=4:c=0xd08c60:t=fill"]
    for number, (title, points) in enumerate(SLIDES):
        start, end = number * span, (number + 1) * span
        parts.append(_drawtext(title, 60, 30, 48, "white", f"between(t,{start},{end})", font))
        for index, point in enumerate(points):  # the points appear one after the other
            parts.append(_drawtext(f"• {point}", 100, 190 + index * 90, 40, "0x222222",
                                   f"between(t,{start + index * span / 4},{end})", font))
        parts.append(_drawtext(f"{number + 1} / {len(SLIDES)}", 1140, 660, 26, "0x666666",
                               f"between(t,{start},{end})", font))
    return ("[0:v]" + ",".join(parts) + "[page];"
            "[page][1:v]overlay=x='640+420*sin(t*0.6)':y='380+200*sin(t*0.37)':shortest=1[v];"
            "[2:a]highpass=f=200,lowpass=f=3400,"
            "volume='0.1+0.9*abs(sin(PI*4*t))*gt(mod(t,5),0.6)':eval=frame[a]")


def _make_clip(path: Path, seconds: int, tools) -> Path:
    font = next((font for font in FONTS if Path(font).is_file()), None)
    subprocess.run([tools.ffmpeg, "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                    "-f", "lavfi", "-i", f"color=c=0xf6f3ec:s=1280x720:r=30:d={seconds}",
                    "-f", "lavfi", "-i", f"color=c=0x111111:s=12x18:r=30:d={seconds}",
                    "-f", "lavfi", "-i", f"anoisesrc=color=pink:amplitude=0.5:sample_rate=48000:d={seconds}",
                    "-filter_complex", _slides_graph(seconds, font), "-map", "[v]", "-map", "[a]",
                    "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", "-b:a", "128k", "-shortest", str(path)], check=True)
    return path


def _ffmpeg_version(tools) -> str:
    first = subprocess.run([tools.ffmpeg, "-version"], capture_output=True, text=True).stdout.split("\n", 1)[0]
    return " ".join(first.split()[:3])


def _cpu_seconds() -> float:
    """User + system time of this process and of its waited-for children (ffmpeg)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(action) -> tuple[float, float]:
    """Wall and CPU seconds of `action()` (the reading of the progress and the database writes included)."""
    cpu, started = _cpu_seconds(), time.perf_counter()
    action()
    return time.perf_counter() - started, _cpu_seconds() - cpu


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
        runs = {"pipeline": [], "bare": []}
        load_before = os.getloadavg()[0]
        for round_number in range(ROUNDS):
            for kind in ("pipeline", "bare") if round_number % 2 == 0 else ("bare", "pipeline"):
                out = folder / f"{kind}-{round_number}"
                if kind == "pipeline":
                    runs[kind].append(_timed(lambda out=out: transcode.transcode(
                        str(clip), source, out, tools, tasks._progress_writer(asset))))
                else:
                    (out / "hls").mkdir(parents=True)
                    runs[kind].append(_timed(lambda out=out: subprocess.run(
                        command, cwd=out, stdout=subprocess.DEVNULL, check=True)))
                shutil.rmtree(out)
        load_after = os.getloadavg()[0]
        alone = _alone_cpu(clip, source, outputs, tools, folder)
        db.engine.dispose()
    wall = {kind: statistics.median(w for w, _ in values) for kind, values in runs.items()}
    cpu = {kind: statistics.median(c for _, c in values) for kind, values in runs.items()}
    yield "ffmpeg", _ffmpeg_version(tools), "version"
    yield "clip_seconds", seconds, "s"
    yield "ladder", "+".join(o.label for o in outputs), "rungs"
    yield "load_average_1min", f"{load_before:.2f} → {load_after:.2f}", f"on {os.cpu_count()} cores"
    yield "pipeline_median_s", round(wall["pipeline"], 2), "s"
    yield "bare_median_s", round(wall["bare"], 2), "s"
    yield "pipeline_cpu_median_s", round(cpu["pipeline"], 2), "s"
    yield "bare_cpu_median_s", round(cpu["bare"], 2), "s"
    yield "pipeline_to_bare_ratio", round(wall["pipeline"] / wall["bare"], 3), "ratio"
    yield "ladder_speed_x_realtime", round(seconds / wall["pipeline"], 2), "x"
    yield "ladder_speed_x_realtime_cpu_bound", round(seconds * (os.cpu_count() or 1) / cpu["pipeline"], 2), "x"
    for name, cpu_seconds in alone.items():
        yield name, round(cpu_seconds, 2), "s"


def _alone_cpu(clip: Path, source, outputs, tools, folder: Path) -> dict[str, float]:
    """CPU seconds of the decode with the audio encode alone, then of each rung alone (same arguments as in the
    ladder, one output, no poster), once each."""
    from media import transcode

    threads = ["-threads", "1"] if (source.width or 0) * (source.height or 0) <= \
        transcode.SINGLE_THREAD_DECODE_PIXELS else []  # as the ladder decodes it
    decode = [tools.ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", *threads, "-i", str(clip),
              "-map", "0:v:0",
              "-f", "null", "-", "-map", "0:a:0?", "-c:a", "aac", "-b:a", f"{transcode.AUDIO_BITRATE // 1000}k",
              "-y", "audio.m4a"]
    commands = {"decode_and_audio_cpu_s": decode}
    for output in outputs:
        commands[f"rung_{output.label}_alone_cpu_s"] = transcode.build_ladder_command(
            str(clip), source, [output], tools, images=False)
    spent = {}
    for name, command in commands.items():
        out = folder / f"alone-{name}"
        (out / "hls").mkdir(parents=True)
        spent[name] = _timed(lambda command=command, out=out: subprocess.run(
            command, cwd=out, stdout=subprocess.DEVNULL, check=True))[1]
        shutil.rmtree(out)
    return spent


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
