from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from ..models import SynonymSet

MAX_INITIAL_LENGTH = 200


class SynonymSetCreateView(CreateView):
    def get_initial(self):
        # "Add synonyms" in the content gap queue starts the set with the searched words.
        initial = super().get_initial()
        terms = self.request.GET.get("terms", "")
        if terms:
            initial["terms"] = terms[:MAX_INITIAL_LENGTH] + ", "
        return initial


class SynonymSetViewSet(SnippetViewSet):
    model = SynonymSet
    add_view_class = SynonymSetCreateView
    icon = "search"
    menu_label = _("Search synonyms")
    menu_name = "helpcenter-synonyms"
    add_to_admin_menu = False
    list_display = ["__str__"]
    search_fields = ["terms"]
