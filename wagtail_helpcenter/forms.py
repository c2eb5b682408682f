"""Form fields shared by the help center's forms and filters."""

from django import forms

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
