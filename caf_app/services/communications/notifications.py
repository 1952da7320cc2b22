"""What the Caf sends a family after a decision: a courrier made from a template (a PDF kept in private storage) or
a courriel (an agent's answer to a message). Either is listed in « Mes courriers et courriels » with the red dot
until read, and announced by mail: the mail says only that something new is there, never what it says.

No policy check here: these are building blocks of the agent's services, which check that the agent may process
the dossier before calling them. Like the other services, they commit: the courrier goes with whatever the caller
has pending (the decision it announces), all or nothing, and the mail goes only once both are stored."""

from __future__ import annotations

import logging
from datetime import date

from sqlmodel import Session

from ... import delivery, models as m
from ...documents.storage import PrivateStore, private_store
from ...domain.errors import DomainError
from ...domain.statuses import CourrierKind
from ...pdf.courriers import Letter, letter_pdf, subject_of, summary_of
from ..identity.people import full_name
from ..payments.statements import header_for

log = logging.getLogger(__name__)

NEW_COURRIER = "Un nouveau courrier est disponible dans votre espace Mon Compte"
NEW_MESSAGE = "Vous avez reçu un nouveau message"
MAX_SUBJECT, MAX_TEXT = 120, 8000


def issue(*, session: Session, dossier_id: int, letter: Letter, today: date, demarche_id: int | None = None,
          store: PrivateStore | None = None) -> int:
    """Render the letter (pdf.courriers) with the dossier's letter head, keep the PDF in private storage, record
    the courrier (unread) with its objet and a short summary, commit, then tell the allocataire by mail. Returns the
    courrier's id. The caller has checked the policy. store: the private storage (the configured one by default)."""
    store = store or private_store()
    dossier = session.get(m.Dossier, dossier_id)
    key = store.put(letter_pdf(letter, header=header_for(session, dossier), made_on=today), ".pdf")
    row = m.Courrier(dossier_id=dossier_id, kind=CourrierKind.COURRIER, subject=subject_of(letter),
                     body=summary_of(letter), sent_on=today, storage_key=key, demarche_id=demarche_id)
    courrier_id = _commit(session, row, forget=lambda: store.delete(key))
    _announce(session, dossier, NEW_COURRIER, "Un nouveau courrier de votre Caf est disponible dans votre espace "
                                              "Mon Compte, rubrique « Mes courriers et courriels ».")
    return courrier_id


def answer(*, session: Session, dossier_id: int, subject: str, text: str, today: date,
           demarche_id: int | None = None) -> int:
    """An agent's answer to a message: a courriel (its PDF is made from its text when downloaded), unread, then a
    mail to the allocataire saying a new message is there. Returns the courrier's id. DomainError when the subject
    or the text is empty or too long; the caller has checked the policy."""
    subject, text = " ".join((subject or "").split()), (text or "").strip()
    if not subject or len(subject) > MAX_SUBJECT:
        raise DomainError("objet", f"Indiquez l'objet de la réponse ({MAX_SUBJECT} caractères au plus).")
    if not text or len(text) > MAX_TEXT:
        raise DomainError("reponse", f"Écrivez la réponse ({MAX_TEXT} caractères au plus).")
    row = m.Courrier(dossier_id=dossier_id, kind=CourrierKind.COURRIEL, subject=subject, body=text, sent_on=today,
                     demarche_id=demarche_id)
    courrier_id = _commit(session, row)
    _announce(session, session.get(m.Dossier, dossier_id), NEW_MESSAGE,
              "Votre Caf vous a répondu. Son message est dans votre espace Mon Compte, rubrique « Mes courriers et "
              "courriels ».")
    return courrier_id


def _commit(session: Session, row: m.Courrier, *, forget=None) -> int:
    """Record the courrier with the caller's pending work; on failure nothing stays (not even the stored PDF)."""
    try:
        session.add(row)
        session.flush()
        courrier_id = row.id
        session.commit()
    except BaseException:
        session.rollback()
        if forget:
            forget()
        raise
    return courrier_id


def _announce(session: Session, dossier: m.Dossier, subject: str, sentence: str) -> None:
    """The mail to the allocataire, if they gave an address: no content of the courrier, no amount."""
    person = session.get(m.Person, dossier.allocataire_id)
    if not person.email:
        return
    body = (f"Bonjour {full_name(person)},\n\n{sentence}\nPour le lire, connectez-vous à Mon Compte.\n\n"
            "Par sécurité, ce message ne contient aucune information sur votre dossier.")
    try:
        delivery.send(delivery.Message("email", person.email, subject, body), session=session)
    except OSError:  # the courrier is there: a mail server down must not make the decision look failed
        log.exception("annonce d'un nouveau courrier non envoyée par courriel")
