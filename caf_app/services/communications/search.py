"""The public site's search (the seed's magnifier) and its assistant, over one index of every public page, fiche,
guide, article and question of the FAQ.

  rebuild(session)               the index made again from content/ (python -m caf_app.migrations, at each
                                 deployment); returns the number of documents
  search(session=..., query=...) the results grouped by kind, each with its summary
  answer(session=..., question=...)
                                 the assistant: the best answers of the FAQ and the fiches, each with its source,
                                 or none ("Je ne sais pas répondre"): it never writes an answer of its own

SQLite (the default) searches its FTS5 table of stems (domain/search_text.py); PostgreSQL its French text search
(a generated tsvector, GIN). Either way a query is first read into meaningful words, a typo corrected to a word the
site uses, so that hostile characters or a 10 000-character text are only words, or nothing. Public: no policy to
ask, and nothing of the person is read or kept.
"""

from __future__ import annotations

import html
import itertools
import math
import re
from dataclasses import dataclass

from sqlalchemy import text as sql
from sqlmodel import Session, delete, select

from ... import models as m, routes
from ...content import editorial, load, search as words
from ...domain.search_text import MAX_QUERY, plain, query_words, stem, stems, vocabulary_of

CANDIDATES = 40  # read from the index before ranking by how many of the query's words a document has
PER_KIND = 8
ANSWERS = 3


@dataclass(frozen=True)
class Doc:
    kind: str
    title: str
    summary: str
    url: str
    text: str


@dataclass(frozen=True)
class Hit:
    kind: str
    title: str
    summary: str
    url: str


@dataclass(frozen=True)
class Results:
    groups: list[tuple[str, list[Hit]]]
    corrected: list[str]  # "alocation → allocation"
    message: str  # why there is nothing, or that the query was cut


@dataclass(frozen=True)
class Answer:
    items: list[Hit]  # empty: « Je ne sais pas répondre à cette question »
    message: str


