"""The web app's URLs (namespace "web"): each domain's pages in its own `urls.py`, in this order."""

from vanort.web.about import urls as about
from vanort.web.accounts import urls as accounts
from vanort.web.aid import urls as aid
from vanort.web.cooperation import urls as cooperation
from vanort.web.documents import urls as documents
from vanort.web.insight import urls as insight
from vanort.web.motions import urls as motions
from vanort.web.registry import urls as registry
from vanort.web.search import urls as search

app_name = "web"

urlpatterns = [
    *registry.urlpatterns,
    *insight.urlpatterns,
    *search.urlpatterns,
    *about.urlpatterns,
    *aid.urlpatterns,
    *documents.urlpatterns,
    *accounts.urlpatterns,
    *motions.urlpatterns,
    *cooperation.urlpatterns,
]
