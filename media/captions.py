"""WebVTT validation: a caption file is parsed before it is stored, and its cue text kept for search."""

from __future__ import annotations

import html
import re

from flask_babel import gettext as _

MAX_CAPTION_BYTES = 2 * 1024 * 1024
TIMING = re.compile(r"^((?:\d{2,}:)?\d{2}:\d{2}\.\d{3})\s+-->\s+((?:\d{2,}:)?\d{2}:\d{2}\.\d{3})(?:\s+.*)?$")
TAG = re.compile(r"<[^>]*>")


class CaptionError(ValueError):
    """The file is not valid WebVTT; the message says where, for people."""


def _seconds(stamp: str) -> float:
    parts = [float(p) for p in stamp.split(":")]
    while len(parts) < 3:
        parts.insert(0, 0.0)
    hours, minutes, seconds = parts
    if minutes >= 60 or seconds >= 60:
        raise ValueError(stamp)
    return hours * 3600 + minutes * 60 + seconds


def parse_webvtt(content: bytes) -> tuple[str, str]:
    """(normalised file, plain cue text); CaptionError when it is not WebVTT with at least one valid cue."""
    if len(content) > MAX_CAPTION_BYTES:
        raise CaptionError(_("Fichier de sous-titres trop volumineux (2 Mo au plus)."))
    try:
        source = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CaptionError(_("Le fichier de sous-titres doit être encodé en UTF-8.")) from exc
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in source:
        raise CaptionError(_("Le fichier de sous-titres contient des caractères interdits."))
    lines = source.split("\n")
    if not re.match(r"^WEBVTT(?:[ \t].*)?$", lines[0]):
        raise CaptionError(_("Ce n'est pas un fichier WebVTT : la première ligne doit être « WEBVTT »."))
    texts, cues, index = [], 0, 1
    while index < len(lines):
        line = lines[index]
        index += 1
        if "-->" not in line:
            continue
        match = TIMING.match(line.strip())
        if not match:
            raise CaptionError(_("Ligne %(number)s : horodatage invalide (attendu « 00:00:01.000 --> "
                                 "00:00:04.000 »).", number=index))
        try:
            start, end = _seconds(match.group(1)), _seconds(match.group(2))
        except ValueError as exc:
            raise CaptionError(_("Ligne %(number)s : horodatage invalide.", number=index)) from exc
        if end <= start:
            raise CaptionError(_("Ligne %(number)s : la fin du sous-titre précède son début.", number=index))
        cues += 1
        while index < len(lines) and lines[index].strip():
            texts.append(html.unescape(TAG.sub("", lines[index])).strip())
            index += 1
    if not cues:
        raise CaptionError(_("Le fichier ne contient aucun sous-titre."))
    return "\n".join(lines).strip() + "\n", "\n".join(t for t in texts if t)
