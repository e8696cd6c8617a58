"""HTML pages of the observatory (French first): collectives, surveys and their answer page, self-assessment,
research questions, production plans, usage statistics and feedback."""

from __future__ import annotations

from flask import Blueprint
from flask_babel import gettext as _

from app.http import deny, me  # noqa: F401 - the package's views import them from here
from observatory.models import KIND_LABELS, WORK_LABELS

bp = Blueprint("observatory", __name__, template_folder="../templates", static_folder="../static",
               static_url_path="/observatoire/static")


def require(allowed: bool) -> None:
    if not allowed:
        deny()


@bp.app_template_global("obs_labels")
def obs_labels() -> dict:
    """Translated labels of the collectives' vocabularies, for every observatory template."""
    return {"kind": {k.value: _(v) for k, v in KIND_LABELS.items()},
            "work": {k.value: _(v) for k, v in WORK_LABELS.items()}}
