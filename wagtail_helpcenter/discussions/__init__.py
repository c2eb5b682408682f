"""Discussions under help center articles and FAQ pages (optional sub-app), on
django-comments-xtd: nested threads, posting without an account (confirmed by email),
moderation hooks, a moderation queue, bans, closed threads with a summary, reply
templates and promotion of answers to the FAQ. See docs/how-to/discussions.md."""
