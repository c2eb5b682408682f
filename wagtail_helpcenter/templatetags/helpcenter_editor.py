"""Advice shown beside the article editor: the style guide and the writing checks
(rendered by panels.ArticleAdvicePanel's templates)."""

import nh3
from django import template
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from ..article_templates import help_center_for, style_guide
from ..glossary import term_forms, terms_for
from ..spelling import words
from ..writing import check_article

register = template.Library()


def _locale(page, parent_page):
    if getattr(page, "locale_id", None):
        return page.locale
    return parent_page.locale if parent_page is not None else None


def _help_center_and_guide(context, page, parent_page):
    """(help center, style guide) of ``page``, looked up once per request: both panels
    of the editor need them."""
    request = context.get("request")
    found = getattr(request, "_helpcenter_editor_advice", None)
    if found is None:
        help_center = help_center_for(page, parent_page)
        locale = _locale(page, parent_page)
        guide = style_guide(help_center, locale) if help_center and locale else None
        found = (help_center, guide)
        if request is not None:
            request._helpcenter_editor_advice = found
    return found


@register.simple_tag(takes_context=True)
def helpcenter_style_guide(context, page, parent_page=None):
    """The style guide for ``page`` (new pages: by the parent they are added to)."""
    return _help_center_and_guide(context, page, parent_page)[1]


@register.simple_tag(takes_context=True)
def helpcenter_writing_checks(context, page, parent_page=None):
    """The writing checks of ``page`` as the editor last saved it (None before the first
    save: there is nothing to check yet)."""
    if page is None or not page.pk:
        return None
    help_center, guide = _help_center_and_guide(context, page, parent_page)
    if help_center is None:
        return check_article(page)
    defined = [form for term in terms_for(help_center, page.locale_id) for form in term_forms(term)]
    accepted = guide.accepted_word_list if guide is not None else []
    # The help center's name is the product's ("Acme palīdzības centrs"): its capitalised
    # words are names, also where they start a sentence.
    names = [word for word in words(help_center.title) if word[0].isupper()]
    return check_article(page, defined_terms=defined, accepted_words=[*accepted, *names])


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
