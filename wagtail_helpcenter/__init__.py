"""wagtail-helpcenter: a customer help center for Wagtail sites."""

__version__ = "0.1.0.dev0"
