"""Which collectives a testimony (a commons resource of kind `temoignage`) comes from.

The link is the observatory's: commons sits below it and knows nothing of collectives, so the table lives here,
is filled from the observatory's own form (`observatory.views.testimonies`), and the resource page shows it through
the optional panel `observatory/_testimony_panel.html` that commons includes when present.
"""

from __future__ import annotations

import sqlalchemy as sa

from app.db import db

#: slug of the commons' kind whose resources may name their collectives
TESTIMONY_KIND = "temoignage"

testimony_collectives = sa.Table(
    "testimony_collectives", db.metadata,
    sa.Column("resource_id", sa.ForeignKey("resources.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("collective_id", sa.ForeignKey("collectives.id", ondelete="CASCADE"), primary_key=True, index=True),
)
