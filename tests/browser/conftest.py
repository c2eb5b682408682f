import os
import shutil
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale, Page, Site

# Playwright's sync API runs an event loop in this thread; the ORM calls made here by the
# tests themselves (fixtures) are ordinary synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Screenshots of the public pages, kept as CI artifacts (README: "Screenshots").
SCREENSHOTS = Path(os.environ.get("HELPCENTER_SCREENSHOTS", "screenshots"))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("HELPCENTER_CHROMIUM") or shutil.which("chromium") or ""
    if not os.path.exists(executable):
        pytest.fail(
            "No Chromium: run the browser tests with `make test-browser`, which installs "
            "Debian's package when it is missing, or set HELPCENTER_CHROMIUM."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page_in(browser):
    """A new browser page (closed afterwards): ``page_in(width=390, height=844)``."""
    contexts = []

    def open_page(width=1280, height=900):
        context = browser.new_context(viewport={"width": width, "height": height})
        in_flight = context.in_flight = set()
        context.on("request", lambda request: in_flight.add(request))
        context.on("requestfinished", lambda request: in_flight.discard(request))
        context.on("requestfailed", lambda request: in_flight.discard(request))
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        leave_every_page(context)
        context.close()


GRACE_MS = 250


def leave_every_page(context, seconds=5):
    """Leave the pages and wait for the reports they send as they go (reading time): a
    report still arriving while the test database is emptied fails the flush."""
    pages = context.pages
    for page in pages:
        page.goto("about:blank")
    if not pages:
        return
    # A keepalive request sent on pagehide may not be reported as the page goes: give it
    # a moment to start, then wait for every request still running. (Playwright hands
    # over its events while it waits, not while Python sleeps.)
    pages[0].wait_for_timeout(GRACE_MS)
    deadline = time.monotonic() + seconds
    while context.in_flight and time.monotonic() < deadline:
        pages[0].wait_for_timeout(50)
    pages[0].wait_for_timeout(GRACE_MS)


@pytest.fixture
def site_home(transactional_db):
    """A default site with a home page. Transactional tests empty every table afterwards,
    Wagtail's initial site, root page and locale included: recreate what is missing."""
    from django.contrib.sites.models import Site as DjangoSite

    DjangoSite.objects.get_or_create(pk=1, defaults={"domain": "localhost", "name": "localhost"})
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        return site.root_page
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    recreate_wagtail_groups(root)
    home = root.add_child(instance=Page(title="Home", slug="home"))
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home


def recreate_wagtail_groups(root):
    """Editors and Moderators as Wagtail's migrations make them (admin access, page
    permissions from the root), and the moderators' discussion permissions."""
    from importlib import import_module

    from django.contrib.auth.models import Permission
    from wagtail.models import GroupPagePermission

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    page_actions = {
        "Editors": ["add_page", "change_page"],
        "Moderators": ["add_page", "change_page", "publish_page"],
    }
    for name, codenames in page_actions.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(permission("wagtailadmin", "access_admin"))
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=permission("wagtailcore", codename)
            )
    discussions = import_module(
        "wagtail_helpcenter.discussions.migrations.0002_moderators_permissions"
    )
    moderators = Group.objects.get(name="Moderators")
    for app_label, codename in discussions.CODENAMES:
        moderators.permissions.add(permission(app_label, codename))
