"""Marking strings for translation where they cannot be translated yet (see babel.cfg and `make translations`)."""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark `message` for extraction only; it is translated by `_()` where it is shown, in the request's language."""
    return message
