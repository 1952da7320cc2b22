"""Demo households, idempotent: `python -m caf_app.seed`.

Every demo account's password is `Allocataire2026`. Dates are relative to today so the data looks current.
A household whose allocataire already exists is left untouched, so a second run changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from sqlmodel import Session, select

from . import clock, models as m, routes
from .clock import PARIS
from .domain.bank import make_iban
from .domain.dates import add_months, first_of_month, payment_day
from .domain.gestion import Decision
from .domain.prestations import HOUSING_AIDS, Prestation
from .domain.roles import Delegation, MemberRole, TutelleKind
from .domain.statuses import (
    AlertKind,
    CourrierKind,
    DebtMovementKind,
    DemarcheKind,
    DemarcheStatus,
    DraftStatus,
    SituationKind,
)
from .security.passwords import hash_password

DEMO_PASSWORD = "Allocataire2026"
MONTHS = 24

CAFS = {
    "92": ("Caf des Hauts-de-Seine", "70-88 rue Paul Lescop, 92000 Nanterre"),
    "13": ("Caf des Bouches-du-Rhône", "215 chemin de Gibbes, 13014 Marseille"),
    "06": ("Caf des Alpes-Maritimes", "143 boulevard René Cassin, 06200 Nice"),
}
# The Caf's side of the demo: one gestionnaire and one superviseur per demo Caf (README), the password of the
# demo households, and an authenticator key made from the login (README: `python -m caf_app.gestion code LOGIN`
# prints the current code, for the demo only).
DEMO_AGENTS = {"92": ("Claire Morel", "Paul Girard"), "13": ("Sonia Haddad", "Marc Orsini"),
               "06": ("Julie Rinaldi", "Henri Baudin")}

# (organisation, kind, département, the services it is habilitated for, its staff: (login, name, role))
PARTNERS = (("Service social départemental de Nanterre", "service_social", "92", (),
             (("admin.nanterre", "Nathalie Fournier", "partenaire_admin"),
              ("as.nanterre", "Sophie Lemaire", "partenaire"))),
            ("Association Logement Solidaire Marseille", "association", "13", ("cdap", "afas"),
             (("asso.marseille", "Karim Benali", "partenaire_admin"),)),
            ("UDAF des Hauts-de-Seine", "tutelle", "92", ("tuteur",),
             (("udaf.92", "Martine Leroy", "partenaire_admin"),)),
            ("Azur Habitat Social", "bailleur", "06", ("bailleur",),
             (("bailleur.06", "Claire Dumas", "partenaire_admin"),)))
# The tuteur moral's mesure (issue 23): the UDAF des Hauts-de-Seine is Nadia LEVESQUE's curateur (her AAH's
# quarterly declaration is due); she keeps her own account.
MESURE_MORALE = ("UDAF des Hauts-de-Seine", "9206006", date(2024, 3, 1))
# L'espace bailleur (issue 23): Daniel MORVAN's landlord in Nice receives his APL (tiers payant) since the lease
# began: (bailleur, numéro allocataire, lease start, monthly rent with charges in cents).
TIERS_PAYANT = ("Azur Habitat Social", "0605005", date(2023, 9, 1), 540_00)


def demo_totp_secret(login: str) -> str:
    """The demo agents' authenticator key: fixed, so that the README and the tests can compute their codes."""
    import base64
    import hashlib

    return base64.b32encode(hashlib.sha256(f"caf-demo-{login}".encode()).digest()[:20]).decode()


