"""Pages the server writes, for a browser without scripts (and a tap before the app has started): the site search's
results (GET /api/recherche?q=…, the search forms' action: the same query and results as /recherche,
services/communications/search.py), a news item published from the agents' space (GET /api/actualites/<slug>:
its page in the app comes from the database, so it is not prerendered) and the list a Ma Caf page shows of them
(GET /api/actualites?caf=13, the page's link without scripts). Every text escaped (a news item's body is
Markdown rendered without raw HTML); the links lead to the site's pages, which read without scripts."""

from __future__ import annotations

import html

from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from ..content import search as words
from ..db import engine
from ..domain.search_text import MAX_QUERY
from ..routes import ACTUALITE_PUBLIEE, HOME
from ..services.communications import actualites, search
from ..state.actualites import GONE

PATH = "/api/recherche"
NEWS = "/api/actualites/"
PUBLISHED = ACTUALITE_PUBLIEE.path.split("[")[0]  # "/actualites/publiees/": a news item of the database


def _link(url: str) -> str:
    """Where a result leads without scripts: a news item of the database to its page written here."""
    return NEWS + url[len(PUBLISHED):] if url.startswith(PUBLISHED) else url


def shell(title: str, main: str) -> str:
    """The page around `main` (already escaped): the site's stylesheet, the way back to the site."""
    return (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{html.escape(title)}</title><link rel="stylesheet" href="/styles.css"></head><body>'
        '<a class="skip-link" href="#contenu">Aller au contenu</a>'
        f'<header class="header"><a href="{HOME.path}"><strong>Caf</strong> — Accueil Allocataires</a>'
        f'</header><main id="contenu" class="main">{main}</main>'
        f'<footer class="footer"><p><a href="{HOME.path}">Accueil Allocataires</a></p></footer></body></html>')


def _hits(kind: str, hits) -> str:
    items = "".join(f'<li class="result"><a class="result-title" href="{html.escape(_link(hit.url))}">'
                    f'{html.escape(hit.title)}</a><p class="hint result-summary">{html.escape(hit.summary)}</p></li>'
                    for hit in hits)
    return f'<section aria-label="{html.escape(kind)}"><h2>{html.escape(kind)}</h2><ul class="results">{items}</ul>' \
           f'</section>'


def page(query: str, results: search.Results | None) -> str:
    """The whole page: the form (the query in its field), the message or the count, the results by kind."""
    shown, error, body = html.escape(query[:MAX_QUERY]), "", ""
    if results is not None and not query.strip():
        error = f'<p class="message message--error">{html.escape(results.message)}</p>'
    elif results is not None:
        count = sum(len(hits) for _, hits in results.groups)
        if results.message:
            body += f'<p role="status" class="status">{html.escape(results.message)}</p>'
        if results.corrected:
            body += f'<p class="hint">{html.escape(words.CORRECTED + ", ".join(results.corrected))}</p>'
        if count:
            body += f'<p role="status" class="hint">{count} résultat{"s" if count > 1 else ""}</p>'
        body += "".join(_hits(kind, hits) for kind, hits in results.groups)
    title = f"{words.TITLE} : {query[:MAX_QUERY]} - Caf" if query.strip() else f"{words.TITLE} - Caf"
    return shell(title, (
        f'<h1>{html.escape(words.TITLE)}</h1>'
        f'<form action="{PATH}" method="get" role="search" class="form"><div class="field">'
        f'<label for="q" class="field-label">{html.escape(words.LABEL)}</label>'
        f'<p id="q-hint" class="hint">{html.escape(words.HINT)}</p>'
        f'<input id="q" name="q" type="search" value="{shown}" maxlength="{MAX_QUERY}" class="input" '
        f'aria-describedby="q-hint q-messages" aria-invalid="{"true" if error else "false"}">'
        f'<div id="q-messages">{error}</div></div>'
        '<div class="actions"><button type="submit" class="button button--primary">Rechercher</button></div></form>'
        f'<div id="resultats" class="search-results">{body}</div>'))


def results_page(request: Request) -> HTMLResponse:
    """GET: q (the search forms), or question (the assistant « Une question ? » without scripts)."""
    asked = request.query_params
    if "q" not in asked and "question" not in asked:  # the page itself, before any search
        return HTMLResponse(page("", None), headers={"Cache-Control": "no-store"})
    query = str(asked.get("q", "") or asked.get("question", ""))[: MAX_QUERY * 50]
    with Session(engine()) as session:
        results = search.search(session=session, query=query)
    return HTMLResponse(page(query, results), headers={"Cache-Control": "no-store"})


def news_page(request: Request) -> HTMLResponse:
    """GET /api/actualites/<slug>: a published news item, or that it is not (404)."""
    with Session(engine()) as session:
        item = actualites.article(session=session, slug=str(request.path_params["slug"]))
    if item is None:
        return HTMLResponse(shell("Actualité - Caf", f'<h1>Actualité</h1><p role="status" class="notice">'
                                                     f'{html.escape(GONE)}</p>'), status_code=404)
    return HTMLResponse(shell(f"{item.title} - Caf", (
        f'<article><h1>{html.escape(item.title)}</h1>'
        f'<p class="hint">{html.escape(item.scope)} · Publié le {html.escape(item.date)}</p>'
        f'<p class="lead">{html.escape(item.summary)}</p><div class="prose">{item.html}</div></article>')),
        headers={"Cache-Control": "public, max-age=300"})


def news_list_page(request: Request) -> HTMLResponse:
    """GET /api/actualites?caf=13: what Ma Caf's « Fil d'actualités » lists from the database, without scripts (a
    département the site does not know: the national news only)."""
    departement = str(request.query_params.get("caf", ""))[:3]
    with Session(engine()) as session:
        items = (actualites.published_of(session=session, departement=departement, limit=20)
                 if departement.isalnum() else []) or actualites.published(session=session, caf_id=None, limit=20)
    listed = "".join(f'<li><article><p class="hint">{html.escape(n.scope)} · {html.escape(n.date)}</p>'
                     f'<h2><a href="{html.escape(_link(n.url))}">{html.escape(n.title)}</a></h2>'
                     f'<p>{html.escape(n.summary)}</p></article></li>' for n in items)
    return HTMLResponse(shell("Actualités publiées - Caf", (
        '<h1>Actualités publiées</h1>'
        + (f'<ul class="list-plain">{listed}</ul>' if items else
           '<p role="status" class="notice">Aucune actualité publiée pour le moment.</p>'))),
        headers={"Cache-Control": "public, max-age=300"})


routes = [Route(PATH, results_page, methods=["GET"]), Route(NEWS.rstrip("/"), news_list_page, methods=["GET"]),
          Route(NEWS + "{slug}", news_page, methods=["GET"])]
