"""Generated scans for tests and benchmarks: text printed on A4 pages, then "scanned" (specks,
blur, skew) into an image-only PDF, PNG, JPEG or multi-page TIFF.

Nothing here is used to read documents; it makes test material that no one developed on.
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

A4_INCHES = (8.27, 11.69)
MARGIN_INCHES = 0.9
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu")
FONT_NAMES = ("DejaVuSerif.ttf", "DejaVuSans.ttf")


def _font_path(name: str | None = None) -> str | None:
    for directory in FONT_DIRS:
        for candidate in (name,) if name else FONT_NAMES:
            path = Path(directory) / candidate
            if path.exists():
                return str(path)
    return None


def _font(size_px: int, name: str | None = None) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = _font_path(name)
    if path:
        return ImageFont.truetype(path, size_px)
    return ImageFont.load_default(size=size_px)


def render_pages(
    text: str,
    *,
    dpi: int = 200,
    font_pt: float = 11.0,
    lines_per_page: int = 52,
    font: str | None = None,
) -> list[Image.Image]:
    """Print ``text`` line by line on white A4 pages (grey scale); long lines get a smaller font."""
    width, height = round(A4_INCHES[0] * dpi), round(A4_INCHES[1] * dpi)
    margin = round(MARGIN_INCHES * dpi)
    lines = text.split("\n")
    size = round(font_pt * dpi / 72)
    face = _font(size, font)
    longest = max(lines, key=lambda line: face.getlength(line), default="")
    while size > round(7 * dpi / 72) and face.getlength(longest) > width - 2 * margin:
        size -= 1
        face = _font(size, font)
    step = min(round(size * 1.45), (height - 2 * margin) // max(1, lines_per_page))
    pages: list[Image.Image] = []
    for start in range(0, max(1, len(lines)), lines_per_page):
        page = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(page)
        for row, line in enumerate(lines[start : start + lines_per_page]):
            draw.text((margin, margin + row * step), line, fill=0, font=face)
        pages.append(page)
    return pages


def scan(page: Image.Image, *, skew: float = 0.0, specks: int = 0, blur: float = 0.0, seed: int = 0) -> Image.Image:
    """A photocopy of ``page``: rotated by ``skew`` degrees, ``specks`` dots of toner, blur."""
    rng = random.Random(seed)
    out = page.copy()
    if specks:
        draw = ImageDraw.Draw(out)
        for _ in range(specks):
            x, y = rng.randrange(out.width), rng.randrange(out.height)
            r = rng.choice((1, 1, 2, 2, 3))
            draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.randrange(0, 90))
    if blur:
        out = out.filter(ImageFilter.GaussianBlur(blur))
    if skew:
        out = out.rotate(skew, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    return out


def scanned_pages(
    text: str, *, dpi: int = 200, skew: float = 0.0, specks: int = 0, blur: float = 0.0, seed: int = 0, **kw: object
) -> list[Image.Image]:
    rng = random.Random(seed)
    return [
        scan(
            p, skew=skew * rng.uniform(0.6, 1.0) if skew else 0.0, specks=specks, blur=blur, seed=rng.randrange(1 << 30)
        )
        for p in render_pages(text, dpi=dpi, **kw)  # type: ignore[arg-type]
    ]


def to_pdf(pages: Sequence[Image.Image], dpi: int = 200) -> bytes:
    """An image-only PDF (no text layer), one scanned page per PDF page."""
    out = io.BytesIO()
    first, *rest = [p.convert("L") for p in pages]
    first.save(out, format="PDF", save_all=True, append_images=rest, resolution=float(dpi))
    return out.getvalue()


def to_tiff(pages: Sequence[Image.Image], dpi: int = 200) -> bytes:
    out = io.BytesIO()
    first, *rest = list(pages)
    first.save(out, format="TIFF", save_all=True, append_images=rest, dpi=(dpi, dpi), compression="tiff_deflate")
    return out.getvalue()


def to_image(page: Image.Image, fmt: str = "PNG", dpi: int = 200) -> bytes:
    out = io.BytesIO()
    page.save(out, format=fmt, dpi=(dpi, dpi))
    return out.getvalue()
