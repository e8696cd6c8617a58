"""Survey pages for the scientific committee: list, builder, addressing, reminders, results and export."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from app.accounts.models import Partner
from app.db import db
from app.http import french_errors, load_form
from commons.models import Phase
from observatory import chartdata
from observatory.models import (
    QUESTION_KIND_LABELS,
    STATUS_LABELS,
    ProjectKind,
    Question,
    QuestionKind,
    Survey,
)
from observatory.schemas import (
    CriteriaInputSchema,
    QuestionInputSchema,
    SectionInputSchema,
    SurveyInputSchema,
    SurveyStatusInputSchema,
)
from observatory.service import results as results_service
from observatory.service import surveys as service
from observatory.views import bp, me, require


def survey_or_404(survey_id: int) -> Survey:
    """Surveys exist only for the committee: others are refused before learning whether it exists."""
    require(Survey.can_manage(me()))
    survey = db.session.get(Survey, survey_id)
    if survey is None:
        abort(404)
    return survey


def can_read_results(user) -> bool:
    """Results (never below the threshold) are shared with the committee and every partner's members."""
    return bool(user.is_authenticated and (user.is_researcher or user.is_partner_member))


@bp.get("/observatoire/enquetes/")
def surveys():
    user = me()
    require(Survey.can_manage(user) or can_read_results(user))
    found = list(db.session.scalars(sa.select(Survey).order_by(Survey.created_dt.desc())))
    rates = {survey.id: service.response_rate(survey) for survey in found}
    return render_template("observatory/surveys.html", surveys=found, rates=rates, form={}, errors={},
                           can_manage=Survey.can_manage(user), status_labels=STATUS_LABELS)


@bp.post("/observatoire/enquetes/")
def create_survey():
    user = me()
    require(Survey.can_manage(user))
    data, errors = load_form(SurveyInputSchema())
    if errors:
        found = list(db.session.scalars(sa.select(Survey).order_by(Survey.created_dt.desc())))
        return render_template("observatory/surveys.html", surveys=found, rates={}, form=request.form,
                               errors=errors, can_manage=True, status_labels=STATUS_LABELS), 422
    survey = service.create_survey(data, user)
    db.session.commit()
    return redirect(url_for("observatory.survey", survey_id=survey.id), 303)


def render_survey(survey: Survey, status: int = 200, **context):
    submitted, invited = service.response_rate(survey)
    partners = list(db.session.scalars(sa.select(Partner).order_by(Partner.name)))
    phases = list(db.session.scalars(sa.select(Phase).order_by(Phase.position)))
    context.setdefault("errors", {})
    context.setdefault("form", {})
    return render_template("observatory/survey.html", survey=survey, groups=service.ordered_questions(survey),
                           submitted=submitted, invited=invited, kinds=list(ProjectKind),
                           phases=phases, partners=partners, question_kinds=QUESTION_KIND_LABELS,
                           status_labels=STATUS_LABELS, links={i.id: service.personal_url(i)
                                                               for i in survey.invitations}, **context), status


@bp.get("/observatoire/enquetes/<int:survey_id>")
def survey(survey_id: int):
    return render_survey(survey_or_404(survey_id))


@bp.post("/observatoire/enquetes/<int:survey_id>/sections")
def add_section(survey_id: int):
    found = survey_or_404(survey_id)
    data, errors = load_form(SectionInputSchema())
    if errors:
        return render_survey(found, 422, errors=errors)
    service.add_section(found, data["title"])
    db.session.commit()
    return redirect(url_for("observatory.survey", survey_id=found.id) + "#constructeur", 303)


@bp.post("/observatoire/enquetes/<int:survey_id>/questions")
def add_question(survey_id: int):
    found = survey_or_404(survey_id)
    data, errors = load_form(QuestionInputSchema())
    if not errors:
        try:
            service.add_question(found, data)
        except ValidationError as exc:
            errors = french_errors(exc.messages)
    if errors:
        db.session.rollback()
        return render_survey(found, 422, errors=errors, form=request.form)
    db.session.commit()
    return redirect(url_for("observatory.survey", survey_id=found.id) + "#constructeur", 303)


@bp.post("/observatoire/enquetes/<int:survey_id>/questions/<int:question_id>/supprimer")
def remove_question(survey_id: int, question_id: int):
    found = survey_or_404(survey_id)
    question = db.session.get(Question, question_id)
    if question is None or question.survey_id != found.id:
        abort(404)
    try:
        service.remove_question(found, question)
    except ValidationError as exc:
        return render_survey(found, 409, errors=french_errors(exc.messages))
    db.session.commit()
    return redirect(url_for("observatory.survey", survey_id=found.id) + "#constructeur", 303)


