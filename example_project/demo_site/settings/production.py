"""The example site deployed: every secret and host from the environment, HTTPS only.

DJANGO_SECRET_KEY (required; it signs sessions, CSRF tokens and the unsubscribe links
of follow-up emails: keep it secret, e.g. `python -c "import secrets;
print(secrets.token_urlsafe(50))"`), DJANGO_ALLOWED_HOSTS (comma-separated host names)
and DJANGO_ADMIN_BASE_URL (the admin's address in emails to moderators; by default
https:// and the first host). The database
and the email server are still the example's: set yours below.
`manage.py check --deploy` is clean with these settings."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "Set DJANGO_SECRET_KEY: the production settings have no secret key of their own."
    )
ALLOWED_HOSTS = [host for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if host]
WAGTAILADMIN_BASE_URL = os.environ.get("DJANGO_ADMIN_BASE_URL") or (
    f"https://{ALLOWED_HOSTS[0]}" if ALLOWED_HOSTS else ""
)

# HTTPS only: behind a proxy that ends TLS, also set SECURE_PROXY_SSL_HEADER.
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True  # only once every subdomain serves HTTPS too
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

# One cache for every worker process, so rate limits and once-a-day counts hold across
# them (check wagtail_helpcenter.W003): run `manage.py createcachetable` once, or point
# this at Redis or Memcached.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "helpcenter_cache",
    }
}
