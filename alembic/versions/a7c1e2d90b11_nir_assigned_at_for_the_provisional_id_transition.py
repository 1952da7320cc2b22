"""when the NIR was assigned to a person who had a provisional identifier

Both identifiers log in for a transition period from that moment (services/identity/transition.py).

Revision ID: a7c1e2d90b11
Revises: 1039f8fdb038
Create Date: 2026-11-30 17:10:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401  (column types of the models)


# revision identifiers, used by Alembic.
revision: str = 'a7c1e2d90b11'
down_revision: Union[str, Sequence[str], None] = '1039f8fdb038'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('nir_assigned_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_column('nir_assigned_at')
