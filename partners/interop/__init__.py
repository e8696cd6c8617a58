"""Interoperability: Terreau as the hub between YesWiki and SemApps.

Publishing: a YesWiki Bazar façade (/yeswiki/), LDP containers in JSON-LD and Turtle with an ActivityPub outbox
(/ldp/), OAI-PMH (/oai), schema.org JSON-LD in resource pages. Importing: sources read by one connector per
system (connectors.REGISTRY), synchronised as background jobs, with a log and pending changes for editors.
"""

from flask import Flask


def register(app: Flask) -> None:
    from app.templating import add_head_elements
    from partners.interop import cli, models, tasks  # noqa: F401 - tables and jobs known before any request
    from partners.interop.demo import load_demo_sources
    from partners.interop.publish import bp as publish_bp
    from partners.interop.publish import ldp, oai, schemaorg, yeswiki  # noqa: F401 - routes attach to publish_bp
    from partners.interop.views import bp

    app.config.setdefault("INTEROP_TIMEOUT", 10)
    app.register_blueprint(publish_bp)
    app.register_blueprint(bp)
    add_head_elements(app, schemaorg.structured_data)
    from app.api import api
    from partners.interop.api import blp as api_blp

    api.register_blueprint(api_blp)
    app.cli.add_command(cli.sync_cli)
    app.cli.add_command(cli.interop_cli)
    from app.cli import add_demo_companion, add_demo_loader

    add_demo_loader(app, 60, load_demo_sources)
    # the demo sources point at these stand-ins; `make run` starts them with the site
    add_demo_companion(app, "yeswiki", ["interop", "fixture-server", "yeswiki", "--port", "8061"])
    add_demo_companion(app, "semapps", ["interop", "fixture-server", "semapps", "--port", "8062"])
