"""Discussions: threads of a session and its steps, posts and their revisions, followers, notifications,
digest preferences, reports and the moderation audit

Revision ID: 59ee59875ce4
Revises: b2d6e4098c66
Create Date: 2026-11-28 17:47:01.572484
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '59ee59875ce4'
down_revision = 'b2d6e4098c66'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('discussion_preferences',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('email_digest', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_discussion_preferences_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_discussion_preferences'))
    )
    op.create_table('discussion_threads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('step_id', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('is_question', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('is_pinned', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('is_closed', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('last_post_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_discussion_threads_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['course_sessions.id'], name=op.f('fk_discussion_threads_session_id_course_sessions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['step_id'], ['steps.id'], name=op.f('fk_discussion_threads_step_id_steps'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_discussion_threads'))
    )
    with op.batch_alter_table('discussion_threads', schema=None) as batch_op:
        batch_op.create_index('ix_discussion_threads_session_step', ['session_id', 'step_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_discussion_threads_step_id'), ['step_id'], unique=False)

    op.create_table('discussion_followers',
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['thread_id'], ['discussion_threads.id'], name=op.f('fk_discussion_followers_thread_id_discussion_threads'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_discussion_followers_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('thread_id', 'user_id', name=op.f('pk_discussion_followers'))
    )
    with op.batch_alter_table('discussion_followers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_discussion_followers_user_id'), ['user_id'], unique=False)

    op.create_table('discussion_posts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('is_opening', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('is_accepted', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('is_hidden', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('edited_dt', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_discussion_posts_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['thread_id'], ['discussion_threads.id'], name=op.f('fk_discussion_posts_thread_id_discussion_threads'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_discussion_posts'))
    )
    with op.batch_alter_table('discussion_posts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_discussion_posts_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_discussion_posts_created_dt'), ['created_dt'], unique=False)
        batch_op.create_index(batch_op.f('ix_discussion_posts_thread_id'), ['thread_id'], unique=False)

    op.create_table('discussion_moderation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_discussion_moderation_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['post_id'], ['discussion_posts.id'], name=op.f('fk_discussion_moderation_post_id_discussion_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_discussion_moderation'))
    )
    with op.batch_alter_table('discussion_moderation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_discussion_moderation_post_id'), ['post_id'], unique=False)

    op.create_table('discussion_notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('reply', 'mention', 'accepted', name='notificationkind', native_enum=False, length=20), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('actor_name', sa.String(length=200), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('read_dt', sa.DateTime(), nullable=True),
    sa.Column('emailed_dt', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['post_id'], ['discussion_posts.id'], name=op.f('fk_discussion_notifications_post_id_discussion_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_discussion_notifications_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_discussion_notifications'))
    )
    with op.batch_alter_table('discussion_notifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_discussion_notifications_emailed_dt'), ['emailed_dt'], unique=False)
        batch_op.create_index(batch_op.f('ix_discussion_notifications_post_id'), ['post_id'], unique=False)
        batch_op.create_index('ix_discussion_notifications_user_read', ['user_id', 'read_dt'], unique=False)

    op.create_table('discussion_post_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('replaced_dt', sa.DateTime(), nullable=False),
    sa.Column('editor_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['editor_id'], ['users.id'], name=op.f('fk_discussion_post_revisions_editor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['post_id'], ['discussion_posts.id'], name=op.f('fk_discussion_post_revisions_post_id_discussion_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_discussion_post_revisions'))
    )
    with op.batch_alter_table('discussion_post_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_discussion_post_revisions_post_id'), ['post_id'], unique=False)

    op.create_table('discussion_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('reporter_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('resolved_dt', sa.DateTime(), nullable=True),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['post_id'], ['discussion_posts.id'], name=op.f('fk_discussion_reports_post_id_discussion_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reporter_id'], ['users.id'], name=op.f('fk_discussion_reports_reporter_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['users.id'], name=op.f('fk_discussion_reports_resolved_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_discussion_reports'))
    )
    with op.batch_alter_table('discussion_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_discussion_reports_post_id'), ['post_id'], unique=False)



def downgrade():
    with op.batch_alter_table('discussion_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_discussion_reports_post_id'))

    op.drop_table('discussion_reports')
    with op.batch_alter_table('discussion_post_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_discussion_post_revisions_post_id'))

    op.drop_table('discussion_post_revisions')
    with op.batch_alter_table('discussion_notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_discussion_notifications_user_read')
        batch_op.drop_index(batch_op.f('ix_discussion_notifications_post_id'))
        batch_op.drop_index(batch_op.f('ix_discussion_notifications_emailed_dt'))

    op.drop_table('discussion_notifications')
    with op.batch_alter_table('discussion_moderation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_discussion_moderation_post_id'))

    op.drop_table('discussion_moderation')
    with op.batch_alter_table('discussion_posts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_discussion_posts_thread_id'))
        batch_op.drop_index(batch_op.f('ix_discussion_posts_created_dt'))
        batch_op.drop_index(batch_op.f('ix_discussion_posts_author_id'))

    op.drop_table('discussion_posts')
    with op.batch_alter_table('discussion_followers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_discussion_followers_user_id'))

    op.drop_table('discussion_followers')
    with op.batch_alter_table('discussion_threads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_discussion_threads_step_id'))
        batch_op.drop_index('ix_discussion_threads_session_step')

    op.drop_table('discussion_threads')
    op.drop_table('discussion_preferences')