def _agents(session: Session, password_hash: str) -> None:
    # Not services.gestion: the seed runs before Redis is up (deploy/recipe.py) and must not load the session cache's
    # hooks, which tell Redis of every change of a member.
    from .security.sealing import AGENT_TOTP, seal
    from .settings import get_settings

    known = set(session.exec(select(m.Agent.login)).all())
    for caf in session.exec(select(m.Caf)).all():
        for role, name in zip(("agent", "superviseur"), DEMO_AGENTS.get(caf.department, ()), strict=False):
            login = f"{role}.{caf.department}"
            if login not in known:
                session.add(m.Agent(login=login, name=name, caf_id=caf.id, role=role, password_hash=password_hash,
                                    totp_secret=seal(demo_totp_secret(login), key=get_settings().secret_key,
                                                     purpose=AGENT_TOTP)))
    # The public site's editors (issue 22, point 3): Caf 92's communication officer, and the national editor.
    for login, name, role, department in (("editeur.92", "Inès Carpentier", "editeur", "92"),
                                          ("editeur.national", "Hélène Vidal", "editeur_national", "92")):
        caf = session.exec(select(m.Caf).where(m.Caf.department == department)).first()
        if login not in known and caf is not None:
            session.add(m.Agent(login=login, name=name, caf_id=caf.id, role=role, password_hash=password_hash,
                                totp_secret=seal(demo_totp_secret(login), key=get_settings().secret_key,
                                                 purpose=AGENT_TOTP)))
    # Mon Compte Partenaire (issue 23): a social-work service of the Hauts-de-Seine, not habilitated yet (Caf 92's
    # superviseur opens CDAP to it at /gestion/partenaires), an association of Marseille habilitated for CDAP and
    # AFAS in the Bouches-du-Rhône until the end of next year, and a tutelle service of the Hauts-de-Seine
    # habilitated as tuteur moral, with its mesure.
    for org_name, kind, department, services, people in PARTNERS:
        caf = session.exec(select(m.Caf).where(m.Caf.department == department)).first()
        if people[0][0] in known or caf is None:
            continue
        org = m.Organisation(name=org_name, kind=kind, caf_id=caf.id)
        session.add(org)
        session.flush()
        for service in services:
            session.add(m.Habilitation(organisation_id=org.id, service=service, departement=department,
                                       valid_until=date(clock.today().year + 1, 12, 31)))
        for login, name, role in people:
            session.add(m.Agent(login=login, name=name, caf_id=caf.id, organisation_id=org.id, role=role,
                                password_hash=password_hash, totp_secret=seal(demo_totp_secret(login),
                                                                              key=get_settings().secret_key,
                                                                              purpose=AGENT_TOTP)))
        numero = TIERS_PAYANT[1] if org_name == TIERS_PAYANT[0] else MESURE_MORALE[1]
        dossier = session.exec(select(m.Dossier).where(m.Dossier.numero_allocataire == numero)).first()
        if org_name == MESURE_MORALE[0] and dossier is not None:
            session.add(m.Tutelle(dossier_id=dossier.id, protected_id=dossier.allocataire_id, organisme=org_name,
                                  organisation_id=org.id, kind=TutelleKind.MORAL.value, since=MESURE_MORALE[2]))
        if org_name == TIERS_PAYANT[0] and dossier is not None:
            _tiers_payant(session, org, dossier)


def _tiers_payant(session: Session, org: m.Organisation, dossier: m.Dossier) -> None:
    """The lease of TIERS_PAYANT: the bailleur's account, and the dossier's seeded payments of its housing aid made
    to it (the allocataire's Mes paiements reads « Versé à un tiers », l'espace bailleur lists them)."""
    org.iban, org.bic = make_iban("10278", "08900", "00020111106"), "CMCIFR2A"
    bail = m.Bail(dossier_id=dossier.id, organisation_id=org.id, address_line=dossier.address_line,
                  postal_code=dossier.postal_code, city=dossier.city, loyer_cents=TIERS_PAYANT[3],
                  since=TIERS_PAYANT[2])
    session.add(bail)
    session.flush()
    housing = select(m.PaiementLigne.paiement_id).where(
        m.PaiementLigne.prestation.in_(HOUSING_AIDS))  # type: ignore[attr-defined]
    for payment in session.exec(select(m.Paiement).where(m.Paiement.dossier_id == dossier.id,
                                                         m.Paiement.paid_on > bail.since,
                                                         m.Paiement.id.in_(housing))):  # type: ignore[union-attr]
        payment.destination, payment.bail_id = "tiers", bail.id
        payment.beneficiary = payment.holder = org.name
        payment.iban, payment.bic = org.iban, org.bic


@dataclass
class PersonSpec:
    first_names: str
    birth_name: str
    civilite: str
    birth_date: date
    nir: str | None = None
    provisional_id: str | None = None
    birth_place: str = ""
    birth_country: str = "France"
    email: str = ""
    mobile: str = ""
    situations: list[tuple[str, str, date | None]] = field(default_factory=list)
    account: bool = True


