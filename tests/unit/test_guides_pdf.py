"""The guides des prestations as real documents (issue 23, point 1): a PDF made from the same file as the page."""

from starlette.testclient import TestClient

from caf_app.api import api
from tests.files import pdf_text


def test_a_guide_is_a_pdf_of_its_page_and_nothing_else_is_served_as_one():
    client = TestClient(api)
    answer = client.get("/api/guides/guide-prestations-metropole.pdf")
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    text = pdf_text(answer.content)
    for expected in ("Guide des prestations familiales en Métropole", "Petite enfance", "Allocations familiales",
                     "Solidarité et insertion", "Édité le"):
        assert expected in text, expected
    assert "**" not in text and "](" not in text  # the Markdown is laid out, not printed
    assert "dès le premier enfant" in pdf_text(client.get("/api/guides/guide-prestations-dom.pdf").content)
    assert client.get("/api/guides/offres-et-services.pdf").status_code == 404  # a page, not a guide
    assert client.get("/api/guides/guide-inconnu.pdf").status_code == 404
