"""The public site's news written in the agents' space (issue 22, point 3): a Caf's communication officer writes,
previews and publishes its local news; the national editor the national ones. Each publication and withdrawal is
audited; a published item is on its Caf's page (Ma Caf), in the site search and at its own address.

  mine(actor=editor)                       the editor's news, drafts and published
  save(actor=editor, news_id=0, title=, summary=, body=)
                                           a new draft (news_id 0) or the same one changed; ContentRefused with
                                           each field's message
  preview(actor=editor, news_id=)          the page as it will read
  publish(...) / withdraw(...)             online, or not any more (audited, the search index made again)
  published(caf_id=..., limit=...)         what a Caf's page lists: its own news and the national ones
  article(slug=...)                        one published item, or None
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, or_, select

from ... import clock, models as m, routes
from ...clock import PARIS
from ...content.editorial import ContentError, render, slugify
from ...domain import policy
from ...domain.dates import format_long_date
from ...domain.errors import FieldErrors, Forbidden
from ...domain.gestion import AgentActor, AgentRole

LIMITS = {"titre": (5, 120, "titre"), "resume": (10, 300, "résumé"), "texte": (20, 20_000, "texte")}
KIND = "Actualités"


class ContentRefused(FieldErrors):
    """A news item that cannot be kept as written: each field's message."""


@dataclass(frozen=True)
class Item:
    id: int
    title: str
    summary: str
    status: str  # « Brouillon », « Publiée le 30 novembre 2026 »
    url: str  # its public address once published, else ""


@dataclass(frozen=True)
class Preview:
    title: str
    summary: str
    html: str
    scope: str  # « Actualité nationale », « Actualité départementale – Caf des Hauts-de-Seine »


@dataclass(frozen=True)
class Published:
    title: str
    summary: str
    date: str
    scope: str
    url: str
    html: str = ""


def _scope_of(actor: AgentActor) -> int | None:
    """The Caf whose news this editor writes (None: the national ones)."""
    return None if actor.role is AgentRole.EDITEUR_NATIONAL else actor.caf_id


def _allowed(actor: AgentActor) -> int | None:
    scope = _scope_of(actor)
    if not policy.can_publish_news(actor, scope):
        raise Forbidden("actualités")
    return scope


def _own(session: Session, actor: AgentActor, news_id: int) -> m.Actualite:
    scope = _allowed(actor)
    row = session.get(m.Actualite, news_id)
    if row is None or row.caf_id != scope:
        raise Forbidden("actualité")
    return row


def _url(row: m.Actualite) -> str:
    return routes.ACTUALITE_PUBLIEE.of(actualite_slug=row.slug) if row.slug and row.published_at else ""


def _day(moment) -> str:
    return format_long_date(m.aware(moment).astimezone(PARIS).date())


def _item(row: m.Actualite) -> Item:
    status = f"Publiée le {_day(row.published_at)}" if row.published_at else "Brouillon"
    return Item(row.id, row.title, row.summary, status, _url(row))


def _scope_label(session: Session, caf_id: int | None) -> str:
    if caf_id is None:
        return "Actualité nationale"
    return f"Actualité départementale – {session.get(m.Caf, caf_id).name}"


def mine(*, session: Session, actor: AgentActor) -> list[Item]:
    scope = _allowed(actor)
    rows = session.exec(select(m.Actualite).where(m.Actualite.caf_id == scope if scope is not None
                                                  else m.Actualite.caf_id == None)  # noqa: E711
                        .order_by(col(m.Actualite.updated_at).desc()).limit(100)).all()
    return [_item(row) for row in rows]


def check(title: str, summary: str, body: str) -> dict[str, str]:
    """Each field's French message: lengths, and a text that renders (no « # » title: the page's title is the
    news item's)."""
    errors = {}
    for field, text in (("titre", title), ("resume", summary), ("texte", body)):
        low, high, what = LIMITS[field]
        if not low <= len(text.strip()) <= high:
            errors[field] = f"Le {what} fait de {low} à {high} caractères (il en fait {len(text.strip())})."
    if "texte" not in errors:
        try:
            render(body, source="Le texte")
        except ContentError as error:
            errors["texte"] = str(error).replace("Le texte : le texte", "Le texte")
    return errors


