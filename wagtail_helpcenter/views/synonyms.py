from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from ..models import SynonymSet


class SynonymSetViewSet(SnippetViewSet):
    model = SynonymSet
    icon = "search"
    menu_label = _("Search synonyms")
    menu_name = "helpcenter-synonyms"
    add_to_admin_menu = False
    list_display = ["__str__"]
    search_fields = ["terms"]
