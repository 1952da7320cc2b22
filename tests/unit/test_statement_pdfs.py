"""The PDFs from their dataclasses alone (no database): real text, the demonstration notice, and A4 pages."""

import io

import pytest
from pypdf import PdfReader

from caf_app.pdf import para, render
from caf_app.pdf.statements import payment_attestation_pdf, qf_attestation_pdf, releve_pdf
from caf_app.services.payments.releve import Movement, Releve
from caf_app.services.payments.statements import DroitRow, Header, PaymentAttestation, PaymentRow, QfAttestation

HEADER = Header("Caf des Bouches-du-Rhône", "215 chemin de Gibbes, 13014 Marseille", "ELISE LAMBERT", "1302002",
                "6 RUE DES PIVOINES, 13013 MARSEILLE")
REFERENCE = "ATT-1302002-7K3M-Q9XZ-B2WD-4PTR"
A4 = (595.28, 841.89)  # points


def read(pdf: bytes) -> tuple[str, list]:
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages), list(reader.pages)


def payment_attestation() -> PaymentAttestation:
    return PaymentAttestation(
        header=HEADER, period_label="Paiement du 05/11/2026",
        destination="ELISE LAMBERT, compte •••• 3051",
        payments=[PaymentRow("05/11/2026", "Prime d'activité", "Pour le mois d'Octobre 2026", "330,00\u00a0€"),
                  PaymentRow("05/11/2026", "Aide personnalisée au logement", "Pour le mois d'Octobre 2026",
                             "245,52\u00a0€")],
        droits=[DroitRow("Octobre 2026", "Prime d'activité", "330,00\u00a0€", ""),
                DroitRow("Octobre 2026", "Revenu de solidarité active", "", "Ressources trimestrielles non fournies")],
        total="575,52\u00a0€", made_on="26/11/2026", reference=REFERENCE, droits_title="Droits des mois payés")


def test_a_payment_attestation_built_from_its_dataclass_reads_back_as_text():
    url = "https://exemple.fr/verifier-une-attestation"
    text, _ = read(payment_attestation_pdf(payment_attestation(), verify_url=url))
    for expected in ("Attestation de paiement", "ELISE LAMBERT", "1302002", "Paiement du 05/11/2026",
                     "ELISE LAMBERT, compte", "3051", "Pour le mois d'Octobre 2026", "330,00 €", "245,52 €",
                     "Total payé : 575,52 €", "Droits des mois payés", "Sans droit : Ressources trimestrielles",
                     "Prestations sans droit", "Revenu de solidarité active : Ressources trimestrielles non fournies",
                     "Fait le 26/11/2026.", f"Référence : {REFERENCE}", "Vérifiez cette attestation sur", url,
                     "aucune valeur officielle"):
        assert expected in text, expected


def test_a_payment_attestation_without_payment_says_so():
    data = PaymentAttestation(header=HEADER, period_label="Du 01/10/2026 au 31/10/2026", destination="",
                              total="0,00\u00a0€", made_on="26/11/2026", reference=REFERENCE)
    text, _ = read(payment_attestation_pdf(data))
    assert "Aucun paiement sur cette période." in text and "Droits de la période" in text
    assert "/verifier-une-attestation" in text


def releve() -> Releve:
    return Releve(HEADER, "Novembre 2026",
                  [Movement("05/11/2026", "Prime d'activité - Pour le mois d'Octobre 2026", "234,56\u00a0€", ""),
                   Movement("20/11/2026", "Remboursement en ligne de votre dette (REM-1)", "", "100,00\u00a0€")],
                  "497,01\u00a0€", "1\u202f030,26\u00a0€", "26/11/2026")


@pytest.mark.parametrize("kind, pdf, expected", [
    ("paiement", lambda: payment_attestation_pdf(payment_attestation()), "Attestation de paiement"),
    ("quotient familial", lambda: qf_attestation_pdf(QfAttestation(HEADER, "novembre 2026", "89\u00a0€", "26/11/2026",
                                                                   REFERENCE)),
     "le quotient familial du foyer pour novembre 2026 est de 89 €"),
    ("relevé", lambda: releve_pdf(releve()), "Reste dû à la Caf à la fin du mois : 1 030,26 €"),
    ("courrier et accusés", lambda: render("Accusé de réception", [para("Référence : D1302002-02")],
                                           subject="Accusé de réception"), "Référence : D1302002-02"),
])
def test_every_pdf_kind_is_text_on_a4_pages(kind, pdf, expected):
    text, pages = read(pdf())
    assert expected in text, kind
    assert "aucune valeur officielle" in text
    for page in pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842), (kind, width, height)
        assert abs(width - A4[0]) < 1 and abs(height - A4[1]) < 1


def test_the_qf_attestation_gives_its_reference_and_where_to_check_it():
    text, _ = read(qf_attestation_pdf(QfAttestation(HEADER, "novembre 2026", "89\u00a0€", "26/11/2026", REFERENCE),
                                      verify_url="http://127.0.0.1:3000/verifier-une-attestation"))
    assert f"Référence : {REFERENCE}" in text
    assert "Vérifiez cette attestation sur" in text and "http://127.0.0.1:3000/verifier-une-attestation" in text
