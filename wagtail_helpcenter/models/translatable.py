"""What wagtail-localize keeps in sync instead of translating, where its rule (text is
translated, everything else synchronised) is not what a help center needs.

Read only by wagtail-localize; without it installed nothing is declared.
"""

try:
    from wagtail_localize.fields import SynchronizedField
except ImportError:  # wagtail-localize is optional
    SynchronizedField = None


def synchronised(*field_names):
    """An ``override_translatable_fields`` value: these fields keep the source's value
    in every translation (a translator may still override them)."""
    if SynchronizedField is None:
        return []
    return [SynchronizedField(name) for name in field_names]
