"""The courriers a decision produces, from their dataclasses alone (no database): each template's PDF read back as
text has the letter head, the amounts as the app writes euros, the months, the why, the motif, the ways to contest
and the plan."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from caf_app.pdf import courriers as c
from caf_app.pdf.recours import contest_ways
from caf_app.services.payments.statements import Header

HEADER = Header("Caf des Bouches-du-Rhône", "215 chemin de Gibbes, 13014 Marseille", "ELISE LAMBERT", "1302002",
                "6 RUE DES PIVOINES, 13013 MARSEILLE")
MADE_ON = date(2026, 11, 26)


def text_of(letter) -> str:
    pdf = c.letter_pdf(letter, header=HEADER, made_on=MADE_ON)
    assert pdf.startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())  # the lines as a reader reads them, whatever the wrapping


def droits() -> c.NotificationDroits:
    return c.NotificationDroits(
        months=[("Octobre 2026", [("Prime d'activité", 33000), ("Aide personnalisée au logement", 113026)]),
                ("Novembre 2026", [("Prime d'activité", 31250)])],
        changes=[("Novembre 2026", "Prime d'activité", 33000, 31250,
                  [("Vos salaires d'août à octobre sont plus élevés", -2150),
                   ("Le montant forfaitaire augmente", 400)])],
        rappels=[("Septembre 2026", "Aide personnalisée au logement", 4210)],
        indus=[("Août 2026", "Prime d'activité", 1875)],
        reason="À la suite de votre déclaration trimestrielle reçue le 02/11/2026.")


@pytest.mark.parametrize("letter", [droits(), c.DemandePiece("Attestation de loyer", date(2026, 12, 26), "Pour ..."),
                                    c.Refus("votre demande de RSA", "Vos ressources dépassent le plafond"),
                                    c.NotificationIndu("Prime d'activité", ["Août 2026"], 1875, "Un salaire", 0)])
def test_every_letter_has_the_letter_head_and_its_objet(letter):
    text = text_of(letter)
    for expected in ("Caf des Bouches-du-Rhône", "215 chemin de Gibbes, 13014 Marseille", "ELISE LAMBERT",
                     "6 RUE DES PIVOINES, 13013 MARSEILLE", "Numéro allocataire : 1302002", "Le 26/11/2026",
                     f"Objet : {c.subject_of(letter)}", "service de démonstration indépendant"):
        assert expected in text


def test_the_notification_de_droits_gives_the_amounts_by_month_and_why_they_changed():
    text = text_of(droits())
    for expected in ("Octobre 2026", "Novembre 2026", "330,00 €", "1 130,26 €", "312,50 €",
                     "Novembre 2026, Prime d'activité : 330,00 € avant, 312,50 € maintenant (-17,50 €).",
                     "Vos salaires d'août à octobre sont plus élevés : -21,50 €",
                     "Le montant forfaitaire augmente : +4,00 €",
                     "Septembre 2026, Aide personnalisée au logement : 42,10 €", "prochain paiement",
                     "Août 2026, Prime d'activité : 18,75 €", "notification d'indu",
                     "À la suite de votre déclaration trimestrielle reçue le 02/11/2026."):
        assert expected in text, expected


def test_a_month_without_droit_says_so():
    text = text_of(c.NotificationDroits(months=[("Décembre 2026", [])]))
    assert "Décembre 2026 Aucun droit" in text
    assert "Pourquoi vos montants changent" not in text and "Rappels" not in text


def test_the_demande_de_piece_says_what_why_and_until_when():
    text = text_of(c.DemandePiece("Attestation de loyer", date(2026, 12, 26),
                                "Pour étudier votre demande d'aide au logement, votre Caf doit connaître votre loyer."))
    for expected in ("Attestation de loyer", "au plus tard le 26/12/2026", "votre Caf doit connaître votre loyer",
                     "« Mes démarches »", "« À transmettre »"):
        assert expected in text


def test_the_refus_gives_its_motif_and_the_ways_to_contest():
    text = text_of(c.Refus("votre demande d'aide au logement", "Vos ressources dépassent le plafond",
                         detail="Revenus 2025 du foyer : 41 300 €.", prestation="aide_logement"))
    for expected in ("Refus de votre demande d'aide au logement", "Motif du refus",
                     "Vos ressources dépassent le plafond.", "Revenus 2025 du foyer : 41 300 €.",
                     "Commission de recours amiable", "deux mois", "tribunal administratif", "médiateur"):
        assert expected in text, expected


@pytest.mark.parametrize(("prestation", "first", "court"), [
    ("rsa", "président du Conseil départemental", "tribunal administratif"),
    ("prime_activite", "Commission de recours amiable", "tribunal administratif"),
    ("apl", "Commission de recours amiable", "tribunal administratif"),
    ("af", "Commission de recours amiable", "tribunal judiciaire (pôle social)"),
    ("aah", "Commission de recours amiable", "tribunal judiciaire (pôle social)"),
])
def test_the_ways_to_contest_depend_on_the_prestation(prestation, first, court):
    ways = contest_ways(prestation)
    assert first in ways[0] and "deux mois" in ways[0]
    assert court in ways[1]
    assert "médiateur" in ways[-1]
    assert ("MDPH" in " ".join(ways)) is (prestation == "aah")


def test_without_a_prestation_the_ways_to_contest_name_both_courts():
    ways = contest_ways("")
    assert "Commission de recours amiable" in ways[0]
    assert "tribunal judiciaire" in ways[1] and "tribunal administratif" in ways[1]


def test_the_notification_d_indu_gives_the_debt_its_origin_and_the_plan():
    text = text_of(c.NotificationIndu("Aide personnalisée au logement", ["Août 2026", "Septembre 2026"], 113026,
                                    "Votre changement de situation du 01/08/2026 a été pris en compte en octobre.",
                                    5000, prestation_key="apl"))
    for expected in ("1 130,26 €", "Aide personnalisée au logement", "Mois concernés : Août 2026, Septembre 2026.",
                     "Votre changement de situation du 01/08/2026", "retiendra 50,00 € sur chacun de vos prochains "
                     "paiements", "(23 mois environ)", "« Mes dettes »", "remise de dette",
                     "Commission de recours amiable", "tribunal administratif"):
        assert expected in text, expected


def test_an_indu_with_no_payment_to_keep_it_from_asks_to_repay_online():
    text = text_of(c.NotificationIndu("Prime d'activité", ["Août 2026"], 1875, "Un salaire non déclaré.", 0))
    assert "retiendra" not in text and "remboursez-la en ligne" in text


def test_the_summaries_shown_in_the_list_are_short_and_plain():
    assert c.summary_of(c.DemandePiece("Attestation de loyer", date(2026, 12, 26), "")) == \
        "Votre Caf a besoin de : Attestation de loyer. À transmettre avant le 26/12/2026."
    assert "Vos ressources dépassent le plafond" in c.summary_of(c.Refus("votre demande de RSA",
                                                                     "Vos ressources dépassent le plafond"))
    assert c.subject_of(c.Refus("votre demande de RSA", "x")) == "Refus de votre demande de RSA"
    assert all(len(c.summary_of(letter)) < 200 for letter in (droits(), c.NotificationIndu("P", ["M"], 1, "o", 0)))
