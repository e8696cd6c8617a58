"""Schemas at the HTTP edge: form inputs (French messages) and JSON outputs of the observatory."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from marshmallow import EXCLUDE, Schema, ValidationError, fields, pre_load, validate, validates_schema

from app.api import id_field
from observatory.models import (
    BuildingWork,
    CommentStatus,
    PlanStatus,
    ProjectKind,
    QuestionKind,
    QuestionStatus,
    SurveyStatus,
)


class _Form(Schema):
    class Meta:
        unknown = EXCLUDE


def _text(max_length: int, required: bool = False, **kwargs):
    if required:
        return fields.String(required=True, validate=validate.Length(min=1, max=max_length), **kwargs)
    return fields.String(load_default="", validate=validate.Length(max=max_length), **kwargs)


class SurveyInputSchema(_Form):
    title = _text(200, required=True)
    introduction = _text(10000)
    closes_on = fields.Date(load_default=None)


class SectionInputSchema(_Form):
    title = _text(200, required=True)


class QuestionInputSchema(_Form):
    label = _text(500, required=True)
    kind = fields.Enum(QuestionKind, by_value=True, required=True,
                       error_messages={"unknown": _l("Type de question inconnu.")})
    help_text = _text(500)
    is_required = fields.Boolean(load_default=False)
    options = fields.List(fields.String(validate=validate.Length(max=200)), load_default=list)
    scale_min = fields.Integer(load_default=1, validate=validate.Range(min=0, max=10))
    scale_max = fields.Integer(load_default=5, validate=validate.Range(min=1, max=20))
    section_id = id_field(load_default=None, allow_none=True)

    @pre_load
    def split_options(self, data, **kwargs):
        """The builder's textarea holds one option per line."""
        raw = data.get("options_text")
        if isinstance(raw, str):
            data = {**data, "options": [line.strip() for line in raw.splitlines() if line.strip()]}
            data.pop("options_text")
        if "is_required" in data and data["is_required"] in ("on", "1", "y"):
            data = {**data, "is_required": True}
        return data


class CriteriaInputSchema(_Form):
    kinds = fields.List(fields.Enum(ProjectKind, by_value=True), load_default=list)
    phases = fields.List(fields.String(validate=validate.Length(max=80)), load_default=list)
    departements = fields.List(fields.String(validate=validate.Length(max=3)), load_default=list)
    networks = fields.List(fields.String(validate=validate.Length(max=60)), load_default=list)

    @pre_load
    def split_departements(self, data, **kwargs):
        """Départements may be typed as "26, 07 38"."""
        raw = data.get("departements_text")
        if isinstance(raw, str):
            data = {**data, "departements": [part.strip().upper().zfill(2) for part in
                                             raw.replace(",", " ").split() if part.strip()]}
            data.pop("departements_text")
        return data


class SurveyStatusInputSchema(_Form):
    status = fields.Enum(SurveyStatus, by_value=True, required=True,
                         error_messages={"unknown": _l("État inconnu.")})


class ResearchQuestionInputSchema(_Form):
    title = _text(300, required=True)
    details = _text(10000)
    collective_id = id_field(load_default=None, allow_none=True)


class TriageInputSchema(_Form):
    status = fields.Enum(QuestionStatus, by_value=True, required=True,
                         error_messages={"unknown": _l("État inconnu.")})
    committee_note = _text(5000)
    resource_ids = fields.List(id_field(), load_default=list)

    @pre_load
    def split_ids(self, data, **kwargs):
        raw = data.get("resource_ids_text")
        if isinstance(raw, str):
            data = {**data, "resource_ids": [p for p in raw.replace(",", " ").split() if p]}
            data.pop("resource_ids_text")
        return data


class PlannedResourceInputSchema(_Form):
    partner_id = id_field(required=True)
    year = fields.Integer(required=True, validate=validate.Range(min=2020, max=2100))
    quarter = fields.Integer(load_default=None, validate=validate.Range(min=1, max=4))
    title = _text(300, required=True)
    kind_id = id_field(required=True)
    theme_id = id_field(required=True)
    target_course = _text(200)


class PlanUpdateInputSchema(_Form):
    status = fields.Enum(PlanStatus, by_value=True, required=True, error_messages={"unknown": _l("État inconnu.")})
    resource_id = id_field(load_default=None, allow_none=True)


class FeedbackInputSchema(_Form):
    rating = fields.Integer(required=True, validate=validate.Range(min=1, max=5, error=_l("Une note de 1 à 5.")))
    comment = _text(2000)


class ModerationInputSchema(_Form):
    decision = fields.String(required=True, validate=validate.OneOf([CommentStatus.APPROVED.value,
                                                                     CommentStatus.REJECTED.value]))


class StatisticsArgsSchema(_Form):
    partner = fields.String(load_default=None)
    since = fields.String(load_default=None, validate=validate.Regexp(r"^\d{4}-\d{2}$"))
    until = fields.String(load_default=None, validate=validate.Regexp(r"^\d{4}-\d{2}$"))


# JSON outputs -------------------------------------------------------------------------------------------------

