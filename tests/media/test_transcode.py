"""The transcoding job with the real ffmpeg on short generated clips: ladder, audio-only, no audio, failures,
progress, a killed worker, and the `ffmpeg -i` probe used when no ffprobe is installed."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
import time

import imageio_ffmpeg
import pytest
import sqlalchemy as sa

from app.db import db
from media import transcode as pipeline
from media.models import JobState, MediaAsset, MediaKind
from media.probe import ProbeResult, Tools, find_tools, parse_ffmpeg_info, probe
from media.storage import get_storage
from media.tasks import UNREADABLE, sweep_stale_jobs
from tests.media.conftest import _ffmpeg, make_clip


def probed(path) -> ProbeResult:
    return probe(str(path), find_tools())


def test_ladder_keeps_only_rungs_at_or_below_the_source():
    def labels(width, height, **extra):
        return [o.label for o in pipeline.plan_ladder(ProbeResult(width=width, height=height, fps=25,
                                                                  video_codec="h264", **extra))]

    assert labels(320, 240) == ["240p"]
    assert labels(640, 360) == ["360p"]
    assert labels(1280, 720) == ["360p", "720p"]
    assert labels(1920, 1080) == ["360p", "720p", "1080p"]
    assert labels(3840, 2160) == ["360p", "720p", "1080p"]
    assert labels(720, 1280) == ["360p", "720p"]  # portrait: the shorter side decides
    portrait = pipeline.plan_ladder(ProbeResult(width=720, height=1280, fps=25, video_codec="h264"))
    assert (portrait[0].width, portrait[0].height) == (360, 640)
    assert pipeline.plan_ladder(ProbeResult(audio_codec="aac"))[0].label == "audio"
    # a low-bitrate lecture: the cap follows the source (+30 %), so lower rungs do not grow
    capped = pipeline.plan_ladder(ProbeResult(width=1280, height=720, fps=25, video_codec="h264", bitrate=300_000))
    assert all(o.maxrate <= 390_000 for o in capped)


def test_one_ffmpeg_process_writes_the_whole_ladder():
    """One decode, each rung's video and the audio encoded once, one tee output writing MP4 and HLS per rung, and
    the poster and thumbnail taken from the same decode."""
    source = ProbeResult(width=1920, height=1080, fps=25, duration=10, video_codec="h264", audio_codec="aac")
    outputs = pipeline.plan_ladder(source)
    command = pipeline.build_ladder_command("/in.mp4", source, outputs, Tools("ffmpeg", None))
    assert command.count("-i") == 1
    graph = command[command.index("-filter_complex") + 1]
    assert "split=4" in graph  # three rungs and the poster branch
    assert "gte(t\\,5.000)" in graph  # the frame in the middle
    assert command.count("-f") == 1 and command.count("tee") == 1  # one output for every rendition
    assert command.count("-c:v") == 1 and command.count("libx264") == 1 and "veryfast" in command
    assert command.count("-c:a") == 1 and command.count("aac") == 1  # the audio is encoded once, for all rungs
    for index, output in enumerate(outputs):
        assert command[command.index(f"-maxrate:v:{index}") + 1] == str(output.maxrate)
    assert command[command.index("-g") + 1] == "50"  # two seconds at 25 fps
    slaves = command[command.index("tee") + 1:]
    tee = next(part for part in slaves if "hls_segment_type=fmp4" in part).split("|")
    assert len(tee) == 6 and sum("movflags=+faststart" in slave for slave in tee) == 3
    assert "select=\\'v:2,a\\']hls/1080p.m3u8" in tee[-1]
    assert [part for part in command if part.endswith(".jpg")] == ["poster.jpg", "thumb.jpg"]
    assert "scale=640:360:flags=area" in graph  # a box filter: sharp text, cheaper than bicubic
    assert "-threads" not in command  # a 1080p source keeps ffmpeg's threaded decoding
    threads = pipeline.encoder_threads(outputs)
    assert [command[command.index(f"-threads:v:{index}") + 1] for index in range(3)] == [str(t) for t in threads]
    assert "aformat=channel_layouts=mono|stereo" in graph and "-ac" not in command


def test_the_encoders_share_the_cores_by_their_pixels():
    def threads(heights, cores):
        rungs = [pipeline.Output(f"{height}p", height * 16 // 9, height) for height in heights]
        return pipeline.encoder_threads(rungs, cores)

    assert threads([360, 720], 2) == [1, 2]  # the 720p encode is the longest: it gets both cores
    assert threads([360, 720, 1080], 2) == [1, 1, 2]
    assert threads([360, 720], 8) == [2, 7]
    assert threads([240], 2) == [2]


def test_mono_sound_stays_mono_and_wider_sound_becomes_stereo(tmp_path):
    tools = find_tools()
    for layout, expected in (("mono", "mono"), ("5.1", "stereo")):
        clip = tmp_path / f"{layout}.mp4"
        _ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240:rate=10:duration=1", "-f", "lavfi", "-i",
                f"sine=duration=1,aformat=channel_layouts={layout}", "-c:v", "libx264", "-preset", "ultrafast",
                "-c:a", "aac", "-shortest", str(clip))
        folder = tmp_path / layout
        pipeline.transcode(str(clip), probed(clip), folder, tools)
        info = subprocess.run([tools.ffmpeg, "-hide_banner", "-i", str(folder / "240p.mp4")], capture_output=True,
                              text=True).stderr
        assert re.search(rf"Audio: aac .*, {expected}, ", info), info


def test_a_720p_source_is_decoded_by_one_thread():
    source = ProbeResult(width=1280, height=720, fps=30, duration=10, video_codec="h264", audio_codec="aac")
    command = pipeline.build_ladder_command("/in.mp4", source, pipeline.plan_ladder(source), Tools("ffmpeg", None))
    assert command[command.index("-i") - 2:command.index("-i")] == ["-threads", "1"]


@pytest.mark.parametrize("clip, expected", [("small", [("240p", 320, 240)]),
                                            ("p360", [("360p", 640, 360)]),
                                            ("p1080", [("360p", 640, 360), ("720p", 1280, 720),
                                                       ("1080p", 1920, 1080)])])
def test_the_job_makes_the_ladder_for_the_source_height(world, make_asset, clips, clip, expected):
    asset = make_asset(world.public, getattr(clips, clip))
    assert asset.state == JobState.READY, asset.error_message
    assert [(r.label, r.width, r.height) for r in asset.renditions] == expected
    folder = get_storage().path(asset.output_key)
    for label, width, height in expected:
        made = probed(folder / f"{label}.mp4")
        assert (made.width, made.height, made.video_codec, made.audio_codec) == (width, height, "h264", "aac")
        playlist = (folder / "hls" / f"{label}.m3u8").read_text()
        assert "#EXT-X-PLAYLIST-TYPE:VOD" in playlist and "#EXT-X-MAP" in playlist
        assert (folder / "hls" / f"{label}.m4s").is_file()
    master = (folder / "hls" / "master.m3u8").read_text()
    assert [line for line in master.splitlines() if line.endswith(".m3u8")] == [f"{e[0]}.m3u8" for e in expected]
    assert f"RESOLUTION={expected[-1][1]}x{expected[-1][2]}" in master
    assert probed(folder / "poster.jpg").width == 850 and probed(folder / "poster.jpg").height == 480
    assert (probed(folder / "thumb.jpg").width, probed(folder / "thumb.jpg").height) == (280, 157)
    assert asset.progress == 100 and asset.attempts == 1 and asset.work_key is None


def _average_rgb(image) -> tuple[int, int, int]:
    pixel = subprocess.run([find_tools().ffmpeg, "-hide_banner", "-loglevel", "error", "-i", str(image), "-vf",
                            "scale=1:1:flags=area", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
                           capture_output=True, check=True).stdout
    return tuple(pixel)


def test_poster_and_thumbnail_show_the_middle_of_the_video(world, make_asset, tmp_path):
    """Red for the first second, blue for the second: the images come from the middle, so they are blue."""
    clip = tmp_path / "red-blue.mp4"
    _ffmpeg("-f", "lavfi", "-i", "color=c=red:s=640x360:r=10:d=1", "-f", "lavfi", "-i",
            "color=c=blue:s=640x360:r=10:d=1", "-f", "lavfi", "-i", "sine=frequency=440:duration=2",
            "-filter_complex", "[0:v][1:v]concat=n=2:v=1:a=0[v]", "-map", "[v]", "-map", "2:a",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", str(clip))
    asset = make_asset(world.public, clip)
    assert asset.state == JobState.READY and asset.has_poster, asset.error_message
    folder = get_storage().path(asset.output_key)
    for image in ("poster.jpg", "thumb.jpg"):
        red, _, blue = _average_rgb(folder / image)
        assert blue > 200 and red < 60, (image, red, blue)


def test_a_video_shorter_than_its_sound_still_gets_a_poster(world, make_asset, tmp_path):
    """One second of picture, four of sound: no frame at the middle (2 s), the poster is the first frame."""
    clip = tmp_path / "short-picture.mp4"
    _ffmpeg("-f", "lavfi", "-i", "color=c=red:s=640x360:r=10:d=1", "-f", "lavfi", "-i",
            "sine=frequency=440:duration=4", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
            "-c:a", "aac", str(clip))
    asset = make_asset(world.public, clip)
    assert asset.state == JobState.READY and asset.has_poster, asset.error_message
    red, _, blue = _average_rgb(get_storage().path(asset.output_key) / "poster.jpg")
    assert red > 200 and blue < 60


def test_audio_only_gives_an_audio_rendition(world, make_asset, clips):
    asset = make_asset(world.public, clips.audio)
    assert asset.state == JobState.READY, asset.error_message
    assert asset.kind == MediaKind.AUDIO and [r.label for r in asset.renditions] == ["audio"]
    folder = get_storage().path(asset.output_key)
    made = probed(folder / "audio.m4a")
    assert (made.audio_codec, made.video_codec) == ("aac", None)
    assert 'CODECS="mp4a.40.2"' in (folder / "hls" / "master.m3u8").read_text()
    assert not asset.has_poster


def test_a_video_without_sound_still_transcodes(world, make_asset, clips):
    asset = make_asset(world.public, clips.silent)
    assert asset.state == JobState.READY, asset.error_message
    made = probed(get_storage().path(asset.output_key) / "360p.mp4")
    assert (made.video_codec, made.audio_codec) == ("h264", None)
    assert "mp4a" not in (get_storage().path(asset.output_key) / "hls" / "master.m3u8").read_text()


def _rendition_folders() -> set:
    root = get_storage().path("renditions")
    return set(root.glob("*/*")) if root.exists() else set()


def test_a_corrupt_file_fails_with_a_message_and_leaves_nothing(world, make_asset, clips):
    before = _rendition_folders()
    asset = make_asset(world.public, clips.corrupt)
    assert asset.state == JobState.FAILED
    assert asset.error_message == UNREADABLE and "abîmé" in asset.error_message
    assert asset.work_key is None and asset.output_key is None and asset.renditions == []
    assert _rendition_folders() == before  # the run's folder is gone
    assert get_storage().exists(asset.original_key)  # the original is kept


def test_a_failed_encode_removes_its_partial_outputs(world, make_asset, clips, app):
    """ffmpeg itself fails half-way (here: an encoder that does not exist): nothing of that run stays."""
    before = _rendition_folders()
    original = pipeline.build_ladder_command

    def broken(*args, **kwargs):
        command = original(*args, **kwargs)
        return [part.replace("libx264", "libnonexistent") for part in command]

    pipeline.build_ladder_command = broken
    try:
        asset = make_asset(world.public, clips.p360)
    finally:
        pipeline.build_ladder_command = original
    assert asset.state == JobState.FAILED and "conversion a échoué" in asset.error_message
    assert _rendition_folders() == before
    assert get_storage().exists(asset.original_key)


def test_progress_is_monotonic_and_reaches_100(world, clips, tmp_path):
    source = probed(clips.p720)
    seen = []
    pipeline.transcode(str(clips.p720), source, tmp_path, find_tools(), seen.append)
    assert seen and seen[-1] == 100
    assert seen == sorted(seen) and len(set(seen)) == len(seen)
    assert all(0 <= value <= 100 for value in seen)


def test_requeue_runs_again_into_a_new_revision(world, make_asset, clips, client, login):
    asset = make_asset(world.public, clips.small)
    first_revision, first_folder = asset.revision, get_storage().path(asset.output_key)
    login(world.people.editor)
    response = client.post(f"/medias/{asset.id}/relancer")
    assert response.status_code == 302
    db.session.refresh(asset)
    assert asset.state == JobState.READY and asset.attempts == 2
    assert asset.revision != first_revision and not first_folder.exists()
    assert client.get(f"/medias/{asset.id}/{first_revision}/240p.mp4").status_code == 404
    assert client.get(f"/medias/{asset.id}/{asset.revision}/240p.mp4").status_code == 200


def test_flask_media_requeue_retries_failed_jobs(world, make_asset, clips, app):
    asset = make_asset(world.public, clips.small)
    asset.state, asset.error_message = JobState.FAILED, "échec simulé"
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["media", "requeue", "--failed"])
    assert result.exit_code == 0, result.output
    assert "1 conversion(s) relancée(s)" in result.output
    db.session.rollback()
    assert db.session.get(MediaAsset, asset.id).state == JobState.READY
    assert app.test_cli_runner().invoke(args=["media", "requeue"]).exit_code == 2


def test_a_killed_workers_job_is_picked_up_again(world, make_asset, app, tmp_path):
    """A worker dies mid-transcode (SIGKILL, ffmpeg with it): past the lease, the sweep runs the job again."""
    long_clip = make_clip(tmp_path / "long.mp4", 1280, 720, seconds=30, rate=25)
    asset = make_asset(world.public, long_clip, transcode=False)
    script = textwrap.dedent(f"""
        from app import create_app
        from media.tasks import run_transcode
        app = create_app({{"SQLALCHEMY_DATABASE_URI": {app.config['SQLALCHEMY_DATABASE_URI']!r},
                          "MEDIA_ROOT": {app.config['MEDIA_ROOT']!r}}})
        with app.app_context():
            run_transcode({asset.id})
    """)
    worker = subprocess.Popen([sys.executable, "-c", script], start_new_session=True, env=os.environ.copy())
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            db.session.rollback()
            current = db.session.get(MediaAsset, asset.id)
            if current.state == JobState.RUNNING and current.progress > 0:
                break
            assert worker.poll() is None, "the worker ended before it could be killed"
            time.sleep(0.1)
        else:
            pytest.fail("the worker never reported progress")
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
    db.session.rollback()
    dead = db.session.get(MediaAsset, asset.id)
    assert dead.state == JobState.RUNNING and dead.work_key is not None
    left_behind = get_storage().path(dead.work_key)
    assert left_behind.exists()

    assert sweep_stale_jobs.call_local() == []  # still within the lease: maybe only slow, leave it
    app.config["MEDIA_JOB_LEASE_SECONDS"] = 1
    try:
        time.sleep(1.2)
        assert sweep_stale_jobs.call_local() == [asset.id]
    finally:
        app.config["MEDIA_JOB_LEASE_SECONDS"] = 120
    db.session.rollback()
    done = db.session.get(MediaAsset, asset.id)
    assert done.state == JobState.READY, done.error_message
    assert done.attempts == 2 and done.progress == 100
    assert not left_behind.exists()


# Probing without ffprobe --------------------------------------------------------------------------------------

def test_ffmpeg_i_parsing_matches_ffprobe(clips):
    tools = find_tools()
    without_ffprobe = Tools(tools.ffmpeg, None)
    for clip in (clips.small, clips.p720, clips.silent, clips.audio, clips.portrait):
        parsed = probe(str(clip), without_ffprobe)
        if tools.ffprobe:
            reference = probe(str(clip), tools)
            assert (parsed.width, parsed.height, parsed.video_codec, parsed.audio_codec) == (
                reference.width, reference.height, reference.video_codec, reference.audio_codec)
            assert parsed.duration == pytest.approx(reference.duration, abs=0.05)
            assert parsed.fps == pytest.approx(reference.fps or 0, abs=0.01) if reference.fps else True
    assert (probe(str(clips.audio), without_ffprobe).has_video, probe(str(clips.silent), without_ffprobe).has_audio
            ) == (False, False)


def test_parse_ffmpeg_info_reads_rotation_cover_art_and_bitrate():
    stderr = """
Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'phone.mov':
  Duration: 00:01:02.50, start: 0.000000, bitrate: 8123 kb/s
  Stream #0:0[0x1](und): Video: hevc (Main) (hvc1 / 0x31637668), yuv420p(tv, bt709), 1920x1080, 7900 kb/s, \
