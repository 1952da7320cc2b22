"""tutelles, and who made a démarche

The mesures de protection the Caf knows (a tuteur physique logs in to Mon Compte and acts for the protected
person in that person's dossier; a tuteur moral goes through the partner space), and on each démarche the tuteur
who made it for the person (None when the person acted themselves).

Revision ID: c9e4a1b7d053
Revises: b3d5f8a21c42
Create Date: 2026-11-30 17:30:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401  (column types of the models)


# revision identifiers, used by Alembic.
revision: str = 'c9e4a1b7d053'
down_revision: Union[str, Sequence[str], None] = 'b3d5f8a21c42'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('tutelle',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('protected_id', sa.Integer(), nullable=False),
    sa.Column('tuteur_id', sa.Integer(), nullable=True),
    sa.Column('organisme', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('since', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossier.id'], ),
    sa.ForeignKeyConstraint(['protected_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['tuteur_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('tutelle', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tutelle_dossier_id'), ['dossier_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tutelle_protected_id'), ['protected_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tutelle_tuteur_id'), ['tuteur_id'], unique=False)
    with op.batch_alter_table('demarche', schema=None) as batch_op:
        batch_op.add_column(sa.Column('acted_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_demarche_acted_by_id', 'person', ['acted_by_id'], ['id'])


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('demarche', schema=None) as batch_op:
        batch_op.drop_constraint('fk_demarche_acted_by_id', type_='foreignkey')
        batch_op.drop_column('acted_by_id')
    with op.batch_alter_table('tutelle', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tutelle_tuteur_id'))
        batch_op.drop_index(batch_op.f('ix_tutelle_protected_id'))
        batch_op.drop_index(batch_op.f('ix_tutelle_dossier_id'))
    op.drop_table('tutelle')
