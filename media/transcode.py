"""The transcoding pipeline: one ffmpeg process decodes the source once and writes every rung of the ladder.

Each rung's video is encoded once (H.264 veryfast, CRF 23 under a maxrate cap, 2-second GOP), and so is the audio
(AAC 128k, shared by every rung); one tee output writes each encoded rung twice: a faststart MP4 (download and
fallback) and an HLS playlist with fragmented-MP4 segments in a single file (byte ranges). The same decode feeds
a branch that keeps the frame in the middle for the poster and the thumbnail. The master playlist is written here,
from the files produced.

Nothing here touches the database: `run_ladder` reports progress through a callback, the job (tasks.py) stores it.
"""

from __future__ import annotations

import math
import os
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import ffmpeg as ffmpeg_python

from media.probe import ProbeResult, Tools, avc_codec_string


@dataclass(frozen=True)
class Rung:
    """A rung of the ladder: its name, its height, and the bits per pixel its maxrate is computed from."""

    label: str
    height: int
    bits_per_pixel: float


#: the ladder, lowest first; PeerTube's bits-per-pixel caps
LADDER = (Rung("360p", 360, 0.15), Rung("720p", 720, 0.11), Rung("1080p", 1080, 0.10))
AUDIO_BITRATE = 128_000
#: swscale's filter for the rungs: `area` (a box filter) keeps the text of slides and screen recordings sharp
#: without ringing when halving 720p to 360p, and cost 0.8 CPU s per minute of 720p30 against 1.4 s for the
#: default bicubic (decode and scale alone, one thread, the benchmark's clip)
SCALER = "area"
#: sources up to this size are decoded by one thread: a 720p H.264 decode takes 1.5 CPU s per minute so, against
#: 2.8 s with frame threads, and at over 1000 frames per second it never holds the encoders up; larger sources
#: keep ffmpeg's threaded decoding
SINGLE_THREAD_DECODE_PIXELS = 1280 * 720
#: channel layouts the audio is encoded in: a mono source stays mono (upmixed to stereo, it cost the AAC encoder
#: twice the CPU, 1.8 s against 0.9 per minute, for the same sound), anything wider is downmixed to stereo
AUDIO_LAYOUTS = "mono|stereo"
#: HLS segment length in seconds: two keyframe intervals
HLS_SEGMENT_SECONDS = 4
#: (width, height) of the poster and the thumbnail
POSTER_SIZE = (850, 480)
THUMBNAIL_SIZE = (280, 157)
#: the CODECS name of the audio of every rendition: AAC-LC, the only profile ffmpeg's aac encoder writes
AAC_CODEC = "mp4a.40.2"


class TranscodeError(Exception):
    """ffmpeg failed; `detail` is the end of its error output, for the logs."""

    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.detail = detail


@dataclass(frozen=True)
class Output:
    """One rendition as planned: the rung's name and the frame size (0 × 0 for audio)."""

    label: str
    width: int
    height: int
    maxrate: int = 0

    @property
    def is_audio(self) -> bool:
        return self.label == "audio"

    @property
    def mp4_name(self) -> str:
        return "audio.m4a" if self.is_audio else f"{self.label}.mp4"


def _even(value: float) -> int:
    return max(2, int(round(value / 2)) * 2)


def plan_ladder(source: ProbeResult) -> list[Output]:
    """The rungs at or below the source's size (its shorter side); a smaller source gets one rung at its size."""
    if not source.has_video:
        return [Output("audio", 0, 0)]
    width, height = source.width or 640, source.height or 360
    short_side = min(width, height)
    rungs = [rung for rung in LADDER if rung.height <= short_side]
    if not rungs:
        rungs = [Rung(f"{_even(short_side)}p", _even(short_side), LADDER[0].bits_per_pixel)]
    fps = min(source.fps or 30.0, 60.0)
    outputs = []
    for rung in rungs:
        scale = rung.height / short_side
        size = (_even(width * scale), _even(height * scale))
        maxrate = int(rung.bits_per_pixel * size[0] * size[1] * fps)
        if source.bitrate:  # a low-bitrate lecture must not grow: cap at the source's bitrate + 30 %
            maxrate = min(maxrate, int(source.bitrate * 1.3))
        outputs.append(Output(rung.label, size[0], size[1], max(maxrate, 100_000)))
    return outputs


