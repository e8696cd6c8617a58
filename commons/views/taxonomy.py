"""Taxonomy administration for platform admins: kinds, themes, project phases and licences.

Terms are created, edited, retired and reactivated, never deleted: a retired term stays on the resources that
use it but is no longer offered in forms. Everyone else gets a 403; anonymous visitors go to the login page.
The operations are those of commons.taxonomy, shared with the JSON API; these pages add their wording.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from marshmallow import ValidationError

from app.db import db
from app.http import french_errors, load_form
from app.templating import add_account_link
from commons import taxonomy
from commons.service import Conflict
from commons.taxonomy_schemas import term_form_schema
from commons.views import bp

bp.record_once(lambda state: add_account_link(state.app, _l("Taxonomie du commun"), "commons.taxonomy_index", 90,
                                              lambda user: user.is_platform_admin))


@dataclass(frozen=True)
class VocabularyPage:
    """A vocabulary as these pages show it: its URL segment and wording around the taxonomy's vocabulary."""

    key: str
    vocabulary: taxonomy.Vocabulary
    title: str
    intro: str

    @property
    def has_url(self) -> bool:
        return self.vocabulary.has_url


#: URL segment -> page; kinds are "types" here, as the admins call them
PAGES = {
    page.key: page for page in (
        VocabularyPage("types", taxonomy.VOCABULARIES["kinds"], _l("Types de ressource"),
                       _l("Vidéo, méthode, dossier, outil… : la nature de chaque ressource.")),
        VocabularyPage("themes", taxonomy.VOCABULARIES["themes"], _l("Thèmes"),
                       _l("Les sujets traités : gouvernance, foncier, financement…")),
        VocabularyPage("phases", taxonomy.VOCABULARIES["phases"], _l("Phases de projet"),
                       _l("Les étapes d'un projet d'habitat, de l'émergence de l'idée à la vie du lieu.")),
        VocabularyPage("licences", taxonomy.VOCABULARIES["licences"], _l("Licences"),
                       _l("Les conditions de réutilisation proposées aux contributeur·rices.")),
    )
}


# Loading and access -------------------------------------------------------------------------------------------

def _require_platform_admin() -> None:
    if not current_user.is_platform_admin:
        abort(403)


def _page_or_404(key: str) -> VocabularyPage:
    page = PAGES.get(key)
    if page is None:
        abort(404)
    return page


def _term_or_404(page: VocabularyPage, term_id: int):
    term = taxonomy.get_term(page.vocabulary, term_id)
    if term is None:
        abort(404)
    return term


def _slug_taken(page: VocabularyPage, slug: str) -> dict:
    """Field errors naming the term that already uses the slug in this vocabulary."""
    other = taxonomy.term_with_slug(page.vocabulary, slug)
    if other is None:
        return {}
    return {"slug": [_("Ce code est déjà utilisé par « %(label)s ».", label=other.label)]}


# Pages --------------------------------------------------------------------------------------------------------

@bp.get("/admin/taxonomie/")
@login_required
def taxonomy_index():
    """The four vocabularies side by side, with how many resources use each term."""
    _require_platform_admin()
    sections = [(page, taxonomy.terms(page.vocabulary, include_retired=True),
                 taxonomy.resource_counts(page.vocabulary)) for page in PAGES.values()]
    return render_template("commons/taxonomy_index.html", sections=sections)


def _render_terms(page: VocabularyPage, status: int = 200, form=None, errors=None):
    return render_template("commons/taxonomy_terms.html", vocabulary=page,
                           terms=taxonomy.terms(page.vocabulary, include_retired=True),
                           counts=taxonomy.resource_counts(page.vocabulary), form=form or {},
                           errors=errors or {}), status


@bp.route("/admin/taxonomie/<vocabulary>/", methods=["GET", "POST"])
@login_required
def taxonomy_terms(vocabulary: str):
    """The terms of one vocabulary and the form to add one."""
    _require_platform_admin()
    page = _page_or_404(vocabulary)
    if request.method == "GET":
        return _render_terms(page)
    data, errors = load_form(term_form_schema(creating=True, with_url=page.has_url))
    if errors:
        return _render_terms(page, 422, request.form, errors)
    try:
        term = taxonomy.create_term(page.vocabulary, data)
    except ValidationError as exc:
        return _render_terms(page, 422, request.form, french_errors(exc.messages))
    except Conflict:  # the slug is taken, perhaps meanwhile by someone else
        db.session.rollback()
        return _render_terms(page, 409, request.form, _slug_taken(page, data["slug"]))
    db.session.commit()
    flash(_("« %(label)s » a été ajouté.", label=term.label), "success")
    return redirect(url_for("commons.taxonomy_terms", vocabulary=page.key), 303)


def _render_term(page: VocabularyPage, term, status: int = 200, form=None, errors=None):
    if form is None:
        form = {field: getattr(term, field) for field in page.vocabulary.editable_fields}
    count = taxonomy.resource_counts(page.vocabulary).get(term.id, 0)
    return render_template("commons/taxonomy_term.html", vocabulary=page, term=term, count=count,
                           form=form, errors=errors or {}), status


@bp.route("/admin/taxonomie/<vocabulary>/<int:term_id>", methods=["GET", "POST"])
@login_required
def taxonomy_term(vocabulary: str, term_id: int):
    """Edit a term's wording and position (its slug stays as it was created)."""
    _require_platform_admin()
    page = _page_or_404(vocabulary)
    term = _term_or_404(page, term_id)
    if request.method == "GET":
        return _render_term(page, term)
    data, errors = load_form(term_form_schema(creating=False, with_url=page.has_url))
    if errors:
        return _render_term(page, term, 422, request.form, errors)
    taxonomy.update_term(page.vocabulary, term, data)
    db.session.commit()
    flash(_("« %(label)s » a été modifié.", label=term.label), "success")
    return redirect(url_for("commons.taxonomy_terms", vocabulary=page.key), 303)


@bp.post("/admin/taxonomie/<vocabulary>/<int:term_id>/retirer")
@login_required
def taxonomy_retire(vocabulary: str, term_id: int):
    """Stop offering the term; resources that use it keep it."""
    _require_platform_admin()
    page = _page_or_404(vocabulary)
    term = _term_or_404(page, term_id)
    taxonomy.set_retired(term, True)
    db.session.commit()
    flash(_("« %(label)s » est retiré : il reste sur les ressources qui l'utilisent mais n'est plus proposé.",
            label=term.label), "success")
    return redirect(url_for("commons.taxonomy_terms", vocabulary=page.key), 303)


@bp.post("/admin/taxonomie/<vocabulary>/<int:term_id>/reactiver")
@login_required
def taxonomy_reactivate(vocabulary: str, term_id: int):
    """Offer a retired term again."""
    _require_platform_admin()
    page = _page_or_404(vocabulary)
    term = _term_or_404(page, term_id)
    taxonomy.set_retired(term, False)
    db.session.commit()
    flash(_("« %(label)s » est de nouveau proposé.", label=term.label), "success")
    return redirect(url_for("commons.taxonomy_terms", vocabulary=page.key), 303)
