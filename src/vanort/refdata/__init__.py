"""Reference data shipped with Vänort (pure Python, no Django).

Swedish kommuner and regions, countries, Ukraine's oblasts and the sector/form taxonomy,
loaded from the UTF-8 data files beside this module. Every data file's source, date and
licence are in ``SOURCES.yaml`` (see :func:`sources`). Loaders are cached and return
tuples of frozen dataclasses; a malformed file raises :class:`RefDataError` naming the
file and line.
"""

from __future__ import annotations

from .errors import RefDataError
from .loaders import (
    by_code,
    clear_caches,
    countries,
    country_codes,
    data_files,
    form_codes,
    forms,
    municipalities,
    regions,
    sector_codes,
    sectors,
    sources,
    ua_oblasts,
)
from .records import Country, Form, LocalizedText, Municipality, Region, Sector, Term, UaOblast

__all__ = [
    "Country",
    "Form",
    "LocalizedText",
    "Municipality",
    "RefDataError",
    "Region",
    "Sector",
    "Term",
    "UaOblast",
    "by_code",
    "clear_caches",
    "countries",
    "country_codes",
    "data_files",
    "form_codes",
    "forms",
    "municipalities",
    "regions",
    "sector_codes",
    "sectors",
    "sources",
    "ua_oblasts",
]
