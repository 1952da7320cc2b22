"""Mon Compte Partenaire: organisations, their habilitations, and their staff's accounts (agent.organisation_id)

Revision ID: e9f4a5b6c738
Revises: d8e3f4a5b627
Create Date: 2026-12-01 00:20:00.000000

"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = 'e9f4a5b6c738'
down_revision: Union[str, Sequence[str], None] = 'd8e3f4a5b627'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        'organisation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', TEXT(), nullable=False),
        sa.Column('kind', TEXT(), nullable=False),
        sa.Column('caf_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['caf_id'], ['caf.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_organisation_caf_id'), 'organisation', ['caf_id'], unique=False)
    op.create_table(
        'habilitation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('service', TEXT(), nullable=False),
        sa.Column('departement', TEXT(length=3), nullable=False),
        sa.Column('valid_until', sa.Date(), nullable=False),
        sa.Column('granted_by_id', sa.Integer(), nullable=True),
        sa.Column('granted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('withdrawn_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id']),
        sa.ForeignKeyConstraint(['granted_by_id'], ['agent.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_habilitation_organisation_id'), 'habilitation', ['organisation_id'], unique=False)
    with op.batch_alter_table('agent', schema=None) as batch_op:
        batch_op.add_column(sa.Column('organisation_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_agent_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_foreign_key('fk_agent_organisation_id', 'organisation', ['organisation_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('agent', schema=None) as batch_op:
        batch_op.drop_constraint('fk_agent_organisation_id', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_agent_organisation_id'))
        batch_op.drop_column('organisation_id')
    op.drop_index(op.f('ix_habilitation_organisation_id'), table_name='habilitation')
    op.drop_table('habilitation')
    op.drop_index(op.f('ix_organisation_caf_id'), table_name='organisation')
    op.drop_table('organisation')
