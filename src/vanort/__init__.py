"""Vänort: a municipality's international cooperation (twin towns, motions, aid checks, documents)."""

# The one place the version is written: pyproject.toml reads it, and so do `vanort --version`,
# /healthz and the page footer. Change it with an entry in CHANGELOG.md.
__version__ = "0.2.0"
