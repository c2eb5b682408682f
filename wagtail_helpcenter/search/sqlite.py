"""Connection settings recommended for a help center on SQLite; safe to import from a
settings module:

    from wagtail_helpcenter.search.sqlite import SQLITE_INIT_COMMAND

    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "db.sqlite3",
            "OPTIONS": {"init_command": SQLITE_INIT_COMMAND},
        }
    }
"""

# Write-ahead log with normal sync: a search that counts its term commits without
# waiting on the disk, and readers never wait for a writer. A 64 MB page cache (SQLite's
# default is 2 MB): the index entries a search reads stay in memory between requests.
SQLITE_INIT_COMMAND = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536"
