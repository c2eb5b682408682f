"""Category icons: small inline SVGs (24x24, stroked), so no icon font or CDN is needed."""

from django.utils.translation import gettext_lazy as _

# name -> (label, SVG child elements)
ICONS = {
    "book": (
        _("Book"),
        '<path d="M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2z"/><path d="M4 21V5"/>'
        '<path d="M8 7h7"/>',
    ),
    "rocket": (
        _("Getting started"),
        '<path d="M12 15l-3-3c1.5-4.5 4.5-8 9-9 0 4.5-3.5 7.5-6 12z"/>'
        '<path d="M9 12l-4 1 2-4h4"/><path d="M12 15l-1 4 4-2v-4"/>',
    ),
    "card": (
        _("Billing"),
        '<rect x="2" y="5" width="20" height="14" rx="2"/><path d="M2 10h20"/><path d="M6 15h4"/>',
    ),
    "user": (
        _("Account"),
        '<circle cx="12" cy="8" r="4"/><path d="M4 21c0-4 4-6 8-6s8 2 8 6"/>',
    ),
    "lock": (
        _("Security"),
        '<rect x="4" y="11" width="16" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/>',
    ),
    "truck": (
        _("Shipping"),
        '<path d="M2 6h12v10H2z"/><path d="M14 10h4l4 4v2h-8"/><circle cx="6" cy="18" r="2"/>'
        '<circle cx="18" cy="18" r="2"/>',
    ),
    "wrench": (
        _("Troubleshooting"),
        '<path d="M14 6a4 4 0 0 0 5 5l-9 9a2 2 0 0 1-3-3l9-9a4 4 0 0 0-2-2z"/>',
    ),
    "chat": (
        _("Contact"),
        '<path d="M4 4h16v12H8l-4 4z"/><path d="M8 9h8"/><path d="M8 12h5"/>',
    ),
    "plug": (
        _("Integrations"),
        '<path d="M9 2v6"/><path d="M15 2v6"/><path d="M6 8h12v4a6 6 0 0 1-12 0z"/>'
        '<path d="M12 18v4"/>',
    ),
    "shield": (
        _("Internal"),
        '<path d="M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z"/>',
    ),
}

ICON_CHOICES = [(name, label) for name, (label, _svg) in ICONS.items()]


def icon_svg_body(name):
    """The SVG child elements for ``name``, or "" for an unknown icon."""
    return ICONS.get(name, ("", ""))[1]
