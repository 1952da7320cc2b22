import ast
from pathlib import Path

import pytest

from caf_app.content import load
from caf_app.domain import policy
from caf_app.domain.roles import Actor, Delegation, MemberRole
from caf_app.routes import bottom_nav
from caf_app.settings import SettingsError, load_settings

ROOT = Path(__file__).resolve().parents[2]


def actor(role, delegation=Delegation.UNDECIDED, dossier_id=1):
    return Actor(account_id=1, person_id=10, dossier_id=dossier_id, role=role, delegation=delegation)


@pytest.mark.parametrize("who, sees_payments", [
    (actor(MemberRole.ALLOCATAIRE), True),
    (actor(MemberRole.CONJOINT, Delegation.GRANTED), True),
    (actor(MemberRole.CONJOINT, Delegation.UNDECIDED), False),
    (actor(MemberRole.CONJOINT, Delegation.REFUSED), False),
    (actor(MemberRole.ENFANT), False),
    (actor(MemberRole.AUTRE), False),
    (actor(MemberRole.ALLOCATAIRE, dossier_id=2), False),
    (actor(None, dossier_id=None), False),
])
def test_access_to_payments_follows_the_seed_table(who, sees_payments):
    assert policy.can_view_payments(who, 1) is sees_payments
    assert policy.can_view_dossier_summary(who, 1) is sees_payments
    assert policy.can_view_own_profile(who, 10)
    assert not policy.can_view_own_profile(who, 11)


def test_domain_imports_nothing_of_ours_nor_frameworks():
    for path in (ROOT / "caf_app" / "domain").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                assert node.level in (0, 1), path  # only siblings in domain/
                assert not (node.module or "").startswith(("caf_app", "reflex", "sqlmodel", "sqlalchemy")), path
            elif isinstance(node, ast.Import):
                assert not any(a.name.startswith(("caf_app", "reflex", "sqlmodel", "sqlalchemy"))
                               for a in node.names), path


def test_bottom_navigation_is_the_seed_order():
    assert [label for _, label, _, _ in bottom_nav()] == ["Accueil", "Allocations", "Démarches", "Profil", "Menu"]


def test_home_page_content_has_the_seed_blocks():
    content = load("accueil_allocataires")
    assert [t["title"] for t in content["thematiques"]["items"]] == [
        "Vie personnelle", "Vie professionnelle", "Logement", "Handicap", "Accidents de vie"]
    assert content["que_souhaitez_vous_faire"]["title"] == "Que souhaitez-vous faire aujourd'hui ?"
    assert content["questions"]["title"] == "Vous avez des questions ?"


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    with pytest.raises(SettingsError):
        load_settings({"CAF_ENV": "prod", "CAF_DATA_DIR": str(tmp_path)})
    with pytest.raises(SettingsError):
        load_settings({"CAF_ENV": "prod", "CAF_SECRET_KEY": "court", "CAF_DATA_DIR": str(tmp_path)})


def test_development_generates_a_secret_once_and_keeps_it(tmp_path):
    first = load_settings({"CAF_DATA_DIR": str(tmp_path)})
    again = load_settings({"CAF_DATA_DIR": str(tmp_path)})
    assert first.secret_key == again.secret_key and len(first.secret_key) >= 32
    assert first.db_url == f"sqlite:///{tmp_path / 'caf.db'}"
    assert first.private_dir == tmp_path / "private"
