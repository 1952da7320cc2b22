"""The public site's editorial pages: Actualités, Aides et démarches (Ma situation, Droits et prestations, Mes
démarches, the five thématiques), the magazine Vies de famille, Nous connaître and the app's page.

Every page is built at compile time from content/ (caf_app/content/editorial.py): static HTML, no state, read
without any script. One page per Markdown file, named in the registry as VIEWS.<section>/<slug>.
"""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page
from ..components.ui.actions import link_button
from ..components.ui.link import app_link
from ..content import editorial, public_site as words
from ..content.editorial import Entry


def crumbs(*trail: tuple[str, str]) -> rx.Component:
    """The breadcrumb: Accueil > … > the current page (its last item, not a link)."""
    items = [("Accueil", routes.HOME.path), *trail]
    return rx.el.nav(rx.el.ol(*[rx.el.li(app_link(label, href=href) if href else
                                         rx.el.span(label, aria_current="page"))
                                for label, href in items], class_name="breadcrumb-list"),
                     aria_label="Fil d'Ariane", class_name="breadcrumb")


def card(e: Entry, *, link_label: str = "", heading: str = "h3") -> rx.Component:
    """A tile: its category or date, its title as a link, its summary ("Lire l'article" under an article)."""
    href = routes.content_address(e.section, e.slug)
    tag = getattr(rx.el, heading)
    label = e.category or e.theme_label
    return rx.el.li(
        rx.el.p(label, class_name="tag") if label else rx.fragment(),
        rx.el.p(rx.el.time(e.date_text, date_time=e.meta["date"])) if e.date else rx.fragment(),
        tag(app_link(e.title, href=href)),
        rx.el.p(e.summary),
        rx.el.p(app_link(link_label, rx.el.span(f" : {e.title}", class_name="sr-only"), href=href))
        if link_label else rx.fragment(),
        class_name="tile",
    )


def cards(found, **options) -> rx.Component:
    return rx.el.ul(*[card(e, **options) for e in found], class_name="tiles")


def body(e: Entry) -> rx.Component:
    return rx.html(e.html, class_name="prose")


def on_this_page(e: Entry) -> rx.Component:
    if len(e.headings) < 3:
        return rx.fragment()
    return rx.el.nav(rx.el.h2("Sur cette page"),
                     rx.el.ul(*[rx.el.li(rx.el.a(text, href=f"#{anchor}")) for anchor, text in e.headings]),
                     aria_label="Sur cette page", class_name="toc")


def fiche_actions(e: Entry) -> rx.Component:
    """« Simuler » (the simulator) and « Faire la demande » (the prestation's demande), when it has them; a guide
    des prestations's PDF."""
    links = []
    if e.section == "professionnels" and e.slug.startswith("guide-"):
        links.append(rx.el.a("Télécharger le guide (PDF)", href=f"/api/guides/{e.slug}.pdf", download=f"{e.slug}.pdf",
                             class_name="button button--secondary"))
    if e.meta.get("simulateur"):
        links.append(link_button("Simuler", rx.el.span(f" : {e.title}", class_name="sr-only"),
                                 href=routes.SIMULER.path, variant="secondary"))
    if e.meta.get("demande"):
        links.append(link_button("Faire la demande", rx.el.span(f" : {e.title}", class_name="sr-only"),
                                 href=routes.DEMANDE.of(demande_slug=e.meta["demande"]), variant="primary"))
    return rx.el.div(*links, class_name="actions") if links else rx.fragment()


def trail_of(e: Entry) -> tuple[tuple[str, str], ...]:
    aides = ("Aides et démarches", routes.AIDES_ET_DEMARCHES.path)
    return {
        "actualites": (("Actualités", routes.ACTUALITES.path),),
        "prestations": (aides, ("Droits et prestations", routes.DROITS_ET_PRESTATIONS.path)),
        "situations": (aides, ("Ma situation", routes.MA_SITUATION.path)),
        "thematiques": (aides,),
        "magazine": (("Le magazine Vies de famille", routes.MAGAZINE.path),),
        "professionnels": (("Professionnels", routes.PROFESSIONNELS.path),),
    }.get(e.section, ())


def related(e: Entry) -> rx.Component:
    """A thématique's page lists its guides and its fiches."""
    if e.section != "thematiques":
        return rx.fragment()
    guides = [g for g in editorial.entries("situations") if g.theme == e.slug]
    fiches = [f for f in editorial.entries("prestations") if f.theme == e.slug]
    return rx.fragment(
        rx.el.section(rx.el.h2("Ma situation"), cards(guides), class_name="block") if guides else rx.fragment(),
        rx.el.section(rx.el.h2("Droits et prestations"), cards(fiches), class_name="block")
        if fiches else rx.fragment(),
    )


