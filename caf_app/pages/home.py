"""The public "Allocataires" home page; its content comes from content/data/accueil_allocataires.json."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page
from ..components.ui.actions import link_button
from ..components.ui.link import app_link
from ..content import editorial, load


def block(key: str, *children, id: str) -> rx.Component:
    return rx.el.section(rx.el.h2(load("accueil_allocataires")[key]["title"]), *children, id=id,
                         class_name="block")


# A tile whose title is that of a content file (an Actualité, a thématique, an article of the magazine) leads to
# its page.
PAGE_OF_TITLE = {e.title: routes.content_address(e.section, e.slug) for e in editorial.everything()}


def tile_title(title: str) -> rx.Component:
    return app_link(title, href=PAGE_OF_TITLE[title]) if title in PAGE_OF_TITLE else title


def cards(items: list[dict], heading: str = "h3") -> rx.Component:
    tag = getattr(rx.el, heading)
    return rx.el.ul(*[rx.el.li(rx.el.p(i["category"], class_name="tag") if i.get("category") else rx.fragment(),
                               tag(tile_title(i["title"])), rx.el.p(i["text"]), class_name="tile") for i in items],
                    class_name="tiles")


def home() -> rx.Component:
    c = load("accueil_allocataires")
    return page(
        rx.el.h1("Allocataires"),
        block("mon_compte", rx.el.p(c["mon_compte"]["text"]),
              rx.el.div(*[link_button(link["label"], href=link["href"], variant="primary")
                          for link in c["mon_compte"]["links"]], class_name="actions"), id="mon-compte"),
        block("a_la_une", cards(c["a_la_une"]["items"]),
              rx.el.p(app_link("Toutes les actualités", href=routes.ACTUALITES.path)), id="a-la-une"),
        block("thematiques", rx.el.p(c["thematiques"]["text"]), cards(c["thematiques"]["items"]),
              id="thematiques"),
        block("que_souhaitez_vous_faire",
              rx.el.ul(*[rx.el.li(app_link(i["label"], href=i["href"]))
                         for i in c["que_souhaitez_vous_faire"]["items"]], class_name="quick-links"),
              id="que-souhaitez-vous-faire"),
        block("magazine", cards(c["magazine"]["items"]),
              rx.el.p(app_link("Tous les articles du magazine", href=routes.MAGAZINE.path)), id="magazine"),
        block("questions", *[rx.el.details(rx.el.summary(q["question"]), rx.el.p(q["answer"]))
                             for q in c["questions"]["items"]], id="questions"),
        block("nous_connaitre", rx.el.p(c["nous_connaitre"]["text"]),
              rx.el.p(app_link("En savoir plus sur la Caf", href=routes.content_address("pages", "nous-connaitre"))),
              id="nous-connaitre"),
        block("contact", rx.el.ul(*[rx.el.li(rx.el.strong(i["label"]), rx.el.p(i["text"]))
                                    for i in c["contact"]["items"]], class_name="contact-list"),
              id="nous-contacter"),
        block("professionnels", rx.el.ul(*[rx.el.li(name) for name in c["professionnels"]["items"]],
                                         class_name="plain-list"), id="professionnels"),
        wide=True,
    )
