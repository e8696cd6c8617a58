"""External videos (PeerTube, YouTube, Vimeo linked by oEmbed) and the collectives testimonies come from

Revision ID: f0605f24f2d4
Revises: d755f67f77e3
Create Date: 2026-11-28 17:37:25.997890
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f0605f24f2d4'
down_revision = 'd755f67f77e3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('media_external_videos',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_type', sa.String(length=40), nullable=False),
    sa.Column('owner_id', sa.BigInteger(), nullable=False),
    sa.Column('provider', sa.String(length=20), nullable=False),
    sa.Column('page_url', sa.String(length=1000), nullable=False),
    sa.Column('host', sa.String(length=255), nullable=False),
    sa.Column('ref', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=300), server_default='', nullable=False),
    sa.Column('author_name', sa.String(length=200), server_default='', nullable=False),
    sa.Column('duration', sa.Double(), nullable=True),
    sa.Column('width', sa.Integer(), nullable=True),
    sa.Column('height', sa.Integer(), nullable=True),
    sa.Column('thumbnail_key', sa.String(length=255), nullable=True),
    sa.Column('added_by_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.Column('is_deleted', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('deleted_dt', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['added_by_id'], ['users.id'], name=op.f('fk_media_external_videos_added_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_media_external_videos'))
    )
    with op.batch_alter_table('media_external_videos', schema=None) as batch_op:
        batch_op.create_index('ix_media_external_videos_owner', ['owner_type', 'owner_id'], unique=False)

    op.create_table('testimony_collectives',
    sa.Column('resource_id', sa.Integer(), nullable=False),
    sa.Column('collective_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['collective_id'], ['collectives.id'], name=op.f('fk_testimony_collectives_collective_id_collectives'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['resource_id'], ['resources.id'], name=op.f('fk_testimony_collectives_resource_id_resources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('resource_id', 'collective_id', name=op.f('pk_testimony_collectives'))
    )
    with op.batch_alter_table('testimony_collectives', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_testimony_collectives_collective_id'), ['collective_id'], unique=False)


def downgrade():
    with op.batch_alter_table('testimony_collectives', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_testimony_collectives_collective_id'))

    op.drop_table('testimony_collectives')
    with op.batch_alter_table('media_external_videos', schema=None) as batch_op:
        batch_op.drop_index('ix_media_external_videos_owner')

    op.drop_table('media_external_videos')
