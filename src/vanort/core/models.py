"""Base model: timestamps and a version number for optimistic locking.

Every editable record carries `version`; an update names the version it was based on and
is refused (409 / form error) when someone saved in between, instead of silently
overwriting their change.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vanort.core.bounds import check_fields, int_range
from vanort.core.errors import Conflict, ValidationFailed
from vanort.core.partial_dates import PartialDate, PartialDateError


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.sync_derived()
        super().save(*args, **kwargs)

    def sync_derived(self) -> tuple[str, ...]:
        """Set the fields computed from others and name them; a model with such fields overrides this.
        Called before validation, on `save()` and by `update_versioned` (which skips `save()`)."""
        return ()

    def clean_fields(self, exclude: Any = None) -> None:
        self.sync_derived()
        super().clean_fields(exclude=exclude)
        check_fields(self)


class AppendOnly(Exception):
    """A change or deletion of a record that is history (motion events, audit entries)."""


class AppendOnlyQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnly(f"{self.model.__name__} rows cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnly(f"{self.model.__name__} rows cannot be deleted")


class AppendOnlyModel(models.Model):
    """Written once, never updated, never deleted — not even in bulk (the queryset refuses too)."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnly(f"{type(self).__name__} rows cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnly(f"{type(self).__name__} rows cannot be deleted")


def validate(instance: models.Model, *, fields: Iterable[str] | None = None) -> None:
    """Model validation plus the shared bounds (`core.bounds`), reported as ValidationFailed
    naming the first field at fault: web forms, the API and the CLI all show it as such.

    With `fields`, only those fields' own checks (and unique checks and constraints that
    involve them) run; the model's `clean()` and the bounds always do. An update validates
    what it changes: the rest was validated when it was written, and re-checking every
    foreign key and unique field costs a query each on every edit."""
    exclude = None
    if fields is not None:
        changed = set(fields)
        exclude = [f.name for f in instance._meta.concrete_fields if not {f.name, f.attname} & changed]
    try:
        instance.full_clean(exclude=exclude)
        check_fields(instance)
    except ValidationError as exc:
        errors = getattr(exc, "message_dict", {"__all__": exc.messages})
        field, messages = next(iter(errors.items()))
        raise ValidationFailed(str(messages[0]), field=None if field == "__all__" else field) from exc


def create_validated(model: type[models.Model], **values: Any) -> Any:
    """`objects.create` skips validation; this doesn't."""
    instance = model(**values)
    validate(instance)
    instance.save()
    return instance


def refuse_unknown_fields(changes: Iterable[str], editable: Iterable[str]) -> None:
    """An update service's first check: a field it does not edit is refused by name (422), not ignored."""
    unknown = set(changes) - set(editable)
    if unknown:
        raise ValidationFailed(gettext("Fältet kan inte ändras här."), field=sorted(unknown)[0])


def update_versioned(instance: TimeStampedModel, *, expected_version: int | None, **changes: Any) -> None:
    """Write `changes` only if the row still has `expected_version`; bump the version.

    One conditional UPDATE, so two concurrent edits of the same version cannot both win.
    """
    model = type(instance)
    version = instance.version if expected_version is None else expected_version
    low, high = int_range(model._meta.get_field("version")) or (0, 2**31 - 1)
    if not low <= version < high:  # no record has it; its successor would not fit the column (SQLite: a 500)
        raise Conflict(str(STALE_MESSAGE))
    for name, value in changes.items():
        setattr(instance, name, value)
    derived = instance.sync_derived()
    validate(instance, fields=(*changes, *derived))
    values = {name: getattr(instance, name) for name in (*changes, *derived)}
    rows = model.objects.filter(pk=instance.pk, version=version).update(
        **values, version=version + 1, updated_at=timezone.now()
    )
    if rows != 1:
        raise Conflict(str(STALE_MESSAGE))
    instance.version = version + 1


#: The answer to an edit based on an older version (409, form error, admin).
STALE_MESSAGE = _("Posten har ändrats av någon annan sedan du öppnade den. Ladda om och försök igen.")


class PartialDateField(models.CharField):
    """Stores a PartialDate as its EDTF string; Python side is a PartialDate."""

    description = "A date known to decade, year, month or day precision"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 10)
        super().__init__(*args, **kwargs)
        # The Python value is a PartialDate, not a str: the length check applies to its EDTF
        # form, which parsing already bounds.
        self.validators[:] = [v for v in self.validators if not isinstance(v, MaxLengthValidator)]

    def deconstruct(self):  # type: ignore[no-untyped-def]
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 10:
            del kwargs["max_length"]
        return name, path, args, kwargs

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> PartialDate | None:
        if value in (None, ""):
            return None
        return PartialDate.parse(value)

    def to_python(self, value: Any) -> PartialDate | None:
        if value in (None, "") or isinstance(value, PartialDate):
            return value or None
        try:
            return PartialDate.parse(str(value))
        except PartialDateError as exc:
            raise ValidationError(str(exc), code="invalid") from exc

    def get_prep_value(self, value: Any) -> str | None:
        value = self.to_python(value)
        return value.edtf() if value else None

    def value_to_string(self, obj: models.Model) -> str:
        value = self.value_from_object(obj)
        return value.edtf() if value else ""

    def formfield(self, **kwargs: Any):  # type: ignore[no-untyped-def]
        from vanort.core.forms import PartialDateFormField

        return super().formfield(**{"form_class": PartialDateFormField, **kwargs})
