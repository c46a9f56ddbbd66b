"""The start page's timeline keeps its size whatever people type (QA: a 60,000-letter name)."""

from datetime import date

from vanort.core.partial_dates import PartialDate
from vanort.web.registry import timeline


def test_a_long_partner_name_is_shortened_in_the_picture_and_kept_in_the_title():
    name = "x" * 60_000
    row = {
        "label": name,
        "url": "/",
        "status": "active",
        "start": PartialDate.parse("1989"),
        "end": None,
        "title": name,
    }
    drawn = timeline.build([row], first_year=1940, today=date(2026, 12, 3))
    bar = drawn.bars[0]
    assert len(bar.label) <= timeline.LABEL_CHARS
    assert bar.title == name
    assert drawn.width == timeline.LEFT + timeline.WIDTH + 20
