"""attestation references

An attestation's reference gets a table of its own, with what the attestation certifies (kind, period, total),
so that it can be verified; it was a "démarche" of kind "attestation" before, which filled "Suivre mes
démarches" and recorded nothing of the attestation. Those old rows are removed: their 32-bit references were
guessable and said nothing of what they certified, so they are not carried over (they cannot be verified).

Revision ID: 894998224aa8
Revises: e6258c8f899b
Create Date: 2026-11-26 22:53:10.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401  (column types of the models)


# revision identifiers, used by Alembic.
revision: str = '894998224aa8'
down_revision: Union[str, Sequence[str], None] = 'e6258c8f899b'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('attestationreference',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('total_cents', sa.Integer(), nullable=True),
    sa.Column('made_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossier.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('attestationreference', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attestationreference_dossier_id'), ['dossier_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attestationreference_reference'), ['reference'], unique=True)
    # Nothing points at these démarches (no document, piece or declaration is attached to an attestation).
    op.execute(sa.text("DELETE FROM demarche WHERE kind = 'attestation'"))


def downgrade() -> None:
    """Downgrade schema (the references recorded since are lost)."""
    with op.batch_alter_table('attestationreference', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attestationreference_reference'))
        batch_op.drop_index(batch_op.f('ix_attestationreference_dossier_id'))

    op.drop_table('attestationreference')
