"""Turning remote rich text (YesWiki's HTML, plain literals) into the Markdown source of a resource."""

from __future__ import annotations

import html
import re

import nh3

_BREAKS = re.compile(r"(?i)<\s*(br\s*/?|/p|/div|/li|/h[1-6])\s*>")
_BLANKS = re.compile(r"\n{3,}")


def html_to_text(value) -> str:
    """Paragraphs kept as blank lines, every tag dropped, entities decoded."""
    if value is None:
        return ""
    text = _BREAKS.sub("\n\n", str(value))
    text = html.unescape(nh3.clean(text, tags=set()))
    lines = [line.strip() for line in text.replace("\r", "").split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()
