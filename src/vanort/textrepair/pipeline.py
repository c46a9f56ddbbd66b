"""The whole import pipeline on one file: extract → repair → segment → fields."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vanort.textrepair.extract import MAX_BYTES, ExtractedText, OcrEngine, Progress, extract_text
from vanort.textrepair.fields import Fields, extract_fields
from vanort.textrepair.repair import RepairResult, repair_text
from vanort.textrepair.segment import Section, segment


@dataclass(frozen=True)
class DocumentAnalysis:
    filename: str
    extracted: ExtractedText
    repair: RepairResult
    sections: tuple[Section, ...]
    fields: Fields

    def to_contract_dict(self) -> dict[str, Any]:
        """Exactly the ``vanort import-document --json`` object of DESIGN.md §5."""
        body = self.fields.to_dict()
        return {
            "document": body["document"],
            "repair": {"tokens": self.repair.tokens, "changed": self.repair.changed},
            "motion": body["motion"],
            "laws_cited": body["laws_cited"],
            "places": body["places"],
            "partnership_facts": body["partnership_facts"],
        }


def analyse_document(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = MAX_BYTES,
    ocr: OcrEngine | None = None,
    progress: Progress | None = None,
) -> DocumentAnalysis:
    """Raises :class:`vanort.textrepair.extract.DocumentError` for files it cannot read.

    Scans (image-only PDF pages, PNG/JPEG/TIFF) need an ``ocr`` engine."""
    extracted = extract_text(data, filename, max_bytes=max_bytes, ocr=ocr, progress=progress)
    repaired = repair_text(extracted.text)
    return DocumentAnalysis(
        filename=filename,
        extracted=extracted,
        repair=repaired,
        sections=segment(repaired.text),
        fields=extract_fields(repaired.text),
    )
