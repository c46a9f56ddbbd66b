"""OCR of scanned documents: the only place that runs Tesseract and PDFium (no Django).

The pure text pipeline (:mod:`vanort.textrepair`) knows nothing of images; it asks an
:class:`vanort.textrepair.extract.OcrEngine` for the text of the pages that have no usable
text layer.  :class:`TesseractOcr` is that engine:

    rasterise (pypdfium2 for PDF pages, Pillow for PNG/JPEG/TIFF, every TIFF frame)
    → resolution from the page (the embedded scan's own pixel density, or the image's DPI)
    → grey scale, deskew (projection profile of the ink)
    → ``tesseract`` (subprocess, Swedish model by default; ``swe+eng``, ``ukr`` available)

When Tesseract or a language model is missing, :class:`OcrUnavailable` (a
``DocumentError`` with code ``ocr_unavailable``) says which Debian packages to install.
"""

from vanort.ocr.engine import OCR_PACKAGES, OcrUnavailable, TesseractOcr, default_ocr
from vanort.ocr.raster import deskew_angle

__all__ = ["OCR_PACKAGES", "OcrUnavailable", "TesseractOcr", "default_ocr", "deskew_angle"]
