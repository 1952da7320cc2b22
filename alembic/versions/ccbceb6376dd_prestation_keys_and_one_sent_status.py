"""prestation keys and one sent status

The columns that named a prestation by its French label (droit, paiementligne, dette) hold its key instead
("Prime d'activité" -> "prime_activite", caf_app.domain.prestations); a quarterly declaration's alert says which
prestation it is about in a column of its own (it was found by comparing its title with the label); and a
declaration sent is "envoye", as documents sent are (it was "envoyee"). A value this revision does not know is
left as it was. The downgrade puts the labels, the titles' join and "envoyee" back.

Revision ID: ccbceb6376dd
Revises: 8f7153deb5be
Create Date: 2026-11-30 09:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401  (column types of the models)


# revision identifiers, used by Alembic.
revision: str = 'ccbceb6376dd'
down_revision: Union[str, Sequence[str], None] = '8f7153deb5be'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# The labels as they were stored, by key: a copy frozen with this revision (the enum may change after it).
LABELS = {
    "rsa": "Revenu de solidarité active",
    "prime_activite": "Prime d'activité",
    "aah": "Allocation aux adultes handicapés",
    "apl": "Aide personnalisée au logement",
    "als": "Allocation de logement sociale",
    "asf": "Allocation de soutien familial",
    "af": "Allocations familiales",
}
TABLES = ("droit", "paiementligne", "dette")


def _replace(table: str, column: str, pairs) -> None:
    """UPDATE table SET column = new WHERE column = old, for each (old, new)."""
    target = sa.table(table, sa.column(column, sa.String))
    for old, new in pairs:
        op.execute(target.update().where(target.c[column] == op.inline_literal(old))
                   .values({column: op.inline_literal(new)}))


def upgrade() -> None:
    """Upgrade schema."""
    to_keys = [(label, key) for key, label in LABELS.items()]
    for table in TABLES:
        _replace(table, "prestation", to_keys)
    with op.batch_alter_table('alerte', schema=None) as batch_op:
        batch_op.add_column(sa.Column('prestation', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    alerte = sa.table("alerte", sa.column("prestation", sa.String), sa.column("kind", sa.String),
                      sa.column("title", sa.String))
    for key, label in LABELS.items():
        op.execute(alerte.update().where(alerte.c.kind == op.inline_literal("declaration_trimestrielle"),
                                         alerte.c.title == op.inline_literal(label))
                   .values(prestation=op.inline_literal(key)))
    _replace("declarationtrimestrielle", "status", [("envoyee", "envoye")])


def downgrade() -> None:
    """Downgrade schema."""
    _replace("declarationtrimestrielle", "status", [("envoye", "envoyee")])
    with op.batch_alter_table('alerte', schema=None) as batch_op:
        batch_op.drop_column('prestation')
    to_labels = list(LABELS.items())
    for table in TABLES:
        _replace(table, "prestation", to_labels)
