"""wagtail-localize glue for the help center (optional sub-app).

Add ``wagtail_helpcenter.translation`` to INSTALLED_APPS, with ``wagtail_localize`` and
``wagtail_localize.locales``, for the translation status report and the import of
Zendesk translations. Language-aware serving (switcher, hreflang, fallback to the source
language) is in the core app and works with Wagtail's i18n alone.
"""
