"""Quality: inspection checks (on operations, the final inspection and routing template steps),
signed inspection results with their readings and photos (corrections are new rows),
non-conformance reports, finished-goods tests, deliveries, feedback, warranties and aftercare
tickets; the default warranty period in shop settings.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 22:56:13.523387

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('template_step_checks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('step_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('characteristic', sa.String(length=200), nullable=False),
    sa.Column('method', sa.String(length=200), nullable=False),
    sa.Column('check_type', sa.String(length=20), nullable=False),
    sa.Column('nominal', sa.BigInteger(), nullable=True),
    sa.Column('lower_tolerance', sa.BigInteger(), nullable=True),
    sa.Column('upper_tolerance', sa.BigInteger(), nullable=True),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['step_id'], ['routing_template_steps.id'], name=op.f('fk_template_step_checks_step_id_routing_template_steps'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_template_step_checks'))
    )
    with op.batch_alter_table('template_step_checks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_template_step_checks_step_id'), ['step_id'], unique=False)

    op.create_table('aftercare_tickets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=False),
    sa.Column('problem', sa.Text(), nullable=False),
    sa.Column('action', sa.Text(), nullable=False),
    sa.Column('cost', sa.BigInteger(), nullable=False),
    sa.Column('under_warranty', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('resolved_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_aftercare_tickets_job_id_jobs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aftercare_tickets')),
    sa.UniqueConstraint('number', name=op.f('uq_aftercare_tickets_number'))
    )
    with op.batch_alter_table('aftercare_tickets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aftercare_tickets_job_id'), ['job_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_aftercare_tickets_opened_on'), ['opened_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_aftercare_tickets_status'), ['status'], unique=False)

    op.create_table('deliveries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=False),
    sa.Column('delivered_on', sa.Date(), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('received_by', sa.String(length=200), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_deliveries_job_id_jobs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deliveries'))
    )
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deliveries_delivered_on'), ['delivered_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_deliveries_job_id'), ['job_id'], unique=False)

    op.create_table('feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=False),
    sa.Column('comments', sa.Text(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('rating BETWEEN 1 AND 5', name=op.f('ck_feedback_rating')),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_feedback_job_id_jobs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback'))
    )
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_job_id'), ['job_id'], unique=False)

    op.create_table('finished_tests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('method', sa.String(length=200), nullable=False),
    sa.Column('test_type', sa.String(length=20), nullable=False),
    sa.Column('nominal', sa.BigInteger(), nullable=True),
    sa.Column('lower_tolerance', sa.BigInteger(), nullable=True),
    sa.Column('upper_tolerance', sa.BigInteger(), nullable=True),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=True),
    sa.Column('value_unit', sa.String(length=20), nullable=False),
    sa.Column('result', sa.String(length=10), nullable=False),
    sa.Column('tester_id', sa.Integer(), nullable=True),
    sa.Column('tester', sa.String(length=200), nullable=False),
    sa.Column('tested_at', sa.DateTime(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_finished_tests_job_id_jobs')),
    sa.ForeignKeyConstraint(['tester_id'], ['operators.id'], name=op.f('fk_finished_tests_tester_id_operators')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_finished_tests'))
    )
    with op.batch_alter_table('finished_tests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_finished_tests_job_id'), ['job_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_finished_tests_tested_at'), ['tested_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_finished_tests_tester_id'), ['tester_id'], unique=False)

    op.create_table('warranties',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=False),
    sa.Column('months', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_warranties_job_id_jobs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_warranties')),
    sa.UniqueConstraint('job_id', name=op.f('uq_warranties_job_id'))
    )
    op.create_table('inspection_checks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=False),
    sa.Column('operation_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('characteristic', sa.String(length=200), nullable=False),
    sa.Column('method', sa.String(length=200), nullable=False),
    sa.Column('check_type', sa.String(length=20), nullable=False),
    sa.Column('nominal', sa.BigInteger(), nullable=True),
    sa.Column('lower_tolerance', sa.BigInteger(), nullable=True),
    sa.Column('upper_tolerance', sa.BigInteger(), nullable=True),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_inspection_checks_job_id_jobs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['operation_id'], ['operations.id'], name=op.f('fk_inspection_checks_operation_id_operations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_checks'))
    )
    with op.batch_alter_table('inspection_checks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_checks_job_id'), ['job_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inspection_checks_operation_id'), ['operation_id'], unique=False)

    op.create_table('inspection_results',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('check_id', sa.Integer(), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=False),
    sa.Column('result', sa.String(length=10), nullable=False),
    sa.Column('inspector_id', sa.Integer(), nullable=True),
    sa.Column('inspector', sa.String(length=200), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('corrects_id', sa.Integer(), nullable=True),
    sa.Column('correction_reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['check_id'], ['inspection_checks.id'], name=op.f('fk_inspection_results_check_id_inspection_checks')),
    sa.ForeignKeyConstraint(['corrects_id'], ['inspection_results.id'], name=op.f('fk_inspection_results_corrects_id_inspection_results')),
    sa.ForeignKeyConstraint(['inspector_id'], ['operators.id'], name=op.f('fk_inspection_results_inspector_id_operators')),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_inspection_results_job_id_jobs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_results'))
    )
    with op.batch_alter_table('inspection_results', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_results_check_id'), ['check_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inspection_results_corrects_id'), ['corrects_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inspection_results_inspector_id'), ['inspector_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inspection_results_job_id'), ['job_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inspection_results_recorded_at'), ['recorded_at'], unique=False)

    op.create_table('inspection_photos',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('result_id', sa.Integer(), nullable=False),
    sa.Column('blob_sha256', sa.String(length=64), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['blob_sha256'], ['attachment_blobs.sha256'], name=op.f('fk_inspection_photos_blob_sha256_attachment_blobs')),
    sa.ForeignKeyConstraint(['result_id'], ['inspection_results.id'], name=op.f('fk_inspection_photos_result_id_inspection_results'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_photos'))
    )
    with op.batch_alter_table('inspection_photos', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_photos_blob_sha256'), ['blob_sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_inspection_photos_result_id'), ['result_id'], unique=False)

    op.create_table('inspection_readings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('result_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['result_id'], ['inspection_results.id'], name=op.f('fk_inspection_readings_result_id_inspection_results'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_readings'))
    )
    with op.batch_alter_table('inspection_readings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_readings_result_id'), ['result_id'], unique=False)

    op.create_table('nonconformances',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=False),
    sa.Column('check_id', sa.Integer(), nullable=True),
    sa.Column('result_id', sa.Integer(), nullable=True),
    sa.Column('finished_test_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('cause', sa.Text(), nullable=False),
    sa.Column('raised_by', sa.String(length=200), nullable=False),
    sa.Column('raised_at', sa.DateTime(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('disposition', sa.String(length=30), nullable=True),
    sa.Column('disposition_note', sa.Text(), nullable=False),
    sa.Column('concession_reference', sa.String(length=100), nullable=False),
    sa.Column('dispositioned_at', sa.DateTime(), nullable=True),
    sa.Column('rework_operation_id', sa.Integer(), nullable=True),
    sa.Column('scrap_issue_id', sa.Integer(), nullable=True),
    sa.Column('verified_by', sa.String(length=200), nullable=False),
    sa.Column('verified_at', sa.DateTime(), nullable=True),
    sa.Column('verification_note', sa.Text(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("status IN ('open', 'dispositioned', 'verified', 'closed')", name=op.f('ck_nonconformances_status')),
    sa.ForeignKeyConstraint(['check_id'], ['inspection_checks.id'], name=op.f('fk_nonconformances_check_id_inspection_checks')),
    sa.ForeignKeyConstraint(['finished_test_id'], ['finished_tests.id'], name=op.f('fk_nonconformances_finished_test_id_finished_tests')),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_nonconformances_job_id_jobs')),
    sa.ForeignKeyConstraint(['result_id'], ['inspection_results.id'], name=op.f('fk_nonconformances_result_id_inspection_results')),
    sa.ForeignKeyConstraint(['rework_operation_id'], ['operations.id'], name=op.f('fk_nonconformances_rework_operation_id_operations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['scrap_issue_id'], ['material_issues.id'], name=op.f('fk_nonconformances_scrap_issue_id_material_issues')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_nonconformances')),
    sa.UniqueConstraint('number', name=op.f('uq_nonconformances_number'))
    )
    with op.batch_alter_table('nonconformances', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_nonconformances_check_id'), ['check_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_nonconformances_finished_test_id'), ['finished_test_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_nonconformances_job_id'), ['job_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_nonconformances_raised_at'), ['raised_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_nonconformances_result_id'), ['result_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_nonconformances_rework_operation_id'), ['rework_operation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_nonconformances_scrap_issue_id'), ['scrap_issue_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_nonconformances_status'), ['status'], unique=False)

    with op.batch_alter_table('shop_settings', schema=None) as batch_op:
        # The server default fills the existing settings row (a NOT NULL column needs a value).
        batch_op.add_column(sa.Column('default_warranty_months', sa.Integer(), nullable=False,
                                      server_default='12'))



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('shop_settings', schema=None) as batch_op:
        batch_op.drop_column('default_warranty_months')

    with op.batch_alter_table('nonconformances', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_nonconformances_status'))
        batch_op.drop_index(batch_op.f('ix_nonconformances_scrap_issue_id'))
        batch_op.drop_index(batch_op.f('ix_nonconformances_rework_operation_id'))
        batch_op.drop_index(batch_op.f('ix_nonconformances_result_id'))
        batch_op.drop_index(batch_op.f('ix_nonconformances_raised_at'))
        batch_op.drop_index(batch_op.f('ix_nonconformances_job_id'))
        batch_op.drop_index(batch_op.f('ix_nonconformances_finished_test_id'))
        batch_op.drop_index(batch_op.f('ix_nonconformances_check_id'))

    op.drop_table('nonconformances')
    with op.batch_alter_table('inspection_readings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_readings_result_id'))

    op.drop_table('inspection_readings')
    with op.batch_alter_table('inspection_photos', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_photos_result_id'))
        batch_op.drop_index(batch_op.f('ix_inspection_photos_blob_sha256'))

    op.drop_table('inspection_photos')
    with op.batch_alter_table('inspection_results', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_results_recorded_at'))
        batch_op.drop_index(batch_op.f('ix_inspection_results_job_id'))
        batch_op.drop_index(batch_op.f('ix_inspection_results_inspector_id'))
        batch_op.drop_index(batch_op.f('ix_inspection_results_corrects_id'))
        batch_op.drop_index(batch_op.f('ix_inspection_results_check_id'))

    op.drop_table('inspection_results')
    with op.batch_alter_table('inspection_checks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_checks_operation_id'))
        batch_op.drop_index(batch_op.f('ix_inspection_checks_job_id'))

    op.drop_table('inspection_checks')
    op.drop_table('warranties')
    with op.batch_alter_table('finished_tests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_finished_tests_tester_id'))
        batch_op.drop_index(batch_op.f('ix_finished_tests_tested_at'))
        batch_op.drop_index(batch_op.f('ix_finished_tests_job_id'))

    op.drop_table('finished_tests')
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_job_id'))

    op.drop_table('feedback')
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deliveries_job_id'))
        batch_op.drop_index(batch_op.f('ix_deliveries_delivered_on'))

    op.drop_table('deliveries')
    with op.batch_alter_table('aftercare_tickets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aftercare_tickets_status'))
        batch_op.drop_index(batch_op.f('ix_aftercare_tickets_opened_on'))
        batch_op.drop_index(batch_op.f('ix_aftercare_tickets_job_id'))

    op.drop_table('aftercare_tickets')
    with op.batch_alter_table('template_step_checks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_template_step_checks_step_id'))

    op.drop_table('template_step_checks')
