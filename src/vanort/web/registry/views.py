"""Thin views: read through selectors, write through services, map errors to form errors."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vanort.accounts.models import Role
from vanort.core.bounds import parse_id
from vanort.core.errors import ApplicationError
from vanort.registry import selectors, services
from vanort.registry.models import Activity, Partnership, Place, PlaceKind
from vanort.registry.permissions import can_edit_places
from vanort.web.registry import forms, timeline
from vanort.web.registry.widgets import place_matches
from vanort.web.responses import apply_error, forbidden, form_status, page_of


def _names_of(places: Iterable[Place | None]) -> dict[int, str]:
    """The page's `place_names` (see the `place_name` filter) for just the places it shows."""
    return selectors.place_names(get_language() or "sv", place_ids=(p.pk for p in places if p is not None))


def _timelines(place: Place, partnerships: list[Partnership], names: dict[int, str]) -> list[timeline.Timeline]:
    """The picture drawn for wide screens and for phones (the stylesheet shows one)."""
    rows = []
    for p in partnerships:
        other = p.other(place.pk)
        name = names.get(other.pk, other.name)
        rows.append(
            {
                "label": name,
                "url": reverse("web:partnership_detail", args=[p.pk]),
                "status": p.effective_status,  # type: ignore[attr-defined]
                "start": p.start,
                "end": p.end,
                "title": f"{name}: {p.get_kind_display()} {p.start or '?'}–{p.end or ''}",
            }
        )
    first = min([p.start.lower.year for p in partnerships if p.start] or [1990])
    first_year, today = min(first // 10 * 10, 1940), selectors.today()
    return [timeline.build(rows, first_year=first_year, today=today, layout=layout) for layout in timeline.LAYOUTS]


# A municipality page shows this many partnerships (timeline and table); the rest are one
# click away in the filtered list. Real municipalities have a handful; national data may not.
PLACE_PAGE_PARTNERSHIPS = 30


def _place_or_404(pk: int) -> Place:
    try:
        return selectors.place_get(pk)
    except Place.DoesNotExist as exc:
        raise Http404 from exc


def _partnership_or_404(pk: int) -> Partnership:
    try:
        return selectors.partnership_get(pk)
    except Partnership.DoesNotExist as exc:
        raise Http404 from exc


def home(request: HttpRequest) -> HttpResponse:
    try:
        place = selectors.place_by_code(settings.VANORT_HOME_MUNICIPALITY)
    except Place.DoesNotExist:
        return render(request, "web/registry/empty.html", status=200)
    return place_detail(request, place.pk, is_home=True)


def place_detail(request: HttpRequest, pk: int, *, is_home: bool = False) -> HttpResponse:
    place = _place_or_404(pk)
    partnerships = selectors.partnerships_of_place(place, limit=PLACE_PAGE_PARTNERSHIPS + 1)
    for p in partnerships:
        p.partner = p.other(place.pk)  # type: ignore[attr-defined]
    shown = partnerships[:PLACE_PAGE_PARTNERSHIPS]
    truncated = len(partnerships) > PLACE_PAGE_PARTNERSHIPS
    # all of them are on the page (the usual case): count those instead of asking again
    counts = selectors.status_counts_of_place(place) if truncated else selectors.status_counts(partnerships)
    activities = list(selectors.activity_list(municipality=place)[:10])
    names = _names_of([place, place.parent, *(p.partner for p in shown)])  # type: ignore[attr-defined]
    return render(
        request,
        "web/registry/place_detail.html",
        {
            "place": place,
            "partnerships": shown,
            "counts": counts,
            "total": sum(counts.values()),
            "truncated": truncated,
            "timelines": _timelines(place, shown, names) if shown else [],
            "place_names": names,
            "activities": activities,
            "can_edit": can_edit_places(request.user, {place.pk}),
            "is_home": is_home,
            "status_labels": forms.STATUS_LABELS,
            "language": get_language(),
        },
    )


def place_list(request: HttpRequest) -> HttpResponse:
    country = request.GET.get("country") or None
    kind = request.GET.get("kind") or None
    q = request.GET.get("q") or None
    page = page_of(request, selectors.place_list(country=country, kind=kind, q=q))
    template = "web/registry/_place_rows.html" if request.headers.get("HX-Request") else "web/registry/place_list.html"
    return render(
        request,
        template,
        {
            "page": page,
            "countries": selectors.country_list(),
            "kinds": PlaceKind.choices,
            "filters": {"country": country or "", "kind": kind or "", "q": q or ""},
        },
    )


def partnership_list(request: HttpRequest) -> HttpResponse:
    form = forms.PartnershipFilterForm(request.GET or None, countries=selectors.countries_in_register())
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.PartnershipFilters(
        place_id=parse_id(request.GET.get("place")),
        country=data["country"].code if data.get("country") else None,
        kind=data.get("kind") or None,
        status=data.get("status") or None,
        area=data["area"].code if data.get("area") else None,
        q=data.get("q") or None,
    )
    page = page_of(request, selectors.partnership_list(filters))
    template = (
        "web/registry/_partnership_rows.html"
        if request.headers.get("HX-Request")
        else "web/registry/partnership_list.html"
    )
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "status_labels": forms.STATUS_LABELS,
            "querystring": request.GET.urlencode(),
            "place_names": _names_of(place for p in page for place in (p.place_a, p.place_b)),
        },
    )


