from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "example-project-development-only"  # noqa: S105 - local demo only
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
