"""Every public page type of the demo help center, at desktop and phone width, checked
with axe-core (from the npm registry, see tools/browser/axe.py) in headless Chromium:
no serious or critical violation. Screenshots of each are saved for people to look at
(the folder in HELPCENTER_SCREENSHOTS, "screenshots/" by default; CI keeps it)."""

import pytest

from tests.browser.conftest import SCREENSHOTS
from tools.browser.axe import axe_script
from wagtail_helpcenter.demo.builder import build_demo
from wagtail_helpcenter.models import ArticlePage, CategoryPage, FAQPage, HelpCenterPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}
SERIOUS = ("serious", "critical")


def public_pages(help_center):
    english = help_center.locale
    article = ArticlePage.objects.live().get(title="Download an invoice", locale=english)
    persian = HelpCenterPage.objects.get(locale__language_code="fa")
    return {
        "home": help_center.url,
        "category": CategoryPage.objects.get(title="Billing and invoices").url,
        "article": article.url,
        "article-with-every-block": ArticlePage.objects.get(
            title="Turn on two-factor authentication"
        ).url,
        "faq": FAQPage.objects.get(title="Billing FAQ").url,
        "search": f"{help_center.url}search/?q=invoice",
        "search-nothing-found": f"{help_center.url}search/?q=zzzzqqq",
        "contact-form": f"{help_center.url}contact/?from={article.pk}",
        "persian-home": persian.url,
        "untranslated-in-dutch": "/nl" + ArticlePage.objects.get(title="Pay by bank transfer").url,
    }


def serious_violations(page):
    page.add_script_tag(path=str(axe_script()))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in violation["nodes"][:3])
        for violation in result["violations"]
        if violation["impact"] in SERIOUS
    ]


def test_public_pages_have_no_serious_accessibility_violations(page_in, live_server, site_home):
    help_center = build_demo(site_home)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = {}
    for viewport, (width, height) in VIEWPORTS.items():
        page = page_in(width=width, height=height)
        for name, path in public_pages(help_center).items():
            response = page.goto(live_server.url + path)
            assert response.status == 200, (name, path, response.status)
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{viewport}.png"), full_page=True)
            found = serious_violations(page)
            if found:
                problems[f"{name} ({viewport})"] = found
    assert problems == {}


def test_the_checker_reports_what_it_should(page_in):
    """The harness itself: a page with an image without alt text is a violation."""
    page = page_in()
    page.set_content('<!DOCTYPE html><html lang="en"><title>t</title><img src="x.png"></html>')
    assert any(problem.startswith("image-alt (critical)") for problem in serious_violations(page))
