from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone
from wagtail.models import BaseViewRestriction, PageViewRestriction

from tests.factories import (
    ArticlePageFactory,
    CategoryPageFactory,
    FAQPageFactory,
    add_faq_items,
)
from wagtail_helpcenter.blocks import anchor_for
from wagtail_helpcenter.models import ArticlePage, CategoryPage, FAQPage, HelpCenterPage

pytestmark = pytest.mark.django_db


class TestPageTypeRules:
    def test_help_center_holds_categories_and_faq_pages(self, help_center):
        assert set(help_center.specific_class.allowed_subpage_models()) == {CategoryPage, FAQPage}
        assert not ArticlePage.can_create_at(help_center)

    def test_categories_nest_and_hold_articles_and_faq_pages(self, category):
        assert CategoryPage.can_create_at(category)
        assert ArticlePage.can_create_at(category)
        assert FAQPage.can_create_at(category)
        assert not HelpCenterPage.can_create_at(category)

    def test_articles_and_faq_pages_are_leaves(self, article, category):
        faq_page = FAQPageFactory(parent=category)
        assert ArticlePage.allowed_subpage_models() == []
        assert FAQPage.allowed_subpage_models() == []
        assert not CategoryPage.can_create_at(article)
        assert not ArticlePage.can_create_at(faq_page)

    def test_category_cannot_sit_outside_a_help_center(self, site_home):
        assert not CategoryPage.can_create_at(site_home)
        assert HelpCenterPage.can_create_at(site_home)


class TestArticleReview:
    def test_unpublished_article_has_no_due_date(self, category):
        article = ArticlePageFactory(parent=category, live=False, first_published_at=None)
        assert article.review_due_date is None
        assert not article.is_review_overdue

    def test_due_date_counts_from_last_review_with_default_interval(self, article):
        article.last_reviewed = date(2026, 1, 1)
        assert article.review_due_date == date(2026, 1, 1) + timedelta(days=180)

    def test_own_interval_wins_over_setting(self, article):
        article.last_reviewed = date(2026, 1, 1)
        article.review_interval_days = 30
        assert article.review_due_date == date(2026, 1, 31)

    @override_settings(WAGTAIL_HELPCENTER={"REVIEW_INTERVAL_DAYS": 10})
    def test_setting_changes_default_interval(self, article):
        article.last_reviewed = date(2026, 1, 1)
        assert article.review_due_date == date(2026, 1, 11)

    def test_never_reviewed_counts_from_first_publication(self, article):
        article.first_published_at = timezone.now() - timedelta(days=181)
        assert article.is_review_overdue
        article.first_published_at = timezone.now() - timedelta(days=10)
        assert not article.is_review_overdue

    def test_overdue_exactly_after_due_date(self, article):
        today = timezone.localdate()
        article.review_interval_days = 30
        article.last_reviewed = today - timedelta(days=30)
        assert not article.is_review_overdue
        article.last_reviewed = today - timedelta(days=31)
        assert article.is_review_overdue


class TestHeadingsAndAnchors:
    def body(self, *headings):
        return [
            {"type": "heading", "value": {"text": text, "level": level, "anchor": anchor}}
            for text, level, anchor in headings
        ]

    def test_table_of_contents_in_order_with_anchors(self, category):
        article = ArticlePageFactory(
            parent=category,
            body=self.body(("Before you start", "h2", ""), ("Étape deux", "h3", "custom")),
        )
        assert article.table_of_contents == [
            {"anchor": "before-you-start", "text": "Before you start", "level": "h2"},
            {"anchor": "custom", "text": "Étape deux", "level": "h3"},
        ]

    def test_duplicate_anchors_are_refused_with_a_clear_message(self, category):
        article = ArticlePageFactory(parent=category)
        article.body = self.body(("Billing", "h2", ""), ("billing", "h3", ""))
        with pytest.raises(ValidationError) as error:
            article.full_clean()
        assert "billing" in str(error.value.message_dict["body"])

    def test_anchor_never_empty(self):
        assert anchor_for("🙂🙂") == "section"
        assert anchor_for("Как оплатить") == "как-оплатить"


