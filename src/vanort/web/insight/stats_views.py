"""The statistics page: the survey series beside the register, as SVG charts with their
numbers as tables and CSV downloads (one URL per chart)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from vanort.insight import charts
from vanort.insight import selectors as insight
from vanort.insight.surveys import AREA_RANK_PREFIX, COUNT_MEASURES, SHARE_MEASURES, survey_figures
from vanort.registry import selectors
from vanort.registry.models import Place
from vanort.web.registry.forms import STATUS_LABELS

MEASURE_LABELS = {
    "municipalities_with_twin_towns": gettext_lazy("Kommuner med vänorter"),
    "municipalities_with_twin_towns_or_partnerships": gettext_lazy("Kommuner med vänorter eller kommunala partnerskap"),
    "share_active": gettext_lazy("Andel aktiva vänortssamarbeten"),
    "share_sporadic": gettext_lazy("Andel sporadiska vänortssamarbeten"),
    "share_dormant": gettext_lazy("Andel vilande vänortssamarbeten"),
}
UNIT_LABELS = {
    "municipalities": gettext_lazy("kommuner"),
    "percent": gettext_lazy("procent"),
    "rank": gettext_lazy("plats"),
}


def figure_text(value: Any, unit: str) -> str:
    """A figure with its unit in the plural form the reader's language needs ("272 kommuner",
    "272 муніципалітети", "1 municipality"), the number in the reader's format; percent as "%"."""
    number = float(value)
    shown = number_format(round(number, 2), decimal_pos=None if number % 1 else 0, force_grouping=True)
    if unit == "municipalities":
        return ngettext("%(n)s kommun", "%(n)s kommuner", int(number)) % {"n": shown}
    if unit == "percent":
        return f"{shown} %"
    return f"{shown} {UNIT_LABELS.get(unit, unit)}".strip()


def measure_label(measure: str, areas: dict[str, str]) -> str:
    if measure.startswith(AREA_RANK_PREFIX):
        code = measure.removeprefix(AREA_RANK_PREFIX)
        return _("Vanligaste område: %(area)s") % {"area": areas.get(code, code)}
    return str(MEASURE_LABELS.get(measure, measure))


def _series_chart(stats: dict[str, object], as_of_year: int) -> charts.Chart:
    survey = [f for f in survey_figures() if f.measure in COUNT_MEASURES]
    years = sorted({*range(1950, as_of_year + 1, 5), *(f.year for f in survey), as_of_year})
    register = insight.municipalities_over_time(years)
    series = [
        charts.Series(_("SKR:s enkäter"), tuple((f.year, f.value) for f in survey), charts.PALETTE[1]),
        charts.Series(_("Registret"), tuple(register), charts.PALETTE[0], dashed=True),
    ]
    surveyed = {f.year: f.value for f in survey}
    rows = [(y, surveyed.get(y, ""), n) for y, n in register]
    return charts.line_chart(
        "kommuner-over-tid",
        _("Kommuner med vänorter eller partnerskap över tid"),
        series,
        columns=(_("År"), _("SKR:s enkäter"), _("Registret")),
        rows=rows,
        note=_(
            "Registret räknar en kommun från dess första partnerskaps start till dess sista partnerskaps slut; "
            "uppehåll däremellan dras inte av."
        ),
    )


def _status_chart(stats: dict[str, object]) -> charts.Chart:
    by_status: dict[str, int] = stats["partnerships_by_status"]  # type: ignore[assignment]
    live = sum(by_status[s] for s in ("active", "sporadic", "dormant")) or 1
    survey = {SHARE_MEASURES[f.measure]: f.value for f in survey_figures() if f.measure in SHARE_MEASURES}
    rows: list[tuple[str, float]] = []
    colours = []
    for status, share in survey.items():
        label = str(STATUS_LABELS[status])  # type: ignore[index]
        rows.append((_("%(status)s, SKR 2018") % {"status": label}, share))
        rows.append((_("%(status)s, registret") % {"status": label}, round(100 * by_status[status] / live)))
        colours += [charts.PALETTE[1], charts.STATUS_COLOURS[status]]
    return charts.bar_chart(
        "statusandelar",
        _("Andel aktiva, sporadiska och vilande samarbeten"),
        rows,
        columns=(_("Status"), _("Procent")),
        colours=colours,
        suffix=" %",
        note=_("Registrets andelar räknas bland partnerskap som inte har upphört."),
    )


