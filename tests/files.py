"""Files a person might send, good and hostile, made on the fly for the tests; and the text of a PDF the app made."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw
from pypdf import PdfReader
from reportlab.pdfgen import canvas

GPS_TAG, ORIENTATION_TAG = 0x8825, 0x0112


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF, page after page (checking first that it is one)."""
    reader = PdfReader(io.BytesIO(pdf))
    assert pdf.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in reader.pages)


def text_page(width: int = 1200, height: int = 1600, *, label: str = "Attestation de loyer") -> Image.Image:
    """A white page of black text: sharp enough to pass the blur check."""
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width // 3, 40), fill="black")  # a mark at the top left, to check the orientation
    for y in range(80, height - 40, 36):
        draw.text((40, y), f"{label} - ligne {y} " * 3, fill="black")
    return image


def photo_with_exif(*, orientation: int = 6, width: int = 1200, height: int = 1600) -> bytes:
    """A JPEG as a phone makes it: EXIF orientation (6 = turned 90°) and GPS coordinates."""
    exif = Image.Exif()
    exif[ORIENTATION_TAG] = orientation
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_TAG).update({1: "N", 2: (48.0, 51.0, 30.0), 3: "E", 4: (2.0, 17.0, 40.0)})
    out = io.BytesIO()
    text_page(width, height).save(out, format="JPEG", exif=exif.tobytes(), quality=90)
    return out.getvalue()


def heic_photo_with_exif(*, orientation: int = 6, width: int = 1200, height: int = 1600) -> bytes:
    """A HEIC as an iPhone makes it (HEVC in a HEIF container, pillow-heif's encoder), with the same EXIF as
    photo_with_exif: maker, orientation and GPS coordinates."""
    import pillow_heif  # the app registers it too (documents/processing.py): registering twice is harmless

    pillow_heif.register_heif_opener()
    exif = Image.Exif()
    exif[ORIENTATION_TAG] = orientation
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_TAG).update({1: "N", 2: (48.0, 51.0, 30.0), 3: "E", 4: (2.0, 17.0, 40.0)})
    out = io.BytesIO()
    # x265's ultrafast preset: the same kind of file, made in a quarter of the time (the app only decodes it)
    text_page(width, height).save(out, format="HEIF", exif=exif.tobytes(), quality=90,
                                  enc_params={"preset": "ultrafast"})
    return out.getvalue()


def png_page() -> bytes:
    out = io.BytesIO()
    text_page(800, 1000).save(out, format="PNG")
    return out.getvalue()


def pdf_document(pages: int = 2) -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    for number in range(pages):
        pdf.drawString(72, 720, f"Page {number + 1}")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def pdf_with_javascript() -> bytes:
    action = b"/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>"
    return pdf_document(1).replace(b"/Type /Catalog", action, 1)


def renamed_executable() -> bytes:
    header = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"
    return header + b"\x00" * 200 + b"This program cannot be run in DOS mode"


def truncated_jpeg() -> bytes:
    data = photo_with_exif()
    return data[: len(data) // 2]


def decompression_bomb() -> bytes:
    """A small PNG that would take 100 megapixels once decoded."""
    out = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, format="PNG")
    return out.getvalue()


def text_renamed_jpg() -> bytes:
    return "Ceci est un fichier texte renommé en .jpg\n".encode() * 20