def encoder_threads(outputs: list[Output], cores: int | None = None) -> list[int]:
    """x264 frame threads of each rung: the cores shared between the rungs in proportion to their pixels, rounded
    up (360p 1 and 720p 2 on 2 cores). x264's default, 1.5 threads per core for each encoder, gives a 720p ladder
    6 frame threads on 2 cores, which wait on each other's rows (on a mostly still lecture a row takes microseconds)
    and spent 1 to 5 CPU s more per minute of the benchmark's lecture, for no speed the 2 cores could give."""
    cores = cores or os.cpu_count() or 1
    pixels = [output.width * output.height for output in outputs]
    return [max(1, math.ceil(cores * count / sum(pixels))) for count in pixels]


def _tee_target(outputs: list[Output], has_audio: bool) -> str:
    """The tee muxer's slaves: for each rendition a faststart MP4 and an HLS fMP4 playlist (names are ours), each
    taking its rendition's video stream and the one audio stream (`select`), so every stream is encoded once."""
    slaves = []
    for index, output in enumerate(outputs):
        streams = "a" if output.is_audio else f"v:{index},a" if has_audio else f"v:{index}"
        select = f"select=\\'{streams}\\'"  # quoted: the stream specifiers hold ':' and ','
        slaves.append(f"[f=mp4:movflags=+faststart:{select}]{output.mp4_name}")
        slaves.append(f"[f=hls:hls_time={HLS_SEGMENT_SECONDS}:hls_playlist_type=vod:hls_segment_type=fmp4:"
                      f"hls_flags=single_file:{select}]hls/{output.label}.m3u8")
    return "|".join(slaves)


def _image_outputs(frames, source: ProbeResult) -> list:
    """Poster and thumbnail, cropped to fill, from the frame in the middle of the video: a branch of the ladder's
    decode that keeps the first frame, then the first one at the middle, and ends. Each image file is written over
    (`update`) and holds the middle frame in the end (the first frame if the video stream stops before the middle);
    writing the first frame at once opens these outputs at the start, and ffmpeg reports progress only once every
    output is open. (`-fps_mode` needs ffmpeg 5.1 or later.)"""
    middle = (source.duration or 0) / 2
    picked = (frames.filter("select", f"eq(n,0)+gte(t,{middle:.3f})").filter("trim", end_frame=2)
              .filter_multi_output("split", 2))
    nodes = []
    for index, (name, (width, height)) in enumerate((("poster.jpg", POSTER_SIZE), ("thumb.jpg", THUMBNAIL_SIZE))):
        image = (picked.stream(index)
                 .filter("scale", width, height, force_original_aspect_ratio="increase")
                 .filter("crop", width, height, exact=1).filter("setsar", 1))
        nodes.append(ffmpeg_python.output(image, name, update=1, fps_mode="passthrough",  # no duplicated frames
                                          **{"frames:v": 2, "q:v": 3}))
    return nodes


def build_ladder_command(source_path: str, source: ProbeResult, outputs: list[Output], tools: Tools,
                         images: bool = True) -> list[str]:
    """The single ffmpeg command of the whole job (run in the output folder: every output name is relative).

    One decode feeds every rung's scaler and, with `images`, the poster branch; each rung's video and the audio
    are encoded once, in one tee output whose slaves write the MP4s and the HLS playlists."""
    small = (source.width or 0) * (source.height or 0) <= SINGLE_THREAD_DECODE_PIXELS
    stream = ffmpeg_python.input(source_path, **({"threads": 1} if small else {}))
    audio = [stream["a:0"].filter("aformat", channel_layouts=AUDIO_LAYOUTS)] if source.has_audio else []
    options = {"f": "tee", "flags": "+global_header", "map_metadata": -1, "max_muxing_queue_size": 1024}
    if source.has_audio:
        options.update({"c:a": "aac", "b:a": f"{AUDIO_BITRATE // 1000}k"})
    if not source.has_video:
        nodes = [ffmpeg_python.output(*audio, _tee_target(outputs, True), vn=None, **options)]
    else:
        fps = min(source.fps or 30.0, 60.0)
        gop = max(1, round(2 * fps))
        options.update({"c:v": "libx264", "preset": "veryfast", "crf": 23, "g": gop, "keyint_min": gop,
                        "sc_threshold": 0, "pix_fmt": "yuv420p", "profile:v": "high"})
        for index, (output, threads) in enumerate(zip(outputs, encoder_threads(outputs), strict=True)):
            options.update({f"maxrate:v:{index}": output.maxrate, f"bufsize:v:{index}": 2 * output.maxrate,
                            f"threads:v:{index}": threads})
        count = len(outputs) + (1 if images else 0)
        video = stream["v:0"]
        branches = video.filter_multi_output("split", count) if count > 1 else None
        scaled = [(branches.stream(index) if branches is not None else video)
                  .filter("scale", output.width, output.height, flags=SCALER).filter("setsar", 1)
                  for index, output in enumerate(outputs)]
        nodes = [ffmpeg_python.output(*scaled, *audio, _tee_target(outputs, source.has_audio), **options)]
        if images:
            nodes += _image_outputs(branches.stream(len(outputs)), source)
    command = ffmpeg_python.merge_outputs(*nodes).global_args(
        "-hide_banner", "-nostdin", "-loglevel", "error", "-nostats", "-progress", "pipe:1").overwrite_output()
    return command.compile(cmd=tools.ffmpeg)


