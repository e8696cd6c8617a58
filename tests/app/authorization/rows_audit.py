"""Rows of app.audit: the journal of administrative actions. Partner admins read their partners' events on the
page; only platform admins read the API."""

from __future__ import annotations

from tests.app.authorization.table import LOGIN, Row, S

#                 anon   learner facil editor other_ed p_admin admin
JOURNAL = S(LOGIN, 403, 403, 403, 403, 200, 200)
API = S(401, 403, 403, 403, 403, 403, 200)

ROWS = [
    Row("GET", "/admin/journal", lambda w, r: "/admin/journal", JOURNAL),
    Row("GET", "/api/v1/audit", lambda w, r: "/api/v1/audit", API),
]
