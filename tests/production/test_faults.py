"""What the deployment meets, each bounded in time: an app instance killed in the middle of a quarterly
declaration, PostgreSQL stopped for a few seconds, Redis restarted, an upload cut halfway."""

from __future__ import annotations

import http.client
import json
import re

from playwright.sync_api import expect

from caf_app import clock
from caf_app.domain.declarations import quarter_due
from tests import files
from tests.e2e.conftest import questions
from tests.personas import ELISE, JONAS, JOSEPHINE, NADIA

from .conftest import log_in

UNAVAILABLE = "Le service est momentanément indisponible"


def answers(production, nir: str, prestation: str) -> list[dict]:
    """The declarations of the quarter due for the person's dossier and the prestation, as stored (one row
    expected; the previous quarter's, sent, is left out)."""
    rows = production.scalar(
        "SELECT json_agg(d.answers_json ORDER BY d.id) FROM declarationtrimestrielle d "
        "JOIN member m ON m.dossier_id = d.dossier_id JOIN person p ON p.id = m.person_id "
        "WHERE p.nir = :nir AND d.prestation = :prestation AND d.quarter_start = :quarter",
        nir=nir, prestation=prestation, quarter=quarter_due(clock.today()).start)
    return [json.loads(row) for row in rows or []]


def start_salaries(page):
    """Situation unchanged, then "Salaires : Oui" with three amounts on the first person's screen."""
    page.get_by_role("group", name=re.compile("situation familiale a-t-elle changé")).get_by_label("Non").check()
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", name="Vos ressources")).to_be_visible()
    salaires = questions(page).filter(has=page.get_by_text(re.compile("^Salaires :"))).first
    salaires.get_by_label("Oui", exact=True).check()
    boxes = salaires.get_by_role("textbox")
    expect(boxes).to_have_count(3)
    for box, amount in zip(boxes.all(), ("850", "910", "0"), strict=True):
        box.fill(amount)
    return boxes


def test_an_instance_killed_mid_declaration_the_tab_goes_on_through_the_other(page, production):
    log_in(page, production, JONAS.nir, "/declaration/rsa")
    boxes = start_salaries(page)
    for fieldset in questions(page).all()[1:]:
        fieldset.get_by_label("Non", exact=True).check()
    # Each instance in turn is killed (the tab's own among them); the supervisor brings it back.
    for program, port in zip(("app-1", "app-2"), production.recipe.app_ports, strict=True):
        before = production.kill(program)

        def back(program=program, port=port, before=before) -> bool:
            return production.pid(program) not in (0, before) and production.instance_up(port)

        production.wait_until(back, f"{program} relancée par le superviseur")
        expect(boxes.nth(1)).to_have_value("910")
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", name="Ressources de Florence")).to_be_visible()
    stored = answers(production, JONAS.nir, "rsa")
    assert len(stored) == 1 and "850" in json.dumps(stored[0]) and "910" in json.dumps(stored[0])
    page.reload()  # a new page load, on whichever instance: the draft (and the screen) are the server's
    expect(page.get_by_role("heading", name="Ressources de Florence")).to_be_visible()
    for fieldset in questions(page).all():
        fieldset.get_by_label("Non", exact=True).check()
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", name="Vérifier ma déclaration")).to_be_visible()
    expect(page.get_by_text("910,00 €")).to_be_visible()


def test_postgresql_stopped_the_person_is_told_and_nothing_half_written(page, production):
    log_in(page, production, JOSEPHINE.nir, "/declaration/rsa")
    expect(page.get_by_text("Déclarez les ressources reçues")).to_be_visible()  # the draft is open
    before = answers(production, JOSEPHINE.nir, "rsa")
    assert production.recipe.supervisorctl("stop", "postgres").returncode == 0
    try:
        page.get_by_role("group", name=re.compile("situation familiale a-t-elle changé")).get_by_label("Non").check()
        page.get_by_role("button", name="Continuer").click()
        expect(page.get_by_text(UNAVAILABLE)).to_be_visible()
        expect(page.get_by_role("heading", name="Vos ressources")).to_have_count(0)
    finally:
        assert production.recipe.supervisorctl("start", "postgres").returncode == 0
    assert answers(production, JOSEPHINE.nir, "rsa") == before, "nothing was written while the database was away"
    # Back: the same tap works, with no reload and no new login.
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", name="Vos ressources")).to_be_visible()
    stored = answers(production, JOSEPHINE.nir, "rsa")
    assert len(stored) == 1 and stored[0].get("situation") == "non"


