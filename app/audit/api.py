"""GET /api/v1/audit: the journal of administrative actions, for platform admins."""

from __future__ import annotations

from app.api import PageArgsSchema, make_api_blueprint, problem_responses, requires
from app.audit.schemas import AuditPageSchema, JournalFilterSchema
from app.audit.service import journal_query
from app.http import me, paginate

blp = make_api_blueprint("audit_api", __name__, "/audit",
                         "Journal des actions d'administration (réservé aux administrateur·rices de la plateforme)")


def _is_platform_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_platform_admin)


@blp.route("", methods=["GET"])
@blp.doc(security=[{"bearer": []}])
@problem_responses(blp, 400, 401, 403, 422)
@blp.response(200, AuditPageSchema)
@requires(_is_platform_admin)
@blp.arguments(JournalFilterSchema, location="query")
@blp.arguments(PageArgsSchema, location="query")
def list_events(filters, paging):
    """Administrative actions, newest first: who changed roles, designs, sync sources, deleted what."""
    page = paginate(journal_query(me(), filters), paging["page"], paging["per_page"])
    return {"items": page.items, "meta": page}