@dataclass
class HouseholdSpec:
    numero: str
    department: str
    allocataire: PersonSpec
    address: tuple[str, str, str]
    monthly: dict[Prestation, int]  # cents per month
    qf_cents: int
    conjoint: PersonSpec | None = None
    delegation: Delegation = Delegation.UNDECIDED
    children: list[PersonSpec] = field(default_factory=list)
    extra: str = ""  # name of a function adding what is particular to the household


def households() -> list[HouseholdSpec]:
    """The six demo households of the foundation issue."""
    return [
        HouseholdSpec(
            numero="9201001", department="92",
            allocataire=PersonSpec("Jonas", "DUCHAIS", "Monsieur", date(1985, 3, 12), nir="1850375112042",
                                   birth_place="Paris 12e", email="jonas.duchais@example.fr", mobile="0612345678",
                                   situations=[("familiale", "marie", date(2014, 6, 21)),
                                               ("professionnelle", "sans_activite", date(2021, 1, 1))]),
            conjoint=PersonSpec("Florence", "DUCHAIS", "Madame", date(1987, 11, 3), nir="2871175113057",
                                birth_place="Paris 13e", email="florence.duchais@example.fr",
                                situations=[("professionnelle", "salarie", date(2019, 5, 1))]),
            delegation=Delegation.GRANTED,
            address=("12 RUE DES LILAS", "92000", "NANTERRE"),
            monthly={Prestation.RSA: 132_08}, qf_cents=1054_00, extra="jonas",
        ),
        HouseholdSpec(
            numero="1302002", department="13",
            allocataire=PersonSpec("Elise", "LAMBERT", "Madame", date(1990, 5, 14), nir="2900513055031",
                                   birth_place="Marseille", email="el13@example.fr", mobile="0606060606",
                                   situations=[("familiale", "marie", date(2012, 3, 31)),
                                               ("professionnelle", "salarie", date(2020, 9, 1))]),
            conjoint=PersonSpec("Antoine", "LAMBERT", "Monsieur", date(1988, 2, 20), nir="1880213055118",
                                birth_place="Marseille", email="antoine.lambert@example.fr",
                                situations=[("professionnelle", "non_salarie", date(2011, 3, 1))]),
            delegation=Delegation.GRANTED,
            children=[PersonSpec("Léa", "LAMBERT", "Madame", date(2016, 4, 2), account=False)],
            address=("6 RUE DES PIVOINES", "13013", "MARSEILLE"),
            monthly={Prestation.PRIME_ACTIVITE: 330_00, Prestation.APL: 245_52}, qf_cents=89_00,
        ),
        HouseholdSpec(
            numero="9203003", department="92",
            allocataire=PersonSpec("Samir", "GHOMDI", "Monsieur", date(1992, 7, 8), nir="1920792050077",
                                   birth_place="Lyon", email="samir.ghomdi@example.fr", mobile="0622334455",
                                   situations=[("familiale", "celibataire", None),
                                               ("professionnelle", "salarie", date(2022, 2, 1))]),
            address=("45 AVENUE JEAN JAURÈS", "92140", "CLAMART"),
            monthly={Prestation.ALS: 312_45, Prestation.PRIME_ACTIVITE: 234_56}, qf_cents=612_00,
            extra="samir",
        ),
        HouseholdSpec(
            numero="9204004", department="92",
            allocataire=PersonSpec("Joséphine", "MASSICOT", "Madame", date(1979, 4, 22), nir="2790492044016",
                                   birth_place="Vouziers", email="josephine.massicot@example.fr",
                                   mobile="0633445566",
                                   situations=[("familiale", "celibataire", None),
                                               ("professionnelle", "sans_activite", date(2017, 7, 1))]),
            children=[PersonSpec("Hugo", "MASSICOT", "Monsieur", date(2010, 9, 15), account=False)],
            address=("3 ALLÉE DES ACACIAS", "92700", "COLOMBES"),
            monthly={Prestation.ASF: 195_85}, qf_cents=402_00, extra="josephine",
        ),
        HouseholdSpec(
            numero="0605005", department="06",
            allocataire=PersonSpec("Daniel", "MORVAN", "Monsieur", date(1962, 9, 9), provisional_id="P33392250",
                                   birth_place="Oran", birth_country="Algérie",
                                   email="daniel.morvan@example.fr",
                                   situations=[("familiale", "vie_maritale", date(2023, 5, 1)),
                                               ("professionnelle", "chomage", date(2025, 1, 1))]),
            # Known to the Caf with her NIR and contacts, no account yet: Créer Mon Compte asks her to prove it.
            conjoint=PersonSpec("Sylvie", "RENAUD", "Madame", date(1966, 3, 14), nir="2660306088123",
                                birth_place="Nice", email="sylvie.renaud@example.fr", mobile="0677889900",
                                situations=[("professionnelle", "salarie", date(2015, 9, 1))], account=False),
            address=("18 RUE DE FRANCE", "06000", "NICE"),
            monthly={Prestation.APL: 198_30}, qf_cents=705_00,
        ),
        HouseholdSpec(
            numero="9206006", department="92",
            allocataire=PersonSpec("Nadia", "LEVESQUE", "Madame", date(1991, 9, 30), nir="2910992024088",
                                   birth_place="Nantes", email="nadia.levesque@example.fr", mobile="0644556677",
                                   situations=[("familiale", "vie_maritale", date(2019, 10, 1)),
                                               ("professionnelle", "sans_activite", date(2016, 1, 1))]),
            conjoint=PersonSpec("Eric", "LEVESQUE", "Monsieur", date(1990, 6, 11), nir="1900692024103",
                                birth_place="Nantes", email="eric.levesque@example.fr", mobile="0655667788",
                                situations=[("professionnelle", "salarie", date(2018, 3, 1))]),
            delegation=Delegation.UNDECIDED,
            address=("27 BOULEVARD DE LA RÉPUBLIQUE", "92210", "SAINT-CLOUD"),
            monthly={Prestation.AAH: 1016_05}, qf_cents=980_00, extra="nadia",
        ),
    ]


