"""The shared catalogue: resources of every kind, their taxonomy, revisions, trash and attachments."""

from flask import Flask


def register(app: Flask) -> None:
    from app.api import api
    from commons import api as commons_api
    from commons import models  # noqa: F401 - tables known to create_all and Alembic
    from commons.views import bp, catalogue, editing, taxonomy  # noqa: F401 - routes attach to bp

    app.register_blueprint(bp)
    for blueprint in commons_api.blueprints:
        api.register_blueprint(blueprint)
