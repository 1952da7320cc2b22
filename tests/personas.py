"""The demo people of caf_app/seed.py, in one place for every test (README, « Comptes de démonstration »).

Each persona says who the person is, how she logs in and what her dossier holds that the tests rely on.
tests/integration/test_schema_and_seed.py checks these against the seed itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from caf_app.seed import DEMO_PASSWORD  # every demo account's


@dataclass(frozen=True)
class Persona:
    first_name: str
    last_name: str  # the birth name, as the seed writes it (upper case)
    birth_date: date
    dossier: str  # numéro allocataire
    role: str  # domain.roles.MemberRole value in that dossier
    nir: str | None = None
    provisional_id: str | None = None
    email: str = ""
    mobile: str = ""
    has_account: bool = True
    password: str = DEMO_PASSWORD
    what: str = ""  # what the tests rely on in this person's dossier

    @property
    def identifier(self) -> str:
        """What the person types in « Numéro de Sécurité sociale » (the NIR, or the provisional identifier)."""
        return self.nir or self.provisional_id

    @property
    def provisional(self) -> bool:
        return self.nir is None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


JONAS = Persona("Jonas", "DUCHAIS", date(1985, 3, 12), "9201001", "allocataire", nir="1850375112042",
                email="jonas.duchais@example.fr", mobile="0612345678",
                what="RSA, dernier paiement 132,08 €, QF 1 054 €, alerte ressources trimestrielles")
FLORENCE = Persona("Florence", "DUCHAIS", date(1987, 11, 3), "9201001", "conjoint", nir="2871175113057",
                   email="florence.duchais@example.fr", what="conjointe de Jonas, avec délégation de gestion")
ELISE = Persona("Elise", "LAMBERT", date(1990, 5, 14), "1302002", "allocataire", nir="2900513055031",
                email="el13@example.fr", mobile="0606060606",
                what="Caf 13, mariée, 1 enfant (Léa), dernier paiement 575,52 €, QF 89 €")
ANTOINE = Persona("Antoine", "LAMBERT", date(1988, 2, 20), "1302002", "conjoint", nir="1880213055118",
                  email="antoine.lambert@example.fr", what="conjoint d'Elise, avec délégation")
LEA = Persona("Léa", "LAMBERT", date(2016, 4, 2), "1302002", "enfant", has_account=False,
              what="fille d'Elise, 10 ans, sans NIR ni compte")
SAMIR = Persona("Samir", "GHOMDI", date(1992, 7, 8), "9203003", "allocataire", nir="1920792050077",
                email="samir.ghomdi@example.fr", mobile="0622334455",
                what="une pièce demandée, une dette de 1 130,26 € remboursée par retenue")
JOSEPHINE = Persona("Joséphine", "MASSICOT", date(1979, 4, 22), "9204004", "allocataire", nir="2790492044016",
                    email="josephine.massicot@example.fr", mobile="0633445566",
                    what="régularisation de 8 172,93 € de RSA, prestations sans droit ce mois-ci")
HUGO = Persona("Hugo", "MASSICOT", date(2010, 9, 15), "9204004", "enfant", has_account=False,
               what="fils de Joséphine, 16 ans, sans NIR ni compte")
DANIEL = Persona("Daniel", "MORVAN", date(1962, 9, 9), "0605005", "allocataire", provisional_id="P33392250",
                 email="daniel.morvan@example.fr",
                 what="né à Oran (Algérie), Caf 06, en couple, identifiant provisoire")
SYLVIE = Persona("Sylvie", "RENAUD", date(1966, 3, 14), "0605005", "conjoint", nir="2660306088123",
                 email="sylvie.renaud@example.fr", mobile="0677889900", has_account=False,
                 what="conjointe de Daniel, sans compte : Créer Mon Compte lui demande de prouver son identité")
NADIA = Persona("Nadia", "LEVESQUE", date(1991, 9, 30), "9206006", "allocataire", nir="2910992024088",
                email="nadia.levesque@example.fr", mobile="0644556677",
                what="AAH ; la question de la délégation est en attente")
ERIC = Persona("Eric", "LEVESQUE", date(1990, 6, 11), "9206006", "conjoint", nir="1900692024103",
               email="eric.levesque@example.fr", mobile="0655667788", what="conjoint de Nadia, sans délégation")

DEMO_PEOPLE = (JONAS, FLORENCE, ELISE, ANTOINE, LEA, SAMIR, JOSEPHINE, HUGO, DANIEL, SYLVIE, NADIA, ERIC)

# People the seed does not know, with valid NIRs (the key is right).
UNKNOWN_NIR = "1990175112042"  # nobody: an unknown account, a wrong identifier
# Claire MARTIN, unknown to the Caf: creates her account with an identity document (tests of Créer Mon Compte).
NEWCOMER = Persona("Claire", "MARTIN", date(1995, 2, 14), "", "allocataire", nir="2950275112083", has_account=False,
                   email="claire.martin@example.fr", password="Bienvenue2026",
                   what="inconnue de la Caf : crée son compte avec une pièce d'identité")
