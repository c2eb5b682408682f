import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from modelsearch.index import get_indexed_models
from wagtail.models import Locale, Page, Site
from wagtail.search.backends import get_search_backend

from tests.factories import (
    ArticlePageFactory,
    CategoryPageFactory,
    HelpCenterPageFactory,
    UserFactory,
)

# django-modelsearch's own suite runs under its own settings with `django test`
# (tools/modelsearch_suite.py, part of `make test`), not in this pytest session.
collect_ignore = ["modelsearch_suite"]


@pytest.fixture(autouse=True)
def clear_cache():
    """Page ids are reused after each test's rollback: never serve a cached vocabulary,
    rendition or site root from another test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def search_index(db):
    """An empty search engine index (the database one is rolled back with each test),
    with its mappings in place, as ``update_index`` leaves it."""
    if settings.SEARCH_ENGINE == "opensearch":
        backend = get_search_backend()
        backend.reset_indexes()
        for model in get_indexed_models():
            backend.get_index_for_model(model).add_model(model)
    return get_search_backend()


@pytest.fixture
def site_home(db):
    """The host site's home page that Wagtail's migrations create ("Welcome...")."""
    return Site.objects.get(is_default_site=True).root_page


@pytest.fixture
def help_center(site_home):
    return HelpCenterPageFactory(parent=site_home, title="Acme Help", slug="help")


@pytest.fixture
def category(help_center):
    return CategoryPageFactory(parent=help_center, title="Billing", slug="billing")


@pytest.fixture
def article(category):
    return ArticlePageFactory(parent=category, title="Download an invoice", slug="invoices")


@pytest.fixture
def internal_category(help_center):
    return CategoryPageFactory(
        parent=help_center, title="Support playbook", slug="playbook", audience="internal"
    )


@pytest.fixture
def internal_article(internal_category):
    return ArticlePageFactory(
        parent=internal_category, title="Refund escalation steps", slug="refund-escalation"
    )


@pytest.fixture(scope="session")
def debian_dictionaries():
    """The directory of Debian's hunspell-lv, myspell-fa, hunspell-nl and hunspell-en-us
    dictionaries, fetched once (tools/dictionaries.py); an error when they cannot be."""
    from tools.dictionaries import fetch

    return fetch()


@pytest.fixture
def dutch(db):
    """A second content language (the test site is multilingual: en, nl, fa, lv, zh-hans)."""
    return Locale.objects.create(language_code="nl")


@pytest.fixture
def persian(db):
    """A right-to-left content language."""
    return Locale.objects.create(language_code="fa")


@pytest.fixture
def latvian(db):
    return Locale.objects.create(language_code="lv")


@pytest.fixture
def chinese(db):
    """Simplified Chinese: words are not separated by spaces."""
    return Locale.objects.create(language_code="zh-hans")


@pytest.fixture
def staff_user(db):
    return UserFactory(username="staff", groups=[Group.objects.get(name="Editors")])


@pytest.fixture
def moderator(db):
    """A member of the Moderators group (discussions)."""
    return UserFactory(
        username="mod", email="mod@example.com", first_name="Mo",
        groups=[Group.objects.get(name="Moderators")],
    )  # fmt: skip


@pytest.fixture
def customer(db):
    """A logged-in visitor who is not staff."""
    return UserFactory(username="customer")


@pytest.fixture
def tree_root(db):
    return Page.get_first_root_node()
