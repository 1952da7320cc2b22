"""the site search: its documents, their full-text index, the site's words

SQLite: an FTS5 table over the documents' stems (accents removed). PostgreSQL: a generated tsvector of the plain
text with its French configuration (title weighted A, text B) and a GIN index.

Revision ID: b6c1d2e3f405
Revises: a8e9636471df
Create Date: 2026-11-30 21:00:00.000000

"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = 'b6c1d2e3f405'
down_revision: Union[str, Sequence[str], None] = 'a8e9636471df'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'searchdoc',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column('summary', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('url', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column('plain', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('title_stems', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('stems', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_table(
        'searchword',
        sa.Column('word', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.PrimaryKeyConstraint('word'),
    )
    if op.get_bind().dialect.name == 'sqlite':
        op.execute("CREATE VIRTUAL TABLE searchdoc_fts USING fts5(title_stems, stems, content='searchdoc', content_rowid='id', "
                   "tokenize='unicode61 remove_diacritics 2')")
    else:
        op.execute("ALTER TABLE searchdoc ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
                   "(setweight(to_tsvector('french', split_part(plain, E'\\n', 1)), 'A') || "
                   "setweight(to_tsvector('french', plain), 'B')) STORED")
        op.execute("CREATE INDEX ix_searchdoc_tsv ON searchdoc USING gin (tsv)")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute("DROP TABLE searchdoc_fts")
    op.drop_table('searchword')
    op.drop_table('searchdoc')
