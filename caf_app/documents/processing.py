"""What a person sends, checked by its content and cleaned: bytes in, bytes out.

Images (JPEG, PNG, and HEIC/HEIF as iPhones take them): EXIF orientation applied, every metadata dropped (GPS
included), long side at most 2000 px, re-encoded as JPEG. PDF: it must open, have 1 to 20 pages, no JavaScript,
no password; kept as is.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field

import pillow_heif
from PIL import Image, ImageFilter, ImageOps, ImageStat, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from ..domain.errors import DomainError

# HEIC/HEIF (an iPhone's photos) open in Pillow as format "HEIF"; libheif applies the file's rotation when it
# decodes and resets the EXIF orientation to 1, so exif_transpose below does not turn it twice. The thumbnails,
# depth maps and auxiliary images a HEIC may carry are never decoded: only the primary image is kept.
pillow_heif.register_heif_opener(thumbnails=False, depth_images=False, aux_images=False)
IMAGE_FORMATS = ("JPEG", "PNG", "HEIF")
NOT_ACCEPTED = "Ce fichier n'est ni une photo JPEG, PNG ou HEIC ni un document PDF."
DAMAGED = "Cette image est abîmée ou incomplète : reprenez la photo."

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_PAGES = 20
MAX_PIXELS = 40_000_000  # a 12-megapixel photo is 12 000 000; anything far beyond is refused unread
LONG_SIDE = 2000
JPEG_QUALITY = 85
LIMITS_TEXT = ("Formats acceptés : photo JPEG, PNG ou HEIC (iPhone), ou document PDF. 10 Mo au plus par fichier, "
               "20 pages au plus par document.")
BLURRY = "La photo semble floue. Voulez-vous la reprendre ?"
DARK = "La photo semble trop sombre. Voulez-vous la reprendre ?"


@dataclass
class Processed:
    kind: str  # "image" | "pdf"
    data: bytes
    page_count: int
    width: int = 0
    height: int = 0
    warnings: list[str] = field(default_factory=list)


def check_size(size: int) -> None:
    if size <= 0:
        raise DomainError("fichier", "Le fichier est vide.")
    if size > MAX_FILE_BYTES:
        raise DomainError("fichier", f"Le fichier pèse {size / 1024 / 1024:.0f} Mo : la limite est de 10 Mo par "
                                     "fichier.")


def process(data: bytes) -> Processed:
    """Check and clean one file; DomainError("fichier", ...) says why it is refused."""
    check_size(len(data))
    if data.startswith(b"%PDF-"):
        return _pdf(data)
    return _image(data)


def _pdf(data: bytes) -> Processed:
    if b"/JavaScript" in data or b"/JS" in data:
        raise DomainError("fichier", "Ce PDF contient du code (JavaScript) : il ne peut pas être accepté.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise DomainError("fichier", "Ce PDF est protégé par un mot de passe : envoyez-le sans protection.")
            pages = len(reader.pages)
            if _has_actions(reader):
                raise DomainError("fichier", "Ce PDF contient des actions automatiques : il ne peut pas être accepté.")
    except DomainError:
        raise  # a DomainError is a ValueError: keep its own sentence
    except (PdfReadError, ValueError, KeyError, TypeError, OSError):
        raise DomainError("fichier", "Ce PDF est abîmé ou incomplet : il ne s'ouvre pas.") from None
    if not 1 <= pages <= MAX_PAGES:
        raise DomainError("fichier", f"Ce PDF a {pages} pages : un document compte 20 pages au plus.")
    return Processed("pdf", data, pages)


def _has_actions(reader: PdfReader) -> bool:
    """Scripts or actions run on opening (the byte search above misses escaped names like /J#61vaScript)."""
    root = reader.trailer["/Root"]
    if "/OpenAction" in root or "/AA" in root or "/JavaScript" in root.get("/Names", {}):
        return True
    return any("/AA" in page for page in reader.pages)


def _open_image(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # refused just below, by size
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise DomainError("fichier", NOT_ACCEPTED) from None
    except (UnidentifiedImageError, ValueError, RuntimeError):
        if pillow_heif.is_supported(data):  # a HEIC by its header whose boxes libheif cannot read: cut short
            raise DomainError("fichier", DAMAGED) from None
        raise DomainError("fichier", NOT_ACCEPTED) from None
    if image.format not in IMAGE_FORMATS:
        raise DomainError("fichier", NOT_ACCEPTED)
    if image.width * image.height > MAX_PIXELS:
        raise DomainError("fichier", "Cette image est beaucoup trop grande : envoyez une photo de 40 mégapixels "
                                     "au plus.")
    try:
        image.load()
    except (OSError, SyntaxError, ValueError, RuntimeError, Image.DecompressionBombError):  # ValueError: libheif
        raise DomainError("fichier", DAMAGED) from None
    return image


def _image(data: bytes) -> Processed:
    image = ImageOps.exif_transpose(_open_image(data))
    image = image.convert("RGB")  # a new image: no EXIF, no GPS, no ICC or text chunks carried over
    image.thumbnail((LONG_SIDE, LONG_SIDE), Image.Resampling.LANCZOS)
    clean = Image.new("RGB", image.size)
    clean.paste(image)
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return Processed("image", out.getvalue(), 1, clean.width, clean.height, quality_warnings(clean))


LAPLACIAN = ImageFilter.Kernel((3, 3), (0, 1, 0, 1, -4, 1, 0, 1, 0), scale=1, offset=128)
BLUR_THRESHOLD = 150  # variance of the Laplacian at 1000 px: sharp text pages measure 400+, blurred ones ~100


def quality_warnings(image: Image.Image) -> list[str]:
    """Too dark (mean brightness) or too blurry (little fine detail), measured on a grey copy of 1000 px.

    A heuristic: the person may keep the photo anyway.
    """
    grey = image.convert("L")
    grey.thumbnail((1000, 1000))
    result = []
    if ImageStat.Stat(grey).mean[0] < 45:
        result.append(DARK)
    if ImageStat.Stat(grey.filter(LAPLACIAN)).var[0] < BLUR_THRESHOLD:
        result.append(BLURRY)
    return result


def images_to_pdf(pages: list[bytes]) -> bytes:
    """The pages (cleaned JPEG) of one document as one PDF, in order, without metadata."""
    images = [Image.open(io.BytesIO(page)).convert("RGB") for page in pages]
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=150,
                   creationDate=None, modDate=None)  # no metadata at all, not even dates
    return out.getvalue()


def page_image(pdf: bytes, index: int) -> bytes | None:
    """The picture of page `index` of a document the app made from photos (images_to_pdf), as JPEG, to show it
    in a page; None for a page that is not one picture (a PDF sent as it was: opened on its own)."""
    reader = PdfReader(io.BytesIO(pdf))
    if not 0 <= index < len(reader.pages):
        return None
    images = reader.pages[index].images
    if len(images) != 1 or not images[0].data.startswith(b"\xff\xd8"):
        return None
    return images[0].data
