"""How a partnership's status is derived. Pure Python: no Django.

The thresholds are the documented rule (docs/status.md); the ORM expression in
`selectors.status_expression` implements the same rule in SQL, and a test checks that the
two agree on a table of cases.

- ended:    the partnership has an end reason other than "paused" (and no end date after the
            as-of date), or an end date on or before the as-of date and no end reason;
- dormant:  it is paused, whatever its activities and the date of the pause;
- active:   an activity within ACTIVE_DAYS before the as-of date;
- sporadic: the latest activity within SPORADIC_DAYS before the as-of date;
- dormant:  otherwise (no activity recorded, or only older ones).
Planned activities (after the as-of date) do not count.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

ACTIVE_DAYS = 365
SPORADIC_DAYS = 3 * 365


class Status(StrEnum):
    ACTIVE = "active"
    SPORADIC = "sporadic"
    DORMANT = "dormant"
    ENDED = "ended"


class EndReason(StrEnum):
    LEFT = "left"
    PAUSED = "paused"
    TERMINATED = "terminated"


def derive_status(
    *,
    as_of: date,
    end_lower: date | None,
    end_reason: str | None,
    last_activity_on: date | None,
) -> Status:
    """The status on `as_of`, from the end facts and the latest activity on or before it."""
    if end_reason and end_reason != EndReason.PAUSED:
        if end_lower is None or end_lower <= as_of:
            return Status.ENDED
    elif end_lower is not None and end_lower <= as_of and end_reason != EndReason.PAUSED:
        return Status.ENDED
    if end_reason == EndReason.PAUSED or last_activity_on is None or last_activity_on > as_of:
        return Status.DORMANT
    if last_activity_on >= as_of - timedelta(days=ACTIVE_DAYS):
        return Status.ACTIVE
    if last_activity_on >= as_of - timedelta(days=SPORADIC_DAYS):
        return Status.SPORADIC
    return Status.DORMANT
