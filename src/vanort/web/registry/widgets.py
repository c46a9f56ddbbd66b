"""The place picker: a search box that lists matching places as you type (htmx), a radio list to choose.

Without JavaScript the form still works: the typed text is sent with the form, and the form either
takes the one matching place or shows the matches to choose from (`PlacePickerMixin`).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse

from vanort.registry import selectors

PICKER_LIMIT = 20


def place_matches(query: str) -> list[Any]:
    """Places whose name (any language, any accents or case) contains the query; short queries find nothing."""
    query = (query or "").strip()
    if len(query) < 2:
        return []
    return list(selectors.place_list(q=query[:100])[:PICKER_LIMIT])


class PlacePicker(forms.Widget):
    template_name = "web/registry/place_picker.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.query = ""
        self.matches: list[Any] = []

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"].update(
            query=self.query,
            matches=self.matches,
            selected=str(value or ""),
            url=reverse("web:place_picker", args=[name]),
        )
        return context

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return data.get(name)


class PlacePickerMixin:
    """For forms with PlacePicker fields: fill in what the picker shows, and resolve a typed name."""

    picker_fields: tuple[str, ...] = ()

    def setup_pickers(self) -> None:
        form: Any = self
        for name in self.picker_fields:
            if name not in form.fields:
                continue
            widget = form.fields[name].widget
            widget.query = (form.data.get(form.add_prefix(f"{name}_q")) or "") if form.is_bound else ""
            widget.matches = place_matches(widget.query)
            chosen = form.data.get(form.add_prefix(name)) if form.is_bound else form.initial.get(name)
            chosen_pk = getattr(chosen, "pk", chosen)
            if chosen_pk and str(chosen_pk).isdigit() and all(str(p.pk) != str(chosen_pk) for p in widget.matches):
                place = selectors.place_among(form.fields[name].queryset, chosen_pk)
                if place is not None:
                    widget.matches.insert(0, place)

    def resolve_pickers(self, data: dict[str, Any]) -> None:
        """A typed name without a choice: one match is taken; several must be chosen from."""
        form: Any = self
        from django.utils.translation import gettext as _

        for name in self.picker_fields:
            widget = form.fields[name].widget if name in form.fields else None
            if widget is None or data.get(name) or not widget.query.strip():
                continue
            if len(widget.matches) == 1:
                data[name] = widget.matches[0]
            elif widget.matches:
                form.add_error(name, _("Flera orter matchar. Välj en av dem i listan."))
