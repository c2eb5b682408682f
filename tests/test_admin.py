"""Editors build the help center in the Wagtail admin: real admin views, real forms."""

from datetime import timedelta

from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.factories import (
    ArticlePageFactory,
    CategoryPageFactory,
    FAQPageFactory,
    HelpCenterPageFactory,
    UserFactory,
    add_faq_items,
)
from wagtail_helpcenter.models import ArticlePage, CategoryPage, FAQPage


class EditorTestCase(WagtailPageTestCase):
    def setUp(self):
        home = Site.objects.get(is_default_site=True).root_page
        self.help_center = HelpCenterPageFactory(parent=home, title="Acme Help", slug="help")
        self.category = CategoryPageFactory(parent=self.help_center, title="Billing")
        self.editor = UserFactory(
            username="editor",
            is_superuser=True,
            is_staff=True,
            groups=[Group.objects.get(name="Editors")],
        )
        self.client.force_login(self.editor)


class TestEditorCreatesPages(EditorTestCase):
    def test_create_article_with_blocks_and_related_articles(self):
        other = ArticlePageFactory(parent=self.category, title="Change your card")
        data = nested_form_data(
            {
                "title": "Download an invoice",
                "summary": "Get a PDF of any invoice.",
                "body": streamfield(
                    [
                        ("paragraph", rich_text("<p>Open Settings.</p>")),
                        ("heading", {"text": "Steps", "level": "h2", "anchor": ""}),
                        (
                            "callout",
                            {"kind": "tip", "title": "", "text": rich_text("<p>Quick.</p>")},
                        ),
                        ("code", {"language": "bash", "code": "ls"}),
                    ]
                ),
                "tags": "invoices, pdf",
                "related_links": inline_formset([{"article": other.pk}]),
                "audience": "public",
                "review_interval_days": "90",
                "last_reviewed": "",
                "content_owner": str(self.editor.pk),
            }
        )
        self.assertCanCreate(self.category, ArticlePage, data)
        article = ArticlePage.objects.get(title="Download an invoice")
        self.assertEqual(
            [block.block_type for block in article.body],
            ["paragraph", "heading", "callout", "code"],
        )
        self.assertEqual(article.related_links.get().article, other)
        self.assertEqual(article.content_owner, self.editor)
        self.assertEqual(sorted(tag.name for tag in article.tags.all()), ["invoices", "pdf"])
        self.assertPageIsRenderable(article)

    def test_create_faq_page_with_questions(self):
        data = nested_form_data(
            {
                "title": "Billing FAQ",
                "intro": rich_text("<p>Quick answers.</p>"),
                "faq_items": inline_formset(
                    [
                        {
                            "question": "When am I charged?",
                            "answer": rich_text("<p>On renewal.</p>"),
                            "anchor": "",
                        },
                        {
                            "question": "Refunds?",
                            "answer": rich_text("<p>14 days.</p>"),
                            "anchor": "",
                        },
                    ],
                    min=1,
                ),
            }
        )
        self.assertCanCreate(self.category, FAQPage, data)
        faq_page = FAQPage.objects.get(title="Billing FAQ")
        self.assertEqual(
            [item.anchor for item in faq_page.faq_items.all()], ["when-am-i-charged", "refunds"]
        )

    def test_internal_category_through_the_settings_tab(self):
        data = nested_form_data(
            {
                "title": "Support playbook",
                "description": "Staff only.",
                "icon": "shield",
                "audience": "internal",
            }
        )
        self.assertCanCreate(self.help_center, CategoryPage, data)
        category = CategoryPage.objects.get(title="Support playbook")
        self.assertTrue(category.get_view_restrictions().exists())

    def test_duplicate_heading_anchors_are_shown_as_a_form_error(self):
        data = nested_form_data(
            {
                "title": "Twice",
                "body": streamfield(
                    [
                        ("heading", {"text": "Setup", "level": "h2", "anchor": ""}),
                        ("heading", {"text": "setup", "level": "h3", "anchor": ""}),
                    ]
                ),
                "related_links": inline_formset([]),
                "audience": "public",
            }
        )
        data["slug"] = "twice"
        data["action-publish"] = "action-publish"
        url = reverse(
            "wagtailadmin_pages:add", args=["wagtail_helpcenter", "articlepage", self.category.pk]
        )
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "Two headings share the anchor “setup”", str(response.context["form"].errors["body"])
        )
        self.assertFalse(ArticlePage.objects.filter(title="Twice").exists())

    def test_article_cannot_be_added_to_the_help_center_root(self):
        url = reverse(
            "wagtailadmin_pages:add",
            args=["wagtail_helpcenter", "articlepage", self.help_center.pk],
        )
        response = self.client.get(url)
        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        self.assertFalse(ArticlePage.objects.child_of(self.help_center).exists())
        chooser = reverse("wagtailadmin_pages:add_subpage", args=[self.help_center.pk])
        self.assertNotContains(self.client.get(chooser), "articlepage")
        self.assertContains(self.client.get(chooser), "categorypage")


