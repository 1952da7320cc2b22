import io

import pytest
from PIL import Image
from pypdf import PdfReader

from caf_app.components.ui.upload import IMAGES, IMAGES_AND_PDF
from caf_app.documents.processing import BLURRY, DARK, LIMITS_TEXT, MAX_FILE_BYTES, images_to_pdf, process
from caf_app.domain.errors import DomainError
from tests import files


def test_a_phone_photo_is_turned_upright_stripped_of_exif_and_gps_and_bounded():
    processed = process(files.photo_with_exif(orientation=6, width=3000, height=4000))
    image = Image.open(io.BytesIO(processed.data))
    assert image.format == "JPEG"
    assert (image.width, image.height) == (2000, 1500)  # turned by 90°: landscape now, long side 2000
    assert not image.getexif() and "exif" not in image.info
    assert b"PhoneMaker" not in processed.data and b"GPS" not in processed.data
    assert processed.warnings == []


def test_the_mark_at_the_top_left_ends_where_the_orientation_says():
    upright = Image.open(io.BytesIO(process(files.photo_with_exif(orientation=1)).data)).convert("L")
    assert upright.getpixel((10, 10)) < 60  # the black mark stays at the top left
    turned = Image.open(io.BytesIO(process(files.photo_with_exif(orientation=6)).data)).convert("L")
    assert turned.getpixel((turned.width - 10, 10)) < 60  # EXIF 6: the top left goes to the top right


def test_an_iphone_heic_photo_becomes_an_upright_jpeg_without_exif_or_gps():
    heic = files.heic_photo_with_exif(orientation=6, width=2400, height=3200)
    source = Image.open(io.BytesIO(heic))
    assert heic[4:12] == b"ftypheic" and source.format == "HEIF"  # a real HEIC, carrying the metadata
    assert source.getexif()[0x010F] == "PhoneMaker" and source.getexif().get_ifd(0x8825)[1] == "N"
    processed = process(heic)
    image = Image.open(io.BytesIO(processed.data))
    assert (processed.kind, image.format, (image.width, image.height)) == ("image", "JPEG", (2000, 1500))
    assert not image.getexif() and "exif" not in image.info and "xmp" not in image.info
    assert b"PhoneMaker" not in processed.data and b"GPS" not in processed.data and b"Exif" not in processed.data
    assert image.convert("L").getpixel((image.width - 10, 10)) < 60  # turned once, as the iPhone showed it
    assert processed.warnings == []


def test_a_damaged_heic_is_refused_with_its_message():
    heic = files.heic_photo_with_exif(orientation=1)
    for cut in (len(heic) // 2, len(heic) - 100):
        with pytest.raises(DomainError, match="abîmée ou incomplète"):
            process(heic[:cut])


def test_the_pickers_accept_heic_and_heif():
    assert {"image/heic", "image/heif"} <= set(IMAGES) and {"image/heic", "image/heif"} <= set(IMAGES_AND_PDF)
    assert "HEIC" in LIMITS_TEXT


def test_pngs_become_jpeg_and_pdfs_are_kept_as_they_are():
    assert Image.open(io.BytesIO(process(files.png_page()).data)).format == "JPEG"
    pdf = files.pdf_document(3)
    processed = process(pdf)
    assert (processed.kind, processed.page_count, processed.data) == ("pdf", 3, pdf)


@pytest.mark.parametrize("maker, fragment", [
    (files.renamed_executable, "ni une photo"), (files.text_renamed_jpg, "ni une photo"),
    (files.truncated_jpeg, "abîmée ou incomplète"), (files.decompression_bomb, "beaucoup trop grande"),
    (files.pdf_with_javascript, "JavaScript"), (lambda: b"", "vide"),
    (lambda: b"%PDF-1.4 rien", "abîmé"), (lambda: files.pdf_document(21), "21 pages"),
])
def test_hostile_files_are_refused_with_their_message(maker, fragment):
    with pytest.raises(DomainError) as error:
        process(maker())
    assert fragment in error.value.message and error.value.field == "fichier"


def test_a_file_over_10_mo_is_refused_before_being_read():
    with pytest.raises(DomainError, match="10 Mo"):
        process(b"\xff\xd8" + b"\x00" * MAX_FILE_BYTES)


def test_blurry_and_dark_photos_get_a_warning_the_user_may_override():
    page = files.text_page(1200, 1600)
    blurred = page.resize((120, 160)).resize((1200, 1600))
    out = io.BytesIO()
    blurred.save(out, format="JPEG")
    assert BLURRY in process(out.getvalue()).warnings
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (12, 12, 12)).save(out, format="JPEG")
    assert DARK in process(out.getvalue()).warnings


def test_pages_are_assembled_into_one_pdf_in_order():
    pages = [process(files.photo_with_exif(orientation=1)).data, process(files.png_page()).data]
    pdf = images_to_pdf(pages)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2 and not reader.metadata


def test_a_pdf_with_an_action_on_opening_is_refused_even_without_the_word_javascript():
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(files.pdf_document(1))))
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc.exe")})
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(DomainError, match="actions automatiques"):
        process(out.getvalue())
    escaped = files.pdf_document(1).replace(b"/Type /Catalog",
                                            b"/Type /Catalog /OpenAction << /S /J#61vaScript /J#53 (x) >>", 1)
    with pytest.raises(DomainError):
        process(escaped)