def test_redis_restarted_the_draft_is_neither_lost_nor_duplicated(page, production):
    log_in(page, production, NADIA.nir, "/declaration/aah?version=habituelle")
    start_salaries(page)
    page.get_by_role("heading", name="Vos ressources").click()  # leaves the last amount: saved
    production.wait_until(lambda: "910" in json.dumps(answers(production, NADIA.nir, "aah")), "le brouillon enregistré")
    assert production.recipe.supervisorctl("restart", "redis").returncode == 0
    production.wait_until(lambda: production.status().get("redis") == "RUNNING", "Redis relancé")
    # The tab's state went with Redis: at worst a new page load (the HttpOnly session is in the database),
    # and the declaration opens again on the screen it was left on.
    page.goto("/declaration/aah?version=habituelle")
    expect(page.get_by_role("heading", name="Vos ressources")).to_be_visible()
    salaires = questions(page).filter(has=page.get_by_text(re.compile("^Salaires :"))).first
    expect(salaires.get_by_role("textbox").nth(1)).to_have_value("910")
    assert len(answers(production, NADIA.nir, "aah")) == 1


def test_an_upload_cut_halfway_leaves_nothing_and_can_be_sent_again(page, production):
    log_in(page, production, ELISE.nir, "/demarches/transmettre")
    page.get_by_label("Type de document").select_option(label="Avis d'imposition")
    photo = files.photo_with_exif(orientation=1)
    # The real request of the page, held back to learn its headers (the tab's token, the handler).
    page.route("**/_upload", lambda route: route.abort())
    with page.expect_request("**/_upload") as held:
        with page.expect_file_chooser() as chooser:
            page.get_by_role("button", name="Choisir un fichier").click()
        chooser.value.set_files(files=[{"name": "avis.jpg", "mimeType": "image/jpeg", "buffer": photo}])
    headers = held.value.all_headers()
    page.unroute("**/_upload")
    pages_before = production.scalar("SELECT count(*) FROM draftpage")
    private = production.recipe.root / "data" / "private"
    files_before = sorted(path for path in private.rglob("*") if path.is_file()) if private.exists() else []

    # The same upload through nginx, cut after half of the body.
    boundary = "caf-coupure"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"avis.jpg\"\r\n"
            f"Content-Type: image/jpeg\r\n\r\n").encode() + photo + f"\r\n--{boundary}--\r\n".encode()
    connection = http.client.HTTPConnection("127.0.0.1", production.recipe.http_port, timeout=10)
    connection.putrequest("POST", "/_upload")
    for name, value in headers.items():
        if name.lower().startswith("reflex-"):
            connection.putheader(name, value)
    connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    connection.putheader("Content-Length", str(len(body)))
    connection.endheaders()
    connection.send(body[: len(body) // 2])
    connection.close()

    # The person tries again: one page, once, and the cut upload left nothing beside it.
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Choisir un fichier").click()
    chooser.value.set_files(files=[{"name": "avis.jpg", "mimeType": "image/jpeg", "buffer": photo}])
    expect(page.get_by_role("img", name="Page 1, aperçu")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("aperçu"))).to_have_count(1)
    assert production.scalar("SELECT count(*) FROM draftpage") == pages_before + 1
    new_files = set(path for path in private.rglob("*") if path.is_file()) - set(files_before)
    assert len(new_files) == 1 and not any(path.name.startswith(".tmp-") for path in new_files)
