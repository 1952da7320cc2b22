"""Tuteur moral: a tutelle service's mesures (tutelle.organisation_id), and the Mon Compte session its staff member
opens for a protected person from Mon Compte Partenaire (usersession.partner_agent_id, no account of its own; its
demandes have none either)

Revision ID: b2c7d8e9fa61
Revises: a1b6c7d8e950
Create Date: 2026-12-01 04:00:00.000000

"""
from typing import Sequence, Union

import sqlalchemy as sa

from alembic import op

revision: str = 'b2c7d8e9fa61'
down_revision: Union[str, Sequence[str], None] = 'a1b6c7d8e950'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('tutelle', schema=None) as batch_op:
        batch_op.add_column(sa.Column('organisation_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_tutelle_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_foreign_key('fk_tutelle_organisation_id', 'organisation', ['organisation_id'], ['id'])
    with op.batch_alter_table('usersession', schema=None) as batch_op:
        batch_op.alter_column('account_id', existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column('partner_agent_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_usersession_partner_agent_id'), ['partner_agent_id'], unique=False)
        batch_op.create_foreign_key('fk_usersession_partner_agent_id', 'agent', ['partner_agent_id'], ['id'])
        batch_op.add_column(sa.Column('partner_session_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_usersession_partner_session_id', 'agentsession', ['partner_session_id'],
                                    ['id'])
        batch_op.add_column(sa.Column('tutelle_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_usersession_tutelle_id', 'tutelle', ['tutelle_id'], ['id'],
                                    ondelete='SET NULL')  # the mesure lifted: its sessions open nothing more
        # a session is an account's, or a tuteur moral's staff member's (never both, never neither)
        batch_op.create_check_constraint('ck_usersession_owner', '(account_id IS NULL) <> (partner_agent_id IS NULL)')
    with op.batch_alter_table('demande', schema=None) as batch_op:
        batch_op.alter_column('account_id', existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM usersession WHERE account_id IS NULL")
    # a tuteur moral's drafts go (they belong to no account); a sent demande keeps its row, given no account back:
    # downgrading below this revision is refused while one exists
    op.execute("DELETE FROM demande WHERE account_id IS NULL AND reference IS NULL")
    if op.get_bind().execute(sa.text("SELECT count(*) FROM demande WHERE account_id IS NULL")).scalar():
        raise RuntimeError("Des demandes envoyées par un tuteur moral n'ont pas de compte : retour en arrière refusé.")
    with op.batch_alter_table('demande', schema=None) as batch_op:
        batch_op.alter_column('account_id', existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table('usersession', schema=None) as batch_op:
        batch_op.drop_constraint('ck_usersession_owner', type_='check')
        batch_op.drop_constraint('fk_usersession_tutelle_id', type_='foreignkey')
        batch_op.drop_column('tutelle_id')
        batch_op.drop_constraint('fk_usersession_partner_session_id', type_='foreignkey')
        batch_op.drop_column('partner_session_id')
        batch_op.drop_constraint('fk_usersession_partner_agent_id', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_usersession_partner_agent_id'))
        batch_op.drop_column('partner_agent_id')
        batch_op.alter_column('account_id', existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table('tutelle', schema=None) as batch_op:
        batch_op.drop_constraint('fk_tutelle_organisation_id', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_tutelle_organisation_id'))
        batch_op.drop_column('organisation_id')
