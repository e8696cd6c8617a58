"""Demo accounts for `flask demo load`: the three founding networks, one user per role in each, a platform admin.

Idempotent: partners and users already present are left as they are (people may have edited them). Passwords are
random on first creation and kept in `<instance>/demo-accounts.txt` (readable by its owner only), so a second run
prints the same ones.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from app.accounts import service
from app.accounts.models import Partner, Role
from app.db import db

PASSWORDS_FILE = "demo-accounts.txt"
DEMO_DOMAIN = "demo.terreau.local"
PLATFORM_ADMIN_EMAIL = f"admin@{DEMO_DOMAIN}"

PARTNERS = [
    {
        "slug": "hpf", "name": "Habitat Participatif France", "short_name": "HPF",
        "website": "https://www.habitatparticipatif-france.fr",
        "primary_colour": "#1f5f8b", "accent_colour": "#b0413e",
        "description": (
            "Mouvement national qui fédère les habitant·es, les associations régionales et les professionnel·les "
            "de l'habitat participatif. HPF accompagne les groupes qui conçoivent et gèrent ensemble leur "
            "logement, de la première réunion à la vie dans les lieux, organise les Rencontres nationales et "
            "porte le plaidoyer auprès des pouvoirs publics depuis la loi ALUR."
        ),
    },
    {
        "slug": "hls", "name": "Hameaux Légers", "short_name": "HLS",
        "website": "https://hameaux-legers.org",
        "primary_colour": "#2f6f4e", "accent_colour": "#8a5a00",
        "description": (
            "Association qui aide les communes rurales et les collectifs à créer des hameaux d'habitats "
            "réversibles (tiny houses, yourtes, maisons bois démontables) sur du foncier communal mis à "
            "disposition par bail. Elle outille les élu·es, forme les futurs habitant·es et anime un MOOC "
            "pour habiter léger, de façon abordable et ancrée dans le territoire."
        ),
    },
    {
        "slug": "co", "name": "Coopérative Oasis", "short_name": "CO",
        "website": "https://cooperative-oasis.org",
        "primary_colour": "#9a4a12", "accent_colour": "#2e6b6b",
        "description": (
            "Coopérative qui soutient les oasis, ces lieux de vie et d'activité écologiques et collectifs : "
            "prêts financés par l'épargne citoyenne, accompagnement des projets, formations et mise en réseau "
            "de plus d'un millier de lieux. Elle documente ce que les collectifs apprennent en matière de "
            "sobriété, de gouvernance partagée et d'ouverture sur le territoire."
        ),
    },
]

#: email prefix and the French names of the people holding each role, per partner slug
ROLE_PREFIXES = {Role.ADMIN: "admin", Role.EDITOR: "editeur", Role.FACILITATOR: "animateur",
                 Role.LEARNER: "apprenant"}
PEOPLE = {
    "hpf": {Role.ADMIN: "Claire Dumoulin", Role.EDITOR: "Julien Marchand", Role.FACILITATOR: "Nadia Benali",
            Role.LEARNER: "Thomas Le Goff"},
    "hls": {Role.ADMIN: "Gwenaëlle Le Bihan", Role.EDITOR: "Yann Kerhervé", Role.FACILITATOR: "Sophie Arnaud",
            Role.LEARNER: "Mathis Roussel"},
    "co": {Role.ADMIN: "Pierre Lacombe", Role.EDITOR: "Élodie Fabre", Role.FACILITATOR: "Karim Haddad",
           Role.LEARNER: "Lucie Morvan"},
}
PLATFORM_ADMIN_NAME = "Anne Rivière"

ROLE_LABELS = {Role.ADMIN: "Admin partenaire", Role.EDITOR: "Éditeur·rice", Role.FACILITATOR: "Animateur·rice",
               Role.LEARNER: "Apprenant·e"}


def demo_email(role: Role, partner_slug: str) -> str:
    """The demo account holding `role` in the partner, e.g. editeur.hls@demo.terreau.local."""
    return f"{ROLE_PREFIXES[role]}.{partner_slug}@{DEMO_DOMAIN}"


def load_demo_accounts() -> list[str]:
    """Create what is missing and return one line per account with its password."""
    partners, created = _ensure_partners()
    passwords = _read_passwords()
    lines = [f"Partenaires : {created} créé(s), {len(partners) - created} déjà présent(s)."]
    admin_password = _ensure_user(PLATFORM_ADMIN_EMAIL, PLATFORM_ADMIN_NAME, passwords, platform_admin=True)
    lines.append(_account_line("Admin plateforme", "—", PLATFORM_ADMIN_EMAIL, admin_password))
    for partner in partners:
        for role, name in PEOPLE[partner.slug].items():
            email = demo_email(role, partner.slug)
            password = _ensure_user(email, name, passwords, partner=partner, role=role)
            lines.append(_account_line(ROLE_LABELS[role], partner.short_name, email, password))
    _write_passwords(passwords)
    lines.append(f"Mots de passe conservés dans {_passwords_path()}")
    return lines


def _account_line(role: str, partner: str, email: str, password: str) -> str:
    return f"  {role:<18} {partner:<4} {email:<36} {password}"


def _ensure_partners() -> tuple[list[Partner], int]:
    """The demo partners, created when missing; existing ones keep whatever their admins changed."""
    partners, created = [], 0
    for values in PARTNERS:
        partner = db.session.scalar(sa.select(Partner).where(Partner.slug == values["slug"]))
        if partner is None:
            partner = Partner(**values)
            db.session.add(partner)
            created += 1
        partners.append(partner)
    db.session.flush()
    return partners, created


def _ensure_user(email: str, name: str, passwords: dict[str, str], platform_admin: bool = False,
                 partner: Partner | None = None, role: Role | None = None) -> str:
    """Create the user if missing (with its membership) and return its demo password.

    An existing user keeps its password when the file knows it; when the file lost it, the password is reset
    so that the printed one works.
    """
    user = service.find_user_by_email(email)
    if user is None:
        password = passwords.get(email) or secrets.token_urlsafe(9)
        user = service.create_user(email, name, password, is_platform_admin=platform_admin)
        if partner is not None and role is not None:
            service.set_membership(user, partner, role)
    elif email in passwords:
        password = passwords[email]
    else:
        password = secrets.token_urlsafe(9)
        user.set_password(password)
    passwords[email] = password
    return password


def _passwords_path() -> Path:
    return Path(current_app.instance_path) / PASSWORDS_FILE


def _read_passwords() -> dict[str, str]:
    """email -> password from the file, ignoring comments and blank lines."""
    path = _passwords_path()
    if not path.exists():
        return {}
    passwords = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#") and "\t" in line:
            email, password = line.split("\t", 1)
            passwords[email.strip()] = password.strip()
    return passwords


def _write_passwords(passwords: dict[str, str]) -> None:
    """Rewrite the file, readable and writable by its owner only (mode 600)."""
    path = _passwords_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    content = "# Comptes de démonstration Terreau : e-mail<TAB>mot de passe. Ne pas diffuser.\n" + "".join(
        f"{email}\t{password}\n" for email, password in sorted(passwords.items()))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(content)
    os.chmod(path, 0o600)  # the file may predate this run with looser rights

