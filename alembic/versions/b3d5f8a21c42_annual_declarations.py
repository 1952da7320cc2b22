"""annual declarations

The table of the other declarations of resources (caf_app/domain/annual_declarations.py): ressources annuelles,
patrimoine, avantage vieillesse; one a year and dossier (unique), the draft kept at every screen, then sent once.

Revision ID: b3d5f8a21c42
Revises: a7c1e2d90b11
Create Date: 2026-11-30 17:20:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401  (column types of the models)


# revision identifiers, used by Alembic.
revision: str = 'b3d5f8a21c42'
down_revision: Union[str, Sequence[str], None] = 'a7c1e2d90b11'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('declarationannuelle',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('sent_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('answers_json', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('demarche_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['demarche_id'], ['demarche.id'], ),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossier.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('dossier_id', 'kind', 'year')
    )
    with op.batch_alter_table('declarationannuelle', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_declarationannuelle_dossier_id'), ['dossier_id'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('declarationannuelle', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_declarationannuelle_dossier_id'))

    op.drop_table('declarationannuelle')
