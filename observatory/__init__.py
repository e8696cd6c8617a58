"""The observatory of citizen collectives: who they are and where their building projects stand, surveys
addressed to them through personal links, self-assessments, research questions triaged by the scientific
committee, partners' shared production plans, and how the commons' resources are used.

Privacy: no figure computed over fewer than 5 respondents leaves the server (observatory.service.results).

Usage statistics are fed by a generic event table (`UsageEvent`). Packages record events with
`observatory.service.usage.record_usage(kind, source=..., resource_id=..., partner_id=..., subject=...,
user_id=..., occurred_dt=..., dedupe_key=...)` when they sit below observatory (partners), or, when they sit
above it and may not import it (commons, courses, paths), by sending the named blinker signal "terreau.usage"
with the same keyword arguments:

    from blinker import signal
    signal("terreau.usage").send("paths", kind="completion", resource_id=step.resource_id,
                                 partner_id=course.partner_id, subject=f"course:{course.id}",
                                 user_id=learner.id, dedupe_key=f"paths:completion:{enrolment.id}:{step.id}")

The commons' resource views and attachment downloads are recorded by an after-request hook (no change to
commons). Kinds: view, download, embed_load, completion, enrolment.
"""

from flask import Flask
from flask_babel import lazy_gettext as _l


def register(app: Flask) -> None:
    import observatory.views.grids
    import observatory.views.registry  # noqa: F401 - their routes join the blueprint
    from app.api import api
    from app.cli import add_demo_loader
    from app.templating import add_account_link
    from observatory import api as observatory_api
    from observatory import models  # noqa: F401 - tables known to create_all and Alembic
    from observatory.demo import load_demo_observatory
    from observatory.service.usage import can_see_statistics, init_usage
    from observatory.views import answer, assessment, bp, collectives, plans, research, surveys, testimonies, usage  # noqa: F401

    app.register_blueprint(bp)
    for blueprint in observatory_api.blueprints:
        api.register_blueprint(blueprint)
    init_usage(app)
    add_demo_loader(app, 60, load_demo_observatory)
    add_account_link(app, _l("Statistiques d'usage"), "observatory.statistics", 60, can_see_statistics)
    add_account_link(app, _l("Commentaires à modérer"), "observatory.moderation", 61,
                     lambda user: user.is_contributor)
    add_account_link(app, _l("Enquêtes de l'observatoire"), "observatory.surveys", 62,
                     lambda user: user.is_researcher)

