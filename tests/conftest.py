"""Shared fixtures: reference data, Huddinge, users with roles. Real database, no mocks."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import pytest

os.environ.setdefault("VANORT_LOCAL", "1")

_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def _swedish_first() -> Any:
    """Each test starts in Swedish: `reverse()` outside a request uses the thread's active
    language, which an earlier test's /uk/ or /en/ request would otherwise leave behind."""
    from django.utils import translation

    translation.activate("sv")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty cache: cached figures (the statistics) are keyed on the
    register's ids, which SQLite hands out again after a test's rollback."""
    from django.core.cache import cache

    cache.clear()


def pytest_configure(config: Any) -> None:
    """Test users need no strong password hashing (it would dominate the suite's time), and
    background jobs run inside enqueue(), so a test sees their result at once. With `-n`, tests
    marked `xdist_group` run in one worker, so they can share what a module computed once."""
    from django.conf import settings

    if getattr(config.option, "dist", "no") == "load":
        config.option.dist = "loadgroup"
    if getattr(config, "workerinput", {}).get("loadgroup"):
        # A worker decides before conftests run, from its own `-n` alone (so: off); the controller says.
        config.option.loadgroup = True

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """Tell each xdist worker that groups are on (it then names a grouped test's node id after its
    group, which is how the controller sees the group). Note: pytest 9.2 ignores that renaming
    (pytest-xdist issue 1386), so until xdist is fixed groups are not kept together."""
    node.workerinput["loadgroup"] = node.config.option.dist == "loadgroup"


def pytest_collection_modifyitems(items: list[Any]) -> None:
    """The browser tests run last. Once Playwright has started in a worker, an event loop runs in its
    thread and Django's ORM needs DJANGO_ALLOW_ASYNC_UNSAFE (tests/browser/conftest.py); so no other
    test runs after them in the same worker, and no other test runs with that switch on."""
    items.sort(key=lambda item: "browser" in getattr(item, "fixturenames", ()))  # stable: order kept


@pytest.fixture(scope="session")
def django_db_setup(
    request: Any, django_test_environment: None, django_db_blocker: Any, django_db_modify_db_settings: None
) -> Iterator[None]:
    """The test database, migrated and with the reference data loaded once; each test's transaction
    rolls back to them. pytest-django's own set-up, except that the in-memory SQLite database is
    copied from a template the same migrations and loader made (tests/helpers_db.py)."""
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _get_databases_for_setup

    from tests.helpers_db import DatabaseCopy, SqliteTemplate, instead_of_flush, is_in_memory_sqlite
    from vanort.registry.reference import reference_load

    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    verbosity = request.config.option.verbose

    def set_up() -> Any:
        return setup_databases(verbosity, interactive=False, aliases=aliases, serialized_aliases=serialized_aliases)

    with ExitStack() as after_the_session:
        with django_db_blocker.unblock():
            if not is_in_memory_sqlite():
                databases = set_up()
                reference_load()
            else:
                template = SqliteTemplate()
                with template.locked():
                    if template.exists():
                        with template.instead_of_migrate():
                            databases = set_up()
                    else:
                        databases = set_up()
                        reference_load()
                        template.save()
                after_the_session.enter_context(instead_of_flush(DatabaseCopy()))
        yield
        with django_db_blocker.unblock():
            teardown_databases(databases, verbosity=verbosity)


@pytest.fixture
def reference_data(db: Any) -> None:
    """Reference data are there already, unless a transactional test flushed the database."""
    from vanort.registry.models import Place
    from vanort.registry.reference import reference_load

    if not Place.objects.filter(code="0126", country_id="SE").exists():
        reference_load()


@pytest.fixture
def huddinge(reference_data: None) -> Any:
    from vanort.registry.selectors import place_by_code

    return place_by_code("0126")


@pytest.fixture
def botkyrka(reference_data: None) -> Any:
    from vanort.registry.selectors import place_by_code

    return place_by_code("0127")


@pytest.fixture
def demo(reference_data: None) -> None:
    from vanort.registry.demo import load_demo

    load_demo()


@pytest.fixture
def user_factory(db: Any) -> Any:
    from vanort.accounts import services

    def make(*, role: str | None = None, municipality: Any = None, superuser: bool = False, **_: Any) -> Any:
        user = services.user_create(username=f"user{next(_counter)}", password="pw-Secret-123", is_superuser=superuser)
        if role:
            services.membership_grant(user=user, municipality_id=municipality.pk, role=role)
        return user

    return make


@pytest.fixture
def case_officer(user_factory: Any, huddinge: Any) -> Any:
    return user_factory(role="case_officer", municipality=huddinge)


@pytest.fixture
def registrar(user_factory: Any, huddinge: Any) -> Any:
    return user_factory(role="registrar", municipality=huddinge)


@pytest.fixture
def other_officer(user_factory: Any, botkyrka: Any) -> Any:
    """A case officer of another municipality (Botkyrka)."""
    return user_factory(role="case_officer", municipality=botkyrka)


@pytest.fixture
def admin_user(user_factory: Any) -> Any:
    return user_factory(superuser=True)


@pytest.fixture
def place_factory(reference_data: None) -> Any:
    from vanort.registry import services

    def make(name: str = "Testort", country: str = "FI", kind: str = "city", **kwargs: Any) -> Any:
        return services.place_upsert(kind=kind, country_code=country, name=f"{name}{next(_counter)}", **kwargs)

    return make


@pytest.fixture
def partnership_factory(admin_user: Any, huddinge: Any, place_factory: Any) -> Any:
    from vanort.core.partial_dates import PartialDate
    from vanort.registry import services

    def make(
        *, a: Any = None, b: Any = None, kind: str = "twin_town", start: str | None = "1990", **kwargs: Any
    ) -> Any:
        return services.partnership_create(
            user=admin_user,
            place_a=a or huddinge,
            place_b=b or place_factory(),
            kind=kind,
            start=PartialDate.parse(start) if start else None,
            **kwargs,
        )

    return make
