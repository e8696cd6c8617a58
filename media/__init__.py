"""Binary assets: where files live (storage), and later upload, probing, transcoding and streaming."""

from flask import Flask


def register(app: Flask) -> None:
    """Nothing to route yet: the storage is used by the packages above."""