def last_payment_date(today: date) -> date:
    """Payments are made on the 5th, or the nearest working day (domain.dates.payment_day): the latest payment day
    that is not after today."""
    this_month = payment_day(today)
    return this_month if today >= this_month else payment_day(add_months(today, -1))


def _caf(session: Session, department: str, today: date) -> m.Caf:
    caf = session.exec(select(m.Caf).where(m.Caf.department == department)).first()
    if caf:
        return caf
    name, address = CAFS[department]
    caf = m.Caf(department=department, name=name, address=address)
    session.add(caf)
    session.flush()
    updated = today - timedelta(days=(today.weekday() - 1) % 7)  # the last Tuesday
    for kind, back_from, back_to in (("rsa_aah", 27, 20), ("autres", 56, 49), ("courriels", 25, 19)):
        session.add(m.DelaiTraitement(caf_id=caf.id, kind=kind, updated_on=updated,
                                      received_from=updated - timedelta(days=back_from),
                                      received_to=updated - timedelta(days=back_to)))
    return caf


def _person(session: Session, spec: PersonSpec, password_hash: str) -> m.Person:
    person = m.Person(
        nir=spec.nir, provisional_id=spec.provisional_id, civilite=spec.civilite,
        birth_name=spec.birth_name, first_names=spec.first_names, birth_date=spec.birth_date,
        birth_place=spec.birth_place, birth_country=spec.birth_country,
        email=spec.email, email_verified=bool(spec.email), mobile=spec.mobile, mobile_verified=bool(spec.mobile),
    )
    session.add(person)
    session.flush()
    if spec.account:
        session.add(m.Account(person_id=person.id, password_hash=password_hash,
                              created_at=datetime(2020, 1, 6, 9, 30, tzinfo=PARIS)))
    return person


def _member(session: Session, dossier: m.Dossier, person: m.Person, role: MemberRole, spec: PersonSpec) -> None:
    member = m.Member(dossier_id=dossier.id, person_id=person.id, role=role.value)
    session.add(member)
    session.flush()
    for kind, code, since in spec.situations:
        session.add(m.Situation(member_id=member.id, kind=SituationKind(kind), code=code, since=since))


