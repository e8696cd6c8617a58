"""Finding ffmpeg and reading what a media file holds.

Which ffmpeg encodes is a setting, `TERREAU_FFMPEG_BINARY` (config `MEDIA_FFMPEG`): `imageio` (the default) is the
static ffmpeg shipped by the `imageio-ffmpeg` wheel, present wherever Terreau is installed; `system` is the ffmpeg
found on PATH (Debian's package), falling back to imageio's when there is none; anything else is a path to a
binary. On the transcoding benchmark's ladder, imageio's ffmpeg 9 used 13 % less CPU than Debian 12's ffmpeg 5.1
and, on a busy machine, took a third of the wall time: ffmpeg 7 and later run the decoder, filters, each encoder
and muxer in threads of their own, where 5.1 runs them in one loop.
ffprobe (`TERREAU_FFPROBE`, config `MEDIA_FFPROBE`) is the one on PATH whatever the ffmpeg; imageio's build has
none, so without it the probe parses the stderr of `ffmpeg -i`; `none` forces that path.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path

from flask import current_app, has_app_context

#: the ffmpeg used when the setting says nothing
DEFAULT_FFMPEG = "imageio"


def _imageio_ffmpeg() -> str:
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


#: named choices of TERREAU_FFMPEG_BINARY: name -> function giving the binary's path (None when absent)
FFMPEG_BINARIES = {"imageio": _imageio_ffmpeg, "system": lambda: shutil.which("ffmpeg")}


class ProbeError(Exception):
    """The file could not be read as audio or video."""


@dataclass(frozen=True)
class Tools:
    ffmpeg: str
    ffprobe: str | None


def find_tools(ffmpeg: str | None = None, ffprobe: str | None = None) -> Tools:
    """The binaries to use: ffmpeg as the setting says (a name of FFMPEG_BINARIES or a path), ffprobe as
    configured, else the one on PATH (None: the probe parses `ffmpeg -i`)."""
    if has_app_context():
        ffmpeg = ffmpeg or current_app.config.get("MEDIA_FFMPEG")
        ffprobe = ffprobe or current_app.config.get("MEDIA_FFPROBE")
    choice = ffmpeg or DEFAULT_FFMPEG
    binary = FFMPEG_BINARIES[choice]() if choice in FFMPEG_BINARIES else choice
    ffprobe = ffprobe or shutil.which("ffprobe")
    return Tools(binary or _imageio_ffmpeg(), None if ffprobe == "none" else ffprobe)


@dataclass
class ProbeResult:
    """What the transcoder needs to know of a source."""

    duration: float | None = None
    width: int | None = None
    height: int | None = None
    fps: float | None = None
    video_codec: str | None = None
    audio_codec: str | None = None
    bitrate: int | None = None

    @property
    def has_video(self) -> bool:
        return self.video_codec is not None

    @property
    def has_audio(self) -> bool:
        return self.audio_codec is not None


def probe(path: str, tools: Tools | None = None) -> ProbeResult:
    """Duration, size, frame rate, codecs and audio presence of `path`; ProbeError when it holds no media."""
    tools = tools or find_tools()
    result = _probe_ffprobe(path, tools.ffprobe) if tools.ffprobe else _probe_ffmpeg(path, tools.ffmpeg)
    if not (result.has_video or result.has_audio):
        raise ProbeError("no audio or video stream")
    return result


def _probe_ffprobe(path: str, ffprobe: str) -> ProbeResult:
    import ffmpeg as ffmpeg_python

    try:
        data = ffmpeg_python.probe(path, cmd=ffprobe)
    except ffmpeg_python.Error as exc:
        raise ProbeError(exc.stderr.decode(errors="replace")[-500:]) from exc
    except json.JSONDecodeError as exc:
        raise ProbeError("unreadable ffprobe output") from exc
    result = ProbeResult()
    fmt = data.get("format", {})
    result.duration = _float(fmt.get("duration"))
    result.bitrate = _int(fmt.get("bit_rate"))
    for stream in data.get("streams", []):
        kind = stream.get("codec_type")
        if kind == "video" and result.video_codec is None and not stream.get("disposition", {}).get("attached_pic"):
            result.video_codec = stream.get("codec_name")
            result.width, result.height = _int(stream.get("width")), _int(stream.get("height"))
            result.fps = _rate(stream.get("avg_frame_rate")) or _rate(stream.get("r_frame_rate"))
            rotation = _rotation(stream)
            if rotation in (90, 270) and result.width and result.height:
                result.width, result.height = result.height, result.width
        elif kind == "audio" and result.audio_codec is None:
            result.audio_codec = stream.get("codec_name")
    if result.duration is None:
        durations = [_float(s.get("duration")) for s in data.get("streams", [])]
        result.duration = max((d for d in durations if d), default=None)
    return result


def _rotation(stream: dict) -> int:
    for side in stream.get("side_data_list", []) or []:
        if "rotation" in side:
            return int(abs(_float(side["rotation"]) or 0)) % 360
    return int(abs(_float(stream.get("tags", {}).get("rotate")) or 0)) % 360


# `ffmpeg -i` --------------------------------------------------------------------------------------------------

DURATION = re.compile(r"Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)(?:.*?bitrate: (\d+) kb/s)?")
STREAM = re.compile(r"Stream #\d+:\d+(?:\[\w+\])?(?:\(\w+\))?: (Video|Audio): (\w+)(.*)")
SIZE = re.compile(r"\b(\d{2,5})x(\d{2,5})\b")
FPS = re.compile(r"([\d.]+)(k?) (?:fps|tbr)\b")
ROTATION = re.compile(r"rotation of (-?[\d.]+) degrees")


def parse_ffmpeg_info(stderr: str) -> ProbeResult:
    """Read what `ffmpeg -i FILE` prints on stderr (the probe when no ffprobe is installed)."""
    result = ProbeResult()
    if match := DURATION.search(stderr):
        hours, minutes, seconds, kbps = match.groups()
        result.duration = int(hours) * 3600 + int(minutes) * 60 + float(seconds)
        result.bitrate = int(kbps) * 1000 if kbps else None
    lines = stderr.splitlines()
    for number, line in enumerate(lines):
        match = STREAM.search(line)
        if not match:
            continue
        kind, codec, rest = match.groups()
        if kind == "Video" and result.video_codec is None and "attached pic" not in rest:
            result.video_codec = codec
            if size := SIZE.search(rest):
                result.width, result.height = int(size.group(1)), int(size.group(2))
            if fps := FPS.search(rest):
                result.fps = float(fps.group(1)) * (1000 if fps.group(2) else 1)
            if _quarter_turn(lines[number + 1:]) and result.width and result.height:
                result.width, result.height = result.height, result.width
        elif kind == "Audio" and result.audio_codec is None:
            result.audio_codec = codec
    return result


def _quarter_turn(following: list[str]) -> bool:
    """The stream's side data (the lines up to the next stream) says it is displayed rotated by 90°."""
    for line in following:
        if "Stream #" in line:
            return False
        if match := ROTATION.search(line):
            return int(abs(float(match.group(1)))) % 180 == 90
    return False


