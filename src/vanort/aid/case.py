"""Input of the aid check: validation of a case and the questions that matter.

Required-field policy: a field is required exactly when the decision table needs it to decide,
given the answers to the fields before it (the order of :data:`FIELDS`):

- always: ``giver``, ``recipient_country``, ``activity``, ``decision_body``
  (the "no decision body" override applies to every activity);
- ``owner_authorised`` when ``giver`` is ``kommunalt_bolag`` or ``kommunalforbund`` (G1/G2);
- ``form``, ``recipient_entity`` and ``use_verification_plan`` when ``activity`` is ``aid``;
- ``fin_purpose`` when ``form`` is ``financial``;
- ``linked_equipment_permitted`` when ``fin_purpose`` is ``transport_setup`` or
  ``commissioning_personnel`` (R5/R5x);
- ``equipment_origin`` when ``form`` is ``equipment``;
- ``disaster`` when the form is spare equipment and the country does not receive aid on the
  decision date (R7 vs R8) -- the only place where it changes the outcome;
- ``goods_type`` when goods are involved: equipment, other in kind, transport/commissioning
  of a donation, or service export (goods as a complement);
- ``decision_date`` is never required: it defaults to today.

A field that is given although not required is still validated and used (``goods_type:
military`` on a training case still triggers its override). ``null`` counts as "not given".
Booleans must be JSON ``true``/``false``; country codes are upper-cased before the lookup.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from vanort.aid.engine import CONDITION_FACTS, lookup_status
from vanort.aid.types import (
    Activity,
    AidCase,
    AidInputError,
    AidStatusKind,
    EquipmentOrigin,
    FinPurpose,
    Form,
    Giver,
    RuleBook,
)

#: All input fields in question order (the guided form asks them in this order).
FIELDS: tuple[str, ...] = (
    "giver",
    "owner_authorised",
    "recipient_country",
    "decision_date",
    "activity",
    "form",
    "fin_purpose",
    "linked_equipment_permitted",
    "equipment_origin",
    "disaster",
    "goods_type",
    "recipient_entity",
    "use_verification_plan",
    "decision_body",
)
_FIELD_SET = frozenset(FIELDS)

#: Allowed values of every choice field (enums as strings, booleans as ``True``/``False``);
#: ``recipient_country`` (ISO code) and ``decision_date`` (YYYY-MM-DD) are free fields.
FIELD_CHOICES: dict[str, tuple[str | bool, ...]] = {
    name: tuple(CONDITION_FACTS[name]) for name in FIELDS if name in CONDITION_FACTS
}

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_BOLAG_OR_FORBUND = frozenset({Giver.KOMMUNALT_BOLAG, Giver.KOMMUNALFORBUND})
_LINKED_PURPOSES = frozenset({FinPurpose.TRANSPORT_SETUP, FinPurpose.COMMISSIONING_PERSONNEL})
_GOODS_FORMS = frozenset({Form.EQUIPMENT, Form.OTHER_IN_KIND})

_Answers = dict[str, Any]


def _aid(v: _Answers) -> bool:
    return v.get("activity") is Activity.AID


def _financial(v: _Answers) -> bool:
    return _aid(v) and v.get("form") is Form.FINANCIAL


def _linked(v: _Answers) -> bool:
    return _financial(v) and v.get("fin_purpose") in _LINKED_PURPOSES


def _equipment(v: _Answers) -> bool:
    return _aid(v) and v.get("form") is Form.EQUIPMENT


def _goods(v: _Answers) -> bool:
    if v.get("activity") is Activity.SERVICE_EXPORT:
        return True
    return (_aid(v) and v.get("form") in _GOODS_FORMS) or _linked(v)


def _spare_to_non_aid_country(v: _Answers, rulebook: RuleBook) -> bool:
    if not _equipment(v) or v.get("equipment_origin") is not EquipmentOrigin.SPARE:
        return False
    country, day = v.get("recipient_country"), v.get("decision_date")
    if country is None or day is None:
        return False
    return lookup_status(rulebook, country, day).status is AidStatusKind.NONE


# field -> (required given the earlier answers?, reason shown when missing)
_REQUIRED: dict[str, tuple[Callable[[_Answers, RuleBook], bool], str]] = {
    "giver": (lambda v, rb: True, "required"),
    "owner_authorised": (
        lambda v, rb: v.get("giver") in _BOLAG_OR_FORBUND,
        "required when giver is kommunalt_bolag or kommunalforbund",
    ),
    "recipient_country": (lambda v, rb: True, "required"),
    "activity": (lambda v, rb: True, "required"),
    "form": (lambda v, rb: _aid(v), "required when activity is aid"),
    "fin_purpose": (lambda v, rb: _financial(v), "required when form is financial"),
    "linked_equipment_permitted": (
        lambda v, rb: _linked(v),
        "required when fin_purpose is transport_setup or commissioning_personnel",
    ),
    "equipment_origin": (lambda v, rb: _equipment(v), "required when form is equipment"),
    "disaster": (
        _spare_to_non_aid_country,
        "required for spare equipment to a country that does not receive Swedish aid",
    ),
    "goods_type": (
        lambda v, rb: _goods(v),
        "required when goods are involved (equipment, other in kind, transport, service export)",
    ),
    "recipient_entity": (lambda v, rb: _aid(v), "required when activity is aid"),
    "use_verification_plan": (lambda v, rb: _aid(v), "required when activity is aid"),
    "decision_body": (lambda v, rb: True, "required"),
}


def _show(raw: Any) -> str:
    text = repr(raw)
    return text if len(text) <= 40 else text[:37] + "..."


def _choice(name: str, raw: Any, rulebook: RuleBook) -> Any:
    allowed = CONDITION_FACTS[name]
    if isinstance(raw, str):
        value = allowed.get(raw)
        if value is not None:
            return value
    elif isinstance(raw, bool) and allowed.get(raw) is raw:
        return raw
    choices = ", ".join(str(choice).lower() for choice in allowed)
    raise AidInputError(
        name, f"unknown value {_show(raw)} (allowed: {choices})", kind="unknown_value", value=_show(raw)
    )


def _country(name: str, raw: Any, rulebook: RuleBook) -> str:
    if isinstance(raw, str):
        code = raw.strip().upper()
        if code in rulebook.known_countries:
            return code
    shown = _show(raw)
    raise AidInputError(
        name, f"unknown country code {shown} (expected ISO 3166-1 alpha-2)", kind="unknown_country", value=shown
    )


def _date(name: str, raw: Any, rulebook: RuleBook) -> date:
    if type(raw) is date:
        return raw
    if isinstance(raw, str) and _DATE_RE.fullmatch(raw):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    raise AidInputError(name, f"not a valid date {_show(raw)} (expected YYYY-MM-DD)", kind="bad_date", value=_show(raw))


_PARSERS: dict[str, Callable[[str, Any, RuleBook], Any]] = {
    name: _country if name == "recipient_country" else _date if name == "decision_date" else _choice for name in FIELDS
}


def _resolve(rulebook: RuleBook | None) -> RuleBook:
    if rulebook is not None:
        return rulebook
    from vanort.aid.loader import load_rulebook  # lazy: the loader imports this module

    return load_rulebook()


def parse_case(data: Mapping[str, Any], *, today: date | None = None, rulebook: RuleBook | None = None) -> AidCase:
    """Validate ``data`` (field -> JSON value) into an :class:`AidCase`.

    Raises :class:`AidInputError` naming the first field (in question order) that is missing,
    unknown, or has a bad value; ``decision_date`` defaults to ``today`` (default: the system date).
    """
    if not isinstance(data, Mapping):
        raise AidInputError("case", "expected an object with the fields of the case", kind="not_object")
    unknown = [key for key in data if key not in _FIELD_SET]
    if unknown:
        key = unknown[0]
        name = key if isinstance(key, str) and key.isidentifier() else _show(key)
        raise AidInputError(name, "unknown field", kind="unknown_field")
    rb = _resolve(rulebook)
    values: _Answers = {}
    for name in FIELDS:
        raw = data.get(name)
        if raw is not None:
            values[name] = _PARSERS[name](name, raw, rb)
        elif name == "decision_date":
            values[name] = today or date.today()
        else:
            required, reason = _REQUIRED[name]
            if required(values, rb):
                raise AidInputError(name, f"missing: {reason}", kind="missing")
    return AidCase(**values)


def relevant_fields(
    answers: Mapping[str, Any], *, today: date | None = None, rulebook: RuleBook | None = None
) -> list[str]:
    """The questions that matter given the answers so far, in question order.

    These are the fields required by the answers given (see the module docstring) plus
    ``decision_date``; answered fields are included. Invalid answers count as unanswered.
    """
    rb = _resolve(rulebook)
    values: _Answers = {}
    relevant = []
    for name in FIELDS:
        if name == "decision_date" or _REQUIRED[name][0](values, rb):
            relevant.append(name)
        else:
            continue
        raw = answers.get(name)
        if raw is not None:
            with contextlib.suppress(AidInputError):
                values[name] = _PARSERS[name](name, raw, rb)
        if name == "decision_date" and name not in values:
            values[name] = today or date.today()
    return relevant