def _months_and_payments(session: Session, dossier: m.Dossier, spec: HouseholdSpec, today: date) -> None:
    """24 months of droits, quotient familial and payments (the 5th pays the previous month)."""
    current = first_of_month(today)
    holder = f"{spec.allocataire.first_names} {spec.allocataire.birth_name}".upper()
    iban, bic = _demo_iban(spec.numero), "CCBPFRPPXXX"
    for back in range(MONTHS - 1, -1, -1):
        month = add_months(current, -back)
        for prestation, cents in spec.monthly.items():
            session.add(m.Droit(dossier_id=dossier.id, month=month, prestation=prestation, amount_cents=cents))
        session.add(m.QuotientFamilial(dossier_id=dossier.id, month=month, amount_cents=spec.qf_cents))
    last = last_payment_date(today)
    for back in range(MONTHS - 1, -1, -1):
        paid_on = payment_day(add_months(last, -back))
        period = add_months(paid_on, -1)
        period_end = add_months(period, 1) - timedelta(days=1)
        payment = m.Paiement(dossier_id=dossier.id, paid_on=paid_on, total_cents=sum(spec.monthly.values()),
                             beneficiary=holder, iban=iban, bic=bic, holder=holder)
        session.add(payment)
        session.flush()
        for prestation, cents in spec.monthly.items():
            session.add(m.PaiementLigne(paiement_id=payment.id, prestation=prestation, period_start=period,
                                        period_end=period_end, amount_cents=cents))
    session.add(m.BankAccount(dossier_id=dossier.id, iban=iban, bic=bic, holder=holder))


def _demo_iban(numero: str) -> str:
    """A valid French IBAN (RIB key and mod 97 both right), distinct for each dossier."""
    return make_iban("30003", "01234", f"000{numero}0".ljust(11, "0")[:11])


def _history(session: Session, dossier: m.Dossier, person: m.Person, today: date) -> None:
    """Courriers (the newest unread) and démarches spread over 24 months."""
    for back, subject, read in ((1, "Vos droits ont été recalculés", False), (4, "Attestation de paiement", True),
                                (9, "Votre déclaration a bien été reçue", True),
                                (15, "Information sur vos prestations", True)):
        sent = add_months(today, -back).replace(day=12)
        session.add(m.Courrier(dossier_id=dossier.id, subject=subject, sent_on=sent,
                               kind=CourrierKind.COURRIER if back % 2 else CourrierKind.COURRIEL,
                               body=f"{subject}. Ce courrier vous est adressé par votre Caf.",
                               read_at=None if not read else datetime.combine(sent, time(18, 0), PARIS)))
    for back, kind, title in ((2, DemarcheKind.CHANGEMENT_SITUATION, "Changement de coordonnées"),
                              (7, DemarcheKind.DOCUMENT, "Transmettre un document : avis d'imposition"),
                              (13, DemarcheKind.ATTESTATION_COURRIER, "Demande d'attestation par courrier"),
                              (20, DemarcheKind.DOCUMENT, "Transmettre un document : justificatif de domicile")):
        at = datetime.combine(add_months(today, -back).replace(day=18), time(10, 15), PARIS)
        session.add(m.Demarche(dossier_id=dossier.id, person_id=person.id, kind=kind, title=title,
                               status=DemarcheStatus.TRAITEE, created_on=at, updated_on=at + timedelta(days=9),
                               decided_at=at + timedelta(days=9), decision=Decision.ACCEPTEE.value,
                               reference=f"D{dossier.numero_allocataire}-{back:02d}"))
    # Decided within the last 30 days: the délais de traitement of Mes démarches are measured on decisions.
    for days, waited, kind, title in ((24, 9, DemarcheKind.DOCUMENT, "Transmettre un document : quittance de loyer"),
                                      (16, 4, DemarcheKind.MESSAGE, "Message à ma Caf")):
        at = datetime.combine(today - timedelta(days=days), time(9, 30), PARIS)
        decided = Decision.ACCEPTEE if kind == DemarcheKind.DOCUMENT else Decision.REPONDU
        session.add(m.Demarche(dossier_id=dossier.id, person_id=person.id, kind=kind, title=title,
                               status=DemarcheStatus.TRAITEE, created_on=at, updated_on=at + timedelta(days=waited),
                               decided_at=at + timedelta(days=waited), decision=decided.value,
                               detail="" if kind == DemarcheKind.DOCUMENT else
                               "Bonjour, pouvez-vous me dire à quelle date sera versé mon prochain paiement ? Merci.",
                               reference=f"D{dossier.numero_allocataire}-J{days}"))


