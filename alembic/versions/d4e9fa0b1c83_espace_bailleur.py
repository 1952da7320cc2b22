"""L'espace bailleur: leases in tiers payant (bail), a bailleur's declarations (signalementbailleur), its account
(organisation.iban, organisation.bic), and a payment per dossier, month of the run and destination (paiement.bail_id)

Revision ID: d4e9fa0b1c83
Revises: c3d8e9fa0b72
Create Date: 2026-12-01 07:00:00.000000

"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = 'd4e9fa0b1c83'
down_revision: Union[str, Sequence[str], None] = 'c3d8e9fa0b72'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('iban', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('bic', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
    op.create_table('bail',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('address_line', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('postal_code', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
    sa.Column('city', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('loyer_cents', sa.Integer(), nullable=False),
    sa.Column('since', sa.Date(), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('tiers_payant', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossier.id'], ),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('bail', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bail_dossier_id'), ['dossier_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bail_organisation_id'), ['organisation_id'], unique=False)
    op.create_table('signalementbailleur',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bail_id', sa.Integer(), nullable=False),
    sa.Column('demarche_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['bail_id'], ['bail.id'], ),
    sa.ForeignKeyConstraint(['demarche_id'], ['demarche.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('signalementbailleur', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signalementbailleur_bail_id'), ['bail_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_signalementbailleur_demarche_id'), ['demarche_id'], unique=False)
    with op.batch_alter_table('paiement', schema=None) as batch_op:
        batch_op.add_column(sa.Column('bail_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_paiement_bail_id'), ['bail_id'], unique=False)
        batch_op.create_foreign_key('fk_paiement_bail_id', 'bail', ['bail_id'], ['id'])
        batch_op.drop_constraint('uq_paiement_dossier_run_month', type_='unique')
        batch_op.create_unique_constraint('uq_paiement_dossier_run_month_destination',
                                          ['dossier_id', 'run_month', 'destination'])


def downgrade() -> None:
    with op.batch_alter_table('paiement', schema=None) as batch_op:
        batch_op.drop_constraint('uq_paiement_dossier_run_month_destination', type_='unique')
        batch_op.create_unique_constraint('uq_paiement_dossier_run_month', ['dossier_id', 'run_month'])
        batch_op.drop_constraint('fk_paiement_bail_id', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_paiement_bail_id'))
        batch_op.drop_column('bail_id')
    with op.batch_alter_table('signalementbailleur', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signalementbailleur_demarche_id'))
        batch_op.drop_index(batch_op.f('ix_signalementbailleur_bail_id'))
    op.drop_table('signalementbailleur')
    with op.batch_alter_table('bail', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bail_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_bail_dossier_id'))
    op.drop_table('bail')
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_column('bic')
        batch_op.drop_column('iban')
