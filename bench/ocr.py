"""Benchmark of reading scans: generated image-only PDFs through Tesseract and Vänort's repair.

Documents: the synthetic corpus (tests/textrepair/corpus, clean side) and the seed's repaired
text, printed with DejaVu on A4 at 200 dpi and "scanned" (skew up to 1.5°, toner specks, blur).
For each, Tesseract reads them with the Swedish model (the right language) and with the
English model (the wrong one, which drops å/ä/ö); WER is measured against the printed text
before and after repair.

Time: Tesseract's own time versus Vänort's (rasterising with PDFium, deskew, image encoding,
layout, repair, field extraction). Target: Vänort's part < half of Tesseract's.

Run: ``.venv/bin/python bench/ocr.py [--quick]``; prints one JSON object.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from vanort.ocr import TesseractOcr, synthetic  # noqa: E402
from vanort.textrepair import extract_fields, extract_text, repair_text  # noqa: E402
from vanort.textrepair.corpus import load_corpus  # noqa: E402
from vanort.textrepair.metrics import edit_distance, words  # noqa: E402


def documents(quick: bool) -> list[tuple[str, str]]:
    docs = [(d.name, d.clean) for d in load_corpus(ROOT / "tests/textrepair/corpus")]
    seed = ROOT / "tests/textrepair/golden/seed_000_corrected.txt"
    if seed.exists():
        docs.append(("seed_000", seed.read_text(encoding="utf-8")))
    return docs[:2] if quick else docs


def main() -> None:
    quick = "--quick" in sys.argv
    totals = {lang: {"ocr": [0, 0], "repaired": [0, 0]} for lang in ("swe", "eng")}
    time_tess = time_raster = time_repair = 0.0
    cpu_tess = cpu_own = 0.0  # CPU seconds: less sensitive than wall time to a shared machine
    pages = 0
    per_doc = []
    wall_start = time.perf_counter()
    for index, (name, clean) in enumerate(documents(quick)):
        scan = synthetic.scanned_pages(clean, dpi=200, skew=1.5, specks=40, blur=0.4, seed=index)
        pdf = synthetic.to_pdf(scan, dpi=200)
        row: dict[str, object] = {"name": name, "pages": len(scan)}
        ref = words(clean)
        for lang in ("swe", "eng"):
            engine = TesseractOcr(languages=lang)
            children, own = os.times(), time.process_time()
            text = extract_text(pdf, f"{name}.pdf", ocr=engine).text
            started = time.perf_counter()
            repaired = repair_text(text).text
            extract_fields(repaired)
            elapsed = time.perf_counter() - started
            after_children = os.times()
            if lang == "swe":
                cpu_tess += (after_children.children_user - children.children_user) + (
                    after_children.children_system - children.children_system
                )
                cpu_own += time.process_time() - own
            before = edit_distance(ref, words(text))
            after = edit_distance(ref, words(repaired))
            totals[lang]["ocr"][0] += before
            totals[lang]["repaired"][0] += after
            totals[lang]["ocr"][1] += len(ref)
            totals[lang]["repaired"][1] += len(ref)
            row[f"wer_{lang}_ocr"] = round(before / max(1, len(ref)), 4)
            row[f"wer_{lang}_repaired"] = round(after / max(1, len(ref)), 4)
            if lang == "swe":  # the production path: time it
                time_tess += engine.timing.tesseract
                time_raster += engine.timing.raster
                time_repair += elapsed
                pages += engine.timing.pages
        per_doc.append(row)
    wall = time.perf_counter() - wall_start
    own = time_raster + time_repair
    print(
        json.dumps(
            {
                "benchmark": "ocr",
                "machine": {"cores": os.cpu_count(), "python": platform.python_version()},
                "documents": len(per_doc),
                "pages": pages,
                "pages_per_second": round(pages / max(1e-9, time_tess + own), 3),
                "seconds": {
                    "tesseract": round(time_tess, 2),
                    "rasterise_deskew_encode": round(time_raster, 2),
                    "repair_and_fields": round(time_repair, 2),
                    "vanort_own": round(own, 2),
                    "wall_incl_wrong_language_runs": round(wall, 1),
                },
                "vanort_share_of_tesseract": round(own / max(1e-9, time_tess), 3),
                "cpu_seconds": {"tesseract": round(cpu_tess, 2), "vanort_own": round(cpu_own, 2)},
                "vanort_share_of_tesseract_cpu": round(cpu_own / max(1e-9, cpu_tess), 3),
                "tesseract_cpu_seconds_per_page": round(cpu_tess / max(1, pages), 2),
                "target_share_below": 0.5,
                "wer": {
                    f"{lang}_{kind}": round(v[0] / max(1, v[1]), 4)
                    for lang, kinds in totals.items()
                    for kind, v in kinds.items()
                },
                "per_document": per_doc,
            },
            ensure_ascii=False,
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
