"""The example site under load (benchmarks/load/run.py): PostgreSQL from DATABASE_URL,
DEBUG off, and the per-address limits lifted, since every simulated visitor comes from
127.0.0.1. Comments are stored when posted (no email confirmation), so the load test can
count them.

As a production site should: the once-a-day marks, rate limits and the page cache's
copies in a cache every worker shares (Memcached, tools/memcached): a comment drops its
page's copy, and one worker renders it again for all. Each simulated visitor's address
comes from its X-Load-Visitor header (benchmarks/load/middleware.py), as a trusted proxy
middleware would set it."""

import os

import dj_database_url

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "example-project-load-test-only"  # noqa: S105 - loopback load test only
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES = {"default": dj_database_url.config(conn_max_age=60)}
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
COMMENTS_XTD_CONFIRM_EMAIL = False
MIDDLEWARE = ["benchmarks.load.middleware.LoadVisitorAddress", *MIDDLEWARE]  # noqa: F405
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
        "LOCATION": os.environ["MEMCACHED_LOCATION"],
    },
}
WAGTAIL_HELPCENTER = {
    **WAGTAIL_HELPCENTER,  # noqa: F405
    "VOTES_PER_ADDRESS": 1_000_000,
    "API_REQUESTS_PER_MINUTE": 1_000_000,
    "DISCUSSION_POSTS_PER_USER": None,
    "DISCUSSION_POSTS_PER_ADDRESS": None,
}
