"""messages of people with no dossier (« Nous contacter »)

A message typed on the public contact form: it waits in the queue of the Caf of its postal code, and the
agent's answer is sent by mail.

Revision ID: a8e9636471df
Revises: d2f6b3c8e164
Create Date: 2026-11-30 18:30:00.000000

"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel

from alembic import op

# revision identifiers, used by Alembic.
revision: str = 'a8e9636471df'
down_revision: Union[str, Sequence[str], None] = 'd2f6b3c8e164'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        'messagepublic',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('caf_id', sa.Integer(), nullable=False),
        sa.Column('last_name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column('first_names', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('address_line', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('postal_code', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column('city', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column('text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('received_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('claimed_by_id', sa.Integer(), nullable=True),
        sa.Column('claimed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('answered_by_id', sa.Integer(), nullable=True),
        sa.Column('answered_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('answer', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(['answered_by_id'], ['agent.id']),
        sa.ForeignKeyConstraint(['caf_id'], ['caf.id']),
        sa.ForeignKeyConstraint(['claimed_by_id'], ['agent.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('messagepublic', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_messagepublic_caf_id'), ['caf_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_messagepublic_received_at'), ['received_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_messagepublic_claimed_by_id'), ['claimed_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_messagepublic_answered_at'), ['answered_at'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('messagepublic', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_messagepublic_answered_at'))
        batch_op.drop_index(batch_op.f('ix_messagepublic_claimed_by_id'))
        batch_op.drop_index(batch_op.f('ix_messagepublic_received_at'))
        batch_op.drop_index(batch_op.f('ix_messagepublic_caf_id'))
    op.drop_table('messagepublic')
