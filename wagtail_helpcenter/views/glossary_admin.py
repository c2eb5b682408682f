from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from ..models import GlossaryTerm


class GlossaryTermViewSet(SnippetViewSet):
    """Glossary terms under Snippets, next to the search synonyms; Wagtail adds the
    locale filter and wagtail-localize the "Translate" action (a translatable model)."""

    model = GlossaryTerm
    icon = "list-ul"
    menu_label = _("Glossary")
    menu_name = "helpcenter-glossary"
    add_to_admin_menu = False
    list_display = ["term", "definition", "help_center"]
    list_filter = ["help_center"]
    search_fields = ["term", "other_forms", "definition"]
    ordering = ["term"]

    def get_queryset(self, request):
        # The help center column without a query per row.
        return GlossaryTerm.objects.select_related("help_center", "locale")
