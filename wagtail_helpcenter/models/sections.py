"""The section (top-level category) a page sits in, indexed as ``helpcenter_section``
for the search facets (see ``search.facets``)."""

from wagtail.models import Page


def section_id(path):
    """Id of the page directly below the nearest help center above ``path`` (None if the
    page is not inside a help center). Used when indexing; two small queries."""
    from .pages import HelpCenterPage

    ancestors = [path[: depth * Page.steplen] for depth in range(1, len(path) // Page.steplen)]
    depth = (
        HelpCenterPage.objects.filter(path__in=ancestors)
        .order_by("-depth")
        .values_list("depth", flat=True)
        .first()
    )
    if depth is None:
        return None
    return (
        Page.objects.filter(path=path[: (depth + 1) * Page.steplen])
        .values_list("pk", flat=True)
        .first()
    )