def _text_of(fragment: str) -> str:
    """The words of an HTML fragment, as read (no space left before a full stop or a comma after a link)."""
    return re.sub(r" ([.,)])", r"\1", " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split()))


def _questions(page_html: str) -> list[tuple[str, str]]:
    """(question, answer) of a fiche's « Questions fréquentes »: each h3 ending with « ? » and what follows it."""
    found = re.findall(r"<h3>(.*?)</h3>(.*?)(?=<h[23][ >]|\Z)", page_html, flags=re.S)
    return [(_text_of(q), _text_of(a)) for q, a in found if _text_of(q).endswith("?")]


def corpus() -> list[Doc]:
    """Every document of the public site, from content/ and the route registry."""
    docs = []
    for entry in editorial.everything():
        url, body = routes.content_address(entry.section, entry.slug), _text_of(entry.html)
        docs.append(Doc(words.KIND_OF_SECTION[entry.section], entry.title, entry.summary, url, body))
        anchor = url + "#questions-frequentes"
        docs += [Doc("Questions fréquentes", question, answer, anchor, answer)
                 for question, answer in _questions(entry.html)]
    docs += [Doc("Questions fréquentes", item["question"], item["answer"], routes.HOME.at("questions"), item["answer"])
             for item in load("accueil_allocataires")["questions"]["items"]]
    for name, summary in words.SERVICES.items():
        page = getattr(routes, name)
        docs.append(Doc("Services en ligne", page.title, summary, page.path, summary))
    return docs


_VOCABULARY: dict[str, frozenset[str]] = {}  # database URL -> the site's words, read once per process


def _vocabulary(session: Session) -> frozenset[str]:
    key = str(session.get_bind().url)
    if key not in _VOCABULARY:
        _VOCABULARY[key] = frozenset(session.exec(select(m.SearchWord.word)).all())
    return _VOCABULARY[key]


def _sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def rebuild(session: Session, docs: list[Doc] | None = None) -> int:
    """The index made again, in one transaction: a search during it sees the old one or the new one. By default:
    content/, the route registry and the news published in the agents' space."""
    if docs is None:
        from .actualites import KIND, search_documents
        docs = corpus() + [Doc(KIND, title, summary, url, text)
                           for title, summary, url, text in search_documents(session)]
    session.exec(delete(m.SearchDoc))
    session.exec(delete(m.SearchWord))
    session.add_all(m.SearchDoc(kind=doc.kind, title=doc.title[:300], summary=doc.summary, url=doc.url,
                                plain=plain(doc.title) + "\n" + plain(doc.text), title_stems=stems(doc.title),
                                stems=stems(doc.text)) for doc in docs)
    session.add_all(m.SearchWord(word=word) for word in vocabulary_of(
        itertools.chain.from_iterable((doc.title, doc.text) for doc in docs)) if len(word) <= 80)
    session.flush()
    if _sqlite(session):
        session.exec(sql("INSERT INTO searchdoc_fts(searchdoc_fts) VALUES ('rebuild')"))
    session.commit()
    _VOCABULARY.pop(str(session.get_bind().url), None)
    return len(docs)


def _candidates(session: Session, terms: list[str], kinds: tuple[str, ...] = ()) -> list[tuple[int, Hit]]:
    """(how many of the terms the document has, the document), best first. The terms are [a-z0-9] words (never
    the person's characters), so the match expressions below are built from them safely."""
    only = " AND d.kind IN (" + ", ".join(f":k{i}" for i in range(len(kinds))) + ")" if kinds else ""
    params = {"n": CANDIDATES, **{f"k{i}": kind for i, kind in enumerate(kinds)}}
    if _sqlite(session):
        params["q"] = " OR ".join(f'"{stem(term)}"*' for term in terms)
        rows = session.exec(sql(
            "SELECT d.kind, d.title, d.summary, d.url, d.title_stems, d.stems FROM searchdoc_fts f "
            f"JOIN searchdoc d ON d.id = f.rowid WHERE searchdoc_fts MATCH :q{only} "
            "ORDER BY bm25(searchdoc_fts, 4.0, 1.0) LIMIT :n"), params=params).all()
    else:
        params["q"] = " | ".join(f"{term}:*" for term in terms)
        rows = session.exec(sql(
            "SELECT d.kind, d.title, d.summary, d.url, d.title_stems, d.stems FROM searchdoc d, "
            f"to_tsquery('french', :q) query WHERE d.tsv @@ query{only} "
            "ORDER BY ts_rank(d.tsv, query) DESC LIMIT :n"), params=params).all()
    ranked, wanted = [], [stem(term) for term in terms]
    for order, (kind, title, summary, url, title_stems, body_stems) in enumerate(rows):
        have = set((title_stems + " " + body_stems).split())
        found = sum(1 for root in wanted if root in have or any(word.startswith(root) for word in have))
        ranked.append((found, order, Hit(kind, title, summary, url)))
    ranked.sort(key=lambda row: (-row[0], row[1]))
    return [(found, hit) for found, _, hit in ranked]


def _enough(terms: list[str]) -> int:
    """How many of the query's words a result must have: all of one or two, 60 % of more."""
    return len(terms) if len(terms) <= 2 else math.ceil(len(terms) * 0.6)


def search(*, session: Session, query: str) -> Results:
    typed = (query or "").strip()
    if not typed:
        return Results([], [], words.EMPTY)
    terms, corrected = query_words(typed, _vocabulary(session))
    cut = words.TOO_LONG if len(typed) > MAX_QUERY else ""
    hits = [hit for found, hit in _candidates(session, terms) if found >= _enough(terms)] if terms else []
    if not hits:
        return Results([], corrected, " ".join(filter(None, (words.NOTHING, cut))))
    groups = [(kind, [hit for hit in hits if hit.kind == kind][:PER_KIND]) for kind in words.KINDS]
    return Results([(kind, found) for kind, found in groups if found], corrected, cut)


def answer(*, session: Session, question: str) -> Answer:
    """The assistant: the questions of the FAQ that answer it, else the fiches and guides that have every word
    of it; else nothing, said as such."""
    typed = (question or "").strip()
    if not typed:
        return Answer([], words.ASSISTANT_EMPTY)
    terms, _ = query_words(typed, _vocabulary(session))
    if terms:
        faq = [hit for found, hit in _candidates(session, terms, ("Questions fréquentes",))
               if found >= _enough(terms)]
        if faq:
            return Answer(faq[:ANSWERS], "")
        fiches = [hit for found, hit in _candidates(session, terms, ("Droits et prestations", "Ma situation"))
                  if found == len(terms)]
        if fiches:
            return Answer(fiches[:ANSWERS], "")
    return Answer([], words.DONT_KNOW)