class CollectiveOutputSchema(Schema):
    """The public part of a collective (never its contact)."""

    id = fields.Integer()
    name = fields.String()
    commune = fields.String()
    departement = fields.String()
    latitude = fields.Float(allow_none=True)
    longitude = fields.Float(allow_none=True)
    kind = fields.Function(lambda c: c.kind.value)
    phase = fields.Function(lambda c: c.phase.slug)
    households = fields.Integer(allow_none=True)
    building_work = fields.Function(lambda c: c.building_work.value if c.building_work else None)
    materials = fields.String()
    year_founded = fields.Integer(allow_none=True)
    networks = fields.Function(lambda c: [p.slug for p in c.networks])


class CollectiveArgsSchema(_Form):
    kind = fields.List(fields.Enum(ProjectKind, by_value=True), load_default=list)
    phase = fields.List(fields.String(validate=validate.Length(max=80)), load_default=list)
    departement = fields.List(fields.String(), load_default=list)
    network = fields.List(fields.String(), load_default=list)


class CountSchema(Schema):
    label = fields.String()
    count = fields.Integer()
    percent = fields.Float()


class QuestionResultSchema(Schema):
    question_id = fields.Integer()
    label = fields.String()
    kind = fields.String()
    withheld = fields.Boolean(metadata={"description": "Vrai quand moins de 5 collectifs ont répondu : "
                                                      "aucun chiffre n'est donné"})
    respondents = fields.Integer()
    counts = fields.List(fields.Nested(CountSchema))
    summary = fields.Dict(keys=fields.String(), values=fields.Float())
    texts = fields.List(fields.String())


class SurveyResultsSchema(Schema):
    survey_id = fields.Integer()
    title = fields.String()
    minimum_respondents = fields.Integer()
    questions = fields.List(fields.Nested(QuestionResultSchema))


class UsageMonthSchema(Schema):
    month = fields.String()
    counts = fields.Dict(keys=fields.String(), values=fields.Integer())


class UsageOutputSchema(Schema):
    months = fields.List(fields.Nested(UsageMonthSchema))


# Collectives and self-assessment grids (forms) ------------------------------------------------------------------

#: a number out of its range, in French (the fields show the first message of a list)
BETWEEN = _l("Un nombre entre {min} et {max}.")
DEPARTEMENT_PATTERN = r"^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$"


class CollectiveInputSchema(_Form):
    """The collective's form; empty optional numbers are "not given"."""

    name = _text(200, required=True)
    description = _text(10000)
    commune = _text(120, required=True)
    departement = fields.String(required=True, validate=validate.Regexp(
        DEPARTEMENT_PATTERN, error=_l("Département inconnu (01 à 95, 2A, 2B, 971 à 976).")))
    latitude = fields.Float(load_default=None, validate=validate.Range(min=-90, max=90, error=BETWEEN))
    longitude = fields.Float(load_default=None, validate=validate.Range(min=-180, max=180, error=BETWEEN))
    kind = fields.Enum(ProjectKind, by_value=True, required=True,
                       error_messages={"unknown": [_l("Type de projet inconnu.")]})
    phase = fields.String(required=True, validate=validate.Length(min=1, max=80))
    households = fields.Integer(load_default=None, validate=validate.Range(min=1, max=10000, error=BETWEEN))
    building_work = fields.Enum(BuildingWork, by_value=True, load_default=None,
                                error_messages={"unknown": [_l("Type de travaux inconnu.")]})
    materials = _text(300)
    year_founded = fields.Integer(load_default=None, validate=validate.Range(min=1900, max=2100, error=BETWEEN))
    contact_name = _text(200)
    contact_email = fields.Email(load_default="", validate=validate.Length(max=320))
    contact_phone = _text(40)
    is_listed = fields.Boolean(load_default=False)
    networks = fields.List(fields.String(validate=validate.Length(max=60)), load_default=list)

    @pre_load
    def blanks(self, data, **kwargs):
        """Empty optional fields are absent; a département typed "7" or "2a" means "07" or "2A"."""
        data = {key: value for key, value in data.items()
                if not (value == "" and key in OPTIONAL_COLLECTIVE_FIELDS)}
        if isinstance(data.get("departement"), str):
            code = data["departement"].strip().upper()
            data["departement"] = "0" + code if code.isdigit() and len(code) == 1 else code
        if data.get("is_listed") in ("on", "y", "1"):
            data["is_listed"] = True
        return data

    @validates_schema
    def both_coordinates(self, data, **kwargs):
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            raise ValidationError([_l("Donnez la latitude et la longitude, ou aucune des deux.")], "latitude")


OPTIONAL_COLLECTIVE_FIELDS = {"latitude", "longitude", "households", "building_work", "year_founded",
                              "contact_email"}


class GridInputSchema(_Form):
    title = _text(200, required=True)
    description = _text(5000)
    is_active = fields.Boolean(load_default=False)

    @pre_load
    def checkbox(self, data, **kwargs):
        if data.get("is_active") in ("on", "y", "1"):
            data = {**data, "is_active": True}
        return data


class DimensionInputSchema(_Form):
    title = _text(200, required=True)


class CriterionInputSchema(_Form):
    dimension_id = id_field(required=True, error_messages={"required": [_l("Choisissez une dimension.")]})
    label = _text(300, required=True)


class CollectivePointSchema(Schema):
    """A collective on the map: its public part only (never its contact, nor whether it is listed)."""

    id = fields.Integer()
    name = fields.String()
    commune = fields.String()
    departement = fields.String()
    latitude = fields.Float()
    longitude = fields.Float()
    kind = fields.String()
    kind_label = fields.String()
    phase = fields.String()
    phase_label = fields.String()
    url = fields.String()
