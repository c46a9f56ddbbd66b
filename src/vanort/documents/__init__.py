"""Council documents: imported files, their OCR repairs (reviewable) and extracted fields,
applied to motion cases and register facts through the owning apps' services."""
