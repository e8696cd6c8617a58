"""Who may do what, computed by running the permission code itself, so the governance page cannot drift.

Each capability is a probe: a function of (user, own partner, other partner) that calls the real permission
methods (`Partner.can_manage`, `Resource.can_view`/`can_edit`, the embed registry, onboarding's check) on
unsaved example objects. The page evaluates every probe for one example person per role. Packages that add
permissions (courses, paths) add their probes with `register_capability`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask_login import AnonymousUserMixin

from app.accounts.models import Membership, Partner, Role, User
from app.i18n import N_


@dataclass(frozen=True)
class Capability:
    group: str  #: heading (N_ marked)
    label: str  #: what the person may do (N_ marked)
    probe: Callable[[object, Partner, Partner], bool]


CAPABILITIES: list[Capability] = []

#: the columns of the page: key, label, the role held in the example partner (None: no membership)
PROBE_ROLES = (
    ("anonymous", N_("Visiteur·se sans compte"), None),
    ("learner", N_("Apprenant·e"), Role.LEARNER),
    ("facilitator", N_("Animateur·rice"), Role.FACILITATOR),
    ("editor", N_("Éditeur·rice"), Role.EDITOR),
    ("admin", N_("Administrateur·rice du partenaire"), Role.ADMIN),
    ("platform", N_("Administrateur·rice de la plateforme"), None),
)


def register_capability(group: str, label: str, probe: Callable[[object, Partner, Partner], bool]) -> None:
    CAPABILITIES.append(Capability(group, label, probe))


def example_partners() -> tuple[Partner, Partner]:
    """Two unsaved partners: the example person's own, and another one."""
    return (Partner(id=-1, slug="exemple", name="Exemple", short_name="EX", is_active=True),
            Partner(id=-2, slug="autre", name="Autre", short_name="AU", is_active=True))


def example_user(key: str, role: Role | None, own: Partner):
    """An unsaved person holding `role` in `own` (or the anonymous visitor, or a platform admin)."""
    if key == "anonymous":
        return AnonymousUserMixin()
    user = User(id=-10, email=f"{key}@exemple.invalid", name=key, is_active_account=True,
                is_platform_admin=key == "platform")
    if role is not None:
        user.memberships = [Membership(partner_id=own.id, role=role)]
    return user


def matrix() -> list[tuple[str, list[tuple[Capability, list[bool]]]]]:
    """[(group, [(capability, [allowed for each of PROBE_ROLES])])], in registration order."""
    own, other = example_partners()
    people = [example_user(key, role, own) for key, _label, role in PROBE_ROLES]
    groups: dict[str, list] = {}
    for capability in CAPABILITIES:
        groups.setdefault(capability.group, []).append(
            (capability, [bool(capability.probe(person, own, other)) for person in people]))
    return list(groups.items())


# The permissions that exist in this tree ----------------------------------------------------------------------

def _resource(owner: Partner, visibility: str, status: str = "published"):
    from commons.models import Resource, Status, Visibility

    return Resource(id=-1, title="Exemple", owner_partner_id=owner.id, status=Status(status),
                    visibility=Visibility(visibility), is_deleted=False)


def _register_builtin() -> None:
    from commons.api.common import is_platform_admin
    from partners.embeds import EMBEDDABLE_KINDS
    from partners.permissions import can_edit_design, can_onboard

    commons, accounts, partners = N_("Ressources du commun"), N_("Membres"), N_("Partenaires et intégrations")
    register_capability(commons, N_("Lire les ressources publiques, sur le site, les portails et les intégrations"),
                        lambda user, own, other: _resource(other, "public").can_view(user))
    register_capability(commons, N_("Lire les ressources « commun des réseaux » des autres partenaires"),
                        lambda user, own, other: _resource(other, "commons").can_view(user))
    register_capability(commons, N_("Lire les ressources réservées à son partenaire"),
                        lambda user, own, other: _resource(own, "partner").can_view(user))
    register_capability(commons, N_("Proposer une ressource"),
                        lambda user, own, other: bool(user.is_authenticated and user.is_contributor))
    register_capability(commons, N_("Modifier, publier, archiver et mettre à la corbeille les ressources de son "
                                    "partenaire"), lambda user, own, other: _resource(own, "partner").can_edit(user))
    register_capability(commons, N_("Modifier les ressources des autres partenaires"),
                        lambda user, own, other: _resource(other, "partner").can_edit(user))
    register_capability(commons, N_("Gérer la taxonomie (types, thèmes, phases, licences)"),
                        lambda user, own, other: is_platform_admin(user))
    register_capability(accounts, N_("Gérer les membres, les rôles et les invitations de son partenaire"),
                        lambda user, own, other: own.can_manage(user))
    register_capability(accounts, N_("Gérer les membres d'un autre partenaire"),
                        lambda user, own, other: other.can_manage(user))
    register_capability(partners, N_("Modifier l'apparence, le portail et les sites autorisés de son partenaire"),
                        lambda user, own, other: can_edit_design(user, own))
    register_capability(partners, N_("Créer un lien d'intégration signé pour une ressource non publique"),
                        lambda user, own, other: EMBEDDABLE_KINDS["resource"].can_share(
                            _resource(own, "partner"), user))
    register_capability(partners, N_("Accueillir un nouveau partenaire"), lambda user, own, other: can_onboard(user))


def ensure_registered() -> None:
    if not CAPABILITIES:
        _register_builtin()
