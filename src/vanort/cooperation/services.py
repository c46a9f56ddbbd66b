"""Writes for cooperation. Each service is atomic, keyword-only and checks permission first.

Web, API, CLI and the demo all call these; nothing else saves cooperation models.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from vanort import aid
from vanort.cooperation import matching_glue, notify
from vanort.cooperation.idempotency import Once, create_once
from vanort.cooperation.models import (
    AidCheck,
    Condition,
    Contribution,
    ContributionStatus,
    Form,
    Initiative,
    InitiativeEvent,
    Match,
    MatchStatus,
    Need,
    NeedStatus,
    Offer,
    OfferStatus,
)
from vanort.cooperation.permissions import (
    require_municipality,
    require_partner,
)
from vanort.cooperation.states import Action, State, TransitionNotAllowed, transition_for
from vanort.core.errors import Conflict, ValidationFailed
from vanort.core.models import STALE_MESSAGE, validate
from vanort.legal.selectors import current_rulebook
from vanort.legal.services import aid_input_failure, assessment_save
from vanort.registry.models import Activity, ActivityKind, Actor, Partnership, Place, Sector
from vanort.registry.services import activity_create

NOT_APPROVABLE = frozenset({"not_permitted", "not_permitted_without_government_permission"})
LEGAL_REVIEW_SV = "Juridisk granskning är gjord och dokumenterad."
LEGAL_REVIEW_EN = "A legal review has been made and documented."
MAX_TEXT = 10_000


def _label(user: Any) -> str:
    return user.get_username() if getattr(user, "get_username", None) else "system"


def _user_or_none(user: Any) -> Any:
    return user if getattr(user, "pk", None) else None


def _text(value: str, field: str, *, limit: int, required: bool = True) -> str:
    value = (value or "").strip()
    if "\x00" in value:
        raise ValidationFailed(_("Texten innehåller otillåtna tecken."), field=field)
    if required and not value:
        raise ValidationFailed(_("Fältet måste fyllas i."), field=field)
    if len(value) > limit:
        raise ValidationFailed(_("Texten är för lång (högst %(n)s tecken).") % {"n": limit}, field=field)
    return value


def _choice(value: str, choices: Iterable[str], field: str) -> str:
    if value not in set(choices):
        raise ValidationFailed(_("Okänt värde."), field=field)
    return value


def _quantity(value: int | None) -> int | None:
    if value is None:
        return None
    if not 1 <= value <= 1_000_000:
        raise ValidationFailed(_("Antalet måste vara mellan 1 och 1 000 000."), field="quantity")
    return value


def _sector(code: str) -> Sector:
    sector = Sector.objects.filter(code=code).first()
    if sector is None:
        raise ValidationFailed(_("Okänt område."), field="sector")
    return sector


def _sectors(codes: Iterable[str]) -> list[Sector]:
    """The sectors of these codes (each once, in the taxonomy's order); an unknown code is refused."""
    wanted = set(codes)
    found = list(Sector.objects.filter(code__in=wanted).order_by("position"))
    if len(found) != len(wanted):
        raise ValidationFailed(_("Okänt område."), field="sectors")
    return found


def _refuse_domestic_partner(place: Place, field: str) -> None:
    """A partner place is a municipality, hromada or town abroad (not a Swedish place, region or oblast)."""
    if not place.is_foreign_partner:
        raise ValidationFailed(
            _("%(place)s kan inte vara partnerort: det måste vara en kommun, hromada eller stad utanför Sverige.")
            % {"place": place.name},
            field=field,
            code="partner_not_foreign",
        )


# --- needs and offers ----------------------------------------------------------------------


@transaction.atomic
def need_publish(
    *,
    user: Any,
    place: Place,
    sector: str,
    form: str,
    title: str,
    description: str,
    language: str,
    quantity: int | None = None,
    urgency: str = "normal",
    deadline: date | None = None,
    is_example: bool = False,
    compute: bool = True,
) -> Need:
    require_partner(user, place.pk)
    if place.country_id == "SE":
        raise ValidationFailed(_("Behov publiceras av partnerorter utanför Sverige."), field="place")
    need = Need(
        place=place,
        sector=_sector(sector),
        form=_choice(form, Form.values, "form"),
        title=_text(title, "title", limit=300),
        description=_text(description, "description", limit=MAX_TEXT),
        language=_choice(language, ("sv", "en", "uk"), "language"),
        quantity=_quantity(quantity),
        urgency=_choice(urgency, ("low", "normal", "high", "critical"), "urgency"),
        deadline=deadline,
        created_by=_user_or_none(user),
        is_example=is_example,
    )
    validate(need)
    need.save()
    if compute:
        matching_glue.compute(needs=Need.objects.filter(pk=need.pk), offers=matching_glue.published_offers())
    return need


def need_publish_once(*, idempotency_key: str | None, **fields: Any) -> Once[Need]:
    """:func:`need_publish`, once per user and key: a repeat gets the first need back (``idempotency``)."""
    return _once(Need, need_publish, idempotency_key, fields)


def _once(model: type[Any], create: Callable[..., Any], key: str | None, fields: dict[str, Any]) -> Once[Any]:
    asked = {name: value for name, value in fields.items() if name != "user"}
    return create_once(user=fields.get("user"), key=key, model=model, fields=asked, create=lambda: create(**fields))


@transaction.atomic
def need_set_status(*, user: Any, need: Need, status: str, expected_version: int) -> Need:
    require_partner(user, need.place_id)
    _choice(status, NeedStatus.values, "status")
    rows = Need.objects.filter(pk=need.pk, version=expected_version).update(
        status=status, version=expected_version + 1, updated_at=timezone.now()
    )
    if rows != 1:
        raise Conflict(str(STALE_MESSAGE))
    if status == NeedStatus.WITHDRAWN:
        Match.objects.filter(need=need, status=MatchStatus.PROPOSED).delete()
    need.refresh_from_db()
    return need


@transaction.atomic
def offer_publish(
    *,
    user: Any,
    municipality: Place,
    sector: str,
    form: str,
    title: str,
    description: str,
    quantity: int | None = None,
    spare: bool = False,
    available_until: date | None = None,
    language: str = "sv",
    is_example: bool = False,
    compute: bool = True,
) -> Offer:
    require_municipality(user, municipality.pk)
    offer = Offer(
        municipality=municipality,
        sector=_sector(sector),
        form=_choice(form, Form.values, "form"),
        title=_text(title, "title", limit=300),
        description=_text(description, "description", limit=MAX_TEXT),
        language=_choice(language, ("sv", "en", "uk"), "language"),
        quantity=_quantity(quantity),
        remaining=_quantity(quantity),
        spare=bool(spare),
        available_until=available_until,
        created_by=_user_or_none(user),
        is_example=is_example,
    )
    validate(offer)
    offer.save()
    if compute:
        matching_glue.compute(needs=matching_glue.published_needs(), offers=Offer.objects.filter(pk=offer.pk))
    return offer


def offer_publish_once(*, idempotency_key: str | None, **fields: Any) -> Once[Offer]:
    """:func:`offer_publish`, once per user and key: a repeat gets the first offer back (``idempotency``)."""
    return _once(Offer, offer_publish, idempotency_key, fields)


@transaction.atomic
def offer_withdraw(*, user: Any, offer: Offer, expected_version: int) -> Offer:
    require_municipality(user, offer.municipality_id)
    rows = Offer.objects.filter(pk=offer.pk, version=expected_version).update(
        status=OfferStatus.WITHDRAWN, version=expected_version + 1, updated_at=timezone.now()
    )
    if rows != 1:
        raise Conflict(str(STALE_MESSAGE))
    Match.objects.filter(offer=offer, status=MatchStatus.PROPOSED).delete()
    offer.refresh_from_db()
    return offer


@transaction.atomic
def matches_recompute(*, user: Any, municipality: Place) -> int:
    """Recompute the proposed matches of the municipality's published offers against all published needs."""
    require_municipality(user, municipality.pk)
    offers = matching_glue.published_offers(municipality.pk)
    needs = matching_glue.published_needs()
    return matching_glue.compute(needs=needs, offers=offers)


# --- aid checks --------------------------------------------------------------------------------


def contribution_case(c: Contribution, decision_date: date) -> dict[str, Any]:
    """The aid engine's input (LEGAL_RULES.md §Input) for a contribution on a decision date."""
    case: dict[str, Any] = {
        "giver": "kommun",
        "recipient_country": c.recipient_place.country_id,
        "decision_date": decision_date.isoformat(),
        "activity": "aid",
        "form": c.form,
        "recipient_entity": c.recipient_entity,
        "use_verification_plan": c.use_verification_plan,
        "decision_body": c.decision_body,
        "disaster": c.disaster,
        "goods_type": c.goods_type,
    }
    if c.form == Form.EQUIPMENT:
        case["equipment_origin"] = c.equipment_origin or "in_use"
    if c.form == Form.FINANCIAL:
        case["fin_purpose"] = c.fin_purpose or "other"
        if case["fin_purpose"] in ("transport_setup", "commissioning_personnel"):
            case["linked_equipment_permitted"] = bool(c.linked_equipment_permitted)
    return case


def _run_check(c: Contribution, *, user: Any, stage: str, decision_date: date) -> dict[str, Any]:
    case = contribution_case(c, decision_date)
    try:
        verdict = aid.check_json(case, rulebook=current_rulebook())
    except aid.AidInputError as exc:
        raise aid_input_failure(exc) from exc
    verdict["conditions_en"] = aid.check_json(case, rulebook=current_rulebook(), lang="en")["conditions"]
    AidCheck.objects.create(
        contribution=c,
        stage=stage,
        decision_date=decision_date,
        case=case,
        verdict=verdict,
        outcome=verdict["outcome"],
        rules_version=verdict["rules_version"],
        by=_user_or_none(user),
    )
    return verdict


def _required_conditions(verdict: dict[str, Any]) -> list[tuple[str, str]]:
    items = list(zip(verdict.get("conditions", []), verdict.get("conditions_en", []), strict=False))
    if verdict["outcome"] == "needs_legal_review":
        items.append((LEGAL_REVIEW_SV, LEGAL_REVIEW_EN))
    return items


def _sync_conditions(c: Contribution, verdict: dict[str, Any]) -> None:
    """The checklist holds the current verdict's conditions; ticks of unchanged ones are kept."""
    wanted = _required_conditions(verdict)
    texts = [sv for sv, _en in wanted]
    Condition.objects.filter(contribution=c).exclude(text_sv__in=texts).delete()
    existing = set(Condition.objects.filter(contribution=c).values_list("text_sv", flat=True))
    for position, (sv, en) in enumerate(wanted):
        if sv in existing:
            Condition.objects.filter(contribution=c, text_sv=sv).update(position=position)
        else:
            Condition.objects.create(contribution=c, position=position, text_sv=sv, text_en=en)


def _store_verdict(c: Contribution, verdict: dict[str, Any], decision_date: date, **extra: Any) -> None:
    Contribution.objects.filter(pk=c.pk).update(
        verdict=verdict,
        outcome=verdict["outcome"],
        rules_version=verdict["rules_version"],
        checked_at=timezone.now(),
        decision_date=decision_date,
        version=c.version + 1,
        updated_at=timezone.now(),
        **extra,
    )
    c.refresh_from_db()


_OPEN_INITIATIVE = {State.PROPOSED, State.AGREED}


@transaction.atomic
def contribution_propose(
    *,
    user: Any,
    initiative: Initiative,
    form: str,
    purpose: str,
    recipient_place: Place,
    value_sek: Decimal | None = None,
    recipient_entity: str = "foreign_public",
    planned_on: date | None = None,
    equipment_origin: str = "",
    fin_purpose: str = "",
    linked_equipment_permitted: bool | None = None,
    goods_type: str = "civil",
    disaster: bool = True,
    use_verification_plan: bool = True,
    decision_body: str = "delegate",
    today: date | None = None,
) -> Contribution:
    require_municipality(user, initiative.municipality_id)
    if initiative.state not in _OPEN_INITIATIVE:
        raise ValidationFailed(_("Insatser kan bara läggas till innan leveransen börjat."), field="initiative")
    if recipient_place.country_id == "SE":
        raise ValidationFailed(_("Mottagaren ska vara en ort utanför Sverige."), field="recipient_place")
    c = Contribution(
        initiative=initiative,
        form=_choice(form, Form.values, "form"),
        purpose=_text(purpose, "purpose", limit=5000),
        value_sek=value_sek,
        recipient_place=recipient_place,
        recipient_entity=_choice(recipient_entity, [v.value for v in aid.RecipientEntity], "recipient_entity"),
        planned_on=planned_on,
        equipment_origin=_choice(equipment_origin, ["", *[v.value for v in aid.EquipmentOrigin]], "equipment_origin"),
        fin_purpose=_choice(fin_purpose, ["", *[v.value for v in aid.FinPurpose]], "fin_purpose"),
        linked_equipment_permitted=linked_equipment_permitted,
        goods_type=_choice(goods_type, [v.value for v in aid.GoodsType], "goods_type"),
        disaster=disaster,
        use_verification_plan=use_verification_plan,
        decision_body=_choice(decision_body, [v.value for v in aid.DecisionBody], "decision_body"),
    )
    validate(c)
    c.save()
    when = today or timezone.localdate()
    verdict = _run_check(c, user=user, stage=AidCheck.Stage.PROPOSAL, decision_date=when)
    _store_verdict(c, verdict, when)
    _sync_conditions(c, verdict)
    return c


@transaction.atomic
def contribution_recheck(*, user: Any, contribution: Contribution, decision_date: date) -> Contribution:
    """Check again (rules or the country table may have changed, or the decision date is known)."""
    require_municipality(user, contribution.initiative.municipality_id)
    if contribution.status != ContributionStatus.PROPOSED:
        raise ValidationFailed(_("Insatsen är redan beslutad."), field="status")
    verdict = _run_check(contribution, user=user, stage=AidCheck.Stage.RECHECK, decision_date=decision_date)
    _store_verdict(contribution, verdict, decision_date)
    _sync_conditions(contribution, verdict)
    return contribution


@transaction.atomic
def condition_set(*, user: Any, condition: Condition, done: bool, note: str = "") -> Condition:
    contribution = condition.contribution
    require_municipality(user, contribution.initiative.municipality_id)
    if contribution.status != ContributionStatus.PROPOSED:
        raise ValidationFailed(_("Insatsen är redan beslutad."), field="status")
    note = _text(note, "note", limit=500, required=False)
    Condition.objects.filter(pk=condition.pk).update(
        done_by=_user_or_none(user) if done else None, done_at=timezone.now() if done else None, note=note
    )
    condition.refresh_from_db()
    return condition


@transaction.atomic
def contribution_approve(
    *, user: Any, contribution: Contribution, decision_date: date, expected_version: int
) -> Contribution:
    """Approve on `decision_date`: checked again; refused if not permitted or a condition is open."""
    require_municipality(user, contribution.initiative.municipality_id)
    locked = Contribution.objects.select_for_update().select_related("recipient_place").get(pk=contribution.pk)
    if locked.version != expected_version:
        raise Conflict(str(STALE_MESSAGE))
    if locked.status != ContributionStatus.PROPOSED:
        raise ValidationFailed(_("Insatsen är redan beslutad."), field="status")
    verdict = _run_check(locked, user=user, stage=AidCheck.Stage.APPROVAL, decision_date=decision_date)
    if verdict["outcome"] in NOT_APPROVABLE:
        raise ValidationFailed(
            _("Insatsen är inte tillåten enligt biståndsreglerna och kan inte beslutas."),
            field="decision_date",
            code="not_permitted",
        )
    ticked = set(Condition.objects.filter(contribution=locked, done_at__isnull=False).values_list("text_sv", flat=True))
    missing = [sv for sv, _en in _required_conditions(verdict) if sv not in ticked]
    if missing:
        raise ValidationFailed(
            _("Alla villkor måste vara bockade innan insatsen kan beslutas (öppna: %(n)s).") % {"n": len(missing)},
            field="conditions",
            code="conditions_open",
        )
    assessment = None
    if getattr(user, "pk", None):  # the legal app's saved assessment (its page prints the verdict)
        assessment = assessment_save(
            user=user,
            title=str(locked)[:300],
            case=contribution_case(locked, decision_date),
            municipality=contribution.initiative.municipality,
        )
    _store_verdict(
        locked,
        verdict,
        decision_date,
        status=ContributionStatus.APPROVED,
        approved_by=_user_or_none(user),
        approved_at=timezone.now(),
        assessment=assessment,
    )
    contribution.refresh_from_db()
    return contribution


@transaction.atomic
def contribution_withdraw(*, user: Any, contribution: Contribution) -> Contribution:
    require_municipality(user, contribution.initiative.municipality_id)
    if contribution.status != ContributionStatus.PROPOSED:
        raise ValidationFailed(_("Insatsen är redan beslutad."), field="status")
    Contribution.objects.filter(pk=contribution.pk).update(status=ContributionStatus.WITHDRAWN)
    contribution.refresh_from_db()
    return contribution


# --- initiatives -------------------------------------------------------------------------------


def _event(i: Initiative, *, user: Any, action: str, from_state: str, to_state: str, note: str = "") -> None:
    InitiativeEvent.objects.create(
        initiative=i,
        by=_user_or_none(user),
        actor_label=_label(user),
        action=action,
        from_state=from_state,
        to_state=to_state,
        note=note,
    )


@transaction.atomic
def initiative_create(
    *,
    user: Any,
    municipality: Place,
    title: str,
    description: str = "",
    actor: Actor | None = None,
    partner_places: Iterable[Place] = (),
    sectors: Iterable[str] = (),
    partnership: Partnership | None = None,
    motion: Any = None,
    period_start: date | None = None,
    period_end: date | None = None,
    source: Any = None,
    is_example: bool = False,
) -> Initiative:
    require_municipality(user, municipality.pk)
    places = list(partner_places)
    for place in places:
        _refuse_domestic_partner(place, "partner_places")
    if partnership is not None and municipality.pk in {partnership.place_a_id, partnership.place_b_id}:
        _refuse_domestic_partner(partnership.other(municipality.pk), "partnership")
    sector_list = _sectors(sectors)
    if actor is not None and not actor.is_known_actor:
        raise ValidationFailed(_("Initiativ tas bara emot från kända aktörer."), field="actor")
    if partnership is not None and municipality.pk not in {partnership.place_a_id, partnership.place_b_id}:
        raise ValidationFailed(_("Partnerskapet gäller inte den här kommunen."), field="partnership")
    if motion is not None and motion.municipality_id != municipality.pk:
        raise ValidationFailed(_("Motionen hör till en annan kommun."), field="motion")
    if period_start and period_end and period_end < period_start:
        raise ValidationFailed(_("Slutet kan inte ligga före starten."), field="period_end")
    initiative = Initiative(
        municipality=municipality,
        title=_text(title, "title", limit=300),
        description=_text(description, "description", limit=20_000, required=False),
        actor=actor,
        partnership=partnership,
        motion=motion,
        period_start=period_start,
        period_end=period_end,
        source=source,
        created_by=_user_or_none(user),
        is_example=is_example,
    )
    validate(initiative)
    initiative.save()
    if partnership is not None:
        places.append(partnership.other(municipality.pk))
    initiative.partner_places.set({p.pk for p in places})
    initiative.sectors.set(sector_list)
    _event(initiative, user=user, action="create", from_state="", to_state=State.PROPOSED)
    return initiative


def initiative_create_once(*, idempotency_key: str | None, **fields: Any) -> Once[Initiative]:
    """:func:`initiative_create`, once per user and key: a repeat gets the first initiative back."""
    return _once(Initiative, initiative_create, idempotency_key, fields)


_TRANSITION_LABEL = {
    Action.AGREE: "agreed",
    Action.START_DELIVERY: "in_delivery",
    Action.DELIVER: "delivered",
    Action.CLOSE: "closed",
    Action.CANCEL: "cancelled",
}


def _transition(
    *, user: Any, initiative: Initiative, action: Action, expected_version: int, note: str = ""
) -> Initiative:
    require_municipality(user, initiative.municipality_id)
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if locked.version != expected_version:
        raise Conflict(str(STALE_MESSAGE))
    try:
        transition = transition_for(action, locked.state)
    except TransitionNotAllowed as exc:
        raise ValidationFailed(
            _("Åtgärden är inte möjlig i initiativets nuvarande läge."), field="action", code="invalid_transition"
        ) from exc
    note = _text(note, "note", limit=2000, required=False)
    if action == Action.AGREE and locked.contributions.filter(status=ContributionStatus.PROPOSED).exists():
        raise ValidationFailed(
            _("Alla insatser måste vara beslutade (eller återtagna) innan initiativet kan överenskommas."),
            field="action",
            code="contributions_open",
        )
    from_state = locked.state
    rows = Initiative.objects.filter(pk=locked.pk, state=from_state, version=expected_version).update(
        state=transition.target, version=expected_version + 1, updated_at=timezone.now()
    )
    if rows != 1:
        raise Conflict(str(STALE_MESSAGE))
    _event(locked, user=user, action=action, from_state=from_state, to_state=transition.target, note=note)
    initiative.refresh_from_db()
    if action == Action.DELIVER:
        _on_delivered(user=user, initiative=initiative)
    if action == Action.CANCEL:
        _on_cancelled(initiative=initiative)
    notify.initiative_changed(initiative=initiative, state=transition.target, by=user)
    return initiative


_ACTIVITY_KIND = {
    Form.EQUIPMENT: ActivityKind.DONATION,
    Form.TRAINING: ActivityKind.TRAINING,
    Form.ADVICE: ActivityKind.EXCHANGE,
    Form.OTHER_IN_KIND: ActivityKind.DONATION,
    Form.FINANCIAL: ActivityKind.DONATION,
}


def _on_cancelled(*, initiative: Initiative) -> None:
    """A cancelled initiative gives its need and offer back to the board (the match stays, declined)."""
    matches = Match.objects.filter(initiative=initiative, status=MatchStatus.ACCEPTED)
    Need.objects.filter(matches__in=matches, status=NeedStatus.IN_PROGRESS).update(
        status=NeedStatus.PUBLISHED, version=F("version") + 1, updated_at=timezone.now()
    )
    for match in matches.select_related("offer"):
        _give_back_to_offer(match.offer_id, match.quantity)
    matches.update(status=MatchStatus.REJECTED)


_QUANTITY_REASONS = ("quantity_covers", "quantity_partial")


def _requantify_proposals(offer_id: int, remaining: int) -> None:
    """The offer's open proposals explain themselves with what is left of it.

    They are updated in place rather than computed again: officers may have them open, and a
    new computation would replace them (new ids) under their feet.
    """
    changed = []
    for match in Match.objects.filter(offer_id=offer_id, status=MatchStatus.PROPOSED):
        reasons = []
        for reason in match.reasons:
            if reason.get("code") in _QUANTITY_REASONS:
                need = int(reason["params"]["need"])
                code = "quantity_covers" if remaining >= need else "quantity_partial"
                reason = {"code": code, "params": {"need": str(need), "offer": str(remaining)}}
            reasons.append(reason)
        if reasons != match.reasons:
            match.reasons = reasons
            changed.append(match)
    Match.objects.bulk_update(changed, ["reasons"], batch_size=500)


def _give_back_to_offer(offer_id: int, given: int | None) -> None:
    """What a cancelled initiative took goes back to its offer, which is on the board again."""
    offer = Offer.objects.select_for_update().get(pk=offer_id)
    if offer.remaining is not None and given is not None:
        offer.remaining = min(offer.quantity or 0, offer.remaining + given)
    status = OfferStatus.PUBLISHED if offer.status == OfferStatus.TAKEN else offer.status
    Offer.objects.filter(pk=offer_id).update(
        status=status, remaining=offer.remaining, version=F("version") + 1, updated_at=timezone.now()
    )


def _on_delivered(*, user: Any, initiative: Initiative) -> None:
    """Matches and needs follow the initiative; the delivery is logged on the partnership if any."""
    Match.objects.filter(initiative=initiative, status=MatchStatus.ACCEPTED).update(status=MatchStatus.DELIVERED)
    Need.objects.filter(matches__initiative=initiative).update(
        status=NeedStatus.FULFILLED, version=F("version") + 1, updated_at=timezone.now()
    )
    if initiative.partnership_id is None:
        return
    from vanort.core.partial_dates import PartialDate

    first = initiative.contributions.filter(status=ContributionStatus.APPROVED).first()
    kind = _ACTIVITY_KIND.get(first.form, ActivityKind.EXCHANGE) if first else ActivityKind.EXCHANGE
    activity = activity_create(
        user=user,
        municipality=initiative.municipality,
        partnership=initiative.partnership,
        counterpart=initiative.partnership.other(initiative.municipality_id),
        title=initiative.title[:300],
        kind=kind,
        start=PartialDate.parse(timezone.localdate().isoformat()),
        description=_("Levererat inom initiativet ”%(title)s”.") % {"title": initiative.title},
        is_example=initiative.is_example,
    )
    initiative.activities.add(activity)


@transaction.atomic
def initiative_agree(*, user: Any, initiative: Initiative, expected_version: int, note: str = "") -> Initiative:
    return _transition(
        user=user, initiative=initiative, action=Action.AGREE, expected_version=expected_version, note=note
    )


@transaction.atomic
def initiative_start_delivery(
    *, user: Any, initiative: Initiative, expected_version: int, note: str = ""
) -> Initiative:
    return _transition(
        user=user, initiative=initiative, action=Action.START_DELIVERY, expected_version=expected_version, note=note
    )


@transaction.atomic
def initiative_deliver(*, user: Any, initiative: Initiative, expected_version: int, note: str = "") -> Initiative:
    return _transition(
        user=user, initiative=initiative, action=Action.DELIVER, expected_version=expected_version, note=note
    )


@transaction.atomic
def initiative_close(*, user: Any, initiative: Initiative, expected_version: int, note: str = "") -> Initiative:
    return _transition(
        user=user, initiative=initiative, action=Action.CLOSE, expected_version=expected_version, note=note
    )


@transaction.atomic
def initiative_cancel(*, user: Any, initiative: Initiative, expected_version: int, note: str = "") -> Initiative:
    return _transition(
        user=user, initiative=initiative, action=Action.CANCEL, expected_version=expected_version, note=note
    )


TRANSITION_SERVICES = {
    Action.AGREE: initiative_agree,
    Action.START_DELIVERY: initiative_start_delivery,
    Action.DELIVER: initiative_deliver,
    Action.CLOSE: initiative_close,
    Action.CANCEL: initiative_cancel,
}


def initiative_transition(
    *, user: Any, initiative: Initiative, action: str, expected_version: int, note: str = ""
) -> Initiative:
    """Dispatch to the one service of `action` (for web and API); permission first, then the action."""
    require_municipality(user, initiative.municipality_id)
    try:
        service = TRANSITION_SERVICES[Action(action)]
    except ValueError as exc:
        raise ValidationFailed(_("Okänd åtgärd."), field="action", code="invalid_transition") from exc
    return service(user=user, initiative=initiative, expected_version=expected_version, note=note)


@transaction.atomic
def initiative_log_visit(
    *,
    user: Any,
    initiative: Initiative,
    title: str,
    start: Any,
    kind: str = ActivityKind.STUDY_VISIT_IN,
    participants_count: int | None = None,
    participants_note: str = "",
    topics: str = "",
    organiser: Actor | None = None,
    source: Any = None,
) -> Activity:
    """A study visit (or other activity) of the initiative, in the register; on its partnership if any.

    Personal data only where needed: a count, and names only in the optional note.
    """
    require_municipality(user, initiative.municipality_id)
    counterpart = initiative.partner_places.first()
    activity = activity_create(
        user=user,
        municipality=initiative.municipality,
        partnership=initiative.partnership,
        counterpart=counterpart,
        title=_text(title, "title", limit=300),
        kind=kind,
        start=start,
        participants_count=participants_count,
        participants_note=participants_note,
        topics=topics,
        organiser=organiser or initiative.actor,
        source=source,
        is_example=initiative.is_example,
    )
    initiative.activities.add(activity)
    return activity


# --- match review ------------------------------------------------------------------------------


def _lock_match(match: Match, expected_version: int | None) -> Match:
    locked = (
        Match.objects.select_for_update(of=("self",))
        .select_related("need__place", "offer__municipality")
        .filter(pk=match.pk)
        .first()
    )
    if locked is None:  # an accept that took the whole offer removed the other proposals
        raise ValidationFailed(_("Matchningen är redan avgjord."), field="status", code="already_decided")
    if expected_version is not None and locked.version != expected_version:
        raise Conflict(str(STALE_MESSAGE))
    if locked.status != MatchStatus.PROPOSED:
        raise ValidationFailed(_("Matchningen är redan avgjord."), field="status", code="already_decided")
    return locked


@transaction.atomic
def match_accept(
    *, user: Any, match: Match, expected_version: int | None = None, today: date | None = None
) -> Initiative:
    """Accepting a match creates an initiative with its (aid-checked) contribution; both sides are told."""
    require_municipality(user, match.offer.municipality_id)
    # the offer first: accepts of the same offer queue here, then each finds its match decided
    # or the remaining quantity already reduced (locking the match first could deadlock with the
    # accept that deletes it)
    Offer.objects.select_for_update().filter(pk=match.offer_id).first()
    locked = _lock_match(match, expected_version)
    if locked.offer.status != OfferStatus.PUBLISHED:
        raise ValidationFailed(_("Erbjudandet är inte längre tillgängligt."), field="offer", code="offer_taken")
    if locked.legal_outcome in NOT_APPROVABLE:
        raise ValidationFailed(
            _("Matchningen är inte tillåten enligt biståndsreglerna."), field="status", code="not_permitted"
        )
    need, offer = locked.need, locked.offer
    home = offer.municipality
    partnership = Partnership.objects.filter(
        place_a_id=min(home.pk, need.place_id), place_b_id=max(home.pk, need.place_id), end__isnull=True
    ).first()
    initiative = initiative_create(
        user=user,
        municipality=home,
        title=f"{offer.title} → {need.place.name}"[:300],
        description=f"{need.title}\n\n{need.description}"[:20_000],
        partner_places=[need.place],
        sectors=[need.sector_id],
        partnership=partnership,
        period_start=today or timezone.localdate(),
        period_end=need.deadline,
    )
    contribution_propose(
        user=user,
        initiative=initiative,
        form=offer.form,
        purpose=f"{offer.title}: {need.title}"[:5000],
        recipient_place=need.place,
        equipment_origin=("spare" if offer.spare else "in_use") if offer.form == Form.EQUIPMENT else "",
        fin_purpose="training_advice_costs" if offer.form == Form.FINANCIAL else "",
        today=today,
    )
    given = _allocation(need_quantity=need.quantity, remaining=offer.remaining)
    Match.objects.filter(pk=locked.pk).update(
        status=MatchStatus.ACCEPTED,
        initiative=initiative,
        quantity=given,
        decided_by=_user_or_none(user),
        decided_at=timezone.now(),
        version=locked.version + 1,
    )
    Need.objects.filter(pk=need.pk).update(status=NeedStatus.IN_PROGRESS, version=need.version + 1)
    Match.objects.filter(status=MatchStatus.PROPOSED).filter(need=need).delete()
    _take_from_offer(offer, given)
    notify.match_accepted(initiative=initiative, need=need, offer=offer, by=user)
    match.refresh_from_db()
    return initiative


def _allocation(*, need_quantity: int | None, remaining: int | None) -> int | None:
    """Units an accepted match takes: what the need asked for, at most what remains; all that
    remains when the need gave no quantity; None (the whole offer) when the offer gave none."""
    if remaining is None:
        return None
    return remaining if need_quantity is None else min(need_quantity, remaining)


def _take_from_offer(offer: Offer, given: int | None) -> None:
    """Reduce the (locked) offer by ``given``; it is taken, and leaves the board, when nothing remains."""
    remaining = None if given is None or offer.remaining is None else offer.remaining - given
    if remaining:
        Offer.objects.filter(pk=offer.pk).update(remaining=remaining, version=offer.version + 1)
        _requantify_proposals(offer.pk, remaining)
        return
    Offer.objects.filter(pk=offer.pk).update(status=OfferStatus.TAKEN, remaining=remaining, version=offer.version + 1)
    Match.objects.filter(status=MatchStatus.PROPOSED).filter(offer=offer).delete()


@transaction.atomic
def match_reject(*, user: Any, match: Match, expected_version: int | None = None) -> Match:
    require_municipality(user, match.offer.municipality_id)
    locked = _lock_match(match, expected_version)
    Match.objects.filter(pk=locked.pk).update(
        status=MatchStatus.REJECTED,
        decided_by=_user_or_none(user),
        decided_at=timezone.now(),
        version=locked.version + 1,
    )
    match.refresh_from_db()
    return match


@transaction.atomic
def notification_mark_read(*, user: Any, ids: Iterable[int] | None = None) -> int:
    from vanort.cooperation.models import Notification

    qs = Notification.objects.filter(user=user, read_at__isnull=True) if getattr(user, "pk", None) else None
    if qs is None:
        return 0
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())
