"""Partners keeps only embed loads (which site embedded what); views are the observatory's usage events alone

partner_usage_events (views and embed loads) becomes partner_embed_loads. Its embed loads move there (the
observatory already has each of them as an `embed_load` event). Its views of commons resource pages were also
recorded by the observatory and are dropped; its views of portal resource pages (partner_id set), which the
observatory never saw, become observatory `view` events (source "partners", subject "portal:<partner id>").
Views of course and step pages were read by nothing and are dropped.

Revision ID: b2d6e4098c66
Revises: 30ba99aa08ac
Create Date: 2026-11-28 17:37:15.209117
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b2d6e4098c66'
down_revision = '30ba99aa08ac'
branch_labels = None
depends_on = None

old_table = sa.table('partner_usage_events', sa.column('id', sa.Integer), sa.column('event', sa.String),
                     sa.column('object_kind', sa.String), sa.column('object_id', sa.Integer),
                     sa.column('partner_id', sa.Integer), sa.column('site_origin', sa.String),
                     sa.column('created_dt', sa.DateTime))
loads = sa.table('partner_embed_loads', sa.column('object_kind', sa.String), sa.column('object_id', sa.Integer),
                 sa.column('partner_id', sa.Integer), sa.column('site_origin', sa.String),
                 sa.column('created_dt', sa.DateTime))
events = sa.table('usage_events', sa.column('id', sa.Integer), sa.column('kind', sa.String),
                  sa.column('occurred_dt', sa.DateTime), sa.column('month', sa.String),
                  sa.column('resource_id', sa.Integer), sa.column('partner_id', sa.Integer),
                  sa.column('subject', sa.String), sa.column('source', sa.String))
resources = sa.table('resources', sa.column('id', sa.Integer), sa.column('owner_partner_id', sa.Integer))
PORTAL = 'portal:'


def _create_embed_loads():
    op.create_table('partner_embed_loads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('object_kind', sa.String(length=20), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('site_origin', sa.String(length=300), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_partner_embed_loads_partner_id_partners'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_embed_loads'))
    )
    with op.batch_alter_table('partner_embed_loads', schema=None) as batch_op:
        batch_op.create_index('ix_partner_embed_loads_partner', ['partner_id', 'created_dt'], unique=False)


def _create_usage_records():
    op.create_table('partner_usage_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event', sa.Enum('view', 'embed_load', name='usageevent', native_enum=False, length=20), nullable=False),
    sa.Column('object_kind', sa.String(length=20), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=True),
    sa.Column('site_origin', sa.String(length=300), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_partner_usage_events_partner_id_partners'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_usage_events'))
    )
    with op.batch_alter_table('partner_usage_events', schema=None) as batch_op:
        batch_op.create_index('ix_partner_usage_events_object', ['object_kind', 'object_id', 'event'], unique=False)
        batch_op.create_index('ix_partner_usage_events_partner', ['partner_id', 'event', 'created_dt'], unique=False)


def _portal_views_to_observatory(bind):
    rows = bind.execute(
        sa.select(old_table.c.object_id, old_table.c.partner_id, old_table.c.created_dt,
                  resources.c.owner_partner_id)
        .join(resources, resources.c.id == old_table.c.object_id)
        .where(old_table.c.event == 'view', old_table.c.object_kind == 'resource',
               old_table.c.partner_id.is_not(None))).all()
    if rows:
        op.bulk_insert(events, [
            {'kind': 'view', 'occurred_dt': created, 'month': created.strftime('%Y-%m'), 'resource_id': resource_id,
             'partner_id': owner_id, 'subject': f'{PORTAL}{portal_id}', 'source': 'partners'}
            for resource_id, portal_id, created, owner_id in rows])


def upgrade():
    _create_embed_loads()
    bind = op.get_bind()
    bind.execute(loads.insert().from_select(
        ['object_kind', 'object_id', 'partner_id', 'site_origin', 'created_dt'],
        sa.select(old_table.c.object_kind, old_table.c.object_id, old_table.c.partner_id, old_table.c.site_origin,
                  old_table.c.created_dt)
        .where(old_table.c.event == 'embed_load', old_table.c.partner_id.is_not(None))))
    _portal_views_to_observatory(bind)
    with op.batch_alter_table('partner_usage_events', schema=None) as batch_op:
        batch_op.drop_index('ix_partner_usage_events_object')
        batch_op.drop_index('ix_partner_usage_events_partner')
    op.drop_table('partner_usage_events')


def downgrade():
    """Back to partners' own records: embed loads, and every resource page view the observatory counted (portal
    views leave the observatory, which did not count them before)."""
    _create_usage_records()
    bind = op.get_bind()
    bind.execute(old_table.insert().from_select(
        ['event', 'object_kind', 'object_id', 'partner_id', 'site_origin', 'created_dt'],
        sa.select(sa.literal('embed_load'), loads.c.object_kind, loads.c.object_id, loads.c.partner_id,
                  loads.c.site_origin, loads.c.created_dt)))
    views = bind.execute(sa.select(events.c.id, events.c.resource_id, events.c.subject, events.c.occurred_dt)
                         .where(events.c.kind == 'view', events.c.resource_id.is_not(None),
                                events.c.source.in_(['commons', 'partners']))).all()
    portal = {row.id: int(row.subject[len(PORTAL):]) for row in views
              if row.subject.startswith(PORTAL) and row.subject[len(PORTAL):].isdigit()}
    if views:
        op.bulk_insert(old_table, [
            {'event': 'view', 'object_kind': 'resource', 'object_id': row.resource_id,
             'partner_id': portal.get(row.id), 'site_origin': None, 'created_dt': row.occurred_dt}
            for row in views])
    if portal:
        bind.execute(events.delete().where(events.c.id.in_(list(portal))))
    with op.batch_alter_table('partner_embed_loads', schema=None) as batch_op:
        batch_op.drop_index('ix_partner_embed_loads_partner')
    op.drop_table('partner_embed_loads')