29.97 fps, 29.97 tbr, 600 tbn (default)
      Side data:
        displaymatrix: rotation of -90.00 degrees
  Stream #0:1[0x2](und): Audio: aac (LC) (mp4a / 0x6134706D), 48000 Hz, stereo, fltp, 192 kb/s (default)
At least one output file must be specified
"""
    parsed = parse_ffmpeg_info(stderr)
    assert parsed.duration == pytest.approx(62.5)
    assert parsed.bitrate == 8_123_000
    assert (parsed.width, parsed.height, parsed.fps) == (1080, 1920, pytest.approx(29.97))
    assert (parsed.video_codec, parsed.audio_codec) == ("hevc", "aac")
    song = parse_ffmpeg_info("""
  Duration: 00:03:00.00, start: 0.025057, bitrate: 320 kb/s
  Stream #0:0: Audio: mp3, 44100 Hz, stereo, fltp, 320 kb/s
  Stream #0:1: Video: mjpeg (Baseline), yuvj420p(pc), 500x500 [SAR 1:1 DAR 1:1], 90k tbr, 90k tbn (attached pic)
""")
    assert (song.has_video, song.audio_codec, song.duration) == (False, "mp3", 180.0)


def test_the_whole_job_works_with_imageio_ffmpeg_and_no_ffprobe(world, make_asset, clips, app):
    """What a machine without Debian's ffmpeg does: imageio-ffmpeg's binary, probe by `ffmpeg -i`."""
    app.config.update(MEDIA_FFMPEG=imageio_ffmpeg.get_ffmpeg_exe(), MEDIA_FFPROBE="none")
    try:
        assert find_tools() == Tools(imageio_ffmpeg.get_ffmpeg_exe(), None)
        asset = make_asset(world.public, clips.p360)
    finally:
        app.config.update(MEDIA_FFMPEG=None, MEDIA_FFPROBE=None)
    assert asset.state == JobState.READY, asset.error_message
    assert [r.label for r in asset.renditions] == ["360p"] and asset.duration == pytest.approx(1, abs=0.1)


def test_only_one_worker_claims_a_job(world, make_asset, clips):
    from media.tasks import claim

    asset = make_asset(world.public, clips.small, transcode=False)
    assert claim(asset.id) is True
    assert claim(asset.id) is False  # running, heartbeat fresh
    assert db.session.scalar(sa.select(MediaAsset.attempts).where(MediaAsset.id == asset.id)) == 1


def test_a_job_lost_from_the_queue_is_queued_again(world, make_asset, clips, app):
    from datetime import timedelta

    from app.db import utcnow

    asset = make_asset(world.public, clips.small, transcode=False)
    asset.queued_dt = utcnow() - timedelta(minutes=10)  # queued, but no worker ever took it
    db.session.commit()
    assert sweep_stale_jobs.call_local() == [asset.id]
    db.session.rollback()
    assert db.session.get(MediaAsset, asset.id).state == JobState.READY


def test_abandoned_uploads_are_forgotten(world, client, login):
    from datetime import timedelta

    from app.db import utcnow
    from media.models import Upload
    from media.tasks import forget_expired_uploads
    from tests.media.conftest import tus_create

    login(world.people.editor)
    tus_create(client, f"resource:{world.public}", 100)
    upload = db.session.scalar(sa.select(Upload))
    temp = get_storage().path(upload.temp_key)
    assert forget_expired_uploads.call_local() == 0
    upload.expires_dt = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert forget_expired_uploads.call_local() == 1
    assert not temp.exists() and db.session.scalar(sa.select(sa.func.count()).select_from(Upload)) == 0


# The master playlist's CODECS ---------------------------------------------------------------------------------

def sps_codec(path) -> str:
    """avc1.PPCCLL from the stream's own SPS (ffmpeg's trace_headers), independent of the MP4's avcC box."""
    traced = subprocess.run([find_tools().ffmpeg, "-hide_banner", "-loglevel", "debug", "-i", str(path), "-map",
                             "0:v", "-frames:v", "1", "-c", "copy", "-bsf:v", "trace_headers", "-f", "null", "-"],
                            capture_output=True, text=True, check=True).stderr
    fields = dict(re.findall(r"\s(profile_idc|constraint_set\d_flag|level_idc)\s+\d+ = (\d+)", traced))
    flags = sum(int(fields[f"constraint_set{bit}_flag"]) << (7 - bit) for bit in range(6))
    return f"avc1.{int(fields['profile_idc']):02x}{flags:02x}{int(fields['level_idc']):02x}"


