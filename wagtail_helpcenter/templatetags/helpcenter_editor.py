"""Advice shown beside the article editor: the style guide and the writing checks
(rendered by panels.ArticleAdvicePanel's templates)."""

import nh3
from django import template
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from ..article_templates import help_center_for, style_guide
from ..glossary import term_forms, terms_for
from ..writing import check_article

register = template.Library()


def _locale(page, parent_page):
    if getattr(page, "locale_id", None):
        return page.locale
    return parent_page.locale if parent_page is not None else None


@register.simple_tag
def helpcenter_style_guide(page, parent_page=None):
    """The style guide for ``page`` (new pages: by the parent they are added to)."""
    help_center = help_center_for(page, parent_page)
    locale = _locale(page, parent_page)
    if help_center is None or locale is None:
        return None
    return style_guide(help_center, locale)


@register.simple_tag
def helpcenter_writing_checks(page, parent_page=None):
    """The writing checks of ``page`` as the editor last saved it (None before the first
    save: there is nothing to check yet)."""
    if page is None or not page.pk:
        return None
    help_center = help_center_for(page, parent_page)
    if help_center is None:
        return check_article(page)
    guide = style_guide(help_center, page.locale)
    defined = [form for term in terms_for(help_center, page.locale_id) for form in term_forms(term)]
    accepted = guide.accepted_word_list if guide is not None else []
    return check_article(page, defined_terms=defined, accepted_words=accepted)


@register.filter
def helpcenter_clean_rich_text(value):
    """Stored rich text as HTML with nothing that runs: Wagtail's editor only writes
    safe markup, but a guide saved another way (a script, an import) is cleaned too."""
    return mark_safe(nh3.clean(expand_db_html(value or "")))  # noqa: S308 - cleaned by nh3


@register.simple_tag
def helpcenter_may(user, action, model_name):
    """Whether ``user`` may ``action`` ("add", "change") the app's ``model_name``
    snippets: links to a snippet's editor only for those who may open it."""
    return user.has_perm(f"wagtail_helpcenter.{action}_{model_name}")
