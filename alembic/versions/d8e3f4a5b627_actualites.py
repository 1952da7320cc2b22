"""news of the public site written in the agents' space (local by a Caf's communication officer, national)

Revision ID: d8e3f4a5b627
Revises: c7d2e3f4a516
Create Date: 2026-11-30 21:20:00.000000

"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = 'd8e3f4a5b627'
down_revision: Union[str, Sequence[str], None] = 'c7d2e3f4a516'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        'actualite',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('caf_id', sa.Integer(), nullable=True),
        sa.Column('slug', TEXT(length=120), nullable=True),
        sa.Column('title', TEXT(length=120), nullable=False),
        sa.Column('summary', TEXT(length=300), nullable=False),
        sa.Column('body', TEXT(), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=False),
        sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('published_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('published_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['caf_id'], ['caf.id']),
        sa.ForeignKeyConstraint(['author_id'], ['agent.id']),
        sa.ForeignKeyConstraint(['published_by_id'], ['agent.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('slug'),
    )
    op.create_index(op.f('ix_actualite_caf_id'), 'actualite', ['caf_id'], unique=False)
    op.create_index(op.f('ix_actualite_published_at'), 'actualite', ['published_at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_actualite_published_at'), table_name='actualite')
    op.drop_index(op.f('ix_actualite_caf_id'), table_name='actualite')
    op.drop_table('actualite')
