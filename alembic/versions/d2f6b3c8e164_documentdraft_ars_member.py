"""the child an ARS 16-18 confirmation is for

A draft of Transmettre un document may be the « Confirmation scolarité ou apprentissage pour l'allocation de
rentrée scolaire (Ars) 16-18 ans » of one child of the dossier (services/paperwork/rentree.py). A plain column, no
foreign key: a child's departure, once processed, deletes the member.

Revision ID: d2f6b3c8e164
Revises: c9e4a1b7d053
Create Date: 2026-11-30 17:30:00.000000

"""
from typing import Sequence, Union

import sqlalchemy as sa

from alembic import op

# revision identifiers, used by Alembic.
revision: str = 'd2f6b3c8e164'
down_revision: Union[str, Sequence[str], None] = 'c9e4a1b7d053'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('documentdraft', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ars_member_id', sa.Integer(), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('documentdraft', schema=None) as batch_op:
        batch_op.drop_column('ars_member_id')