def _previous_declaration(session: Session, dossier: m.Dossier, today: date, prestation: Prestation,
                          salaries: dict[str, int]) -> None:
    """The declaration of the quarter before the one due, sent: its salaries pre-fill the next one."""
    start = add_months(first_of_month(today), -6)
    declaration = m.DeclarationTrimestrielle(dossier_id=dossier.id, prestation=prestation, quarter_start=start,
                                             status=DraftStatus.ENVOYE, reference=f"DTR-{dossier.numero_allocataire}",
                                             sent_at=datetime.combine(add_months(start, 3).replace(day=3),
                                                                      time(9, 0), PARIS))
    session.add(declaration)
    session.flush()
    members = session.exec(select(m.Person).join(m.Member, m.Member.person_id == m.Person.id)
                           .where(m.Member.dossier_id == dossier.id)).all()
    for person in members:
        if person.first_names in salaries:
            for index in range(3):
                session.add(m.DeclarationMontant(declaration_id=declaration.id, person_id=person.id,
                                                 month=add_months(start, index), category="salaires",
                                                 amount_cents=salaries[person.first_names]))


def _declaration_alert(dossier: m.Dossier, prestation: Prestation, message: str, created_on: date) -> m.Alerte:
    """The alert of a quarterly declaration to send: sending it closes the alert (by kind and prestation)."""
    return m.Alerte(dossier_id=dossier.id, kind=AlertKind.DECLARATION_TRIMESTRIELLE, prestation=prestation,
                    title=prestation.label, message=message, link_label="Compléter mes démarches",
                    link_route=routes.DECLARATION.of(declaration_slug=prestation.slug), created_on=created_on)


def _extra_jonas(session: Session, dossier: m.Dossier, today: date) -> None:
    session.add(_declaration_alert(
        dossier, Prestation.RSA, "Pour calculer vos droits, nous avons besoin de connaître vos ressources "
        "trimestrielles. Merci de nous les déclarer au plus vite.", today - timedelta(days=6)))
    # The quarter before, declared without resources: the household the Caf knew, which explains a change.
    _previous_declaration(session, dossier, today, Prestation.RSA, {})
    _old_dossier(session, dossier, today)


def _old_dossier(session: Session, current: m.Dossier, today: date) -> None:
    """Jonas's former dossier at the Caf of the Bouches-du-Rhône, closed when he moved (the seed's Mes dossiers)."""
    old = m.Dossier(numero_allocataire="1309001", caf_id=_caf(session, "13", today).id,
                    allocataire_id=current.allocataire_id, address_line="3 RUE PARADIS", postal_code="13001",
                    city="MARSEILLE", delegation=Delegation.REFUSED.value, active=False)
    session.add(old)
    session.flush()
    session.add(m.Member(dossier_id=old.id, person_id=current.allocataire_id, role=MemberRole.ALLOCATAIRE.value))
    for back in range(30, 27, -1):
        paid_on = payment_day(add_months(today, -back))
        period = add_months(paid_on, -1)
        session.add(m.Droit(dossier_id=old.id, month=period, prestation=Prestation.APL,
                            amount_cents=210_40))
        payment = m.Paiement(dossier_id=old.id, paid_on=paid_on, total_cents=210_40, beneficiary="JONAS DUCHAIS")
        session.add(payment)
        session.flush()
        session.add(m.PaiementLigne(paiement_id=payment.id, prestation=Prestation.APL,
                                    period_start=period, period_end=add_months(period, 1) - timedelta(days=1),
                                    amount_cents=210_40))


