"""The pièces justificatives joined to a demande's draft before it is sent (demandepiece)

Revision ID: e5fa0b1c2d94
Revises: d4e9fa0b1c83
Create Date: 2026-12-01 08:00:00.000000

"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = 'e5fa0b1c2d94'
down_revision: Union[str, Sequence[str], None] = 'd4e9fa0b1c83'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('demandepiece',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('demande_id', sa.Integer(), nullable=False),
    sa.Column('label', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('storage_key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('page_count', sa.Integer(), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('added_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['demande_id'], ['demande.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('demandepiece', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_demandepiece_demande_id'), ['demande_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('demandepiece', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_demandepiece_demande_id'))
    op.drop_table('demandepiece')
