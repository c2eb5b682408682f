"""Internal pages never reach a visitor, through any public path at once: page URLs,
listings, search (HTML, JSON, suggestions), feeds, the sitemap, the read API, related
articles and FAQ answers. A marker word appears only in internal content; no response
to a visitor may contain it."""

import pytest
from django.test import Client

from tests.factories import (
    ArticlePageFactory,
    CategoryPageFactory,
    FAQPageFactory,
    add_faq_items,
)
from wagtail_helpcenter.models import ArticleRelatedLink

pytestmark = pytest.mark.django_db

MARKER = "zqxsecret"


@pytest.fixture
def site(help_center, category, internal_category):
    internal_sub = CategoryPageFactory(parent=internal_category, title=f"{MARKER} escalations")
    internal = ArticlePageFactory(
        parent=internal_category,
        title=f"Refund {MARKER} playbook",
        slug="playbook-article",
        summary=f"How staff handle {MARKER} refunds.",
        body=[{"type": "paragraph", "value": f"<p>Refund rules, {MARKER} only.</p>"}],
    )
    internal.tags.add("refunds")
    internal.save_revision().publish()
    ArticlePageFactory(parent=internal_sub, title=f"Deep {MARKER} article")
    add_faq_items(
        FAQPageFactory(parent=internal_category, title=f"{MARKER} FAQ"),
        (f"Refund {MARKER} question?", f"<p>{MARKER} answer.</p>"),
    )
    public = ArticlePageFactory(
        parent=category,
        title="Request a refund",
        slug="refund",
        summary="Money back within 14 days.",
        body=[
            {
                "type": "paragraph",
                "value": f'<p>See <a linktype="page" id="{internal.pk}">the rules</a>.</p>',
            }
        ],
    )
    public.tags.add("refunds")  # shares a tag with the internal article
    public.related_links.add(ArticleRelatedLink(article=internal))  # and an editor's pick
    public.save_revision().publish()
    return {"internal": internal, "public": public, "internal_category": internal_category}


def public_paths(help_center, category, site):
    base = help_center.url
    internal, public = site["internal"], site["public"]
    return [
        base,
        category.url,
        public.url,
        # Words of the internal content (a search page repeats its own query, so the
        # marker itself is not searched for).
        f"{base}search/?q=playbook+refund+rules",
        f"{base}search/?q=playbook+refund+rules&format=json",
        f"{base}search/suggest/?q=refu",
        f"{base}search/suggest/?q=deep",
        f"{base}feed/",
        f"{base}feed/atom/",
        f"{base}feed/?category={site['internal_category'].pk}",
        "/sitemap.xml",
        f"{base}api/categories/",
        f"{base}api/articles/",
        f"{base}api/articles/?category={site['internal_category'].pk}",
        f"{base}api/articles/{internal.pk}/",
        f"{base}api/articles/{public.pk}/",
        f"{base}api/faq/",
        internal.url,
    ]


@pytest.mark.parametrize("who", ["anonymous", "customer"])
def test_no_public_path_shows_internal_content(client, customer, help_center, category, site, who):
    if who == "customer":
        client.force_login(customer)
    paths = public_paths(help_center, category, site)
    for path in paths:
        response = client.get(path)
        assert response.status_code < 500, path
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert MARKER.encode() not in body, path
        assert site["internal"].url.encode() not in body, path


def test_staff_do_see_internal_content(client, staff_user, help_center, site):
    """The same paths are not empty by accident: staff find the internal article."""
    client.force_login(staff_user)
    search = client.get(
        f"{help_center.url}search/", {"q": "playbook refund rules", "format": "json"}
    ).json()
    assert MARKER in " ".join(result["title"] for result in search["results"])
    suggestions = client.get(f"{help_center.url}search/suggest/", {"q": "deep"}).json()
    assert [item["title"] for item in suggestions] == [f"Deep {MARKER} article"]
    assert MARKER.encode() in client.get(site["internal"].url).content


def test_votes_need_the_csrf_token(help_center, site):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"{help_center.url}feedback/", {"page": site["public"].pk, "helpful": "yes"}
    )
    assert response.status_code == 403
    page = client.get(site["public"].url)
    token = page.cookies["csrftoken"].value
    response = client.post(
        f"{help_center.url}feedback/",
        {"page": site["public"].pk, "helpful": "yes", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 303
