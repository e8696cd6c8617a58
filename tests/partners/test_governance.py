"""The governance page: roles and what each may do, computed by running the permission code."""

from __future__ import annotations

import html
import re

import pytest

from app.accounts.models import Partner

COLUMNS = ["anonymous", "learner", "facilitator", "editor", "admin", "platform"]


def rows(page: str) -> dict[str, list[bool]]:
    table = {}
    for label, cells in re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', page, flags=re.S):
        table[html.unescape(label)] = [cls == "yes" for cls in re.findall(r'<td class="(yes|no)">', cells)]
    return table


def test_the_page_lists_roles_and_rights(client):
    page = client.get("/gouvernance")
    assert page.status_code == 200
    table = rows(page.get_data(as_text=True))
    expect = {  # anonymous, learner, facilitator, editor, partner admin, platform admin
        "Lire les ressources publiques, sur le site, les portails et les intégrations": [True] * 6,
        "Lire les ressources réservées à son partenaire": [False, True, True, True, True, True],
        "Modifier, publier, archiver et mettre à la corbeille les ressources de son partenaire":
            [False, False, False, True, True, True],
        "Modifier les ressources des autres partenaires": [False] * 5 + [True],
        "Gérer les membres, les rôles et les invitations de son partenaire": [False] * 4 + [True, True],
        "Modifier l'apparence, le portail et les sites autorisés de son partenaire": [False] * 4 + [True, True],
        "Créer un lien d'intégration signé pour une ressource non publique": [False] * 3 + [True] * 3,
        "Accueillir un nouveau partenaire": [False] * 5 + [True],
        "Gérer la taxonomie (types, thèmes, phases, licences)": [False] * 5 + [True],
    }
    for label, allowed in expect.items():
        assert table[label] == allowed, label


def test_the_page_follows_the_code_it_describes(client, monkeypatch):
    """Change a permission rule and the page changes with it: nothing is written by hand."""
    before = rows(client.get("/gouvernance").get_data(as_text=True))
    monkeypatch.setattr(Partner, "can_manage", lambda self, user: bool(user.is_authenticated
                                                                       and user.is_platform_admin))
    after = rows(client.get("/gouvernance").get_data(as_text=True))
    label = "Gérer les membres, les rôles et les invitations de son partenaire"
    assert before[label][COLUMNS.index("admin")] is True
    assert after[label][COLUMNS.index("admin")] is False
    assert after["Modifier l'apparence, le portail et les sites autorisés de son partenaire"][
        COLUMNS.index("admin")] is False


def test_packages_add_their_capabilities(client):
    from partners import governance

    governance.ensure_registered()
    count = len(governance.CAPABILITIES)
    governance.register_capability("Parcours", "Animer une session", lambda user, own, other: bool(
        user.is_authenticated and user.has_role(own.id, {"facilitator", "admin"})))
    try:
        table = rows(client.get("/gouvernance").get_data(as_text=True))
    finally:
        del governance.CAPABILITIES[count:]
    assert table["Animer une session"] == [False, False, True, False, True, True]


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_the_page_reads_in_both_languages(client, locale):
    client.get(f"/langue/{locale}")
    assert client.get("/gouvernance").status_code == 200
