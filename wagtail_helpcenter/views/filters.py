"""Report filters that read ids with the package's one id parser (ids.parse_id)."""

import django_filters

from ..forms import IdModelChoiceField


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = IdModelChoiceField
