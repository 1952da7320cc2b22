from datetime import date

import pytest

from caf_app.domain.contacts import parse_date, parse_email, parse_mobile, parse_postal_code
from caf_app.domain.errors import DomainError
from caf_app.domain.identifiers import parse_nir, parse_provisional_id
from caf_app.domain.names import check_name
from caf_app.domain.passwords import check_new_password
from caf_app.domain.signup import check_etat_civil
from tests.hostile import HOSTILE

VALID_AS_A_NAME = {"null"}  # a real surname exists: it must be accepted and stored as typed

PARSERS = [
    parse_nir, parse_provisional_id, parse_email, parse_mobile, parse_postal_code,
    lambda text: check_name(text, field="nom", label="votre nom"),
    lambda text: parse_date(text, field="d", label="la date", today=date(2026, 11, 26)),
    lambda text: check_new_password(text, text),
]


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("parse", PARSERS)
def test_every_rule_refuses_hostile_input_with_a_french_message(parse, text):
    if text in VALID_AS_A_NAME and parse is PARSERS[5]:
        assert parse(text) == text
        return
    with pytest.raises(DomainError) as error:
        parse(text)
    assert error.value.message and error.value.message[0].isupper()


@pytest.mark.parametrize("text", HOSTILE)
def test_the_etat_civil_form_refuses_hostile_input_in_every_field(text):
    fields = ["nir", "nom_naissance", "nom_usage", "prenoms", "date_naissance", "departement_naissance",
              "commune_naissance", "code_postal", "numero_piece", "date_delivrance"]
    form = {field: text for field in fields} | {"possede_nir": "oui", "lieu_naissance": "france",
                                                "reside_france": "oui", "piece_identite": "cni"}
    etat, errors = check_etat_civil(form, today=date(2026, 11, 26))
    assert etat is None
    expected = {"nir", "date_naissance", "departement_naissance", "code_postal", "numero_piece"}
    if text not in VALID_AS_A_NAME:
        expected |= {"nom_naissance", "prenoms"}
    assert expected <= set(errors)


@pytest.mark.parametrize("text", HOSTILE)
def test_the_security_check_compares_any_answer_safely(text):
    from caf_app.documents.captcha import matches

    assert not matches(text, "abc234")


def test_the_security_image_is_a_png_of_the_expected_size():
    import io

    from PIL import Image

    from caf_app.documents.captcha import new_question, new_text, render_png

    text = new_text()
    assert len(text) == 6 and not set(text) & set("0o1li9g")
    image = Image.open(io.BytesIO(render_png(text, seed=1)))
    assert image.format == "PNG" and image.size == (40 + 34 * 6, 70)
    question, answer = new_question()
    assert question.startswith("Combien font") and answer.isdigit()
