"""Transmettre un document: the seed's three steps (add pages, check, send) and the accusé de réception."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page, restricted_or
from ..components.ui.actions import button, link_button
from ..components.ui.link import app_link, download_link
from ..components.ui.message import alert, card, status
from ..components.ui.steps import steps
from ..components.ui.upload import IMAGES, IMAGES_AND_PDF, picker
from ..documents.processing import LIMITS_TEXT, MAX_FILE_BYTES
from ..domain.rentree import ARS_DOCUMENTS, ARS_TITLE
from ..services.paperwork.transmission import DEDICATED, DOC_TYPES
from ..state.transmission import TransmissionState as S

PURPOSE = ("Cette fonctionnalité permet uniquement de transmettre des documents nécessaires à l'étude de votre "
           "dossier.")


def pickers() -> rx.Component:
    def drop(upload_id: str):
        return S.add_files(rx.upload_files(upload_id=upload_id, on_upload_progress=S.uploading))

    return rx.el.div(
        picker(rx.icon("camera", size=20, aria_hidden="true"), rx.el.span("Prendre une photo"), id="photo",
               label="Prendre une photo", accept=IMAGES, on_drop=drop("photo"), on_rejected=S.rejected,
               max_size=MAX_FILE_BYTES, camera=True),
        picker(rx.icon("paperclip", size=20, aria_hidden="true"), rx.el.span("Choisir un fichier"), id="fichier",
               label="Choisir un fichier", accept=IMAGES_AND_PDF, on_drop=drop("fichier"),
               on_rejected=S.rejected, max_size=MAX_FILE_BYTES, class_name="button button--secondary picker"),
        class_name="actions",
    )


def upload_progress() -> rx.Component:
    """An upload's progress, on the thumbnail of the page it makes (or replaces), scrolled into view (a11y.js);
    gone once the page is received or refused."""
    return rx.el.div(
        rx.el.label("Envoi de la page", html_for="progression", class_name="sr-only"),
        rx.el.progress(id="progression", value=S.progress, max=100, style={"width": "100%"}),
        rx.el.span(S.progress, " %"),
        class_name="upload-progress", custom_attrs={"data-into-view": "true"})


def page_item(item, document) -> rx.Component:
    url = f"/api/brouillon/page/{item.id}"
    return rx.el.li(
        rx.cond((S.progress > 0) & (S.retaking == item.id), upload_progress(),
                rx.cond(item.kind == "image",
                        rx.el.img(src=url, alt=f"{item.label}, aperçu", class_name="thumb", loading="lazy"),
                        rx.icon("file-text", size=48, aria_hidden="true"))),
        rx.el.div(
            rx.el.p(rx.el.strong(item.label)),
            rx.foreach(item.warnings, lambda w: alert(w)),
            rx.el.div(
                rx.el.a("Voir en grand", href=url, target="_blank", rel="noopener", class_name="link-button"),
                rx.cond(item.kind == "image", rx.el.button("Reprendre", type="button", on_click=S.retake(item.id),
                                                           class_name="link-button")),
                rx.cond(item.warnings.length() > 0, rx.el.button("Garder cette photo", type="button",
                                                                  on_click=S.keep(item.id), class_name="link-button")),
                rx.el.button("Supprimer", type="button", on_click=S.delete(item.id), class_name="link-button"),
                class_name="page-actions",
            ),
        ),
        class_name="page-item",
    )


def document_block(document) -> rx.Component:
    return card(
        rx.el.label("Nom du document (facultatif)", html_for=f"nom-{document.id}", class_name="field-label"),
        rx.el.input(id=f"nom-{document.id}", default_value=document.name, max_length=80, class_name="input",
                    key=S.visit,  # the recorded name, once the loader has read it
                    on_blur=lambda value: S.rename(document.id, value)),
        rx.el.ol(rx.foreach(document.pages, lambda item: page_item(item, document)),
                 rx.cond((S.progress > 0) & (S.retaking == 0) & (S.last_document == document.id), rx.el.li(
                     upload_progress(), rx.el.p(rx.el.strong("Page en cours d'envoi…")), class_name="page-item")),
                 class_name="pages"), tag="li")


def ars_choice() -> rx.Component:
    """The ARS 16-18 confirmation (pages/rentree.py): the child, and which of its two documents."""
    return rx.el.div(
        rx.el.p(ARS_TITLE, " : ", rx.el.strong(S.draft.ars_child)),
        rx.el.label("Document envoyé", html_for="type", class_name="field-label"),
        rx.el.select(*[rx.el.option(label, value=key) for key, label in ARS_DOCUMENTS.items()],
                     id="type", value=S.doc_type, on_change=S.choose_type, class_name="input"),
        class_name="field")


def type_choice() -> rx.Component:
    return rx.cond(S.draft.ars_child != "", ars_choice(), rx.cond(S.draft.piece_label == "", rx.el.div(
        rx.el.label("Type de document", html_for="type", class_name="field-label"),
        rx.el.select(rx.el.option("Choisissez…", value=""), *[rx.el.option(label, value=key)
                                                             for key, label in DOC_TYPES.items()],
                     id="type", value=S.doc_type, on_change=S.choose_type, class_name="input"),
        *[rx.cond(S.doc_type == key, status(text, " ", app_link("Aller à Mon profil", href=href)))
          for key, (text, href) in DEDICATED.items()],
        class_name="field",
    ), rx.el.p("Pièce demandée par votre Caf : ", rx.el.strong(S.draft.piece_label))))


def pages_step() -> rx.Component:
    return rx.el.section(
        rx.el.h2("1. Ajouter les pages", id="etape", tab_index=-1),
        type_choice(),
        rx.el.p(LIMITS_TEXT, class_name="hint"),
        rx.el.ol(rx.foreach(S.draft.documents, document_block), class_name="plain-list"),
        rx.cond(S.retaking != 0, status("La prochaine photo remplacera la page choisie.")),
        pickers(),
        rx.el.button(rx.icon("camera", size=18, aria_hidden="true"), " Ajouter un autre document", type="button",
                     on_click=S.another_document, class_name="link-button"),
        rx.el.div(link_button("Annuler", href=routes.DEMARCHES.path, variant="secondary"),
                  button("Continuer", on_click=S.go("verifier"), variant="primary"), class_name="actions"),
    )


def check_page(item) -> rx.Component:
    """A page as it will be sent: its thumbnail (a PDF: an icon), and its label."""
    return rx.el.li(
        rx.cond(item.kind == "image",
                rx.el.img(src=f"/api/brouillon/page/{item.id}", alt=f"{item.label}, aperçu", class_name="thumb"),
                rx.icon("file-text", size=48, aria_hidden="true")),
        rx.el.span(item.label), class_name="check-page")


def check_about() -> rx.Component:
    """What is sent: the document's type and the piece of the Caf's request it answers."""
    return rx.el.dl(
        rx.el.div(rx.el.dt("Type de document"),
                  rx.el.dd(rx.cond(S.type_label != "", S.type_label, "Non précisé")), class_name="dl-row"),
        rx.el.div(rx.el.dt("Répond à"),
                  rx.el.dd(rx.cond(S.draft.piece_label != "", "Pièce demandée par votre Caf : " + S.draft.piece_label,
                                   rx.cond(S.draft.ars_child != "", ARS_TITLE + " : " + S.draft.ars_child,
                                           "Aucune demande de votre Caf : envoi spontané"))),
                  class_name="dl-row"),
        class_name="check-about")


def check_step() -> rx.Component:
    summary = lambda document: rx.el.li(  # noqa: E731
        rx.el.strong(rx.cond(document.name != "", document.name, "Document sans nom")), " : ",
        document.pages.length(), " élément(s)",
        rx.el.ol(rx.foreach(document.pages, check_page), class_name="check-pages"))
    return rx.el.section(
        rx.el.h2("2. Vérifier", id="etape", tab_index=-1),
        check_about(),
        rx.el.ol(rx.foreach(S.draft.documents, lambda d: rx.cond(d.pages.length() > 0, summary(d))),
                 class_name="recap"),
        rx.el.div(button("Modifier", on_click=S.go("pages"), variant="secondary"),
                  button("Envoyer", on_click=S.send, variant="primary"),
                  class_name="actions"),
    )


def receipt_step() -> rx.Component:
    receipt = S.receipt
    return rx.el.section(
        rx.el.h2("Accusé de réception", id="etape", tab_index=-1),
        rx.el.div(
            rx.el.p("Vos documents ont bien été transmis le ", receipt.date, " à ", receipt.time, ".", role="status"),
            rx.el.p("Référence : ", rx.el.strong(receipt.reference)),
            rx.el.ul(rx.foreach(receipt.documents, lambda d: rx.el.li(d.name, " : ", d.pages, " page(s)"))),
            download_link("Télécharger l'accusé de réception (PDF)",
                          href=f"/api/documents/accuse/{receipt.demarche_id}"),
            class_name="success",
        ),
        link_button("Retour à mes démarches", href=routes.DEMARCHES.path, variant="primary"),
    )


def transmettre() -> rx.Component:
    return page(
        rx.el.h1("Transmettre un document"),
        rx.el.p(PURPOSE),
        rx.cond(S.error != "", alert(S.error)),
        rx.cond(S.notice != "", rx.el.p(S.notice, role="status", class_name="hint")),
        restricted_or(S.restricted_message, rx.cond(
            S.draft, steps(S.step, ("verifier", check_step()), ("accuse", receipt_step()), default=pages_step()),
            rx.cond(S.error == "", rx.el.p("Chargement…", role="status", class_name="loading")))),
        active="demarches", private=True,
    )
