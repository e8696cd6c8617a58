"""Audit journal: one row per administrative action (roles, designs, sync sources, deletions)

Revision ID: 1958f6d787cb
Revises: f3e6c3516ad3
Create Date: 2026-11-28 18:42:09.129847
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1958f6d787cb'
down_revision = 'f3e6c3516ad3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'audit_events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('created_dt', sa.DateTime(), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('actor_label', sa.String(length=600), nullable=False),
        sa.Column('action', sa.String(length=60), nullable=False),
        sa.Column('target_type', sa.String(length=40), nullable=False),
        sa.Column('target_id', sa.Integer(), nullable=True),
        sa.Column('target_label', sa.String(length=300), nullable=False),
        sa.Column('partner_id', sa.Integer(), nullable=True),
        sa.Column('details', sa.JSON(), nullable=False),
        sa.Column('ip', sa.String(length=45), nullable=True),
        sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_audit_events_actor_id_users'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_audit_events_partner_id_partners'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events')),
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_events_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_created_dt'), ['created_dt'], unique=False)
        batch_op.create_index('ix_audit_events_partner_created', ['partner_id', 'created_dt'], unique=False)


def downgrade():
    op.drop_table('audit_events')
