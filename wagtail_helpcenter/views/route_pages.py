"""What every page a help center serves from one of its routes (search, contact) needs
in its template, as Wagtail's own page context has it for the page itself."""

from ..conf import get_config


def route_page_context(request, help_center):
    return {
        "page": help_center,
        "self": help_center,
        "request": request,
        "helpcenter_base_template": get_config()["BASE_TEMPLATE"],
        "help_center": help_center,
        "breadcrumbs": [*help_center.get_breadcrumbs(request), help_center],
    }