def _country_chart() -> charts.Chart:
    rows = [(name, n) for _code, name, n in insight.partnerships_by_country()]
    return charts.bar_chart("per-land", _("Partnerskap per land"), rows, columns=(_("Land"), _("Partnerskap")))


def _area_chart(stats: dict[str, object], labels: dict[str, str]) -> charts.Chart:
    by_area: dict[str, int] = stats["partnerships_by_area"]  # type: ignore[assignment]
    rows = sorted(((labels.get(c, c), n) for c, n in by_area.items() if n), key=lambda r: -r[1])
    return charts.bar_chart("per-omrade", _("Partnerskap per område"), rows, columns=(_("Område"), _("Partnerskap")))


def _ukraine_chart(as_of_year: int) -> charts.Chart:
    rows = insight.country_partnerships_over_time("UA", as_of=selectors.today())
    series = [
        charts.Series(_("Pågående"), tuple((y, running) for y, _s, running in rows), charts.PALETTE[0]),
        charts.Series(
            _("Nya under året"), tuple((y, started) for y, started, _r in rows), charts.PALETTE[1], dashed=True
        ),
    ]
    return charts.line_chart(
        "ukraina",
        _("Partnerskap med Ukraina över tid"),
        series,
        columns=(_("År"), _("Nya under året"), _("Pågående")),
        rows=rows,
    )


def _map_chart(place: Place | None) -> charts.Chart | None:
    if place is None:
        return None
    groups = insight.partners_by_country_of_place(place)
    marks = [charts.MapMark(code, name, len(partners)) for code, name, partners in groups]
    chart = charts.outline_map(
        "karta",
        _("Partner till %(place)s på kartan") % {"place": place.name},
        home=place.country_id,
        marks=marks,
        columns=(_("Land"), _("Landskod"), _("Partner")),
        note=_("Varje cirkel visar antalet partner i landet; orternas lägen finns inte i registret."),
    )
    rows = tuple((name, code, ", ".join(partners)) for code, name, partners in groups)
    return charts.Chart(chart.slug, chart.title, chart.svg, chart.columns, rows, chart.note)


def _map_place(request: HttpRequest) -> Place | None:
    code = (request.GET.get("ort") or settings.VANORT_HOME_MUNICIPALITY or "").strip()[:30]
    try:
        return selectors.place_by_code(code) if code and "\x00" not in code else None
    except Place.DoesNotExist:
        return None


def _charts(
    stats: dict[str, object], areas: dict[str, str], place: Place | None
) -> dict[str, Callable[[], charts.Chart | None]]:
    year = selectors.today().year
    return {
        "kommuner-over-tid": lambda: _series_chart(stats, year),
        "statusandelar": lambda: _status_chart(stats),
        "per-land": _country_chart,
        "per-omrade": lambda: _area_chart(stats, areas),
        "ukraina": lambda: _ukraine_chart(year),
        "karta": lambda: _map_chart(place),
    }


def _area_labels() -> dict[str, str]:
    return {s.code: str(s) for s in selectors.sector_list()}


def stats(request: HttpRequest) -> HttpResponse:
    data = insight.statistics()
    areas = _area_labels()
    place = _map_place(request)
    built = [c for make in _charts(data, areas, place).values() if (c := make()) is not None]
    sources = list(dict.fromkeys(f"{f.source} ({f.locator})" for f in survey_figures()))
    survey = [
        (
            f,
            measure_label(f.measure, areas),
            figure_text(f.value, f.unit),
            sources.index(f"{f.source} ({f.locator})") + 1,
        )
        for f in survey_figures()
    ]
    register = [
        (m, measure_label(m["measure"], areas), figure_text(m["value"], m["unit"]))
        for m in data["register"]["measures"]
    ]
    return render(
        request,
        "web/insight/stats.html",
        {
            "stats": data,
            "survey": survey,
            "survey_sources": sources,
            "register": register,
            "charts": built,
            "map_place": place,
            "municipalities": selectors.municipality_codes(),
        },
    )


def chart_csv(request: HttpRequest, slug: str) -> HttpResponse:
    make = _charts(insight.statistics(), _area_labels(), _map_place(request)).get(slug)
    chart = make() if make else None
    if chart is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="vanort-{slug}.csv"'
    writer = csv.writer(response, lineterminator="\n")
    writer.writerow(chart.columns)
    writer.writerows(chart.rows)
    return response
