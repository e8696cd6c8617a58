"""The authorization matrix: every route of the app × every role, with the status each one must get.

One world per test (partners `hls`, the owner, and `co`; one user per role; a published partner-only resource, a
draft and a trashed one, an attachment, revision 1, API tokens, invitations, and each package's own objects),
rebuilt for each (row, role), so a request that deletes or changes something never leaks into the next one. /api/
routes are called with the role's bearer token, HTML routes with a session cookie; anonymous visitors send neither.

Expected statuses are what the project requires, not what the code happens to answer: a row here that fails is a
bug in the app, not in the table. `test_every_route_has_a_row` keeps the table complete: a new route without a row
fails, naming it. `table` holds the shapes (roles, rows, common bodies), `rows_<package>` each package's rows,
`world` what they point at, `test_matrix` the runner.
"""
