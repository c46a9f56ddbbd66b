"""Creating once: a repeated request (same user, same key) gets the record it first created back.

The key is the API's ``Idempotency-Key`` header or a web form's one-time token. The key row is
claimed before the record is written and completed with the record's id in the same
transaction: a concurrent request with the same key waits on the claim (the unique constraint)
and then finds the record; a failed write leaves neither. A key reused with other fields is
refused (``idempotency_key_reused``, 422), so that a client's bug never passes for a repeat.
Keys are kept for ``KEEP`` (a retry, a double click, a form left open over a weekend); a user's
older keys are deleted when the user next creates something, so the table stays small.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Generic, TypeVar

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vanort.core.errors import ValidationFailed

MAX_KEY = 100
KEEP = timedelta(days=7)
T = TypeVar("T", bound=models.Model)


@dataclass(frozen=True)
class Once(Generic[T]):
    """What a creating request got: the record, and whether this request created it."""

    record: T
    created: bool


def _plain(value: Any) -> Any:
    """A JSON value standing for a field: records by label and id, dates ISO, collections as sets."""
    if isinstance(value, models.Model):
        return [value._meta.label, value.pk]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, Iterable):  # a set of choices: order and repeats do not make another request
        items = {json.dumps(p, sort_keys=True, default=str): p for p in map(_plain, value)}
        return [items[k] for k in sorted(items)]
    return str(value)


def fingerprint(target: str, fields: Mapping[str, Any]) -> str:
    plain = {"target": target} | {name: _plain(value) for name, value in fields.items()}
    return hashlib.sha256(json.dumps(plain, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def clean_key(key: str | None) -> str:
    """The key as given (empty: no key); refused when too long or not printable ASCII."""
    key = key or ""
    if len(key) > MAX_KEY or not all(" " < ch < "\x7f" for ch in key):
        raise ValidationFailed(
            _("Idempotensnyckeln får vara högst %(n)s synliga ASCII-tecken.") % {"n": MAX_KEY},
            field="idempotency_key",
            code="invalid_idempotency_key",
        )
    return key


def create_once(
    *, user: Any, key: str | None, model: type[T], fields: Mapping[str, Any], create: Callable[[], T]
) -> Once[T]:
    """``create()`` unless this user's ``key`` already created a ``model`` record with the same fields.

    ``fields`` are what the request asks for (without the user). Atomic; inside the creating
    service's transaction when called from one.
    """
    from vanort.cooperation.models import IdempotencyKey

    target = model._meta.model_name or model.__name__
    key = clean_key(key)
    if not key or not getattr(user, "pk", None):
        return Once(create(), True)
    print_ = fingerprint(target, fields)
    with transaction.atomic():
        IdempotencyKey.objects.filter(user=user, created_at__lt=timezone.now() - KEEP).delete()
        try:
            with transaction.atomic():  # a savepoint: a concurrent claim of the key fails alone
                claim = IdempotencyKey.objects.create(user=user, key=key, target=target, fingerprint=print_)
                record = create()
                IdempotencyKey.objects.filter(pk=claim.pk).update(target_id=record.pk)
                return Once(record, True)
        except IntegrityError:
            earlier = IdempotencyKey.objects.filter(user=user, key=key).first()
            if earlier is None:  # the integrity error was the record's own
                raise
        if earlier.target != target or earlier.fingerprint != print_ or earlier.target_id is None:
            raise ValidationFailed(
                _("Idempotensnyckeln är redan använd för en annan begäran. Använd en ny nyckel för en ny post."),
                field="idempotency_key",
                code="idempotency_key_reused",
            )
        return Once(model._default_manager.get(pk=earlier.target_id), False)
