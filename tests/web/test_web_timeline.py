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


def test_the_phone_picture_puts_each_name_above_its_bar_and_every_year_inside():
    rows = [
        {
            "label": f"Ort {i}",
            "url": "/",
            "status": "active",
            "start": PartialDate.parse(start),
            "end": None,
            "title": "",
        }
        for i, start in enumerate(["1947", "1990", "2024"])
    ]
    drawn = timeline.build(rows, first_year=1940, today=date(2026, 12, 3), layout=timeline.NARROW)
    assert drawn.width <= 400  # about a phone's width: drawn at its own size, nothing to scroll
    for bar in drawn.bars:
        assert bar.label_y < bar.y  # the name above the bar, not in a margin beside it
        assert timeline.NARROW.left <= bar.x
        assert bar.x + bar.width <= drawn.width - 10
    assert [year for _x, year in drawn.ticks][-1] == 2020
    assert all(0 < x < drawn.width for x, _year in drawn.ticks)