def _extra_samir(session: Session, dossier: m.Dossier, today: date) -> None:
    monthly_cents = 50_00
    months = 6
    prime = Prestation.PRIME_ACTIVITE
    dette = m.Dette(dossier_id=dossier.id, prestation=prime,
                    origin=f"Trop perçu de {prime.label} (ressources déclarées après le calcul de vos droits)",
                    created_on=add_months(today, -months - 1).replace(day=20),
                    initial_cents=1130_26 + monthly_cents * months, monthly_retenue_cents=monthly_cents)
    session.add(dette)
    session.flush()
    payments = session.exec(select(m.Paiement).where(m.Paiement.dossier_id == dossier.id)
                            .order_by(m.Paiement.paid_on.desc()).limit(months)).all()
    for payment in payments:
        payment.total_cents -= monthly_cents
        session.add(m.Retenue(paiement_id=payment.id, dette_id=dette.id, amount_cents=monthly_cents,
                              label=f"Remboursement de votre dette de {prime.label}"))
        session.add(m.DetteMouvement(dette_id=dette.id, on=payment.paid_on, kind=DebtMovementKind.RETENUE,
                                     amount_cents=monthly_cents, reference=f"R{payment.id}"))
    session.add(m.PieceDemandee(dossier_id=dossier.id, label="Attestation de loyer",
                                requested_on=today - timedelta(days=8), due_on=today + timedelta(days=22)))
    session.add(m.Alerte(
        dossier_id=dossier.id, kind=AlertKind.PIECE_DEMANDEE, title="Information manquante",
        message=(f"Vous n'avez pas répondu à notre demande d'information datée du "
                 f"{(today - timedelta(days=8)).strftime('%d/%m/%Y')}. Consulter la page Mes démarches."),
        created_on=today - timedelta(days=8)))


def _extra_josephine(session: Session, dossier: m.Dossier, today: date) -> None:
    current = first_of_month(today)
    for prestation in (Prestation.PRIME_ACTIVITE, Prestation.RSA):
        session.add(m.Droit(dossier_id=dossier.id, month=current, prestation=prestation,
                            motif_sans_droit="Ressources trimestrielles non fournies"))
    last = session.exec(select(m.Paiement).where(m.Paiement.dossier_id == dossier.id)
                        .order_by(m.Paiement.paid_on.desc())).first()
    regularisation = 8172_93
    last.total_cents += regularisation
    last.message = (f"Ce paiement comprend une régularisation de {Prestation.RSA.label} "
                    "pour la période de juillet 2017 à mars 2019.")
    session.add(m.PaiementLigne(paiement_id=last.id, prestation=Prestation.RSA,
                                period_start=date(2017, 7, 1), period_end=date(2019, 3, 31),
                                amount_cents=regularisation))


def _extra_nadia(session: Session, dossier: m.Dossier, today: date) -> None:
    _previous_declaration(session, dossier, today, Prestation.AAH, {"Eric": 1850_00})
    session.add(_declaration_alert(
        dossier, Prestation.AAH, "Pour calculer vos droits, nous avons besoin de connaître vos ressources "
        "trimestrielles.", today - timedelta(days=3)))
    session.add(m.RendezVous(dossier_id=dossier.id, place="Caf des Hauts-de-Seine, accueil de Nanterre",
                             subject="Rendez-vous avec un gestionnaire conseil",
                             starts_at=datetime.combine(today + timedelta(days=12), time(10, 30), PARIS)))


EXTRAS = {"jonas": _extra_jonas, "samir": _extra_samir, "josephine": _extra_josephine, "nadia": _extra_nadia}


def _exists(session: Session, spec: PersonSpec) -> bool:
    column, value = (m.Person.nir, spec.nir) if spec.nir else (m.Person.provisional_id, spec.provisional_id)
    return session.exec(select(m.Person.id).where(column == value)).first() is not None


def _add_missing_conjoint(session: Session, spec: HouseholdSpec, password_hash: str) -> None:
    """A conjoint added to the demo after a database was seeded joins the existing household."""
    if spec.conjoint is None or _exists(session, spec.conjoint):
        return
    column, value = ((m.Person.nir, spec.allocataire.nir) if spec.allocataire.nir
                     else (m.Person.provisional_id, spec.allocataire.provisional_id))
    dossier = session.exec(select(m.Dossier).join(m.Person, m.Person.id == m.Dossier.allocataire_id)
                           .where(column == value, m.Dossier.numero_allocataire == spec.numero)).first()
    if dossier is None or session.exec(select(m.Member.id).where(
            m.Member.dossier_id == dossier.id, m.Member.role == MemberRole.CONJOINT.value)).first() is not None:
        return
    _member(session, dossier, _person(session, spec.conjoint, password_hash), MemberRole.CONJOINT, spec.conjoint)


