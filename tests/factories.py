import factory
import wagtail_factories
from django.contrib.auth import get_user_model

from wagtail_helpcenter.models import ArticlePage, CategoryPage, FAQItem, FAQPage, HelpCenterPage


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("password")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(extracted)
            self.save()


class HelpCenterPageFactory(wagtail_factories.PageFactory):
    title = "Help center"
    slug = factory.Sequence(lambda n: f"help-{n}")
    intro = "How can we help?"
    contact_url = "/contact/"

    class Meta:
        model = HelpCenterPage


class CategoryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Category {n}")
    description = "Everything about this topic."
    icon = "book"

    class Meta:
        model = CategoryPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Article {n}")
    summary = "A short summary of the article."
    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": "<p>Plain body text.</p>"}])

    class Meta:
        model = ArticlePage


class FAQPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"FAQ {n}")

    class Meta:
        model = FAQPage


def add_faq_items(faq_page, *pairs):
    """Add question/answer items to a FAQ page and publish it."""
    for question, answer in pairs:
        faq_page.faq_items.add(FAQItem(question=question, answer=answer))
    faq_page.save_revision().publish()
    return faq_page


def figure_block(image, caption="", alt_text="The menu"):
    """An article body's image block (a figure with its caption), as stored."""
    return {
        "type": "image",
        "value": {
            "image": {"image": image.pk, "decorative": False, "alt_text": alt_text},
            "caption": caption,
        },
    }
