"""Image checks for logos and thumbnails: the type from the content (never the name), and the pixel size read
from the file header, without an imaging library."""

from __future__ import annotations

import struct

import filetype

#: sniffed extension -> MIME type of the images a logo may be (SVG is refused: it can carry scripts)
LOGO_TYPES = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp", "gif": "image/gif"}


def sniff_image(head: bytes) -> tuple[str, str] | None:
    """(extension, MIME type) of an accepted raster image, from its first bytes; None otherwise."""
    kind = filetype.guess(head)
    if kind is None or kind.extension not in LOGO_TYPES:
        return None
    return kind.extension, LOGO_TYPES[kind.extension]


def _png(data: bytes):
    if data[12:16] == b"IHDR":
        return struct.unpack(">II", data[16:24])
    return None


def _gif(data: bytes):
    return struct.unpack("<HH", data[6:10])


def _webp(data: bytes):
    chunk = data[12:16]
    if chunk == b"VP8 " and len(data) >= 30:
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X" and len(data) >= 30:
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    return None


def _jpeg(data: bytes):
    index = 2
    while index + 9 < len(data):
        if data[index] != 0xFF:
            index += 1
            continue
        marker = data[index + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            index += 2
            continue
        length = struct.unpack(">H", data[index + 2:index + 4])[0]
        # start-of-frame markers carry the size (not DHT C4, JPG C8, DAC CC)
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[index + 5:index + 9])
            return width, height
        index += 2 + length
    return None


_READERS = {"png": _png, "gif": _gif, "webp": _webp, "jpg": _jpeg}


def image_size(data: bytes, extension: str) -> tuple[int, int] | None:
    """(width, height) in pixels read from the header of an image of the sniffed `extension`, None if unreadable."""
    reader = _READERS.get(extension)
    try:
        size = reader(data) if reader else None
    except (struct.error, IndexError):
        return None
    if not size or size[0] <= 0 or size[1] <= 0:
        return None
    return int(size[0]), int(size[1])
