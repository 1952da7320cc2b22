"""The prestations, statuses and kinds are enums: each carries its key, its French label and its rules, and
everything that lists the quarterly prestations reads them from the enum."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path

import pytest

from caf_app import models as m, routes
from caf_app.domain import declarations, statuses
from caf_app.domain.prestations import Prestation
from caf_app.domain.statuses import DemarcheStatus, DraftStatus

APP = Path(routes.__file__).parent

# The labels as the pages showed them before the columns held keys: they must not change.
LABELS = {
    "rsa": "Revenu de solidarité active",
    "prime_activite": "Prime d'activité",
    "aah": "Allocation aux adultes handicapés",
    "apl": "Aide personnalisée au logement",
    "als": "Allocation de logement sociale",
    "asf": "Allocation de soutien familial",
    "af": "Allocations familiales",
    "aide_logement": "Aide au logement",
    "cf": "Complément familial",
    "paje_base": "Allocation de base de la PAJE",
    "paje_naissance": "Prime à la naissance",
    "cmg": "Complément de libre choix du mode de garde",
    "bafa": "Aide au BAFA",
}


def test_each_prestation_has_its_key_label_and_slug():
    assert {p.value: p.label for p in Prestation} == LABELS
    assert Prestation.PRIME_ACTIVITE == "prime_activite" and Prestation("aah") is Prestation.AAH
    assert Prestation.PRIME_ACTIVITE.slug == "prime-activite" and Prestation.RSA.slug == "rsa"
    for prestation in Prestation:
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", prestation.key)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", prestation.slug)
    assert len({p.slug for p in Prestation}) == len({p.label for p in Prestation}) == len(Prestation)


def test_a_slug_gives_back_its_prestation():
    for prestation in Prestation:
        assert Prestation.from_slug(prestation.slug) is prestation
    for wrong in ("prime_activite", "Prime d'activité", "", "inconnue"):
        with pytest.raises(ValueError):
            Prestation.from_slug(wrong)


def test_the_quarterly_prestations_and_their_declarations():
    assert Prestation.quarterly_ones() == (Prestation.RSA, Prestation.PRIME_ACTIVITE, Prestation.AAH)
    assert [p.declaration.title for p in Prestation.quarterly_ones()] == [
        "Déclaration trimestrielle Rsa", "Déclaration trimestrielle Prime d'activité",
        "Déclaration trimestrielle Aah"]
    assert not any(p.quarterly or p.declaration for p in Prestation if p not in Prestation.quarterly_ones())
    # AAH: the beneficiary's ESAT pay is asked, and only the couple declares.
    assert Prestation.AAH.declaration.beneficiary_extra == ("esat",)
    assert [p for p in Prestation.quarterly_ones() if not p.declaration.other_adults] == [Prestation.AAH]


def test_the_declaration_pages_come_from_the_enum():
    """A fourth quarterly prestation is a member of the enum: its page, title and questions follow."""
    assert routes.DECLARATION.examples == tuple(
        routes.DECLARATION.of(declaration_slug=p.slug) for p in Prestation.quarterly_ones())
    beneficiary, other = declarations.Person(1, "Nadia", True), declarations.Person(2, "Eric", False)
    assert declarations.categories_for(Prestation.AAH, beneficiary)[:2] == ("salaires", "esat")
    assert declarations.categories_for("aah", other) == declarations.CATEGORIES
    assert declarations.categories_for(Prestation.RSA, beneficiary) == declarations.CATEGORIES


def test_no_french_prestation_label_is_written_outside_the_enum():
    """The app names a prestation by its member: a label spelled elsewhere would be a second spelling (and the
    old way of joining rows). Sentences of the content that merely mention one are not code."""
    found = []
    for path in APP.rglob("*.py"):
        if path == APP / "domain" / "prestations.py":
            continue
        text = path.read_text()
        found += [f"{path.relative_to(APP)}: {label}" for label in LABELS.values()
                  if f'"{label}"' in text or f"'{label}'" in text]
    assert found == []


def test_statuses_are_spelled_one_way_with_their_labels():
    assert [(s.value, s.label) for s in DemarcheStatus] == [
        ("recue", "Reçue"), ("en_cours", "En cours de traitement"), ("traitee", "Traitée")]
    # A declaration and documents are sent the same way: one spelling of "sent" for both tables.
    assert {s.value for s in DraftStatus} == {"brouillon", "envoi", "envoye"}
    assert DraftStatus.ENVOYE == "envoye" and DraftStatus("brouillon") is DraftStatus.BROUILLON
    assert statuses.CourrierKind.COURRIEL.label == "Courriel"
    assert statuses.DebtMovementKind.RETENUE.label == "Retenue sur un paiement"
    for enum in vars(statuses).values():
        if isinstance(enum, type) and issubclass(enum, StrEnum) and list(enum):
            assert all(re.fullmatch(r"[a-z]+(_[a-z]+)*", member.value) for member in enum), enum
            assert all(member.label for member in enum), enum


@pytest.mark.parametrize("column, enum", [
    (m.Droit.__table__.c.prestation, Prestation), (m.PaiementLigne.__table__.c.prestation, Prestation),
    (m.Dette.__table__.c.prestation, Prestation), (m.Alerte.__table__.c.prestation, Prestation),
    (m.DeclarationTrimestrielle.__table__.c.prestation, Prestation),
    (m.DeclarationTrimestrielle.__table__.c.status, DraftStatus), (m.TransmissionDraft.__table__.c.status, DraftStatus),
    (m.Demarche.__table__.c.status, DemarcheStatus), (m.Demarche.__table__.c.kind, statuses.DemarcheKind),
    (m.Alerte.__table__.c.kind, statuses.AlertKind), (m.Courrier.__table__.c.kind, statuses.CourrierKind),
    (m.BankAccount.__table__.c.status, statuses.BankAccountStatus),
    (m.Situation.__table__.c.status, statuses.SituationStatus), (m.Situation.__table__.c.kind, statuses.SituationKind),
    (m.DetteMouvement.__table__.c.kind, statuses.DebtMovementKind),
])
def test_the_columns_take_keys_only_and_give_back_members(column, enum):
    kind = column.type
    assert isinstance(kind, m.KeyOf) and kind.enum is enum
    member = next(iter(enum))
    assert kind.process_bind_param(member, None) == member.value
    assert kind.process_bind_param(member.value, None) == member.value
    assert kind.process_result_value(member.value, None) is member
    with pytest.raises(ValueError):
        kind.process_bind_param(getattr(member, "label", "?") + " ", None)  # a label, or anything else