def article(e: Entry) -> rx.Component:
    """The page of one content file."""
    meta = [m for m in (e.category, e.date_text and f"Publié le {e.date_text}") if m]
    return page(
        crumbs(*trail_of(e), (e.title, "")),
        rx.el.article(
            rx.el.h1(e.title),
            rx.el.p(" · ".join(meta), class_name="hint") if meta else rx.fragment(),
            rx.el.p(e.summary, class_name="lead"),
            fiche_actions(e),
            on_this_page(e),
            body(e),
            fiche_actions(e) if e.section == "prestations" else rx.fragment(),
        ),
        related(e),
        wide=True, active="professionnels" if e.section == "professionnels" else "",
    )


class _Views:
    """VIEWS.<section>/<slug>: the component function of a content file's page (named in the registry)."""

    def __getattr__(self, key: str):
        section, _, slug = key.partition("/")
        try:
            found = editorial.entry(section, slug)
        except KeyError:
            raise AttributeError(key) from None  # dunders and unknown keys, as any object answers
        return lambda: article(found)


VIEWS = _Views()


def hub(title: str, intro: str, *children, trail=()) -> rx.Component:
    return page(crumbs(*trail, (title, "")), rx.el.h1(title), rx.el.p(intro, class_name="lead"), *children,
                wide=True)


def actualites() -> rx.Component:
    """The national news, then each demo Caf's own (anchors #caf-92, #caf-13, #caf-06)."""
    found = editorial.entries("actualites")
    sections = [rx.el.section(rx.el.h2(editorial.CAFS[caf] if caf != "national" else "Actualités nationales"),
                              cards([e for e in found if e.meta["caf"] == caf], link_label="Lire l'article"),
                              id=f"caf-{caf}", class_name="block")
                for caf in editorial.CAFS]
    return hub("Actualités", words.ACTUALITES, *sections)


def aides_et_demarches() -> rx.Component:
    blocks = (("Ma situation", words.MA_SITUATION, routes.MA_SITUATION.path, "Voir toutes les situations"),
              ("Droits et prestations", words.DROITS, routes.DROITS_ET_PRESTATIONS.path, "Voir toutes les aides"),
              ("Mes démarches", words.MES_DEMARCHES, routes.MES_DEMARCHES_EN_LIGNE.path, "Accéder à mes démarches"))
    return hub(
        "Aides et démarches", words.AIDES,
        rx.el.ul(*[rx.el.li(rx.el.h2(app_link(title, href=href)), rx.el.p(text),
                            rx.el.p(app_link(more, href=href)), class_name="tile")
                   for title, text, href, more in blocks], class_name="tiles"),
        rx.el.section(rx.el.h2("Les thématiques"), rx.el.p(words.THEMATIQUES),
                      cards(editorial.entries("thematiques")), class_name="block"),
    )


def ma_situation() -> rx.Component:
    return hub("Ma situation", words.MA_SITUATION, cards(editorial.entries("situations"), heading="h2"),
               trail=(("Aides et démarches", routes.AIDES_ET_DEMARCHES.path),))


def droits_et_prestations() -> rx.Component:
    fiches = editorial.entries("prestations")
    sections = [rx.el.section(rx.el.h2(label), cards([f for f in fiches if f.theme == theme]), class_name="block")
                for theme, label in editorial.THEMES.items() if any(f.theme == theme for f in fiches)]
    return hub("Droits et prestations", words.DROITS, *sections,
               trail=(("Aides et démarches", routes.AIDES_ET_DEMARCHES.path),))


def mes_demarches() -> rx.Component:
    links = ((routes.SIMULER, "Faire une simulation, puis une demande de prestation."),
             (routes.DEMANDES, "Choisir la prestation à demander et remplir sa demande en ligne."),
             (routes.CREER_MON_COMPTE, "Première démarche : créer son espace personnel sur caf.fr."),
             (routes.DEMARCHES, "Suivre ses démarches, déclarer ses ressources trimestrielles, transmettre un "
                                "document (après connexion)."),
             (routes.DECLARER_UN_CHANGEMENT, "Signaler une naissance, un déménagement, une séparation (après "
                                             "connexion)."),
             (routes.ATTESTATIONS, "Télécharger une attestation de paiement ou de quotient familial (après "
                                   "connexion)."))
    return hub("Mes démarches en ligne", words.MES_DEMARCHES,
               rx.el.ul(*[rx.el.li(rx.el.h2(app_link(p.title, href=p.path)), rx.el.p(text), class_name="tile")
                          for p, text in links], class_name="tiles"),
               trail=(("Aides et démarches", routes.AIDES_ET_DEMARCHES.path),))


def magazine() -> rx.Component:
    return hub("Le magazine Vies de famille", words.MAGAZINE,
               cards(editorial.entries("magazine"), link_label="Lire l'article", heading="h2"))
