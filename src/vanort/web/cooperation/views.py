"""Cooperation pages: needs board, offers, match review, initiatives, notices.

Thin views over `vanort.cooperation` selectors and services.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vanort.cooperation import selectors, services
from vanort.cooperation.idempotency import Once
from vanort.cooperation.models import Condition, Contribution, Initiative, Match, Need, NeedStatus, Offer
from vanort.cooperation.permissions import can_act_for_municipality, can_act_for_partner
from vanort.cooperation.states import allowed_actions
from vanort.core.errors import ApplicationError
from vanort.core.models import STALE_MESSAGE
from vanort.web.cooperation import forms
from vanort.web.responses import apply_error, forbidden, form_status, page_of


def _lang() -> str:
    return (get_language() or "sv")[:2]


def _terms(text: str, language: str) -> list[tuple[str, str]]:
    return selectors.key_terms(text, language, _lang())


def _need_card(need: Need) -> dict[str, Any]:
    return {"need": need, "terms": _terms(f"{need.title}\n{need.description}", need.language)}


def _offer_card(offer: Offer) -> dict[str, Any]:
    return {"offer": offer, "terms": _terms(f"{offer.title}\n{offer.description}", offer.language)}


def _match_card(m: Match) -> dict[str, Any]:
    return {
        "match": m,
        "reasons": selectors.explain(m, _lang()),
        "need": _need_card(m.need),
        "offer": _offer_card(m.offer),
    }


def _get(loader: Any, pk: int) -> Any:
    try:
        return loader(pk)
    except (Need.DoesNotExist, Offer.DoesNotExist, Match.DoesNotExist, Initiative.DoesNotExist) as exc:
        raise Http404 from exc


def _publish(
    request: HttpRequest,
    form: Any,
    template: str,
    done: str,
    detail: str,
    publish: Callable[..., Once[Any]],
) -> HttpResponse:
    """The one POST path of the need, offer and initiative forms: create through the service, or show its error.

    ``publish(idempotency_key=…, **fields)`` is the service's ``…_once``: the form's one-time token
    makes a second submission of the same form (a double click) lead to the record the first made.
    """
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            once = publish(idempotency_key=data.pop("idempotency_key") or None, **data)
        except ApplicationError as error:
            if error.code == "idempotency_key_reused":  # sent, then changed: a new token makes a new record
                form.add_error(None, _("Formuläret är redan skickat. Kontrollera uppgifterna och skicka igen."))
                form.renew_key()
            else:
                apply_error(form, error)
        else:
            messages.success(request, done if once.created else _("Formuläret var redan skickat; här är resultatet."))
            return redirect(detail, pk=once.record.pk)
    return render(request, template, {"form": form}, status=form_status(form))


# --- needs ---------------------------------------------------------------------------------------


def need_list(request: HttpRequest) -> HttpResponse:
    form = forms.NeedFilterForm(request.GET or None, oblasts=selectors.oblasts())
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.NeedFilters(
        sector=data["sector"].code if data.get("sector") else None,
        oblast=data["oblast"].pk if data.get("oblast") else None,
        urgency=data.get("urgency") or None,
    )
    page = page_of(request, selectors.need_list(filters))
    cards = [_need_card(n) for n in page.object_list]
    template = (
        "web/cooperation/_need_rows.html" if request.headers.get("HX-Request") else "web/cooperation/need_list.html"
    )
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "cards": cards,
            "querystring": request.GET.urlencode(),
            "can_publish": selectors.partner_places_of(request.user).exists(),
        },
    )


@require_safe
def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = _get(selectors.need_get, pk)
    if not selectors.need_visible(need, request.user):
        raise Http404
    matches = [_match_card(m) for m in selectors.matches_of_need(need) if selectors.match_visible(m, request.user)]
    can_withdraw = need.status != NeedStatus.WITHDRAWN and can_act_for_partner(request.user, need.place_id)
    return render(
        request,
        "web/cooperation/need_detail.html",
        {"card": _need_card(need), "matches": matches, "can_withdraw": can_withdraw},
    )


@login_required
@require_http_methods(["GET", "POST"])
def need_create(request: HttpRequest) -> HttpResponse:
    places = selectors.partner_places_of(request.user)
    if not places.exists():
        return forbidden(request)
    form = forms.NeedForm(
        request.POST or None,
        places=places,
        initial={"place": places.first(), "language": _lang() if _lang() != "sv" else "uk"},
    )
    return _publish(
        request,
        form,
        "web/cooperation/need_form.html",
        _("Behovet är publicerat."),
        "web:need_detail",
        lambda idempotency_key, **d: services.need_publish_once(
            idempotency_key=idempotency_key,
            user=request.user,
            place=d["place"],
            sector=d["sector"].code,
            form=d["form"],
            title=d["title"],
            description=d["description"],
            language=d["language"],
            quantity=d["quantity"],
            urgency=d["urgency"],
            deadline=d["deadline"],
        ),
    )


# --- offers --------------------------------------------------------------------------------------


def offer_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, selectors.offer_list(viewer=request.user))
    return render(
        request,
        "web/cooperation/offer_list.html",
        {
            "page": page,
            "cards": [_offer_card(o) for o in page.object_list],
            "querystring": "",
            "can_publish": selectors.officer_municipalities_of(request.user).exists(),
        },
    )


@require_safe
def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    offer = _get(selectors.offer_get, pk)
    own = can_act_for_municipality(request.user, offer.municipality_id)
    if offer.status not in selectors.PUBLIC_OFFER_STATUSES and not own:
        raise Http404
    matches = [_match_card(m) for m in selectors.matches_of_offer(offer) if selectors.match_visible(m, request.user)]
    return render(
        request,
        "web/cooperation/offer_detail.html",
        {
            "card": _offer_card(offer),
            "matches": matches,
            "can_decide": own,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer_create(request: HttpRequest) -> HttpResponse:
    municipalities = selectors.officer_municipalities_of(request.user)
    if not municipalities.exists():
        return forbidden(request)
    form = forms.OfferForm(
        request.POST or None, municipalities=municipalities, initial={"municipality": municipalities.first()}
    )
    return _publish(
        request,
        form,
        "web/cooperation/offer_form.html",
        _("Erbjudandet är publicerat."),
        "web:offer_detail",
        lambda idempotency_key, **d: services.offer_publish_once(
            idempotency_key=idempotency_key,
            user=request.user,
            municipality=d["municipality"],
            sector=d["sector"].code,
            form=d["form"],
            title=d["title"],
            description=d["description"],
            language=d["language"],
            quantity=d["quantity"],
            spare=d["spare"],
            available_until=d["available_until"],
        ),
    )


# --- withdrawing a need or an offer --------------------------------------------------------------

_WITHDRAW_TEXT = {
    "need": (
        gettext_lazy("Återta behovet"),
        gettext_lazy("Behovet tas bort från tavlan och dess föreslagna matchningar försvinner."),
        gettext_lazy("Behovet är återtaget."),
    ),
    "offer": (
        gettext_lazy("Återta erbjudandet"),
        gettext_lazy("Erbjudandet tas bort från tavlan och dess föreslagna matchningar försvinner."),
        gettext_lazy("Erbjudandet är återtaget."),
    ),
}


def _withdraw(
    request: HttpRequest, record: Need | Offer, kind: str, allowed: bool, withdraw: Callable[[int], Any]
) -> HttpResponse:
    """Confirmation page and POST of withdrawing a need or an offer; a stale version is a form error (409)."""
    if not allowed:
        return forbidden(request)
    heading, question, done = _WITHDRAW_TEXT[kind]
    form = forms.VersionForm(request.POST or None, initial={"version": record.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            withdraw(form.cleaned_data["version"] or record.version)
        except ApplicationError as error:
            if error.status == 403:
                return forbidden(request)
            form.add_error(None, error.message)
            status = 409 if error.status == 409 else 400
        else:
            messages.success(request, str(done))
            return redirect(f"web:{kind}_detail", pk=record.pk)
    context = {"record": record, "form": form, "heading": heading, "question": question, "kind": kind}
    return render(request, "web/cooperation/withdraw.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def need_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    need = _get(selectors.need_get, pk)
    return _withdraw(
        request,
        need,
        "need",
        can_act_for_partner(request.user, need.place_id),
        lambda version: services.need_set_status(
            user=request.user, need=need, status=NeedStatus.WITHDRAWN, expected_version=version
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    offer = _get(selectors.offer_get, pk)
    return _withdraw(
        request,
        offer,
        "offer",
        can_act_for_municipality(request.user, offer.municipality_id),
        lambda version: services.offer_withdraw(user=request.user, offer=offer, expected_version=version),
    )


# --- matches -------------------------------------------------------------------------------------


@login_required
def match_list(request: HttpRequest) -> HttpResponse:
    matches = selectors.matches_for_viewer(request.user)
    return render(
        request,
        "web/cooperation/match_list.html",
        {
            "cards": [_match_card(m) for m in matches[:100]],
            "municipalities": selectors.officer_municipalities_of(request.user),
        },
    )


@login_required
@require_POST
def match_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    match = _get(selectors.match_get, pk)
    form = forms.VersionForm(request.POST)
    if not form.is_valid():  # a version no record can have: an edit of something else, refused as stale
        messages.error(request, STALE_MESSAGE)
        return redirect("web:match_list")
    version = form.cleaned_data.get("version")
    try:
        if decision == "accept":
            initiative = services.match_accept(user=request.user, match=match, expected_version=version)
            messages.success(request, _("Matchningen är accepterad och initiativet skapat."))
            return redirect("web:initiative_detail", pk=initiative.pk)
        services.match_reject(user=request.user, match=match, expected_version=version)
        messages.success(request, _("Matchningen är avböjd."))
    except ApplicationError as error:
        if error.status == 403:
            return forbidden(request)
        messages.error(request, error.message)
    return redirect("web:match_list")


@login_required
@require_POST
def match_recompute(request: HttpRequest) -> HttpResponse:
    municipalities = selectors.officer_municipalities_of(request.user)
    if not municipalities.exists():
        return forbidden(request)
    count = 0
    for municipality in municipalities[:1] if request.user.is_superuser else municipalities:
        count += services.matches_recompute(user=request.user, municipality=municipality)
    messages.success(request, _("Matchningarna är beräknade på nytt (%(n)s förslag).") % {"n": count})
    return redirect("web:match_list")


# --- initiatives ---------------------------------------------------------------------------------


def initiative_list(request: HttpRequest) -> HttpResponse:
    form = forms.InitiativeFilterForm(request.GET or None)
    sector = form.cleaned_data.get("sector") if form.is_valid() else None
    page = page_of(request, selectors.initiative_list(request.user, sector=sector.code if sector else None))
    can_create = selectors.officer_municipalities_of(request.user).exists()
    querystring = urlencode({"sector": sector.code}) if sector else ""
    return render(
        request,
        "web/cooperation/initiative_list.html",
        {"form": form, "page": page, "querystring": querystring, "can_create": can_create},
    )


def _initiative_page(request: HttpRequest, initiative: Initiative, *, status: int = 200, **extra: Any) -> HttpResponse:
    can_act = can_act_for_municipality(request.user, initiative.municipality_id)
    contributions = list(initiative.contributions.all())
    if can_act:
        places = initiative.partner_places.all()
        extra.setdefault("contribution_form", forms.ContributionForm(places=places, prefix="new"))
        extra.setdefault("visit_form", forms.VisitForm(prefix="visit"))
    return render(
        request,
        "web/cooperation/initiative_detail.html",
        {
            "i": initiative,
            "can_act": can_act,
            "follows": selectors.initiative_followable(initiative, request.user),
            "contributions": contributions,
            "actions": allowed_actions(initiative.state) if can_act else [],
            "approve_forms": {
                c.pk: extra.get(f"approve_{c.pk}")
                or forms.ApproveForm(initial={"version": c.version}, prefix=f"c{c.pk}")
                for c in contributions
                if c.status == "proposed"
            }
            if can_act
            else {},
            "lang": _lang(),
            **extra,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def initiative_create(request: HttpRequest) -> HttpResponse:
    municipalities = selectors.officer_municipalities_of(request.user)
    if not municipalities.exists():
        return forbidden(request)
    form = forms.InitiativeForm(
        request.POST or None,
        municipalities=municipalities,
        actors=selectors.known_actors(),
        places=selectors.initiative_partner_choices(municipalities),
        initial={"municipality": municipalities.first()},
    )
    return _publish(
        request,
        form,
        "web/cooperation/initiative_form.html",
        _("Initiativet är skapat."),
        "web:initiative_detail",
        lambda idempotency_key, **d: services.initiative_create_once(
            idempotency_key=idempotency_key,
            user=request.user,
            municipality=d["municipality"],
            title=d["title"],
            description=d["description"],
            actor=d["actor"],
            partner_places=d["partner_places"],
            sectors=[x.code for x in d["sectors"]],
            period_start=d["period_start"],
            period_end=d["period_end"],
        ),
    )


def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _initiative_page(request, _get(selectors.initiative_get, pk))


@login_required
@require_POST
def initiative_transition(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _get(selectors.initiative_get, pk)
    form = forms.TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ogiltig åtgärd."))
        return redirect("web:initiative_detail", pk=pk)
    d = form.cleaned_data
    try:
        services.initiative_transition(
            user=request.user,
            initiative=initiative,
            action=d["action"],
            expected_version=d["version"] or initiative.version,
            note=d["note"],
        )
    except ApplicationError as error:
        if error.status == 403:
            return forbidden(request)
        return _initiative_page(
            request, initiative, status=400 if error.status != 409 else 409, transition_error=error.message
        )
    messages.success(request, _("Initiativets läge är ändrat."))
    return redirect("web:initiative_detail", pk=pk)


def _post_on_initiative(
    request: HttpRequest,
    pk: int,
    make_form: Callable[[Initiative], Any],
    act: Callable[[Initiative, dict[str, Any]], Any],
    done: str,
    form_key: str,
) -> HttpResponse:
    """A form posted on an initiative's page: permission first (an outsider learns nothing from
    the form's errors), then the form, then the service; its refusal is shown on the form. The
    forms' fields are named as the services' parameters, so `act` gets the cleaned data as is."""
    initiative = _get(selectors.initiative_get, pk)
    if not can_act_for_municipality(request.user, initiative.municipality_id):
        return forbidden(request)
    form = make_form(initiative)
    if form.is_valid():
        try:
            act(initiative, form.cleaned_data)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, done)
            return redirect("web:initiative_detail", pk=pk)
    return _initiative_page(request, initiative, status=400, **{form_key: form})


@login_required
@require_POST
def contribution_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_on_initiative(
        request,
        pk,
        lambda i: forms.ContributionForm(request.POST, places=i.partner_places.all(), prefix="new"),
        lambda i, d: services.contribution_propose(user=request.user, initiative=i, **d),
        _("Insatsen är föreslagen och bedömd."),
        "contribution_form",
    )


@login_required
@require_POST
def visit_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_on_initiative(
        request,
        pk,
        lambda _i: forms.VisitForm(request.POST, prefix="visit"),
        lambda i, d: services.initiative_log_visit(user=request.user, initiative=i, **d),
        _("Studiebesöket är registrerat."),
        "visit_form",
    )


def _contribution(pk: int) -> Contribution:
    try:
        return selectors.contribution_get(pk)
    except Contribution.DoesNotExist as exc:
        raise Http404 from exc


@login_required
@require_POST
def contribution_approve(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = _contribution(pk)
    # Permission before validation: an outsider learns nothing from the form's errors.
    if not can_act_for_municipality(request.user, contribution.initiative.municipality_id):
        return forbidden(request)
    form = forms.ApproveForm(request.POST, prefix=f"c{pk}")
    if form.is_valid():
        try:
            services.contribution_approve(
                user=request.user,
                contribution=contribution,
                decision_date=form.cleaned_data["decision_date"],
                expected_version=form.cleaned_data["version"] or contribution.version,
            )
        except ApplicationError as error:
            if error.status == 403:
                return forbidden(request)
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Insatsen är beslutad."))
            return redirect("web:initiative_detail", pk=contribution.initiative_id)
    initiative = _get(selectors.initiative_get, contribution.initiative_id)
    return _initiative_page(request, initiative, status=400, **{f"approve_{pk}": form})


@login_required
@require_POST
def condition_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        condition = selectors.condition_get(pk)
    except Condition.DoesNotExist as exc:
        raise Http404 from exc
    form = forms.ConditionForm(request.POST)
    done = form.cleaned_data["done"] if form.is_valid() else False
    try:
        services.condition_set(user=request.user, condition=condition, done=done)
    except ApplicationError as error:
        if error.status == 403:
            return forbidden(request)
        messages.error(request, error.message)
    return redirect("web:initiative_detail", pk=condition.contribution.initiative_id)


# --- notices -------------------------------------------------------------------------------------


def _localized(url: str) -> str:
    """A stored (Swedish, unprefixed) path in the reader's language."""
    lang = _lang()
    with translation.override("sv"):
        return translate_url(url, lang)


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        services.notification_mark_read(user=request.user)
        return redirect("web:notifications")
    items = selectors.notifications_of(request.user)
    from vanort.cooperation.notify import render as render_notice

    return render(
        request,
        "web/cooperation/notifications.html",
        {
            "items": [
                {"n": n, "text": render_notice(n.kind, n.params), "url": _localized(n.url) if n.url else ""}
                for n in items
            ],
        },
    )
