"""What partners see and sync: per-partner designs and portals, embeds (iframe, oEmbed) with their framing
allow-lists and usage statistics, partner onboarding and the governance page, and interoperability with YesWiki
and SemApps (`partners.interop`).

The top layer: it reads media, the commons, courses, paths and the observatory through their services and models.
Embeddable things (resources, videos, course steps, course outlines) are registered in
`partners.embeds.EMBEDDABLE_KINDS` (a registry, one entry per kind; see also `partners.embed_kinds`). Usage is
counted once, in the observatory's usage events: page views (the portal's resource page records its own) and embed
loads, which the portals' "most used" lists read; partners keeps only the embedding site of each embed load (its
`EmbedLoad` table), see `partners.service.record_embed_load`. Pages get their oEmbed discovery links, and resource
pages their schema.org JSON-LD (`partners.interop`), through the base layout's head hook.
"""

from flask import Flask


def register(app: Flask) -> None:
    from app.cli import add_demo_loader
    from partners import embeds, hooks, models  # noqa: F401 - tables known to create_all and Alembic
    from partners.demo import load_demo_designs
    from partners.interop import register as register_interop
    from partners.views import bp, design, embed, governance, onboarding, portal  # noqa: F401 - routes on bp

    app.register_blueprint(bp)
    embeds.register_builtin_kinds()
    hooks.init_app(app)
    add_demo_loader(app, 40, load_demo_designs)
    register_interop(app)
