"""Input schemas of taxonomy terms (kinds, themes, phases, licences), shared by the JSON API and the admin forms.

The slug is given once, at creation: it is the stable identifier used in URLs, filters, exports and revision
snapshots, so it is not editable afterwards. What depends on the vocabulary (a version number in licence
codes, an address for licences only) is checked by commons.taxonomy, the one place that knows vocabularies.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import EXCLUDE, Schema, ValidationError, fields, pre_load, validate, validates

SLUG_PATTERN = r"^[a-z0-9-]+$"
#: licence codes may end with a version number, as in cc-by-sa-4.0
LICENCE_SLUG_PATTERN = r"^[a-z0-9-]+(\.[0-9]+)*$"
SLUG_ERROR = _l("Lettres minuscules sans accent, chiffres et tirets uniquement.")


class TermInputSchema(Schema):
    """A new term, from a JSON body or the create form."""

    slug = fields.String(required=True, validate=[
        validate.Length(max=80, error=_l("{max} caractères au plus.")),
        # the widest rule, that of licences; commons.taxonomy narrows it for the other vocabularies
        validate.Regexp(LICENCE_SLUG_PATTERN, error=_l("Lettres minuscules sans accent, chiffres et tirets "
                                                       "uniquement, plus un numéro de version pour une licence "
                                                       "(cc-by-4.0)."))],
        metadata={"description": "`^[a-z0-9-]+$`, plus un numéro de version pour une licence (cc-by-sa-4.0)"})
    label = fields.String(required=True, validate=validate.Length(
        min=1, max=200, error=_l("Entre {min} et {max} caractères.")))
    label_en = fields.String(load_default="", validate=validate.Length(max=200, error=_l("{max} caractères au plus.")))
    description = fields.String(load_default="", validate=validate.Length(
        max=5000, error=_l("{max} caractères au plus.")))
    #: display order; empty means "last" when creating and "keep it" when editing
    position = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(
        min=0, max=100_000, error=_l("Un nombre entre {min} et {max}.")))
    url = fields.Url(load_default=None, allow_none=True, schemes={"http", "https"}, validate=validate.Length(
        max=300, error=_l("{max} caractères au plus.")), metadata={"description": "Licences seulement"})

    @pre_load
    def strip_text(self, data, *, partial=False, **kwargs):
        """Surrounding spaces are typing noise. Loading a whole term, a blank field counts as not given (a label
        of spaces is missing); in a partial update (API PATCH), "" is kept, since it clears the field."""
        if not isinstance(data, dict):  # marshmallow reports the wrong type
            return data
        cleaned = {key: value.strip() if isinstance(value, str) else value for key, value in data.items()}
        if partial:
            return cleaned
        return {key: value for key, value in cleaned.items() if value != ""}


class TermUpdateSchema(TermInputSchema):
    """Changes to a term (only the fields sent); `is_retired` withdraws it instead of deleting it."""

    is_retired = fields.Boolean()

    def __init__(self, **kwargs):
        super().__init__(**{"partial": True, **kwargs})

    @validates("slug")
    def slug_is_stable(self, value, **kwargs):
        raise ValidationError(_("Le slug d'un terme ne change pas."))


def term_form_schema(creating: bool, with_url: bool) -> Schema:
    """The schema of an admin form: the API's, ignoring what the form does not show (the address outside
    licences, the slug once created) and, when editing, expecting the whole term: an emptied field is cleared."""
    hidden = () if with_url else ("url",)
    if creating:
        return TermInputSchema(exclude=hidden, unknown=EXCLUDE)
    return TermUpdateSchema(partial=False, exclude=("slug", "is_retired", *hidden), unknown=EXCLUDE)
