"""The one NinjaAPI instance; OpenAPI docs at /api/docs."""

from typing import Any

from ninja import NinjaAPI

from vanort.api import aid, cooperation, docs, errors, motions, registry, search
from vanort.api.openapi import add_error_responses


class VanortAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        return add_error_responses(super().get_openapi_schema(**kwargs))


api = VanortAPI(
    title="Vänort API",
    version="1",
    description=docs.description(),
    urls_namespace="api",
)
errors.install(api)
docs.install()
api.add_router("/", registry.router)
api.add_router("/", search.router)
api.add_router("/", aid.router)
api.add_router("/", motions.router)
api.add_router("/", cooperation.router)
