"""AFAS: the allocataires' consents to a partner, and the démarches a partner's staff member sent (demarche.partner_id)

Revision ID: f0a5b6c7d849
Revises: e9f4a5b6c738
Create Date: 2026-12-01 01:00:00.000000

"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = 'f0a5b6c7d849'
down_revision: Union[str, Sequence[str], None] = 'e9f4a5b6c738'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'consentement',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('dossier_id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('service', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('given_by_id', sa.Integer(), nullable=False),
        sa.Column('given_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('withdrawn_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['dossier_id'], ['dossier.id']),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id']),
        sa.ForeignKeyConstraint(['given_by_id'], ['person.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_consentement_dossier_id'), 'consentement', ['dossier_id'], unique=False)
    op.create_index(op.f('ix_consentement_organisation_id'), 'consentement', ['organisation_id'], unique=False)
    with op.batch_alter_table('demarche', schema=None) as batch_op:
        batch_op.add_column(sa.Column('partner_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_demarche_partner_id', 'agent', ['partner_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('demarche', schema=None) as batch_op:
        batch_op.drop_constraint('fk_demarche_partner_id', type_='foreignkey')
        batch_op.drop_column('partner_id')
    op.drop_index(op.f('ix_consentement_organisation_id'), table_name='consentement')
    op.drop_index(op.f('ix_consentement_dossier_id'), table_name='consentement')
    op.drop_table('consentement')
