"""rendez-vous booked on the slots a Caf opens

A Creneau per slot an agent opens; a rendez-vous now has its Caf, its slot, its way (accueil, téléphone, visio),
its reason, the contact of a person with no account (then no dossier), its reference, the hash of the token its
mail carries, and when it was cancelled or reminded.

Revision ID: c7d2e3f4a516
Revises: b6c1d2e3f405
Create Date: 2026-11-30 21:10:00.000000

"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = 'c7d2e3f4a516'
down_revision: Union[str, Sequence[str], None] = 'b6c1d2e3f405'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        'creneau',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('caf_id', sa.Integer(), nullable=False),
        sa.Column('starts_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('minutes', sa.Integer(), nullable=False),
        sa.Column('mode', TEXT(length=20), nullable=False),
        sa.Column('place', TEXT(length=200), nullable=False),
        sa.Column('taken', sa.Boolean(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['caf_id'], ['caf.id']),
        sa.ForeignKeyConstraint(['created_by_id'], ['agent.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_creneau_caf_id'), 'creneau', ['caf_id'], unique=False)
    op.create_index(op.f('ix_creneau_starts_at'), 'creneau', ['starts_at'], unique=False)
    with op.batch_alter_table('rendezvous') as batch:
        batch.alter_column('dossier_id', existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column('caf_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('creneau_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('person_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('minutes', sa.Integer(), nullable=False, server_default='30'))
        for name, length in (('mode', 20), ('reason', 20), ('last_name', 100), ('first_names', 100),
                             ('email', 254), ('phone', 20), ('reference', 20)):
            batch.add_column(sa.Column(name, TEXT(length=length), nullable=False, server_default=''))
        batch.add_column(sa.Column('token_hash', TEXT(length=64), nullable=True))
        batch.add_column(sa.Column('cancelled_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch.add_column(sa.Column('reminded_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch.create_index('ix_rendezvous_caf_id', ['caf_id'], unique=False)
        batch.create_index('ix_rendezvous_creneau_id', ['creneau_id'], unique=False)
        batch.create_index('ix_rendezvous_reference', ['reference'], unique=False)
        batch.create_unique_constraint('uq_rendezvous_token_hash', ['token_hash'])
        batch.create_foreign_key('fk_rendezvous_caf_id', 'caf', ['caf_id'], ['id'])
        batch.create_foreign_key('fk_rendezvous_creneau_id', 'creneau', ['creneau_id'], ['id'])
        batch.create_foreign_key('fk_rendezvous_person_id', 'person', ['person_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('rendezvous') as batch:
        batch.drop_constraint('fk_rendezvous_person_id', type_='foreignkey')
        batch.drop_constraint('fk_rendezvous_creneau_id', type_='foreignkey')
        batch.drop_constraint('fk_rendezvous_caf_id', type_='foreignkey')
        batch.drop_constraint('uq_rendezvous_token_hash', type_='unique')
        batch.drop_index('ix_rendezvous_reference')
        batch.drop_index('ix_rendezvous_creneau_id')
        batch.drop_index('ix_rendezvous_caf_id')
        for name in ('reminded_at', 'cancelled_at', 'token_hash', 'reference', 'phone', 'email', 'first_names',
                     'last_name', 'reason', 'mode', 'minutes', 'person_id', 'creneau_id', 'caf_id'):
            batch.drop_column(name)
        batch.alter_column('dossier_id', existing_type=sa.Integer(), nullable=False)
    op.drop_index(op.f('ix_creneau_starts_at'), table_name='creneau')
    op.drop_index(op.f('ix_creneau_caf_id'), table_name='creneau')
    op.drop_table('creneau')
