"""Forms of the document pages. They validate input shape; the document services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Fil (PDF, bild eller text)"),
        help_text=gettext_lazy(
            "PDF (med textlager eller skannad), PNG, JPEG, TIFF, eller text i UTF-8, UTF-16, cp1252 eller latin-1."
        ),
    )
    municipality = forms.ModelChoiceField(
        label=gettext_lazy("Kommun"),
        queryset=None,
        required=True,
        help_text=gettext_lazy("Kommunen som dokumentet hör till."),
    )

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]
        if len(municipalities) == 1:
            self.fields["municipality"].initial = municipalities[0].pk


class ApplyForm(forms.Form):
    version = forms.IntegerField(min_value=0)
    municipality = forms.ModelChoiceField(queryset=None, required=False)

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]