def partnership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _partnership_or_404(pk)
    # Activities are registered under the side the user may edit (their own municipality).
    activity_place = next(
        (place for place in (partnership.place_a, partnership.place_b) if can_edit_places(request.user, {place.pk})),
        None,
    )
    return render(
        request,
        "web/registry/partnership_detail.html",
        {
            "p": partnership,
            "activities": selectors.activity_list(partnership=partnership),
            "activity_place": activity_place,
            "can_add_activity": activity_place is not None,
            "can_edit": can_edit_places(request.user, {partnership.place_a_id, partnership.place_b_id}),
            "status_labels": forms.STATUS_LABELS,
            "status_form": forms.StatusOverrideForm(
                initial={
                    "status": partnership.status_override,
                    "reason": partnership.status_override_reason,
                    "version": partnership.version,
                }
            ),
        },
    )


def place_picker(request: HttpRequest, field: str) -> HttpResponse:
    """The htmx fragment of the place picker: places matching what was typed, to choose from."""
    if field not in {"partner", "counterpart"}:
        raise Http404
    query = request.GET.get(f"{field}_q", "")
    return render(
        request,
        "web/registry/_place_choices.html",
        {
            "field": field,
            "query": query.strip(),
            "matches": place_matches(query),
            "selected": "",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def partnership_create(request: HttpRequest) -> HttpResponse:
    municipalities = selectors.municipalities_of(request.user, roles=(Role.CASE_OFFICER,))
    form = forms.PartnershipForm(
        request.POST or None,
        municipalities=municipalities,
        partners=selectors.partner_choices(),
        initial={"municipality": selectors.starting_municipality(request.user, municipalities)},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            fields = {
                "user": request.user,
                "place_a": d["municipality"],
                "kind": d["kind"],
                "start": d["start"],
                "start_note": d["start_note"],
                "end": d["end"],
                "end_reason": d["end_reason"],
                "end_note": d["end_note"],
                "areas": [s.code for s in d["areas"]],
                "agreement_reference": d["agreement_reference"],
                "description": d["description"],
            }
            if d["partner"]:
                p = services.partnership_create(place_b=d["partner"], **fields)
            else:
                p = services.partnership_create_with_new_partner(
                    partner_name=d["new_partner_name"],
                    partner_country=d["new_partner_country"].code,
                    partner_kind=d["new_partner_kind"] or PlaceKind.CITY,
                    **fields,
                )
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Partnerskapet är registrerat."))
            return redirect("web:partnership_detail", pk=p.pk)
    return render(
        request, "web/registry/partnership_form.html", {"form": form, "creating": True}, status=form_status(form)
    )


@login_required
@require_http_methods(["GET", "POST"])
def partnership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _partnership_or_404(pk)
    if not can_edit_places(request.user, {partnership.place_a_id, partnership.place_b_id}):
        return forbidden(request)
    initial = {
        "kind": partnership.kind,
        "start": partnership.start,
        "start_note": partnership.start_note,
        "end": partnership.end,
        "end_reason": partnership.end_reason,
        "end_note": partnership.end_note,
        "areas": list(partnership.areas.all()),
        "agreement_reference": partnership.agreement_reference,
        "description": partnership.description,
        "version": partnership.version,
    }
    form = forms.PartnershipForm(
        request.POST or None,
        initial=initial,
        municipalities=None,
        partners=None,
        editing=True,
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.partnership_update(
                user=request.user,
                partnership=partnership,
                expected_version=d["version"] or 0,
                areas=[s.code for s in d["areas"]],
                **{
                    k: d[k]
                    for k in (
                        "kind",
                        "start",
                        "start_note",
                        "end",
                        "end_reason",
                        "end_note",
                        "agreement_reference",
                        "description",
                    )
                },
            )
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect("web:partnership_detail", pk=partnership.pk)
    return render(
        request, "web/registry/partnership_form.html", {"form": form, "p": partnership}, status=form_status(form)
    )


@login_required
@require_http_methods(["POST"])
def partnership_status(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _partnership_or_404(pk)
    if not can_edit_places(request.user, {partnership.place_a_id, partnership.place_b_id}):
        return forbidden(request)
    form = forms.StatusOverrideForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.partnership_override_status(
                user=request.user,
                partnership=partnership,
                expected_version=d["version"],
                status=d["status"],
                reason=d["reason"],
            )
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Statusen är sparad."))
            return redirect("web:partnership_detail", pk=partnership.pk)
    return render(
        request,
        "web/registry/partnership_detail.html",
        {
            "p": partnership,
            "activities": selectors.activity_list(partnership=partnership),
            "can_edit": True,
            "status_labels": forms.STATUS_LABELS,
            "status_form": form,
        },
        status=400 if form.errors else 403,
    )


def activity_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind") or None
    page = page_of(request, selectors.activity_list(kind=kind))
    return render(
        request,
        "web/registry/activity_list.html",
        {"page": page, "kinds": Activity._meta.get_field("kind").choices, "kind": kind or ""},
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest, place_pk: int) -> HttpResponse:
    municipality = _place_or_404(place_pk)
    if not can_edit_places(request.user, {municipality.pk}):
        return forbidden(request)
    form = forms.ActivityForm(
        request.POST or None,
        partnerships=selectors.partnership_list(selectors.PartnershipFilters(place=municipality)),
        places=selectors.partner_choices(),
        initial={"partnership": request.GET.get("partnership")},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        d.pop("version", None)
        areas = [s.code for s in d.pop("areas")]
        try:
            services.activity_create(user=request.user, municipality=municipality, areas=areas, **d)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Aktiviteten är registrerad."))
            if d.get("partnership"):
                return redirect("web:partnership_detail", pk=d["partnership"].pk)
            return redirect("web:place_detail", pk=municipality.pk)
    return render(
        request, "web/registry/activity_form.html", {"form": form, "place": municipality}, status=form_status(form)
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        activity = selectors.activity_get(pk)
    except Activity.DoesNotExist as exc:
        raise Http404 from exc
    if not can_edit_places(request.user, {activity.municipality_id}):
        return forbidden(request)
    initial = {name: getattr(activity, name) for name in forms.ActivityForm.EDITABLE}
    initial.update(areas=list(activity.areas.all()), version=activity.version)
    form = forms.ActivityForm(
        request.POST or None, initial=initial, partnerships=None, places=selectors.partner_choices()
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.activity_update(
                user=request.user,
                activity=activity,
                expected_version=d["version"] or 0,
                areas=[s.code for s in d["areas"]],
                **{name: d[name] for name in forms.ActivityForm.EDITABLE},
            )
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect("web:place_detail", pk=activity.municipality_id)
    return render(
        request,
        "web/registry/activity_form.html",
        {"form": form, "place": activity.municipality, "activity": activity},
        status=form_status(form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def place_edit(request: HttpRequest, pk: int) -> HttpResponse:
    place = _place_or_404(pk)
    if not can_edit_places(request.user, {place.pk}):
        return forbidden(request)
    initial = {name: getattr(place, name) for name in forms.PlaceForm.base_fields if name != "version"}
    form = forms.PlaceForm(request.POST or None, initial={**initial, "version": place.version})
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        version = d.pop("version")
        try:
            services.place_update(user=request.user, place=place, expected_version=version, **d)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect("web:place_detail", pk=place.pk)
    return render(request, "web/registry/place_form.html", {"form": form, "place": place}, status=form_status(form))
