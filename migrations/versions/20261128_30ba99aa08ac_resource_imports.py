"""Spreadsheet imports of resources (their rows, mapping and outcome) and the stable keys of re-imports

Revision ID: 30ba99aa08ac
Revises: f0605f24f2d4
Create Date: 2026-11-28 17:39:25.036983
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '30ba99aa08ac'
down_revision = 'f0605f24f2d4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('resource_imports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('storage_key', sa.String(length=100), nullable=False),
    sa.Column('file_format', sa.String(length=10), nullable=False),
    sa.Column('sheet', sa.JSON(), nullable=False),
    sa.Column('mapping', sa.JSON(), nullable=False),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('decisions', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_count', sa.Integer(), nullable=False),
    sa.Column('updated_count', sa.Integer(), nullable=False),
    sa.Column('problems', sa.JSON(), nullable=False),
    sa.Column('finished_dt', sa.DateTime(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_resource_imports_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_resource_imports_partner_id_partners'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resource_imports'))
    )
    with op.batch_alter_table('resource_imports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resource_imports_partner_id'), ['partner_id'], unique=False)

    op.create_table('resource_import_keys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('resource_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_resource_import_keys_partner_id_partners'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['resource_id'], ['resources.id'], name=op.f('fk_resource_import_keys_resource_id_resources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resource_import_keys')),
    sa.UniqueConstraint('partner_id', 'key', name=op.f('uq_resource_import_keys_partner_id_key'))
    )
    with op.batch_alter_table('resource_import_keys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resource_import_keys_resource_id'), ['resource_id'], unique=False)



def downgrade():
    with op.batch_alter_table('resource_import_keys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resource_import_keys_resource_id'))

    op.drop_table('resource_import_keys')
    with op.batch_alter_table('resource_imports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resource_imports_partner_id'))

    op.drop_table('resource_imports')
