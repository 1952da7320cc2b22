"""The Professionnels space (the header's second tab, beside Allocataires): the seed's menu of rubriques, « Vos
services en ligne » (each card leads somewhere real: our Mon Compte Partenaire, or the page that says what the
outside service is), the latest news with « + LIRE L'ARTICLE », the boîte à outils, the guides des prestations,
the webinars and the partners' letter. Prerendered from content/professionnels (read without any script)."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page
from ..components.ui.actions import button
from ..components.ui.link import app_link
from ..components.ui.message import alert
from ..content import editorial
from ..content.editorial import slugify
from ..state.baremes import BaremesState as B
from .editorial import crumbs

PRO = routes.PROFESSIONNELS.path
# The seed's menu: Actualités, Offres et services, Études et international, Presse, Nous connaître, Emplois et
# carrières, Innovation.
MENU = (("Actualités", routes.ACTUALITES.path), ("Offres et services", f"{PRO}/offres-et-services"),
        ("Études et international", f"{PRO}/etudes-et-international"), ("Presse", f"{PRO}/presse"),
        ("Nous connaître", routes.content_address("pages", "nous-connaitre")),
        ("Emplois et carrières", f"{PRO}/emplois-et-carrieres"), ("Innovation", f"{PRO}/innovation"))
SERVICES_PAGE = f"{PRO}/services-en-ligne"
# « Vos services en ligne »: (name, what it is, where it leads, the link's words).
SERVICES = (
    ("L'espace bailleur", "Les aides au logement versées pour vos locataires, un impayé, la fin d'un bail.",
     f"{SERVICES_PAGE}#{slugify('L espace bailleur')}", "En savoir plus"),
    ("Mon Compte Partenaire", "Un espace sécurisé et unique : CDAP, AFAS et l'espace bailleur, avec un seul "
                              "identifiant.", routes.PARTENAIRES_CONNEXION.path, "Se connecter"),
    ("Mon enfant", "Accompagner les parents et les professionnels de la petite enfance, de la jeunesse et de la "
                   "parentalité.", "https://monenfant.fr", "Aller sur monenfant.fr"),
    ("Partenaires Rsa", "La téléprocédure des partenaires Rsa, qui ouvre l'accès à Cafpro.",
     f"{SERVICES_PAGE}#{slugify('Partenaires Rsa')}", "En savoir plus"),
    ("Elan", "Le portail ElanCaf, pour déposer les demandes de subvention des fonds.",
     f"{SERVICES_PAGE}#{slugify('Elan')}", "En savoir plus"),
    ("Téléprocédure Esat", "Déclarer les ressources des travailleurs en Esat, par Cafpro.",
     f"{SERVICES_PAGE}#{slugify('Téléprocédure Esat')}", "En savoir plus"),
)
# The boîte à outils' entries: (the seed's words, the heading of content/professionnels/boite-a-outils.md).
TOOLBOX = (("Tutoriels & fiches d'aide aux démarches", "Tutoriels et fiches d'aide aux démarches"),
           ("Démo des services en ligne", "Démo des services en ligne"), ("En cas de blocage", "En cas de blocage"),
           ("Simulateur toutes prestations", "Simulateur toutes prestations"))


def _link(label: str, href: str, *extra) -> rx.Component:
    if href.startswith("https://"):
        return rx.el.a(label, *extra, href=href, rel="noopener")
    return app_link(label, *extra, href=href)


def _service(name: str, text: str, href: str, more: str) -> rx.Component:
    return rx.el.li(rx.el.h3(name), rx.el.p(text),
                    rx.el.p(_link(more, href, rx.el.span(f" : {name}", class_name="sr-only"))), class_name="tile")


def _news(e: editorial.Entry) -> rx.Component:
    href = routes.content_address(e.section, e.slug)
    return rx.el.li(rx.el.p(e.category, class_name="tag"), rx.el.p(rx.el.time(e.date_text, date_time=e.meta["date"])),
                    rx.el.h3(app_link(e.title, href=href)), rx.el.p(e.summary),
                    rx.el.p(app_link("+ LIRE L'ARTICLE", rx.el.span(f" : {e.title}", class_name="sr-only"),
                                     href=href)), class_name="tile")


def professionnels() -> rx.Component:
    news = editorial.entries("actualites")[:6]
    toolbox = f"{PRO}/boite-a-outils"
    return page(
        crumbs(("Professionnels", "")),
        rx.el.h1("Professionnels"),
        rx.el.p("Un espace unique pour les partenaires de la Caf : bailleurs, travailleurs sociaux, associations, "
                "services de tutelle, collectivités et professionnels de la petite enfance.", class_name="lead"),
        rx.el.nav(rx.el.ul(*[rx.el.li(app_link(label, href=href)) for label, href in MENU], class_name="pro-menu"),
                  aria_label="Rubriques Professionnels"),
        rx.el.section(rx.el.h2("Vos services en ligne"),
                      rx.el.ul(*[_service(*service) for service in SERVICES], class_name="tiles"), class_name="block"),
        rx.el.section(rx.el.h2("Actualités"), rx.el.p("Retrouvez toutes les actualités de la Caf."),
                      rx.el.ul(*[_news(e) for e in news], class_name="tiles"),
                      rx.el.p(app_link("Toutes les actualités", href=routes.ACTUALITES.path)), class_name="block"),
        rx.el.section(
            rx.el.h2("Rechercher une aide ou une prestation"),
            rx.el.p("Vous pouvez consulter une prestation en fiche complète, ou estimer les droits d'une famille avec "
                    "les règles de l'État."),
            rx.el.ul(rx.el.li(app_link("Toutes les prestations, par thème", href=routes.DROITS_ET_PRESTATIONS.path)),
                     rx.el.li(app_link("Barème uniquement : les montants de référence, datés",
                                       href=routes.BAREMES.path)),
                     rx.el.li(app_link("Simulateur toutes prestations", href=routes.SIMULER.path))),
            class_name="block"),
        rx.el.section(rx.el.h2("Boîte à outils"),
                      rx.el.ul(*[rx.el.li(app_link(label, href=f"{toolbox}#{slugify(heading)}"))
                                for label, heading in TOOLBOX]),
                      class_name="block"),
        rx.el.section(rx.el.h2("Consultez nos guides des prestations"),
                      rx.el.ul(rx.el.li(app_link("Guide prestations familiales en Métropole",
                                                 href=f"{PRO}/guide-prestations-metropole")),
                               rx.el.li(app_link("Guide prestations familiales dans les DOM",
                                                 href=f"{PRO}/guide-prestations-dom"))),
                      class_name="block"),
        rx.el.section(
            rx.el.h2("Le calendrier des webinaires"),
            rx.el.p("Les webinaires de la Caf des Hauts-de-Seine pour ses partenaires d'accès aux droits : "
                    "le programme est dans ", app_link("Offres et services", href=f"{PRO}/offres-et-services#"
                                                       + slugify("Les webinaires de la Caf")), "."),
            rx.el.p(app_link("S'inscrire à un webinaire", href=routes.WEBINAIRES.path)),
            class_name="block"),
        rx.el.section(
            rx.el.h2("Ma lettre d'info partenaires"),
            rx.el.p("Vous souhaitez rester à l'affût des nouveautés de la Caf ? La lettre aux partenaires vous "
                    "informe chaque mois de l'actualité de l'offre de service de la Caf."),
            rx.el.p(app_link("S'inscrire à la lettre d'info partenaires", href=routes.LETTRE_INFO.path)),
            class_name="block"),
        wide=True, active="professionnels",
    )


def _bareme(line) -> rx.Component:
    return rx.el.tr(rx.el.th(line.label, rx.el.span(line.prestations, class_name="hint block"), scope="row"),
                    rx.el.td(line.amount, class_name="num"), rx.el.td(line.since),
                    rx.el.td(line.before))


def baremes_page() -> rx.Component:

    return page(
        crumbs(("Professionnels", PRO), ("Barèmes des prestations", "")),
        rx.el.h1("Barèmes des prestations"),
        rx.el.p("Les montants de référence des prestations, lus dans les règles de l'État (OpenFisca-France) que "
                "le simulateur applique, chacun avec la date à laquelle il s'applique.", class_name="lead"),
        rx.cond(B.error != "", rx.fragment(alert(B.error), button("Réessayer", on_click=B.load, variant="primary"))),
        rx.cond(B.lines.length() > 0, rx.el.table(
            rx.el.caption("Barèmes en vigueur au ", B.read_on),
            rx.el.thead(rx.el.tr(rx.el.th("Barème", scope="col"), rx.el.th("Montant", scope="col",
                                                                             class_name="num-head"),
                                 rx.el.th("S'applique", scope="col"), rx.el.th("Montant précédent", scope="col"))),
            rx.el.tbody(rx.foreach(B.lines, _bareme)), class_name="data-table")),
        rx.el.p("Pour le montant d'une famille, qui dépend de sa situation et de ses ressources : ",
                app_link("le simulateur", href=routes.SIMULER.path), "."),
        wide=True, active="professionnels",
    )
