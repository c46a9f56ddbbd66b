"""`GET /api/search?q=TEXT` → {"results": [{type, title, url, snippet}]}."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from vanort.api.auth import viewer
from vanort.pages import page_url
from vanort.search import selectors as site_search

router = Router(tags=["search"])


class ResultOut(Schema):
    type: str = Field(
        description="What the hit is: `place`, `partnership`, `activity`, `motion`, `document`, `need` or `offer`.",
        examples=["place"],
    )
    title: str = Field(
        description="The record's name: a place's name, a partnership's two places (\"Huddinge – Vanda\"), "
        "an activity's or motion's title, a document's title.",
        examples=["Trostianets"],
    )
    url: str = Field(description="Path of the record's page in the web app.", examples=["/orter/12/"])
    snippet: str = Field(
        description="A short line of context: kind and country, kind and start, date and municipality, "
        "diarienummer and state, or the document's opening text.",
        examples=["Hromada, Ukraina"],
    )


class SearchOut(Schema):
    results: list[ResultOut] = Field(description="Best first; at most 50.")
    suggestion: str = Field("", description="When nothing is found, a spelling that would find something (else empty).")


class SearchIn(Schema):
    q: str = Field(
        "",
        description="Words to find. Accents and case do not matter (vanort = vänort), Swedish endings are "
        "stemmed (vänorter = vänort), Ukrainian names match in Cyrillic and in the common Latin spellings "
        "(Тростянець = Trostianets = Trostyanets = Trostjanets). At most 1000 characters; no NUL bytes.",
        examples=["Trostyanets"],
    )
    type: str = Field(
        "",
        description="Only hits of this type: place, partnership, activity, motion, document, need or offer "
        "(empty: all).",
        examples=["partnership"],
    )


@router.get(
    "/search",
    response={200: SearchOut},
    summary="Search the register, motions, documents, needs and offers",
    description="One ranked list over places, partnerships, activities, motions, documents and published "
    "needs and offers. Public records "
    "for everyone; drafts and documents under review only for those who may see them (token or session). "
    "Errors: 422 `invalid_query` for a NUL byte or a query over 1000 characters, 422 `invalid` for an "
    "unknown `type`.",
)
def search(request: HttpRequest, params: Query[SearchIn]) -> Any:
    kinds = dict(site_search.kinds())
    if params.type and params.type not in kinds:
        from vanort.core.errors import ValidationFailed

        raise ValidationFailed(
            _("Okänd typ %(type)s (tillåtna: %(kinds)s).") % {"type": params.type[:40], "kinds": ", ".join(kinds)},
            field="type",
        )
    answer = site_search.search_answer(params.q, kinds=[params.type] if params.type else (), viewer=viewer(request))
    results = [
        {"type": r.type, "title": r.title, "url": page_url(r.target), "snippet": r.snippet} for r in answer.results
    ]
    return {"results": results, "suggestion": answer.suggestion}
