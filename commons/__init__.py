"""The shared catalogue: resources of every kind, their taxonomy, revisions, trash and attachments."""

from flask import Flask


def register(app: Flask) -> None:
    from commons import models  # noqa: F401
