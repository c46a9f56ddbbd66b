"""The one NinjaAPI instance; OpenAPI docs at /api/docs."""

from ninja import NinjaAPI

from vanort.api import aid, cooperation, docs, errors, motions, registry, search

api = NinjaAPI(
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
