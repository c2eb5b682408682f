import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale, Page, Site


@pytest.fixture
def site_home(transactional_db):
    """A default site with a home page. Transactional tests empty every table afterwards,
    Wagtail's initial site, root page and locale included: recreate what is missing."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        return site.root_page
    Locale.objects.get_or_create(language_code="en")
    for name in ("Editors", "Moderators"):
        Group.objects.get_or_create(name=name)
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=Page(title="Home", slug="home"))
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home
