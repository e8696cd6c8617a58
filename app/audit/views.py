"""The journal page (/admin/journal): platform admins read every event, partner admins their partners'."""

from __future__ import annotations

from flask import render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from marshmallow import ValidationError

from app.audit import bp
from app.audit.schemas import JournalFilterSchema
from app.audit.service import ACTION_LABELS, journal_query, may_read_journal, readable_partners
from app.http import deny, french_errors, me, paginate
from app.templating import add_account_link

PER_PAGE = 30

bp.record_once(lambda state: add_account_link(state.app, _l("Journal d'administration"), "audit.journal", 90,
                                              show=may_read_journal))


def _filters() -> tuple[dict, dict]:
    """The validated filters of the query string, and the errors of those that are not valid (then ignored)."""
    try:
        return JournalFilterSchema().load(request.args.to_dict()), {}
    except ValidationError as exc:
        return {}, french_errors(exc.messages)


@bp.get("/admin/journal")
@login_required
def journal():
    """Who did which administrative action on what, newest first, with filters and pages."""
    user = me()
    if not may_read_journal(user):
        deny()
    filters, errors = _filters()
    page = paginate(journal_query(user, filters), request.args.get("page", 1, type=int), PER_PAGE)
    partners = readable_partners(user)
    args = {key: value for key, value in request.args.items() if key != "page" and value}
    return render_template("audit/journal.html", page=page, errors=errors, form=request.args,
                           actions=ACTION_LABELS, partner_options=[(p.id, p.name) for p in partners],
                           partner_names={partner.id: partner.name for partner in partners},
                           page_url=lambda number: url_for(".journal", page=number, **args)), 422 if errors else 200
