"""Courses: the cover is an uploaded image (storage key and sniffed type) instead of an address

The old `cover_url` was never shown anywhere; its addresses are dropped (a downgrade restores an empty column).

Revision ID: f3e6c3516ad3
Revises: 59ee59875ce4
Create Date: 2026-11-28 17:57:41.564685
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f3e6c3516ad3'
down_revision = '59ee59875ce4'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cover_key', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('cover_mime', sa.String(length=40), nullable=True))
        batch_op.drop_column('cover_url')


def downgrade():
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cover_url', sa.String(length=500), server_default='', nullable=False))
        batch_op.drop_column('cover_mime')
        batch_op.drop_column('cover_key')
