"""HTML pages of the observatory (French first): collectives, surveys and their answer page, self-assessment,
research questions, production plans, usage statistics and feedback."""

from __future__ import annotations

from flask import Blueprint, abort
from flask_babel import gettext as _
from flask_login import current_user

from app.extensions import login_manager
from observatory.models import KIND_LABELS, WORK_LABELS

bp = Blueprint("observatory", __name__, template_folder="../templates", static_folder="../static",
               static_url_path="/observatoire/static")


def me():
    return current_user._get_current_object()


def deny():
    """Anonymous visitors go to the login page; signed-in users get 403."""
    if not current_user.is_authenticated:
        abort(login_manager.unauthorized())
    abort(403)


def require(allowed: bool) -> None:
    if not allowed:
        deny()


@bp.app_template_global("obs_labels")
def obs_labels() -> dict:
    """Translated labels of the collectives' vocabularies, for every observatory template."""
    return {"kind": {k.value: _(v) for k, v in KIND_LABELS.items()},
            "work": {k.value: _(v) for k, v in WORK_LABELS.items()}}
