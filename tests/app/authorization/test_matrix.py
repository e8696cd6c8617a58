"""The runner: each row × each role, the lists agree with the pages, and the table covers every route."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from app.db import db
from tests.app.authorization import (
    rows_audit,
    rows_commons,
    rows_core,
    rows_courses,
    rows_discussions,
    rows_external,
    rows_imports,
    rows_media,
    rows_observatory,
    rows_partners,
    rows_paths,
)
from tests.app.authorization.table import LOGIN, ROLES, Row, S

ROWS: list[Row] = [
    *rows_core.ROWS,
    *rows_commons.ROWS,
    *rows_imports.ROWS,
    *rows_partners.ROWS,
    *rows_observatory.ROWS,
    *rows_courses.ROWS,
    *rows_paths.ROWS,
    *rows_media.ROWS,
    *rows_external.ROWS,
    *rows_discussions.ROWS,
    *rows_audit.ROWS,
]

#: GET API routes also checked with the session cookie instead of the bearer token
COOKIE_CHECKED = {"/api/v1/me", "/api/v1/partners/<slug>/members", "/api/v1/resources/trash",
                  "/api/v1/resources/<int:resource_id>", "/api/v1/resources/<int:resource_id>/revisions"}


def request_as(client, world, row: Row, role: str, *, cookie: bool = False):
    """Send the row's request as `role`: bearer token on /api/ (unless `cookie`), session cookie elsewhere."""
    kwargs = row.body(world, role) if row.body else {}
    headers = kwargs.setdefault("headers", {})
    if role != "anon":
        if row.rule.startswith("/api/") and not cookie:
            headers["Authorization"] = f"Bearer {world.tokens[role]}"
        else:
            with client.session_transaction() as session:
                session["_user_id"] = str(world.users[role])
                session["_fresh"] = True
    return client.open(row.url(world, role), method=row.method, **kwargs)


def check(response, expected, row: Row, role: str) -> None:
    where = f"{row.id} as {role}"
    location = urlsplit(response.headers.get("Location", "")).path
    if expected == LOGIN:
        assert response.status_code == 302, f"{where}: {response.status_code}, expected the login page"
        assert location == "/connexion", f"{where}: redirected to {location!r}, expected /connexion"
        return
    assert response.status_code == expected, (
        f"{where}: {response.status_code}, expected {expected}\n{response.get_data(as_text=True)[:500]}")
    if expected in (301, 302, 303):
        assert location != "/connexion", f"{where}: sent to the login page"


def _cases(rows, roles=ROLES):
    return [pytest.param(row, role, id=f"{row.id} as {role}") for row in rows for role in roles]


# Tests --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("row", "role"), _cases(ROWS))
def test_authorization(client, world, row: Row, role: str):
    check(request_as(client, world, row, role), row.expect[role], row, role)


@pytest.mark.parametrize(("row", "role"), _cases(
    [row for row in ROWS if row.method == "GET" and row.rule in COOKIE_CHECKED], ROLES[1:]))
def test_session_cookie_gets_the_same_answer_as_the_token(client, world, row: Row, role: str):
    check(request_as(client, world, row, role, cookie=True), row.expect[role], row, role)


#                         anon   learner facil  editor other_ed p_admin admin
LISTED = {"pub":        S(False, True,   True,  True,  False,   True,   True),
          "draft":      S(False, False,  False, True,  False,   True,   True),
          "trashed":    S(False, False,  False, False, False,   False,  False)}
IN_TRASH = S(False, False, False, True, False, True, True)


@pytest.mark.parametrize("role", ROLES)
def test_lists_show_what_each_role_may_see(client, world, role):
    """The statuses above say who may open a resource; the lists must agree, or they leak titles."""
    from commons.models import Resource

    titles = dict(db.session.execute(sa.select(Resource.id, Resource.title)).all())

    def fetch(url):
        return request_as(client, world, Row("GET", url, lambda w, r: url, {}), role)

    listed = {item["id"] for item in fetch("/api/v1/resources/?per_page=100").json["items"]}
    catalogue = fetch("/ressources/").get_data(as_text=True)
    for name, expected in LISTED.items():
        resource_id = getattr(world, name)
        assert (resource_id in listed) is expected[role], f"API list, {name} as {role}"
        assert (titles[resource_id] in catalogue) is expected[role], f"catalogue page, {name} as {role}"
    if role == "anon":
        assert fetch("/api/v1/resources/trash").status_code == 401
    else:
        trash = {item["id"] for item in fetch("/api/v1/resources/trash").json["items"]}
        assert (world.trashed in trash) is IN_TRASH[role], f"API trash as {role}"


def test_every_route_has_a_row(app):
    """Adding a route without saying who may use it fails here, naming the route."""
    routed = {(method, rule.rule) for rule in app.url_map.iter_rules()
              if rule.endpoint != "static" and not rule.endpoint.endswith(".static")
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    tabled = {(row.method, row.rule) for row in ROWS}
    missing = sorted(routed - tabled)
    unknown = sorted(tabled - routed)
    assert not missing, "routes without a row in the authorization matrix: " + ", ".join(
        f"{method} {rule}" for method, rule in missing)
    assert not unknown, "rows for routes the app does not have: " + ", ".join(
        f"{method} {rule}" for method, rule in unknown)


def test_every_row_names_every_role():
    for row in ROWS:
        assert set(row.expect) == set(ROLES), row.id
    ids = [row.id for row in ROWS]
    assert len(ids) == len(set(ids)), "two rows share a method, rule and label"

