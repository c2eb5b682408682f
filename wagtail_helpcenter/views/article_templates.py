"""Adding an article starts from a template: Wagtail's "add page" view for articles
first asks which one (``before_create_page``), then opens the editor with the
template's summary and body skeleton in the new page."""

from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.admin.views.pages.create import CreateView
from wagtail.snippets.views.snippets import SnippetViewSet

from .. import article_templates
from ..models import ArticlePage, ArticleTemplate, StyleGuide

TEMPLATE_PARAMETER = "template"


class CreateFromTemplateView(CreateView):
    """Wagtail's own create view, with the chosen template applied to the new page
    before its form is built (so the editor opens with it, unsaved)."""

    choice = None

    def get(self, request):
        article_templates.apply(self.choice, self.page, self.locale or self.parent_page.locale)
        return super().get(request)


def choose_template(request, parent_page, page_class):
    """``before_create_page``: for a new article, the template chooser, or Wagtail's
    editor with the chosen template; None (Wagtail goes on) for anything else."""
    if not issubclass(page_class, ArticlePage) or request.method != "GET":
        return None  # the editor's form posts to the same URL: saving is Wagtail's
    if getattr(request, "helpcenter_template_applied", False):
        return None  # CreateFromTemplateView runs this hook again
    help_center = article_templates.help_center_for(None, parent_page)
    locale = parent_page.locale
    key = request.GET.get(TEMPLATE_PARAMETER)
    if key is None:
        return _chooser(request, parent_page, help_center, locale)
    choice = article_templates.find(key, help_center, locale)
    if choice is None:
        error = _("There is no such template here: choose one of these.")
        return _chooser(request, parent_page, help_center, locale, error=error, status=400)
    request.helpcenter_template_applied = True
    return CreateFromTemplateView.as_view(choice=choice)(
        request,
        content_type_app_name=page_class._meta.app_label,
        content_type_model_name=page_class._meta.model_name,
        parent_page_id=parent_page.pk,
    )


def _chooser(request, parent_page, help_center, locale, error=None, status=200):
    # The other parameters of the add view (e.g. ``next``) go on to the chosen one.
    kept = [(name, value) for name, value in request.GET.items() if name != TEMPLATE_PARAMETER]

    def url_for(key):
        return "?" + urlencode([*kept, (TEMPLATE_PARAMETER, key)])

    offered = article_templates.choices(help_center, locale)
    context = {
        "parent_page": parent_page,
        "choices": [(choice, url_for(choice.key)) for choice in offered],
        "blank_url": url_for(article_templates.BLANK),
        "style_guide": article_templates.style_guide(help_center, locale) if help_center else None,
        "error": error,
    }
    return render(
        request,
        "wagtail_helpcenter/admin/choose_article_template.html",
        context,
        status=status,
    )


class ArticleTemplateViewSet(SnippetViewSet):
    model = ArticleTemplate
    icon = "doc-full"
    menu_label = _lazy("Article templates")
    menu_name = "helpcenter-article-templates"
    add_to_admin_menu = False
    list_display = ["name", "description", "help_center"]
    list_filter = ["help_center", "locale"]
    search_fields = ["name", "description"]
    ordering = ["name"]


class StyleGuideViewSet(SnippetViewSet):
    model = StyleGuide
    icon = "help"
    menu_label = _lazy("Style guides")
    menu_name = "helpcenter-style-guides"
    add_to_admin_menu = False
    list_display = ["title", "help_center"]
    list_filter = ["locale"]
