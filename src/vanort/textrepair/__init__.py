"""Pure-Python import pipeline for scanned municipal documents (no Django).

Stages and public API::

    extract_text(data: bytes, filename: str, *, max_bytes=20_000_000) -> ExtractedText
        PDF text layer (pypdf) or TXT in UTF-8, UTF-8 with BOM, UTF-16 with BOM, cp1252 or
        latin-1, detected from evidence in the bytes (``.encoding``, ``.evidence``).
        Bad files raise DocumentError(code, message); codes: empty, too_large, binary,
        undecodable, encrypted, broken_pdf, no_text.
    repair_text(text: str) -> RepairResult
        OCR repair of lost å/ä/ö. ``.text`` has the same lines as the input; ``.tokens``;
        ``.changed`` (applied changes); ``.changes``: tuple of Change(line, start, end,
        before, after, confidence, applied) — changes under 0.75 confidence are returned
        with ``applied=False`` for review and not made; ``.flagged``; ``.damage_rate``.
    segment(text: str) -> tuple[Section, ...]
        The title block (heading "") and the headed sections (heading, start_line,
        end_line, text).
    extract_fields(repaired_text: str) -> Fields
        Document kind and title, the motion (title, proposers with party, filed and opinion
        dates, proposed decision, att-clauses *with* their leading "att", recipients,
        signatories with titles), SFS numbers cited, places with ISO country, and the home
        municipality's partnership facts (kind twin_town | friendship_town |
        municipal_partnership | cooperation_agreement | other; start/end as EDTF-style
        partial dates: "194X" for "the 1940s", "1985"; "i början av 1989" gives "1989",
        as the month is not stated; end is null when unknown; status active | ended).
    analyse_document(data: bytes, filename: str) -> DocumentAnalysis
        All stages; ``.to_contract_dict()`` is exactly the ``vanort import-document --json``
        object of DESIGN.md §5.

The main CLI calls ``vanort.textrepair.cli.run_repair_text`` and
``run_import_document_dry``.  The lexicon (``data/sv_lexicon.txt.gz``) is built by
``python -m vanort.textrepair.build_lexicon`` from the hunspell-sv and wordfreq packages.
"""

from vanort.textrepair.extract import DocumentError, ExtractedText, extract_text
from vanort.textrepair.fields import (
    Fields,
    Motion,
    PartnershipFact,
    PlaceRef,
    Proposer,
    Signatory,
    extract_fields,
)
from vanort.textrepair.pipeline import DocumentAnalysis, analyse_document
from vanort.textrepair.repair import Change, RepairResult, repair_text
from vanort.textrepair.segment import Section, segment

__all__ = [
    "Change",
    "DocumentAnalysis",
    "DocumentError",
    "ExtractedText",
    "Fields",
    "Motion",
    "PartnershipFact",
    "PlaceRef",
    "Proposer",
    "RepairResult",
    "Section",
    "Signatory",
    "analyse_document",
    "extract_fields",
    "extract_text",
    "repair_text",
    "segment",
]
