"""Pure-Python import pipeline for scanned municipal documents (no Django)."""
