"""Input rules shared by the API routers: bounded pagination, sane dates, no nulls where a
field cannot be empty. Each turns bad input into a 422 naming the field, never a 500."""

from datetime import date
from typing import Annotated, Any

from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import StrictInt

from vanort.core.bounds import EARLIEST_DAY as EARLIEST
from vanort.core.bounds import LATEST_DAY as LATEST
from vanort.core.bounds import MAX_ID
from vanort.core.errors import ValidationFailed

#: A record id in a JSON body: a whole number (not true, not "28") that a bigint key can hold.
DbId = Annotated[StrictInt, Field(ge=1, le=MAX_ID)]
#: The most items a list in a request body may hold (places, partnerships, proposers, areas…):
#: each is a query parameter or a row, and PostgreSQL takes at most 65,535 parameters per
#: statement (with server-side binding, a longer list was a 500).
MAX_ITEMS = 500
#: A count stored in a PositiveIntegerField.
Count = Annotated[int, Field(ge=0, le=2_147_483_647)]


class BoundedPagination(LimitOffsetPagination):
    """limit 1–500, offset within what a database integer holds."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=500)
        offset: int = Field(0, ge=0, le=2_000_000_000)


def as_of_date(value: date | None, field: str = "as_of") -> date | None:
    if value is not None and not EARLIEST <= value <= LATEST:
        raise ValidationFailed(
            _("Datumet ska ligga mellan %(earliest)s och %(latest)s.") % {"earliest": EARLIEST, "latest": LATEST},
            field=field,
        )
    return value


def reject_nulls(data: dict[str, Any], *, nullable: set[str] = frozenset()) -> None:  # type: ignore[assignment]
    """PATCH bodies: leaving a field out keeps it; sending null is only allowed where empty is valid."""
    for name, value in data.items():
        if value is None and name not in nullable:
            raise ValidationFailed(_("Fältet får inte vara null; utelämna det i stället."), field=name)