@bp.post("/observatoire/enquetes/<int:survey_id>/destinataires")
def address_survey(survey_id: int):
    found = survey_or_404(survey_id)
    data, errors = load_form(CriteriaInputSchema(), list_fields={"kinds", "phases", "networks"})
    if errors:
        return render_survey(found, 422, errors=errors)
    criteria = {key: [getattr(v, "value", v) for v in values] for key, values in data.items()}
    created = service.address_survey(found, criteria)
    db.session.commit()
    flash(_("%(count)s collectif(s) ajouté(s) aux destinataires.", count=len(created)), "success")
    return redirect(url_for("observatory.survey", survey_id=found.id) + "#destinataires", 303)


@bp.post("/observatoire/enquetes/<int:survey_id>/statut")
def survey_status(survey_id: int):
    found = survey_or_404(survey_id)
    data, errors = load_form(SurveyStatusInputSchema())
    if not errors:
        try:
            service.set_status(found, data["status"])
        except ValidationError as exc:
            errors = french_errors(exc.messages)
    if errors:
        db.session.rollback()
        return render_survey(found, 422, errors=errors)
    db.session.commit()
    return redirect(url_for("observatory.survey", survey_id=found.id), 303)


@bp.post("/observatoire/enquetes/<int:survey_id>/relances")
def remind(survey_id: int):
    found = survey_or_404(survey_id)
    try:
        queued = service.queue_reminders(found)
    except service.SurveyClosed:
        return render_survey(found, 409, errors={"reminders": [_("L'enquête n'accepte plus de réponses.")]})
    db.session.commit()
    flash(_("%(count)s relance(s) placée(s) dans la boîte d'envoi.", count=queued), "success")
    return redirect(url_for("observatory.survey", survey_id=found.id) + "#destinataires", 303)


def results_survey_or_404(survey_id: int) -> Survey:
    require(can_read_results(me()))
    survey = db.session.get(Survey, survey_id)
    if survey is None:
        abort(404)
    return survey


def result_chart(result) -> dict | None:
    """The bars of one question's answers; nothing for a withheld question."""
    if result.withheld or not result.counts:
        return None
    return chartdata.bar(result.question.label, [(label, count) for label, count, _ in result.counts])


def cross_chart(question: Question, columns: list[str], rows) -> dict | None:
    """One stacked bar per group that passed the threshold, one segment per answer; withheld groups are left out."""
    shown = [(group, agg) for group, agg in rows if not agg.withheld]
    if not shown:
        return None
    return chartdata.columns(question.label, [group for group, _ in shown],
                             [(column, [agg.counts[index][1] for _, agg in shown])
                              for index, column in enumerate(columns)], stacked=True, horizontal=True)


@bp.get("/observatoire/enquetes/<int:survey_id>/resultats")
def results(survey_id: int):
    found = results_survey_or_404(survey_id)
    aggregates = results_service.survey_results(found)
    crossable = [q for q in found.questions if q.kind in results_service.CROSSABLE]
    cross = None
    question_id, by = request.args.get("question", type=int), request.args.get("par")
    if question_id and by:
        question = next((q for q in crossable if q.id == question_id), None)
        if question is None or by not in results_service.CROSS_BY:
            abort(400)
        rows, columns = results_service.cross_tab(found, question, by), _cross_columns(question)
        cross = {"question": question, "by": by, "rows": rows, "columns": columns,
                 "chart": cross_chart(question, columns, rows)}
    submitted, invited = service.response_rate(found)
    return render_template("observatory/results.html", survey=found, aggregates=aggregates,
                           charts={r.question.id: result_chart(r) for r in aggregates}, crossable=crossable,
                           cross=cross, submitted=submitted, invited=invited,
                           minimum=results_service.MIN_RESPONDENTS, can_manage=Survey.can_manage(me()))


def _cross_columns(question: Question) -> list[str]:
    if question.kind == QuestionKind.SCALE:
        return [str(step) for step in range(question.scale_min, question.scale_max + 1)]
    return list(question.options)


@bp.get("/observatoire/enquetes/<int:survey_id>/resultats.csv")
def results_csv(survey_id: int):
    found = results_survey_or_404(survey_id)
    return Response(results_service.results_csv(found), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename=enquete-{found.id}-resultats.csv"})
