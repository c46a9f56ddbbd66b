"""Tesseract as a subprocess (no Python binding to install or keep in step with the binary)."""

from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from vanort.ocr import layout, raster
from vanort.textrepair.extract import DocumentError, Progress

OCR_PACKAGES = "tesseract-ocr tesseract-ocr-swe tesseract-ocr-ukr tesseract-ocr-eng"
PAGE_TIMEOUT = 300  # seconds for one page
_LANGUAGE_PACKAGES = {"swe": "tesseract-ocr-swe", "ukr": "tesseract-ocr-ukr", "eng": "tesseract-ocr-eng"}


class OcrUnavailable(DocumentError):
    def __init__(self, message: str) -> None:
        super().__init__("ocr_unavailable", message)


@functools.lru_cache(maxsize=8)
def _installed_languages(binary: str) -> frozenset[str]:
    try:
        out = subprocess.run(  # noqa: S603 - fixed arguments
            [binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    return frozenset(line.strip() for line in (out.stdout + out.stderr).splitlines()[1:] if line.strip())


@dataclass
class Timing:
    """Seconds spent in Tesseract and in rasterising/deskewing, summed over pages."""

    tesseract: float = 0.0
    raster: float = 0.0
    pages: int = 0


@dataclass
class TesseractOcr:
    languages: str = "swe"
    binary: str | None = None
    psm: int = 3
    timing: Timing = field(default_factory=Timing)

    def check(self) -> str:
        """The Tesseract binary; raises OcrUnavailable naming the packages to install."""
        binary = self.binary or shutil.which("tesseract")
        if not binary:
            raise OcrUnavailable(
                f"Tesseract is not installed; install the Debian packages {OCR_PACKAGES} "
                "(apt-get install " + OCR_PACKAGES + ")"
            )
        have = _installed_languages(binary)
        missing = [lang for lang in self.languages.split("+") if lang not in have]
        if missing:
            packages = " ".join(_LANGUAGE_PACKAGES.get(m, f"tesseract-ocr-{m}") for m in missing)
            raise OcrUnavailable(
                f"Tesseract has no model for {', '.join(missing)}; install the Debian package(s) {packages}"
            )
        return binary

    # -- the OcrEngine protocol of vanort.textrepair.extract ---------------------------
    def pdf_pages(self, data: bytes, filename: str, indexes: Sequence[int], progress: Progress | None) -> list[str]:
        binary = self.check()
        return self._run(binary, raster.pdf_pages(data, filename, indexes), len(indexes), filename, progress)

    def image_pages(self, data: bytes, filename: str, progress: Progress | None) -> list[str]:
        binary = self.check()
        total = raster.image_frame_count(data, filename)
        return self._run(binary, raster.image_pages(data, filename), total, filename, progress)

    # ------------------------------------------------------------------------------------
    def _run(self, binary: str, pages: object, total: int, filename: str, progress: Progress | None) -> list[str]:
        texts: list[str] = []
        if progress:
            progress(0, total)
        iterator = iter(pages)  # type: ignore[call-overload]
        while True:
            started = time.perf_counter()
            try:
                page = next(iterator)
            except StopIteration:
                break
            buffer = io.BytesIO()
            page.image.save(buffer, format="PPM")  # grey PGM: no compression to spend time on
            self.timing.raster += time.perf_counter() - started
            started = time.perf_counter()
            texts.append(self._tesseract(binary, buffer.getvalue(), page.dpi, filename, len(texts) + 1))
            self.timing.tesseract += time.perf_counter() - started
            self.timing.pages += 1
            if progress:
                progress(len(texts), total)
        return texts

    def _tesseract(self, binary: str, image: bytes, dpi: int, filename: str, number: int) -> str:
        env = {**os.environ, "OMP_THREAD_LIMIT": os.environ.get("OMP_THREAD_LIMIT", "1")}
        command = [binary, "stdin", "stdout", "-l", self.languages, "--psm", str(self.psm), "--dpi", str(dpi), "tsv"]
        try:
            done = subprocess.run(  # noqa: S603 - fixed arguments, image on stdin
                command, input=image, capture_output=True, timeout=PAGE_TIMEOUT, check=False, env=env
            )
        except subprocess.TimeoutExpired as exc:
            raise DocumentError("ocr_failed", f"{filename}: OCR of page {number} took over {PAGE_TIMEOUT} s") from exc
        except OSError as exc:
            raise OcrUnavailable(f"Tesseract cannot be started ({exc}); install {OCR_PACKAGES}") from exc
        if done.returncode != 0:
            reason = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
            raise DocumentError("ocr_failed", f"{filename}: Tesseract failed on page {number} ({reason[0][:200]})")
        return layout.page_text(done.stdout.decode("utf-8", "replace"))


def default_ocr() -> TesseractOcr:
    """A fresh engine (its timing starts at zero) with the languages of VANORT_OCR_LANGUAGES."""
    return TesseractOcr(languages=os.environ.get("VANORT_OCR_LANGUAGES", "swe"))
