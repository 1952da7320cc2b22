"""The security check of "Mot de passe oublié": characters drawn with Pillow, and a text alternative."""

from __future__ import annotations

import base64
import io
import random
import secrets

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ALPHABET = "abcdefhjkmnprstuvwxyz2345678"  # no 0/o, 1/l/i, 9/g: easy to misread
NUMBERS = ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf")


def new_text(length: int = 6) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def render_png(text: str, *, seed: int | None = None) -> bytes:
    """The characters on a noisy background, each slightly moved and turned."""
    rng = random.Random(seed if seed is not None else secrets.randbits(32))
    width, height = 40 + 34 * len(text), 70
    image = Image.new("RGB", (width, height), (245, 247, 250))
    draw = ImageDraw.Draw(image)
    for _ in range(8):
        draw.line([(rng.randint(0, width), rng.randint(0, height)) for _ in range(2)], fill=(150, 160, 175), width=2)
    font = ImageFont.load_default(size=38)
    for index, char in enumerate(text):
        glyph = Image.new("RGBA", (48, 60), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((24, 30), char, font=font, fill=(20, 40, 60), anchor="mm")
        glyph = glyph.rotate(rng.uniform(-25, 25), resample=Image.Resampling.BICUBIC)
        image.paste(glyph, (20 + index * 34 + rng.randint(-3, 3), 5 + rng.randint(-4, 4)), glyph)
    image = image.filter(ImageFilter.SMOOTH)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode()


def new_question() -> tuple[str, str]:
    """The accessible alternative: a sum written in words, answered in digits. Returns (question, answer)."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    return f"Combien font {NUMBERS[a]} plus {NUMBERS[b]} ? Répondez en chiffres.", str(a + b)


def matches(answer: str, expected: str) -> bool:
    """Case and spaces do not matter."""
    typed = answer.strip().lower().replace(" ", "").encode()  # bytes: compare_digest refuses non-ASCII str
    return bool(expected) and secrets.compare_digest(typed, expected.lower().encode())
