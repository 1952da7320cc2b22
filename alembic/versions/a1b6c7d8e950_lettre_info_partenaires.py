"""« Ma lettre d'info partenaires »: subscribers (double opt-in), letters and who received each; the registrations
for the Caf's webinars

Revision ID: a1b6c7d8e950
Revises: f0a5b6c7d849
Create Date: 2026-12-01 02:00:00.000000

"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = 'a1b6c7d8e950'
down_revision: Union[str, Sequence[str], None] = 'f0a5b6c7d849'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

TEXT = sqlmodel.sql.sqltypes.AutoString
WHEN = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        'abonne',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('email', TEXT(length=254), nullable=False),
        sa.Column('caf_id', sa.Integer(), nullable=False),
        sa.Column('requested_at', WHEN(), nullable=False),
        sa.Column('confirm_hash', TEXT(), nullable=False),
        sa.Column('confirmed_at', WHEN(), nullable=True),
        sa.Column('unsubscribed_at', WHEN(), nullable=True),
        sa.ForeignKeyConstraint(['caf_id'], ['caf.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('email', 'caf_id'),
    )
    op.create_index(op.f('ix_abonne_caf_id'), 'abonne', ['caf_id'], unique=False)
    op.create_index(op.f('ix_abonne_confirm_hash'), 'abonne', ['confirm_hash'], unique=False)
    op.create_table(
        'lettreinfo',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('caf_id', sa.Integer(), nullable=False),
        sa.Column('subject', TEXT(length=150), nullable=False),
        sa.Column('body', TEXT(), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=False),
        sa.Column('created_at', WHEN(), nullable=False),
        sa.Column('started_at', WHEN(), nullable=True),
        sa.Column('finished_at', WHEN(), nullable=True),
        sa.ForeignKeyConstraint(['caf_id'], ['caf.id']),
        sa.ForeignKeyConstraint(['author_id'], ['agent.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_lettreinfo_caf_id'), 'lettreinfo', ['caf_id'], unique=False)
    op.create_table(
        'lettreenvoi',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('lettre_id', sa.Integer(), nullable=False),
        sa.Column('abonne_id', sa.Integer(), nullable=False),
        sa.Column('sent_at', WHEN(), nullable=False),
        sa.ForeignKeyConstraint(['lettre_id'], ['lettreinfo.id']),
        sa.ForeignKeyConstraint(['abonne_id'], ['abonne.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('lettre_id', 'abonne_id'),
    )
    op.create_index(op.f('ix_lettreenvoi_lettre_id'), 'lettreenvoi', ['lettre_id'], unique=False)
    op.create_table(
        'inscriptionwebinaire',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('webinaire', TEXT(length=60), nullable=False),
        sa.Column('email', TEXT(length=254), nullable=False),
        sa.Column('name', TEXT(length=120), nullable=False),
        sa.Column('organisation', TEXT(length=120), nullable=False),
        sa.Column('created_at', WHEN(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('webinaire', 'email'),
    )
    op.create_index(op.f('ix_inscriptionwebinaire_webinaire'), 'inscriptionwebinaire', ['webinaire'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_inscriptionwebinaire_webinaire'), table_name='inscriptionwebinaire')
    op.drop_table('inscriptionwebinaire')
    op.drop_index(op.f('ix_lettreenvoi_lettre_id'), table_name='lettreenvoi')
    op.drop_table('lettreenvoi')
    op.drop_index(op.f('ix_lettreinfo_caf_id'), table_name='lettreinfo')
    op.drop_table('lettreinfo')
    op.drop_index(op.f('ix_abonne_confirm_hash'), table_name='abonne')
    op.drop_index(op.f('ix_abonne_caf_id'), table_name='abonne')
    op.drop_table('abonne')
