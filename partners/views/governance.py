"""The governance page: roles and what each may do, computed from the permission code (partners.governance)."""

from __future__ import annotations

from flask import render_template
from flask_babel import lazy_gettext as _l

from app.accounts.models import Role
from app.templating import add_nav_item
from partners.governance import PROBE_ROLES, ensure_registered, matrix
from partners.views import bp

bp.record_once(lambda state: add_nav_item(state.app, _l("Gouvernance"), "partners.governance", 60))

#: what each role is for, in the words of design.md
ROLE_PURPOSES = {
    "learner": _l("suit des parcours et des sessions."),
    "facilitator": _l("anime des sessions et accompagne les apprenant·es."),
    "editor": _l("rédige et publie les ressources (et bientôt les parcours) de son partenaire."),
    "admin": _l("gère les membres, l'apparence, le portail et les intégrations de son partenaire."),
    "platform": _l("administre la plateforme : taxonomie, accueil des nouveaux partenaires, tous les partenaires."),
    "anonymous": _l("lit ce qui est public, sur le site, les portails et les sites partenaires."),
}


@bp.get("/gouvernance")
def governance():
    """Roles and what each may do, generated from the permission checks themselves."""
    ensure_registered()
    return render_template("partners/governance.html", roles=PROBE_ROLES, groups=matrix(), purposes=ROLE_PURPOSES,
                           role_enum=Role)
