"""Form fields shared by the help center's forms and filters."""

from django import forms
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from .ids import parse_id


class IdModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose value is checked as an id first: a number past the
    database's range is "not one of the choices", not a 500 (Django's own field lets
    SQLite's OverflowError and PostgreSQL's DataError through)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        by_id = self.to_field_name in (None, "pk", "id")
        model = self.queryset.model
        if by_id and not isinstance(value, model) and parse_id(value, model) is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class HelpCenterChildPageForm(WagtailAdminPageForm):
    """The editor's form of pages that can sit right below a help center (categories,
    FAQ pages): a slug the help center answers itself ("search", "glossary") would make
    the new page unreachable, or hide the help center's own page."""

    def clean(self):
        cleaned_data = super().clean()
        parent = self.parent_page
        reserved = getattr(parent.specific_class, "RESERVED_CHILD_SLUGS", ()) if parent else ()
        slug = cleaned_data.get("slug")
        if slug in reserved:
            self.add_error(
                "slug",
                _(
                    "The help center has a page of its own at “%(slug)s/” (its search, "
                    "glossary, feeds...): choose another slug."
                )
                % {"slug": slug},
            )
        return cleaned_data
