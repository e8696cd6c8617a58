"""What partners see and sync: designs, portals, embeds, and interoperability with YesWiki and SemApps."""

from flask import Flask


def register(app: Flask) -> None:
    from partners.interop import register as register_interop

    register_interop(app)
