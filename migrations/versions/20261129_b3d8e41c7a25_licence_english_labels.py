"""English labels of the seeded licences whose name is not international (data only).

Instances seeded before it show "Tous droits réservés" in English pages. Only terms still without an English
label are filled: an administrator's own wording is kept. Downgrading empties only what this revision wrote.

Revision ID: b3d8e41c7a25
Revises: a7c1e5d2b9f4
Create Date: 2026-11-29 01:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "b3d8e41c7a25"
down_revision = "a7c1e5d2b9f4"
branch_labels = None
depends_on = None

#: slug -> English label, as commons/seed.py had them when this revision was made
ENGLISH = {
    "cc0-1.0": "CC0 1.0 (public domain)",
    "etalab-2.0": "Etalab Open Licence 2.0",
    "tous-droits-reserves": "All rights reserved",
}

licences = sa.table("licences", sa.column("slug", sa.String), sa.column("label_en", sa.String))


def upgrade():
    for slug, label_en in ENGLISH.items():
        op.execute(licences.update().where(licences.c.slug == slug, licences.c.label_en == "")
                   .values(label_en=label_en))


def downgrade():
    for slug, label_en in ENGLISH.items():
        op.execute(licences.update().where(licences.c.slug == slug, licences.c.label_en == label_en)
                   .values(label_en=""))