def _probe_ffmpeg(path: str, ffmpeg: str) -> ProbeResult:
    completed = subprocess.run([ffmpeg, "-hide_banner", "-nostdin", "-i", path], capture_output=True, timeout=60,
                               check=False)  # exits 1 ("At least one output file must be specified"): expected
    stderr = completed.stderr.decode(errors="replace")
    result = parse_ffmpeg_info(stderr)
    if result.duration is None and not (result.has_video or result.has_audio):
        raise ProbeError(stderr[-500:])
    return result


def _float(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _rate(value: str | None) -> float | None:
    if not value or "/" not in value:
        return _float(value)
    num, den = value.split("/", 1)
    try:
        return float(num) / float(den) if float(den) else None
    except ValueError:
        return None


# The codec of an encoded rendition ----------------------------------------------------------------------------

#: MP4 boxes that hold the sample description, from the top: moov/trak/mdia/minf/stbl/stsd/avc1/avcC
_CONTAINERS = {b"moov": 0, b"trak": 0, b"mdia": 0, b"minf": 0, b"stbl": 0, b"stsd": 8, b"avc1": 78}


def avc_codec_string(path: str | Path) -> str | None:
    """The RFC 6381 name of the H.264 stream of an MP4 (`avc1.64001f`: profile, constraint flags and level, read
    from its avcC box, exactly as the encoder wrote them), for the CODECS of the HLS master playlist; None when
    the file holds no H.264 video."""
    with open(path, "rb") as handle:
        moov = _top_level_box(handle, b"moov")
    record = _find_box(moov, b"avcC") if moov is not None else None
    if record is None or len(record) < 4:
        return None
    return "avc1." + record[1:4].hex()


def _boxes(data: bytes):
    """(type, payload) of the boxes laid one after the other in `data`."""
    position = 0
    while position + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[position:position + 8])
        header = 8
        if size == 1 and position + 16 <= len(data):
            size, header = struct.unpack(">Q", data[position + 8:position + 16])[0], 16
        elif size == 0:
            size = len(data) - position
        if size < header:
            return
        yield kind, data[position + header:position + size]
        position += size


def _top_level_box(handle, wanted: bytes) -> bytes | None:
    """The payload of the first top-level box of that type, reading past the others (mdat) without loading them."""
    while header := handle.read(8):
        if len(header) < 8:
            return None
        size, kind = struct.unpack(">I4s", header)
        header_size = 8
        if size == 1:
            size, header_size = struct.unpack(">Q", handle.read(8))[0], 16
        if kind == wanted:
            return handle.read(size - header_size) if size else handle.read()
        if size < header_size:
            return None
        handle.seek(size - header_size, 1)
    return None


def _find_box(data: bytes, wanted: bytes) -> bytes | None:
    for kind, payload in _boxes(data):
        if kind == wanted:
            return payload
        if kind in _CONTAINERS and (found := _find_box(payload[_CONTAINERS[kind]:], wanted)) is not None:
            return found
    return None