def save(*, session: Session, actor: AgentActor, news_id: int = 0, title: str, summary: str, body: str) -> int:
    """Keep the text as written (a draft; a published item changes online at once); returns its id."""
    title, summary, body = " ".join(title.split()), " ".join(summary.split()), body.replace("\r\n", "\n")
    errors = check(title, summary, body)
    if errors:
        raise ContentRefused(errors)
    row = _own(session, actor, news_id) if news_id else m.Actualite(caf_id=_allowed(actor), author_id=actor.agent_id,
                                                                    title=title, summary=summary, body=body)
    row.title, row.summary, row.body, row.updated_at = title, summary, body, clock.now()
    session.add(row)
    session.commit()
    if row.published_at:
        _reindex(session)
    return row.id


def preview(*, session: Session, actor: AgentActor, news_id: int) -> Preview:
    row = _own(session, actor, news_id)
    return Preview(row.title, row.summary, render(row.body, source="actualité")[0],
                   _scope_label(session, row.caf_id))


def _audit(session: Session, actor: AgentActor, what: str, row: m.Actualite) -> None:
    session.add(m.AuditEvent(kind=f"actualite_{what}", detail=f"agent {actor.agent_id} ({actor.name}) : {what} "
                                                              f"« {row.title} » (n° {row.id})"))


def publish(*, session: Session, actor: AgentActor, news_id: int) -> Item:
    row = _own(session, actor, news_id)
    if row.published_at is None:
        row.published_at, row.published_by_id = clock.now(), actor.agent_id
        row.slug = row.slug or f"{slugify(row.title)[:100]}-{row.id}"
        _audit(session, actor, "publiée", row)
        session.add(row)
        session.commit()
        _reindex(session)
    return _item(row)


def withdraw(*, session: Session, actor: AgentActor, news_id: int) -> Item:
    row = _own(session, actor, news_id)
    if row.published_at is not None:
        row.published_at, row.published_by_id = None, None
        _audit(session, actor, "retirée", row)
        session.add(row)
        session.commit()
        _reindex(session)
    return _item(row)


def _reindex(session: Session) -> None:
    from .search import rebuild  # the index holds the published news: made again with them
    rebuild(session)


def published(*, session: Session, caf_id: int | None, limit: int = 10) -> list[Published]:
    """A Caf's own published news and the national ones, newest first (caf_id None: the national ones only)."""
    where = m.Actualite.caf_id == None if caf_id is None else or_(  # noqa: E711
        m.Actualite.caf_id == caf_id, m.Actualite.caf_id == None)  # noqa: E711
    rows = session.exec(select(m.Actualite, m.Caf.name).outerjoin(m.Caf, m.Caf.id == m.Actualite.caf_id)
                        .where(where, m.Actualite.published_at != None)  # noqa: E711
                        .order_by(col(m.Actualite.published_at).desc()).limit(limit)).all()
    return [Published(row.title, row.summary, _day(row.published_at),
                      "Actualité nationale" if name is None else f"Actualité départementale – {name}", _url(row))
            for row, name in rows]


def published_of(*, session: Session, departement: str, limit: int = 6) -> list[Published]:
    """What the Ma Caf page of a département lists (nothing for a Caf not made yet)."""
    caf_id = session.exec(select(m.Caf.id).where(m.Caf.department == departement)).first()
    return published(session=session, caf_id=caf_id, limit=limit) if caf_id else []


def article(*, session: Session, slug: str) -> Published | None:
    row = session.exec(select(m.Actualite).where(m.Actualite.slug == slug[:120],
                                                 m.Actualite.published_at != None)).first()  # noqa: E711
    if row is None:
        return None
    return Published(row.title, row.summary, _day(row.published_at), _scope_label(session, row.caf_id), _url(row),
                     render(row.body, source="actualité")[0])


def search_documents(session: Session) -> list[tuple[str, str, str, str]]:
    """(title, summary, url, text) of every published item, for the site search (services/communications/
    search.py)."""
    rows = session.exec(select(m.Actualite).where(m.Actualite.published_at != None)).all()  # noqa: E711
    return [(row.title, row.summary, _url(row), row.body) for row in rows]



def source(*, session: Session, actor: AgentActor, news_id: int) -> str:
    """The Markdown of an item, to change it."""
    return _own(session, actor, news_id).body