def test_master_playlist_codecs_are_those_of_each_rungs_encode(tmp_path):
    """The CODECS of each rung come from what x264 wrote: a 1080p source at 5 frames per second gets the level
    its size and rate need, not a level guessed from the height alone."""
    clip = make_clip(tmp_path / "slow1080.mp4", 1920, 1080, seconds=1, rate=5)
    out = tmp_path / "out"
    pipeline.transcode(str(clip), probe(str(clip), find_tools()), out, find_tools())
    master = (out / "hls" / "master.m3u8").read_text()
    codecs = dict(re.findall(r'RESOLUTION=\d+x(\d+),CODECS="([^"]+)"', master))
    assert sorted(codecs, key=int) == ["360", "720", "1080"]
    for height, label in ((360, "360p"), (720, "720p"), (1080, "1080p")):
        expected = sps_codec(out / f"{label}.mp4")
        assert expected.startswith("avc1.6400")  # H.264 High, as asked of x264
        assert codecs[str(height)] == f"{expected},mp4a.40.2"
    silent = make_clip(tmp_path / "silent.mp4", 640, 360, audio=False)
    pipeline.transcode(str(silent), probe(str(silent), find_tools()), tmp_path / "silent", find_tools())
    assert f'CODECS="{sps_codec(tmp_path / "silent" / "360p.mp4")}"' in (
        tmp_path / "silent" / "hls" / "master.m3u8").read_text()


def test_the_ffmpeg_binary_is_a_setting(monkeypatch):
    import shutil

    from flask import Flask

    import media

    static = imageio_ffmpeg.get_ffmpeg_exe()
    assert find_tools().ffmpeg == static  # the default: imageio-ffmpeg's static build (measured faster)
    assert find_tools("imageio").ffmpeg == static
    assert find_tools("system").ffmpeg == (shutil.which("ffmpeg") or static)  # none on PATH: imageio's
    assert find_tools("/opt/ffmpeg/bin/ffmpeg").ffmpeg == "/opt/ffmpeg/bin/ffmpeg"
    assert find_tools(ffprobe="none").ffprobe is None
    for variable in ("TERREAU_FFMPEG_BINARY", "TERREAU_FFMPEG"):  # the earlier name still works
        monkeypatch.delenv("TERREAU_FFMPEG_BINARY", raising=False)
        monkeypatch.setenv(variable, "system")
        configured = Flask(__name__)
        media._configure(configured)
        assert configured.config["MEDIA_FFMPEG"] == "system"
        monkeypatch.delenv(variable)
