"""Builds the demo help center from ``content.py``."""

import io
import uuid
from datetime import timedelta

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from ..models import ArticlePage, ArticleRelatedLink, CategoryPage, FAQItem, FAQPage, HelpCenterPage
from . import content
from .activity import add_activity
from .discussions import add_discussions
from .editorial import add_editorial
from .glossary import add_glossary
from .requests import add_content_requests
from .translations import translate_demo
from .vote_revisions import add_vote_revisions
from .zendesk_redirects import add_zendesk_addresses


def _block(kind, *args):
    """One compact body entry (see content.py) as raw StreamField data."""
    if kind == "p":
        return "paragraph", args[0]
    if kind in ("h2", "h3"):
        return "heading", {"text": args[0], "level": kind, "anchor": ""}
    if kind in ("note", "tip", "warning"):
        return "callout", {"kind": kind, "title": args[1] if len(args) > 1 else "", "text": args[0]}
    if kind == "steps":
        return "steps", [{"title": title, "text": text} for title, text in args[0]]
    if kind == "code":
        return "code", {"language": args[0], "code": args[1]}
    if kind == "image":
        image, caption = args
        return "image", {
            "image": {"image": image.pk, "decorative": False, "alt_text": image.demo_alt},
            "caption": caption,
        }
    if kind == "video":
        return "video", {"video": args[0], "title": args[1], "caption": ""}
    if kind == "table":
        caption, rows = args
        return "table", {
            "table": {
                "data": rows,
                "first_row_is_table_header": True,
                "first_col_is_header": False,
            },
            "caption": caption,
        }
    raise ValueError(f"Unknown demo block kind {kind!r}")


def body_data(entries, images):
    data = []
    for kind, *args in entries:
        if kind == "image":
            args = [images[args[0]], args[1]]
        block_type, value = _block(kind, *args)
        data.append({"type": block_type, "value": value, "id": str(uuid.uuid4())})
    return data


def draw_image(title, colour):
    """A simple, recognisable illustration: a window with a header bar and rows."""
    picture = PILImage.new("RGB", (960, 540), "#f5f7fa")
    draw = ImageDraw.Draw(picture)
    draw.rectangle([40, 40, 920, 500], fill="white", outline="#cbd2d9", width=3)
    draw.rectangle([40, 40, 920, 100], fill=colour)
    draw.text((64, 60), title, fill="white")
    draw.rectangle([40, 100, 220, 500], fill="#e4e7eb")
    for row in range(6):
        top = 130 + row * 55
        draw.rectangle([250, top, 880, top + 35], outline="#cbd2d9", width=2)
        draw.rectangle([262, top + 12, 262 + 80 + row * 60, top + 23], fill="#9aa5b1")
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer


def create_images():
    image_model = get_image_model()
    colours = ["#0b5cad", "#1c6b3a", "#8a4b00"]
    images = {}
    for (key, (title, alt)), colour in zip(content.IMAGES.items(), colours, strict=False):
        image = image_model(title=title)
        image.file = ImageFile(draw_image(title, colour), name=f"helpcenter-demo-{key}.png")
        image.save()
        image.demo_alt = alt
        images[key] = image
    return images


class DemoBuilder:
    def __init__(self, parent):
        self.parent = parent
        self.articles = {}
        self.today = timezone.localdate()

    @transaction.atomic
    def build(self):
        self.images = create_images()
        help_center = self.parent.add_child(instance=HelpCenterPage(**content.HELP_CENTER))
        help_center.save_revision().publish()  # a publication date, as an editor's page has
        for category in content.CATEGORIES:
            self.add_category(help_center, category)
        self.add_faq(help_center, content.TOP_LEVEL_FAQ)
        for source, target in content.RELATED:
            article = self.articles[source]
            article.related_links.add(ArticleRelatedLink(article=self.articles[target]))
            article.save_revision().publish()
        help_center.demo_translations = translate_demo(help_center, body_data, self.images)
        add_glossary(help_center)
        add_discussions(help_center, self.articles)
        add_activity(help_center)
        add_editorial(help_center)
        add_content_requests(help_center)
        add_vote_revisions(help_center)
        add_zendesk_addresses(help_center)
        return help_center

    def add_category(self, parent, spec):
        category = parent.add_child(
            instance=CategoryPage(
                title=spec["title"],
                description=spec["description"],
                icon=spec["icon"],
                audience=spec.get("audience", "public"),
            )
        )
        category.save_revision().publish()
        for article_spec in spec["articles"]:
            self.add_article(category, article_spec)
        for child in spec.get("children", []):
            self.add_category(category, child)
        if "faq" in spec:
            self.add_faq(category, spec["faq"])
        return category

    def add_article(self, category, spec):
        reviewed_days_ago = spec.get("last_reviewed_days_ago", 20)
        article = category.add_child(
            instance=ArticlePage(
                title=spec["title"],
                summary=spec["summary"],
                body=body_data(spec["body"], self.images),
                promoted=spec.get("promoted", False),
                last_reviewed=self.today - timedelta(days=reviewed_days_ago),
            )
        )
        article.tags.add(*spec.get("tags", []))
        article.save_revision().publish()
        self.articles[spec["title"]] = article
        return article

    def add_faq(self, parent, spec):
        faq_page = parent.add_child(instance=FAQPage(title=spec["title"], intro=spec["intro"]))
        for question, answer in spec["items"]:
            faq_page.faq_items.add(FAQItem(question=question, answer=answer))
        faq_page.save_revision().publish()
        return faq_page


def build_demo(parent):
    """Build the demo help center below ``parent`` and return its HelpCenterPage."""
    return DemoBuilder(parent).build()
