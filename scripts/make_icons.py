"""Generate the app icons from one drawing (our own mark: a teal disc with an "M").

`python scripts/make_icons.py` writes assets/favicon.ico and assets/icons/*.png; the outputs are committed.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

BRAND = (11, 79, 108)
ASSETS = Path(__file__).resolve().parent.parent / "assets"


def mark(size: int, *, maskable: bool = False) -> Image.Image:
    """The mark at `size` px; a maskable icon fills the square and keeps the letter in the safe zone."""
    image = Image.new("RGBA", (size, size), BRAND + (255,) if maskable else (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if not maskable:
        draw.ellipse((0, 0, size - 1, size - 1), fill=BRAND)
    font = ImageFont.load_default(size=int(size * (0.42 if maskable else 0.6)))
    draw.text((size / 2, size / 2), "M", fill="white", font=font, anchor="mm")
    return image


def main() -> None:
    icons = ASSETS / "icons"
    icons.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        mark(size).save(icons / f"icon-{size}.png", optimize=True)
    mark(512, maskable=True).save(icons / "maskable-512.png", optimize=True)
    mark(180, maskable=True).convert("RGB").save(ASSETS / "apple-touch-icon.png", optimize=True)
    mark(64).save(ASSETS / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48), (64, 64)])


if __name__ == "__main__":
    main()
