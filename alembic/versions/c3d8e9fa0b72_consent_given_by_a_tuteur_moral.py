"""A consent given by a tuteur moral's staff member, in the Mon Compte of the person they protect, names them
(consentement.given_by_partner_id)

Revision ID: c3d8e9fa0b72
Revises: b2c7d8e9fa61
Create Date: 2026-12-01 05:00:00.000000

"""
from typing import Sequence, Union

import sqlalchemy as sa

from alembic import op

revision: str = 'c3d8e9fa0b72'
down_revision: Union[str, Sequence[str], None] = 'b2c7d8e9fa61'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('consentement', schema=None) as batch_op:
        batch_op.add_column(sa.Column('given_by_partner_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_consentement_given_by_partner_id', 'agent', ['given_by_partner_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('consentement', schema=None) as batch_op:
        batch_op.drop_constraint('fk_consentement_given_by_partner_id', type_='foreignkey')
        batch_op.drop_column('given_by_partner_id')
