"""The shared catalogue: resources of every kind, their taxonomy, revisions, trash and attachments."""

from flask import Flask


def register(app: Flask) -> None:
    from app.api import api
    from app.cli import add_demo_loader
    from commons import api as commons_api
    from commons import imports as spreadsheet_imports
    from commons import models  # noqa: F401 - tables known to create_all and Alembic
    from commons import search as search_engine
    from commons.demo import load_demo_resources
    from commons.imports import models as import_models  # noqa: F401 - tables known to create_all and Alembic
    from commons.media_policy import register_media_policy
    from commons.views import bp, catalogue, editing, imports, search, taxonomy  # noqa: F401 - routes attach to bp

    app.register_blueprint(bp)
    for blueprint in commons_api.blueprints:
        api.register_blueprint(blueprint)
    add_demo_loader(app, 20, load_demo_resources)
    search_engine.init_app(app)
    register_media_policy(app)
    spreadsheet_imports.register(app)
