"""Internal pages never reach a visitor who may not see them, through any path."""

import pytest
from django.test import override_settings
from wagtail.models import BaseViewRestriction, PageViewRestriction

from tests.factories import ArticlePageFactory, CategoryPageFactory, UserFactory
from wagtail_helpcenter.models import ArticleRelatedLink
from wagtail_helpcenter.visibility import PageVisibility

pytestmark = pytest.mark.django_db

SECRET = "Refund escalation steps"


@pytest.fixture
def public_article(category, internal_article):
    """A public article whose editor picked an internal one as related."""
    article = ArticlePageFactory(parent=category, title="Request a refund")
    article.related_links.add(ArticleRelatedLink(article=internal_article))
    article.save_revision().publish()
    return article


def paths_for(help_center, public_article, internal_article):
    return [
        help_center.url,
        public_article.get_parent().url,
        public_article.url,
        help_center.url + "search/?q=refund",
    ]


@pytest.mark.parametrize("who", ["anonymous", "customer"])
def test_visitors_never_see_internal_pages(
    client, who, customer, help_center, public_article, internal_article
):
    if who == "customer":
        client.force_login(customer)
    for path in paths_for(help_center, public_article, internal_article):
        response = client.get(path)
        assert response.status_code == 200, path
        content = response.content.decode()
        assert SECRET not in content, path
        assert "Support playbook" not in content, path
        assert internal_article.url not in content, path


@pytest.mark.parametrize("who", ["anonymous", "customer"])
def test_visitors_cannot_open_internal_pages(client, who, customer, internal_article):
    if who == "customer":
        client.force_login(customer)
    for page in (internal_article, internal_article.get_parent()):
        response = client.get(page.url)
        assert response.status_code in (302, 403), page.url
        assert SECRET not in response.content.decode()


def test_counts_ignore_internal_articles(client, help_center, category, internal_article):
    ArticlePageFactory(parent=category)
    response = client.get(help_center.url).content.decode()
    assert "1 article" in response
    assert "articles" not in response.split("Billing", 1)[1].split("</li>", 1)[0]


@pytest.mark.parametrize("who", ["staff", "superuser"])
def test_staff_see_internal_pages_everywhere(
    client, who, staff_user, help_center, public_article, internal_article
):
    user = staff_user if who == "staff" else UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    assert client.get(internal_article.url).status_code == 200
    assert "Support playbook" in client.get(help_center.url).content.decode()
    assert SECRET in client.get(public_article.url).content.decode()
    assert SECRET in client.get(help_center.url + "search/?q=refund").content.decode()


def test_password_section_visible_only_after_password(client, help_center, category):
    partners = CategoryPageFactory(parent=help_center, title="Partner area")
    ArticlePageFactory(parent=partners, title="Partner pricing")
    restriction = PageViewRestriction.objects.create(
        page=partners, restriction_type=BaseViewRestriction.PASSWORD, password="letmein"
    )
    assert "Partner area" not in client.get(help_center.url).content.decode()
    session = client.session
    session[restriction.passed_view_restrictions_session_key] = [restriction.pk]
    session.save()
    assert "Partner area" in client.get(help_center.url).content.decode()


def test_visibility_without_request_hides_every_restricted_section(internal_article, category):
    visibility = PageVisibility(None)
    assert not visibility.can_view(internal_article)
    assert visibility.can_view(category)


def test_draft_articles_are_not_listed(client, category):
    ArticlePageFactory(parent=category, title="Unfinished answer", live=False)
    assert "Unfinished answer" not in client.get(category.url).content.decode()


def page_link(page, text):
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


@override_settings(WAGTAIL_HELPCENTER={"RELATED_ARTICLES": 0})  # count the body's links only
def test_rich_text_links_to_internal_or_draft_pages_become_text(
    client, staff_user, category, internal_article
):
    draft = ArticlePageFactory(parent=category, title="Draft", slug="draft-answer", live=False)
    public = ArticlePageFactory(parent=category, title="Public", slug="public-answer")
    body = (
        f"<p>See {page_link(internal_article, 'the playbook')}, "
        f"{page_link(draft, 'the draft')} and {page_link(public, 'the public one')}.</p>"
    )
    article = ArticlePageFactory(
        parent=category,
        body=[
            {"type": "paragraph", "value": body},
            {"type": "callout", "value": {"kind": "note", "title": "", "text": body}},
            {"type": "steps", "value": [{"title": "One", "text": body}]},
        ],
    )
    content = client.get(article.url).content.decode()
    assert content.count("the playbook") == 3
    assert internal_article.url not in content
    assert draft.url not in content
    assert content.count(f'href="{public.url}"') == 3

    client.force_login(staff_user)
    content = client.get(article.url).content.decode()
    assert content.count(f'href="{internal_article.url}"') == 3
    assert draft.url not in content


def test_faq_answer_links_follow_the_same_rule(client, category, internal_article):
    from tests.factories import FAQPageFactory, add_faq_items

    faq_page = add_faq_items(
        FAQPageFactory(parent=category),
        ("Escalate?", f"<p>Read {page_link(internal_article, 'the escalation steps')}.</p>"),
    )
    content = client.get(faq_page.url).content.decode()
    assert "the escalation steps" in content
    assert internal_article.url not in content