class TestEditorViews(EditorTestCase):
    def test_every_page_type_is_editable_and_previewable(self):
        article = ArticlePageFactory(parent=self.category)
        faq_page = add_faq_items(FAQPageFactory(parent=self.category), ("Q?", "<p>A.</p>"))
        # StreamField and inline panels are built by JavaScript, so their POST data is
        # given here instead of being read from the form's HTML.
        article_data = nested_form_data(
            {
                "title": article.title,
                "slug": article.slug,
                "summary": "Changed",
                "body": streamfield([("paragraph", rich_text("<p>Edited.</p>"))]),
                "related_links": inline_formset([]),
                "audience": "public",
            }
        )
        faq_data = nested_form_data(
            {
                "title": faq_page.title,
                "slug": faq_page.slug,
                "intro": rich_text("<p>Intro.</p>"),
                "faq_items": inline_formset(
                    [{"question": "Q?", "answer": rich_text("<p>A.</p>"), "anchor": ""}], min=1
                ),
            }
        )
        for page, post_data in (
            (self.help_center, None),
            (self.category, None),
            (article, article_data),
            (faq_page, faq_data),
        ):
            with self.subTest(page=page.specific_class.__name__):
                self.assertPageIsEditable(page, post_data=post_data)
                self.assertPageIsPreviewable(page, post_data=post_data)

    def test_article_editor_has_tabs_and_review_status(self):
        article = ArticlePageFactory(parent=self.category, last_reviewed=timezone.localdate())
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
        for tab in ("content", "related", "review", "promote", "settings"):
            self.assertContains(response, f'id="tab-label-{tab}"', msg_prefix=tab)
        self.assertContains(response, "Next review due on")

    def test_unpublished_article_explains_when_the_review_clock_starts(self):
        article = ArticlePageFactory(parent=self.category, live=False)
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
        self.assertContains(response, "The review clock starts when the article is first published")

    def test_overdue_article_is_flagged_in_the_editor(self):
        article = ArticlePageFactory(
            parent=self.category, last_reviewed=timezone.localdate() - timedelta(days=400)
        )
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
        self.assertContains(response, "This article was due for review on")


class TestReviewDashboard(EditorTestCase):
    def test_dashboard_lists_overdue_articles_only(self):
        today = timezone.localdate()
        ArticlePageFactory(
            parent=self.category, title="Stale", last_reviewed=today - timedelta(days=200)
        )
        ArticlePageFactory(
            parent=self.category,
            title="Short interval",
            last_reviewed=today - timedelta(days=40),
            review_interval_days=30,
        )
        ArticlePageFactory(
            parent=self.category, title="Fresh", last_reviewed=today - timedelta(days=5)
        )
        ArticlePageFactory(
            parent=self.category,
            title="Long interval",
            last_reviewed=today - timedelta(days=200),
            review_interval_days=365,
        )
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, "Help center articles due for review")
        self.assertContains(response, "2 articles may be out of date")
        for title in ("Stale", "Short interval"):
            self.assertContains(response, f">{title}</a>")
        for title in ("Fresh", "Long interval"):
            self.assertNotContains(response, f">{title}</a>")

    def test_editor_without_rights_on_the_section_sees_nothing(self):
        ArticlePageFactory(
            parent=self.category,
            title="Stale",
            last_reviewed=timezone.localdate() - timedelta(days=400),
        )
        outsider = UserFactory(username="outsider", is_staff=True)
        outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
        self.client.force_login(outsider)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "Help center articles due for review")
