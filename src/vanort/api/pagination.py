"""Paginate in SQL, then shape: a lazy queryset view for `@paginate` endpoints that build
their output with a function. Returning `[f(x) for x in qs]` would load every row before
the page is cut; this applies `f` only to the rows of the requested page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet


class Mapped:
    def __init__(self, queryset: QuerySet[Any], fn: Callable[[Any], Any]) -> None:
        self.queryset = queryset
        self.fn = fn

    def all(self) -> Mapped:
        return self

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[Any]:
        return [self.fn(item) for item in self.queryset[index]]