class TestFAQAnchors:
    def test_items_get_unique_anchors_and_keep_editor_ones(self, category):
        faq_page = FAQPageFactory(parent=category)
        add_faq_items(
            faq_page,
            ("How do I pay?", "<p>By card.</p>"),
            ("How do I pay?", "<p>Or by transfer.</p>"),
            ("Refunds?", "<p>Within 14 days.</p>"),
        )
        faq_page.faq_items.add(
            faq_page.faq_items.model(question="Custom", answer="<p>x</p>", anchor="mine")
        )
        faq_page.save_revision().publish()
        faq_page.refresh_from_db()
        anchors = [item.anchor for item in faq_page.faq_items.all()]
        assert anchors == ["how-do-i-pay", "how-do-i-pay-2", "refunds", "mine"]


class TestAudience:
    def restriction_of(self, page):
        return PageViewRestriction.objects.filter(page=page).first()

    def test_internal_page_gets_group_restriction(self, internal_category):
        restriction = self.restriction_of(internal_category)
        assert restriction.restriction_type == BaseViewRestriction.GROUPS
        assert {group.name for group in restriction.groups.all()} == {"Editors", "Moderators"}

    def test_public_page_has_no_restriction(self, category):
        assert self.restriction_of(category) is None

    def test_back_to_public_removes_only_the_managed_restriction(self, internal_category):
        internal_category.audience = "public"
        internal_category.save_revision().publish()
        assert self.restriction_of(internal_category) is None

    def test_editor_set_password_restriction_is_kept(self, category):
        PageViewRestriction.objects.create(
            page=category, restriction_type=BaseViewRestriction.PASSWORD, password="s3cret"
        )
        category.audience = "internal"
        category.save_revision().publish()
        category.audience = "public"
        category.save_revision().publish()
        restriction = self.restriction_of(category)
        assert restriction.restriction_type == BaseViewRestriction.PASSWORD

    def test_empty_group_list_means_logged_in_users(self, help_center):
        with override_settings(WAGTAIL_HELPCENTER={"INTERNAL_GROUPS": []}):
            category = CategoryPageFactory(parent=help_center, audience="internal")
            assert self.restriction_of(category).restriction_type == BaseViewRestriction.LOGIN
            category.audience = "public"
            category.save_revision().publish()
            assert self.restriction_of(category) is None

    def test_missing_group_fails_closed_and_logs(self, help_center, caplog):
        with override_settings(WAGTAIL_HELPCENTER={"INTERNAL_GROUPS": ["Support", "Editors"]}):
            category = CategoryPageFactory(parent=help_center, audience="internal")
        restriction = self.restriction_of(category)
        assert [group.name for group in restriction.groups.all()] == ["Editors"]
        assert "Support" in caplog.text
        assert not Group.objects.filter(name="Support").exists()

    def test_draft_change_does_not_touch_live_restriction(self, internal_category):
        internal_category.audience = "public"
        internal_category.save_revision()  # a draft: visitors still see the live version
        assert self.restriction_of(internal_category) is not None


def test_overdue_query_agrees_with_the_model_property(category):
    from wagtail_helpcenter.review import overdue

    today = timezone.localdate()
    now = timezone.now()
    cases = [
        {"last_reviewed": today - timedelta(days=181)},
        {"last_reviewed": today - timedelta(days=180)},
        {"last_reviewed": today - timedelta(days=31), "review_interval_days": 30},
        {"last_reviewed": today - timedelta(days=29), "review_interval_days": 30},
        {"last_reviewed": None, "first_published_at": now - timedelta(days=200)},
        {"last_reviewed": None, "first_published_at": now - timedelta(days=20)},
        {"last_reviewed": None, "first_published_at": None, "live": False},
    ]
    articles = [ArticlePageFactory(parent=category, **fields) for fields in cases]
    expected = {article.pk for article in articles if article.is_review_overdue}
    assert {article.pk for article in overdue(ArticlePage.objects.all())} == expected
    assert len(expected) == 3