def run_ffmpeg(command: list[str], cwd: Path, duration: float | None,
               on_progress: Callable[[int], None] | None = None) -> None:
    """Run ffmpeg, reading `-progress pipe:1` to call `on_progress(percent)` (monotonic, 100 at the end). An
    exception raised by `on_progress` (the job learnt that its asset is gone) kills ffmpeg and goes up."""
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=errors, stdin=subprocess.DEVNULL)
        last = -1
        try:
            for raw in process.stdout:
                key, _, value = raw.decode(errors="replace").strip().partition("=")
                percent = None
                if key == "out_time_us" and duration and value.isdigit():
                    percent = min(99, int(int(value) / 1_000_000 / duration * 100))
                elif key == "progress" and value == "end":
                    percent = 100
                if percent is not None and percent > last:
                    last = percent
                    if on_progress:
                        on_progress(percent)
        except BaseException:
            process.kill()  # not SIGTERM: ffmpeg would still write its trailers and the playlists
            raise
        finally:
            returncode = process.wait()
        if returncode != 0:
            errors.seek(0)
            raise TranscodeError(f"ffmpeg exited with {returncode}", errors.read()[-2000:].decode(errors="replace"))


def write_master_playlist(folder: Path, outputs: list[Output], sizes: dict[str, int], duration: float,
                          has_audio: bool) -> None:
    """hls/master.m3u8 listing every rendition with its bandwidth, resolution and codecs: the H.264 profile and
    level of each rung are read from its encoded MP4, so a player never picks a stream it cannot decode."""
    lines = ["#EXTM3U", "#EXT-X-VERSION:7", "#EXT-X-INDEPENDENT-SEGMENTS"]
    for output in outputs:
        average = int(sizes[output.label] * 8 / duration) if duration else AUDIO_BITRATE
        if output.is_audio:
            lines.append(f'#EXT-X-STREAM-INF:BANDWIDTH={max(average, AUDIO_BITRATE)},'
                         f'AVERAGE-BANDWIDTH={average},CODECS="{AAC_CODEC}"')
        else:
            peak = max(average, output.maxrate + (AUDIO_BITRATE if has_audio else 0))
            video_codec = avc_codec_string(folder / output.mp4_name)
            if video_codec is None:
                raise TranscodeError(f"no H.264 stream in {output.mp4_name}")
            codecs = video_codec + (f",{AAC_CODEC}" if has_audio else "")
            lines.append(f'#EXT-X-STREAM-INF:BANDWIDTH={peak},AVERAGE-BANDWIDTH={average},'
                         f'RESOLUTION={output.width}x{output.height},CODECS="{codecs}"')
        lines.append(f"{output.label}.m3u8")
    (folder / "hls" / "master.m3u8").write_text("\n".join(lines) + "\n")


def transcode(source_path: str, source: ProbeResult, folder: Path, tools: Tools,
              on_progress: Callable[[int], None] | None = None) -> tuple[list[Output], dict[str, int], bool]:
    """Write every rendition, the master playlist, poster and thumbnail into `folder` (which must be empty)."""
    (folder / "hls").mkdir(parents=True, exist_ok=True)
    outputs = plan_ladder(source)
    run_ffmpeg(build_ladder_command(source_path, source, outputs, tools), folder, source.duration, on_progress)
    sizes = {}
    for output in outputs:
        path = folder / output.mp4_name
        if not path.is_file() or not (folder / "hls" / f"{output.label}.m3u8").is_file():
            raise TranscodeError(f"missing output {output.mp4_name}")
        sizes[output.label] = path.stat().st_size
    write_master_playlist(folder, outputs, sizes, source.duration or 0, source.has_audio)
    has_poster = source.has_video and (folder / "poster.jpg").is_file() and (folder / "thumb.jpg").is_file()
    return outputs, sizes, has_poster
