"""Placeholders in reply templates: which a text names, and whether it can be used.
Below the models (``ReplyTemplate.clean`` checks them); ``actions.fill_template`` fills
them in."""

import string

from django.utils.translation import gettext as _


class TemplateError(ValueError):
    """A reply template cannot be used as it is; the message says why."""


class MissingFields(TemplateError):
    def __init__(self, names):
        self.names = names
        super().__init__(_("Fill in: %(names)s.") % {"names": ", ".join(names)})


KNOWN_PLACEHOLDERS = ("user_name", "company_name", "article_title", "moderator_name")


def placeholders(text):
    """The placeholder names in a template's text, in order, once each."""
    names = []
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        raise TemplateError(
            _("A “{” or “}” has no pair. Write placeholders as {user_name}; write {{ for a brace.")
        ) from None
    for _literal, name, _spec, _conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier():
            raise TemplateError(
                _("“{%(name)s}” is not a placeholder name; use letters, e.g. {order_number}.")
                % {"name": name}
            )
        if name not in names:
            names.append(name)
    return names


def free_fields(template):
    return [name for name in placeholders(template.text) if name not in KNOWN_PLACEHOLDERS]
