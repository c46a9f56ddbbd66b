"""Page images: PDF pages through PDFium, image files through Pillow; resolution and deskew."""

from __future__ import annotations

import io
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from PIL import Image, ImageSequence

from vanort.textrepair.extract import DocumentError

MIN_DPI = 200  # below this Tesseract misreads small print; upsample
MAX_DPI = 400  # above this Tesseract only gets slower
DEFAULT_DPI = 300
A4_WIDTH_INCHES = 8.27
MAX_PIXELS = 60_000_000  # one page; a 600 dpi A3 scan is 70 MP
MAX_PAGES = 500
MAX_SKEW = 6.0  # degrees searched either way


@dataclass(frozen=True)
class PageImage:
    image: Image.Image  # grey scale ("L"), deskewed
    dpi: int
    skew: float  # degrees the page was rotated back


def _clamp_dpi(dpi: float) -> int:
    return int(min(MAX_DPI, max(MIN_DPI, round(dpi))))


def pdf_page_count(data: bytes, filename: str) -> int:
    pdf = _open_pdf(data, filename)
    try:
        return len(pdf)
    finally:
        pdf.close()


def _open_pdf(data: bytes, filename: str):  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise DocumentError("broken_pdf", f"{filename}: the PDF cannot be rasterised ({exc})") from exc


def page_dpi(page: object) -> int:
    """The scan's own resolution: pixels of the largest embedded image per inch on the page."""
    import pypdfium2.raw as pdfium_c

    best = 0.0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):  # type: ignore[attr-defined]
        try:
            width_px, height_px = obj.get_px_size()
            left, bottom, right, top = obj.get_bounds()
        except Exception:  # noqa: S112 - a broken image object says nothing about resolution
            continue
        width_in, height_in = (right - left) / 72.0, (top - bottom) / 72.0
        if width_in > 0.5 and height_in > 0.5:
            best = max(best, min(width_px / width_in, height_px / height_in))
    return _clamp_dpi(best) if best else DEFAULT_DPI


def pdf_pages(data: bytes, filename: str, indexes: Sequence[int]) -> Iterator[PageImage]:
    """Render the given pages (0-based) at the resolution of their scans."""
    import pypdfium2 as pdfium

    pdf = _open_pdf(data, filename)
    try:
        for index in indexes:
            try:
                page = pdf[index]
                width_pt, height_pt = page.get_size()
                dpi = page_dpi(page)
                if width_pt * height_pt * (dpi / 72.0) ** 2 > MAX_PIXELS:
                    dpi = int(72.0 * math.sqrt(MAX_PIXELS / max(1.0, width_pt * height_pt)))
                if dpi < 10:
                    raise DocumentError("too_large", f"{filename}: page {index + 1} is too large to read")
                bitmap = page.render(scale=dpi / 72.0, grayscale=True)
                image = bitmap.to_pil().convert("L")
                bitmap.close()
                page.close()
            except pdfium.PdfiumError as exc:
                raise DocumentError("broken_pdf", f"{filename}: page {index + 1} cannot be rasterised ({exc})") from exc
            yield prepare(image, dpi)
    finally:
        pdf.close()


def _open_image(data: bytes, filename: str) -> Image.Image:
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        image = Image.open(io.BytesIO(data))
        image.verify()  # checks the structure without decoding
        return Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:
        raise DocumentError("too_large", f"{filename}: the image has too many pixels") from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise DocumentError("broken_image", f"{filename}: the image cannot be read ({exc})") from exc


def image_frame_count(data: bytes, filename: str) -> int:
    return int(getattr(_open_image(data, filename), "n_frames", 1))


def image_pages(data: bytes, filename: str) -> Iterator[PageImage]:
    """Every frame of a PNG, JPEG or (multi-page) TIFF as a page."""
    image = _open_image(data, filename)
    try:
        for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
            if number > MAX_PAGES:
                raise DocumentError("too_large", f"{filename}: more than {MAX_PAGES} pages")
            try:
                grey = frame.convert("L")
            except (OSError, ValueError, Image.DecompressionBombError) as exc:
                raise DocumentError("broken_image", f"{filename}: page {number} cannot be read ({exc})") from exc
            dpi_info = frame.info.get("dpi") or image.info.get("dpi")
            try:
                dpi = float(dpi_info[0]) if dpi_info else 0.0
            except (TypeError, ValueError, IndexError):
                dpi = 0.0
            if dpi < 50 or dpi > 2400:  # missing or absurd: assume the page is A4 wide
                dpi = grey.width / A4_WIDTH_INCHES
            yield prepare(grey, dpi)
    finally:
        image.close()


def prepare(image: Image.Image, dpi: float) -> PageImage:
    """Scale to a resolution Tesseract reads well and straighten the page."""
    target = _clamp_dpi(dpi)
    if abs(target - dpi) > 1:
        factor = target / dpi
        size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
        if size[0] * size[1] > MAX_PIXELS:
            raise DocumentError("too_large", "the page has too many pixels")
        image = image.resize(size, Image.Resampling.LANCZOS if factor > 1 else Image.Resampling.BOX)
    angle = deskew_angle(image)
    if abs(angle) >= 0.2:
        image = image.rotate(-angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return PageImage(image, target, angle)


def deskew_angle(image: Image.Image) -> float:
    """The skew of the text lines in degrees (counter-clockwise, as PIL's ``rotate`` counts);
    rotating by its negative levels them.

    Projection profile: the ink pixels are projected onto the vertical axis for each candidate
    angle; text lines give the sharpest profile (largest sum of squared row counts) when level.
    """
    import numpy as np

    small = image if image.width <= 1200 else image.resize((1200, max(1, image.height * 1200 // image.width)))
    pixels = np.asarray(small, dtype=np.uint8)
    ys, xs = np.nonzero(pixels < 128)
    if len(xs) < 200:
        return 0.0
    if len(xs) > 60_000:
        pick = np.random.default_rng(0).choice(len(xs), 60_000, replace=False)
        xs, ys = xs[pick], ys[pick]
    xf = xs.astype(np.float64) - small.width / 2
    yf = ys.astype(np.float64)
    height = small.height

    def sharpness(angle: float) -> float:
        theta = math.radians(angle)
        rows = yf * math.cos(theta) - xf * math.sin(theta)
        counts = np.bincount(np.clip(rows + height, 0, 3 * height).astype(np.int64))
        return float(np.sum(counts.astype(np.float64) ** 2))

    coarse = [a / 2 for a in range(int(-MAX_SKEW * 2), int(MAX_SKEW * 2) + 1)]
    best = max(coarse, key=sharpness)
    fine = [best + a / 10 for a in range(-5, 6)]
    best = max(fine, key=sharpness)
    # rows = y·cos − x·sin is sharpest when θ cancels the lines' slope; with y pointing down
    # that θ is minus the counter-clockwise skew
    return -best if abs(best) >= 0.1 else 0.0
