"""Open data downloads: `/data/` lists the datasets; `/data/<name>.<csv|json>` streams one."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render

from vanort.core.errors import ApplicationError
from vanort.insight import opendata

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


def data_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/insight/data_index.html",
        {"datasets": opendata.dataset_infos(), "licence": opendata.licence(), "formats": opendata.FORMATS},
    )


def data_download(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    try:
        filters = opendata.resolve_filters(
            dataset=name, country=request.GET.get("country"), place=request.GET.get("place")
        )
    except ApplicationError as exc:
        status = 404 if exc.code == "unknown_dataset" else 400
        return JsonResponse({"code": exc.code, "message": str(exc.message), "field": exc.field}, status=status)
    response = StreamingHttpResponse(opendata.chunks(name, fmt, filters), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="vanort-{name}.{fmt}"'
    response["X-Licence"] = opendata.licence()["name"]
    return response