def seed_household(session: Session, spec: HouseholdSpec, *, today: date, password_hash: str) -> bool:
    """Create one household; False when its allocataire already exists (then only a conjoint added to the demo
    since is written)."""
    if _exists(session, spec.allocataire):
        _add_missing_conjoint(session, spec, password_hash)
        return False
    caf = _caf(session, spec.department, today)
    allocataire = _person(session, spec.allocataire, password_hash)
    street, postal_code, city = spec.address
    dossier = m.Dossier(numero_allocataire=spec.numero, caf_id=caf.id, allocataire_id=allocataire.id,
                        address_line=street, postal_code=postal_code, city=city, delegation=spec.delegation.value)
    session.add(dossier)
    session.flush()
    _member(session, dossier, allocataire, MemberRole.ALLOCATAIRE, spec.allocataire)
    if spec.conjoint:
        _member(session, dossier, _person(session, spec.conjoint, password_hash), MemberRole.CONJOINT, spec.conjoint)
    for child in spec.children:
        _member(session, dossier, _person(session, child, password_hash), MemberRole.ENFANT, child)
    _months_and_payments(session, dossier, spec, today)
    _history(session, dossier, allocataire, today)
    if spec.extra:
        session.flush()
        EXTRAS[spec.extra](session, dossier, today)
    return True


# Bernard ROUSSEL, tuteur physique of Joséphine MASSICOT and of Daniel MORVAN: an account of his own and no dossier;
# he logs in (« Première connexion » des tuteurs) and works on their dossiers, switched in Mes dossiers.
TUTEUR = PersonSpec("Bernard", "ROUSSEL", "Monsieur", date(1958, 2, 17), nir="1580275114087",
                    birth_place="Paris 14e", email="bernard.roussel@example.fr")
PROTECTED = (("9204004", date(2021, 6, 15)), ("0605005", date(2023, 9, 1)))  # numéro allocataire, since


def _tuteur(session: Session, password_hash: str) -> None:
    if _exists(session, TUTEUR):
        return
    tuteur = _person(session, TUTEUR, password_hash)
    for numero, since in PROTECTED:
        dossier = session.exec(select(m.Dossier).where(m.Dossier.numero_allocataire == numero)).first()
        if dossier is not None:
            session.add(m.Tutelle(dossier_id=dossier.id, protected_id=dossier.allocataire_id, tuteur_id=tuteur.id,
                                  kind=TutelleKind.PHYSIQUE.value, since=since))


def seed(session: Session, *, today: date | None = None) -> int:
    """Create the demo households that are missing; returns how many were created."""
    today = today or clock.today()
    password_hash = hash_password(DEMO_PASSWORD)
    created = sum(seed_household(session, spec, today=today, password_hash=password_hash) for spec in households())
    session.flush()
    _tuteur(session, password_hash)
    _agents(session, password_hash)
    _creneaux(session, today)
    session.commit()
    return created


DEMO_TIMES = {"accueil": ((9, 0), (9, 30), (10, 0)), "telephone": ((14, 0), (14, 30)), "visio": ((16, 0),)}


def _creneaux(session: Session, today: date) -> None:
    """Two weeks of rendez-vous slots for each demo Caf that has none: at its first point d'accueil, by phone and
    by video, on working days (the agents open more at /gestion/creneaux)."""
    from .content import ma_caf

    with_slots = set(session.exec(select(m.Creneau.caf_id)).all())
    for caf in session.exec(select(m.Caf)).all():
        if caf.id in with_slots:
            continue
        try:
            place = ma_caf.caf(caf.department)["points_accueil"][0]
            where = f"{place['name']}, {place['address']}"
        except (KeyError, IndexError, FileNotFoundError):
            where = caf.name
        for offset in range(1, 15):
            day = today + timedelta(days=offset)
            if day.weekday() >= 5:
                continue
            for mode, times in DEMO_TIMES.items():
                for hour, minute in times:
                    starts = datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)
                    session.add(m.Creneau(caf_id=caf.id, starts_at=starts.astimezone(timezone.utc), mode=mode,
                                          place=where if mode == "accueil" else ""))


def is_empty(session: Session) -> bool:
    return session.exec(select(m.Person.id)).first() is None


def main() -> None:
    from .db import engine

    with Session(engine()) as session:
        created = seed(session)
    print(f"Foyers de démonstration créés : {created}")


if __name__ == "__main__":
    main()
