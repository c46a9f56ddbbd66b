"""The one NinjaAPI instance; OpenAPI docs at /api/docs."""

from ninja import NinjaAPI

from vanort.api import aid, cooperation, errors, motions, registry, search

api = NinjaAPI(
    title="Vänort API",
    version="1",
    description="Twin towns, partnerships, activities and council motions of Swedish municipalities. "
    "Reads are public; writes need a token (Authorization: Bearer …) or a session with CSRF.",
    urls_namespace="api",
)
errors.install(api)
api.add_router("/", registry.router)
api.add_router("/", search.router)
api.add_router("/", aid.router)
api.add_router("/", motions.router)
api.add_router("/", cooperation.router)
