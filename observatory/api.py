"""JSON API of the observatory under /api/v1/observatory: collectives, survey results, usage statistics.

Survey results come from the same service as the pages and the CSV export, so the 5-respondent rule holds here
too: a withheld question carries `withheld: true` and no figure.
"""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from app.api import make_api_blueprint, problem_responses, requires
from app.db import db
from observatory.models import Survey
from observatory.schemas import (
    CollectiveArgsSchema,
    CollectiveOutputSchema,
    StatisticsArgsSchema,
    SurveyResultsSchema,
    UsageOutputSchema,
)
from observatory.service import collectives as collectives_service
from observatory.service import results as results_service
from observatory.service import usage as usage_service

blp = make_api_blueprint(
    "observatory_api", __name__, "/observatory",
    "Observatoire des collectifs : registre public des collectifs et de leurs projets (sans leurs contacts), "
    "résultats agrégés des enquêtes (aucun chiffre sous 5 répondants), statistiques d'usage des ressources.")


def _can_read_results(user) -> bool:
    return user.is_authenticated and (user.is_researcher or user.is_partner_member)


@blp.route("/collectives", methods=["GET"])
@problem_responses(blp, 400)
@blp.arguments(CollectiveArgsSchema, location="query")
@blp.response(200, CollectiveOutputSchema(many=True))
def list_collectives(args):
    """Collectives the caller may see, filtered like the list page (each filter repeatable)."""
    criteria = {"kinds": [k.value for k in args["kind"]], "phases": args["phase"],
                "departements": args["departement"], "networks": args["network"]}
    return collectives_service.list_collectives(current_user._get_current_object(), criteria)


@blp.route("/surveys/<int:survey_id>/results", methods=["GET"])
@problem_responses(blp, 400, 401, 403, 404)
@blp.response(200, SurveyResultsSchema)
@requires(_can_read_results)
def survey_results(survey_id: int):
    """Per-question aggregates of the submitted responses; fewer than 5 respondents: withheld."""
    survey = db.session.get(Survey, survey_id)
    if survey is None:
        abort(404)
    return {"survey_id": survey.id, "title": survey.title, "minimum_respondents": results_service.MIN_RESPONDENTS,
            "questions": [result.as_dict(with_texts=current_user.is_researcher)
                          for result in results_service.survey_results(survey)]}


@blp.route("/usage", methods=["GET"])
@problem_responses(blp, 400, 401, 403, 404)
@blp.arguments(StatisticsArgsSchema, location="query")
@blp.response(200, UsageOutputSchema)
@requires(usage_service.can_see_statistics)
def usage(args):
    """Usage events per month and kind (views, downloads, embed loads, completions, enrolments)."""
    import sqlalchemy as sa

    from app.accounts.models import Partner

    partner_id = None
    if args["partner"]:
        partner_id = db.session.scalar(sa.select(Partner.id).where(Partner.slug == args["partner"]))
        if partner_id is None:
            abort(404)
    months = usage_service.by_month(partner_id, args["since"], args["until"])
    return {"months": [{"month": month, "counts": counts} for month, counts in months.items()]}


blueprints = [blp]
