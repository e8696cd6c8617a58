"""observatory: collectives, surveys, self-assessment, research questions, production plans, usage and feedback

The new membership role "researcher" needs no change here: roles are stored as VARCHAR(20) without a CHECK.

Revision ID: e07c90f375d4
Revises: 1a15b1fc7d75
Create Date: 2026-11-28 14:28:36.304016
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e07c90f375d4'
down_revision = '1a15b1fc7d75'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('assessment_grids',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), server_default='', nullable=False),
    sa.Column('is_active', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_grids')),
    sa.UniqueConstraint('title', name=op.f('uq_assessment_grids_title'))
    )
    op.create_table('observatory_outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recipient', sa.String(length=320), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('topic', sa.String(length=80), nullable=False),
    sa.Column('sent_dt', sa.DateTime(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_observatory_outbox'))
    )
    with op.batch_alter_table('observatory_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_observatory_outbox_topic'), ['topic'], unique=False)

    op.create_table('assessment_dimensions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('grid_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['grid_id'], ['assessment_grids.id'], name=op.f('fk_assessment_dimensions_grid_id_assessment_grids'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_dimensions'))
    )
    with op.batch_alter_table('assessment_dimensions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_dimensions_grid_id'), ['grid_id'], unique=False)

    op.create_table('collectives',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), server_default='', nullable=False),
    sa.Column('commune', sa.String(length=120), nullable=False),
    sa.Column('departement', sa.String(length=3), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('kind', sa.Enum('habitat', 'hameau', 'oasis', 'other', name='projectkind', native_enum=False, length=20), nullable=False),
    sa.Column('phase_id', sa.Integer(), nullable=False),
    sa.Column('households', sa.Integer(), nullable=True),
    sa.Column('building_work', sa.Enum('construction', 'renovation', 'rehabilitation', name='buildingwork', native_enum=False, length=20), nullable=True),
    sa.Column('materials', sa.String(length=300), server_default='', nullable=False),
    sa.Column('year_founded', sa.Integer(), nullable=True),
    sa.Column('contact_name', sa.String(length=200), server_default='', nullable=False),
    sa.Column('contact_email', sa.String(length=320), server_default='', nullable=False),
    sa.Column('contact_phone', sa.String(length=40), server_default='', nullable=False),
    sa.Column('is_listed', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['phase_id'], ['phases.id'], name=op.f('fk_collectives_phase_id_phases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_collectives')),
    sa.UniqueConstraint('name', 'commune', name=op.f('uq_collectives_name_commune'))
    )
    with op.batch_alter_table('collectives', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_collectives_departement'), ['departement'], unique=False)
        batch_op.create_index(batch_op.f('ix_collectives_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_collectives_phase_id'), ['phase_id'], unique=False)

    op.create_table('surveys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('introduction', sa.Text(), server_default='', nullable=False),
    sa.Column('status', sa.Enum('draft', 'open', 'closed', name='surveystatus', native_enum=False, length=20), server_default='draft', nullable=False),
    sa.Column('closes_on', sa.Date(), nullable=True),
    sa.Column('criteria', sa.JSON(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_surveys_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_surveys'))
    )
    op.create_table('assessment_criteria',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dimension_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=300), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['dimension_id'], ['assessment_dimensions.id'], name=op.f('fk_assessment_criteria_dimension_id_assessment_dimensions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_criteria'))
    )
    with op.batch_alter_table('assessment_criteria', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_criteria_dimension_id'), ['dimension_id'], unique=False)

    op.create_table('collective_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('collective_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['collective_id'], ['collectives.id'], name=op.f('fk_collective_members_collective_id_collectives'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_collective_members_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_collective_members')),
    sa.UniqueConstraint('collective_id', 'user_id', name=op.f('uq_collective_members_collective_id_user_id'))
    )
    with op.batch_alter_table('collective_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_collective_members_collective_id'), ['collective_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_collective_members_user_id'), ['user_id'], unique=False)

    op.create_table('collective_networks',
    sa.Column('collective_id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['collective_id'], ['collectives.id'], name=op.f('fk_collective_networks_collective_id_collectives'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_collective_networks_partner_id_partners'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('collective_id', 'partner_id', name=op.f('pk_collective_networks'))
    )
    with op.batch_alter_table('collective_networks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_collective_networks_partner_id'), ['partner_id'], unique=False)

    op.create_table('planned_resources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('kind_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.Column('target_course', sa.String(length=200), server_default='', nullable=False),
    sa.Column('status', sa.Enum('planned', 'in_progress', 'published', 'dropped', name='planstatus', native_enum=False, length=20), server_default='planned', nullable=False),
    sa.Column('resource_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['kind_id'], ['kinds.id'], name=op.f('fk_planned_resources_kind_id_kinds')),
    sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_planned_resources_partner_id_partners'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['resource_id'], ['resources.id'], name=op.f('fk_planned_resources_resource_id_resources'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['theme_id'], ['themes.id'], name=op.f('fk_planned_resources_theme_id_themes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_planned_resources'))
    )
    with op.batch_alter_table('planned_resources', schema=None) as batch_op:
        batch_op.create_index('ix_planned_resources_overlap', ['year', 'theme_id', 'kind_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_planned_resources_partner_id'), ['partner_id'], unique=False)

    op.create_table('research_questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('details', sa.Text(), server_default='', nullable=False),
    sa.Column('status', sa.Enum('proposed', 'accepted', 'funded', 'under_study', 'published', 'declined', name='questionstatus', native_enum=False, length=20), server_default='proposed', nullable=False),
    sa.Column('committee_note', sa.Text(), server_default='', nullable=False),
    sa.Column('collective_id', sa.Integer(), nullable=True),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['collective_id'], ['collectives.id'], name=op.f('fk_research_questions_collective_id_collectives'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_research_questions_submitted_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_research_questions'))
    )
    with op.batch_alter_table('research_questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_research_questions_status'), ['status'], unique=False)

    op.create_table('resource_feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('resource_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), server_default='', nullable=False),
    sa.Column('comment_status', sa.Enum('pending', 'approved', 'rejected', name='commentstatus', native_enum=False, length=20), server_default='pending', nullable=False),
    sa.Column('moderated_by_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.CheckConstraint('rating BETWEEN 1 AND 5', name=op.f('ck_resource_feedback_rating_range')),
    sa.ForeignKeyConstraint(['moderated_by_id'], ['users.id'], name=op.f('fk_resource_feedback_moderated_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['resource_id'], ['resources.id'], name=op.f('fk_resource_feedback_resource_id_resources'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_resource_feedback_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resource_feedback')),
    sa.UniqueConstraint('resource_id', 'user_id', name=op.f('uq_resource_feedback_resource_id_user_id'))
    )
    with op.batch_alter_table('resource_feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resource_feedback_comment_status'), ['comment_status'], unique=False)
        batch_op.create_index(batch_op.f('ix_resource_feedback_resource_id'), ['resource_id'], unique=False)

    op.create_table('self_assessments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('grid_id', sa.Integer(), nullable=False),
    sa.Column('collective_id', sa.Integer(), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('scores', sa.JSON(), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['collective_id'], ['collectives.id'], name=op.f('fk_self_assessments_collective_id_collectives'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['grid_id'], ['assessment_grids.id'], name=op.f('fk_self_assessments_grid_id_assessment_grids'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_self_assessments_submitted_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_self_assessments'))
    )
    with op.batch_alter_table('self_assessments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_self_assessments_collective_id'), ['collective_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_self_assessments_grid_id'), ['grid_id'], unique=False)

    op.create_table('survey_invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('collective_id', sa.Integer(), nullable=False),
    sa.Column('nonce', sa.String(length=32), nullable=False),
    sa.Column('last_reminded_dt', sa.DateTime(), nullable=True),
    sa.Column('reminder_count', sa.Integer(), server_default='0', nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['collective_id'], ['collectives.id'], name=op.f('fk_survey_invitations_collective_id_collectives'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_survey_invitations_survey_id_surveys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_invitations')),
    sa.UniqueConstraint('survey_id', 'collective_id', name=op.f('uq_survey_invitations_survey_id_collective_id'))
    )
    with op.batch_alter_table('survey_invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_invitations_collective_id'), ['collective_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_invitations_survey_id'), ['survey_id'], unique=False)

    op.create_table('survey_sections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_survey_sections_survey_id_surveys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_sections'))
    )
    with op.batch_alter_table('survey_sections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_sections_survey_id'), ['survey_id'], unique=False)

    op.create_table('usage_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('view', 'download', 'embed_load', 'completion', 'enrolment', name='usagekind', native_enum=False, length=20), nullable=False),
    sa.Column('occurred_dt', sa.DateTime(), nullable=False),
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('resource_id', sa.Integer(), nullable=True),
    sa.Column('partner_id', sa.Integer(), nullable=True),
    sa.Column('subject', sa.String(length=60), server_default='', nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('dedupe_key', sa.String(length=120), nullable=True),
    sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_usage_events_partner_id_partners'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['resource_id'], ['resources.id'], name=op.f('fk_usage_events_resource_id_resources'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_usage_events_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_usage_events')),
    sa.UniqueConstraint('dedupe_key', name=op.f('uq_usage_events_dedupe_key'))
    )
    with op.batch_alter_table('usage_events', schema=None) as batch_op:
        batch_op.create_index('ix_usage_events_month_kind', ['month', 'kind'], unique=False)
        batch_op.create_index('ix_usage_events_partner_kind', ['partner_id', 'kind', 'month'], unique=False)
        batch_op.create_index('ix_usage_events_resource_kind', ['resource_id', 'kind', 'month'], unique=False)

    op.create_table('research_question_resources',
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('resource_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['research_questions.id'], name=op.f('fk_research_question_resources_question_id_research_questions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['resource_id'], ['resources.id'], name=op.f('fk_research_question_resources_resource_id_resources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('question_id', 'resource_id', name=op.f('pk_research_question_resources'))
    )
    with op.batch_alter_table('research_question_resources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_research_question_resources_resource_id'), ['resource_id'], unique=False)

    op.create_table('survey_questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('section_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('single', 'multiple', 'scale', 'number', 'short_text', 'long_text', 'date', name='questionkind', native_enum=False, length=20), nullable=False),
    sa.Column('label', sa.String(length=500), nullable=False),
    sa.Column('help_text', sa.String(length=500), server_default='', nullable=False),
    sa.Column('is_required', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('scale_min', sa.Integer(), server_default='1', nullable=False),
    sa.Column('scale_max', sa.Integer(), server_default='5', nullable=False),
    sa.ForeignKeyConstraint(['section_id'], ['survey_sections.id'], name=op.f('fk_survey_questions_section_id_survey_sections'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_survey_questions_survey_id_surveys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_questions'))
    )
    with op.batch_alter_table('survey_questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_questions_survey_id'), ['survey_id'], unique=False)

    op.create_table('survey_responses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('invitation_id', sa.Integer(), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('submitted_dt', sa.DateTime(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['invitation_id'], ['survey_invitations.id'], name=op.f('fk_survey_responses_invitation_id_survey_invitations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_responses')),
    sa.UniqueConstraint('invitation_id', name=op.f('uq_survey_responses_invitation_id'))
    )
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_responses_submitted_dt'), ['submitted_dt'], unique=False)



def downgrade():
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_responses_submitted_dt'))

    op.drop_table('survey_responses')
    with op.batch_alter_table('survey_questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_questions_survey_id'))

    op.drop_table('survey_questions')
    with op.batch_alter_table('research_question_resources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_research_question_resources_resource_id'))

    op.drop_table('research_question_resources')
    with op.batch_alter_table('usage_events', schema=None) as batch_op:
        batch_op.drop_index('ix_usage_events_resource_kind')
        batch_op.drop_index('ix_usage_events_partner_kind')
        batch_op.drop_index('ix_usage_events_month_kind')

    op.drop_table('usage_events')
    with op.batch_alter_table('survey_sections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_sections_survey_id'))

    op.drop_table('survey_sections')
    with op.batch_alter_table('survey_invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_invitations_survey_id'))
        batch_op.drop_index(batch_op.f('ix_survey_invitations_collective_id'))

    op.drop_table('survey_invitations')
    with op.batch_alter_table('self_assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_self_assessments_grid_id'))
        batch_op.drop_index(batch_op.f('ix_self_assessments_collective_id'))

    op.drop_table('self_assessments')
    with op.batch_alter_table('resource_feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resource_feedback_resource_id'))
        batch_op.drop_index(batch_op.f('ix_resource_feedback_comment_status'))

    op.drop_table('resource_feedback')
    with op.batch_alter_table('research_questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_research_questions_status'))

    op.drop_table('research_questions')
    with op.batch_alter_table('planned_resources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_planned_resources_partner_id'))
        batch_op.drop_index('ix_planned_resources_overlap')

    op.drop_table('planned_resources')
    with op.batch_alter_table('collective_networks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_collective_networks_partner_id'))

    op.drop_table('collective_networks')
    with op.batch_alter_table('collective_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_collective_members_user_id'))
        batch_op.drop_index(batch_op.f('ix_collective_members_collective_id'))

    op.drop_table('collective_members')
    with op.batch_alter_table('assessment_criteria', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_criteria_dimension_id'))

    op.drop_table('assessment_criteria')
    op.drop_table('surveys')
    with op.batch_alter_table('collectives', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_collectives_phase_id'))
        batch_op.drop_index(batch_op.f('ix_collectives_kind'))
        batch_op.drop_index(batch_op.f('ix_collectives_departement'))

    op.drop_table('collectives')
    with op.batch_alter_table('assessment_dimensions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_dimensions_grid_id'))

    op.drop_table('assessment_dimensions')
    with op.batch_alter_table('observatory_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_observatory_outbox_topic'))

    op.drop_table('observatory_outbox')
    op.drop_table('assessment_grids')
