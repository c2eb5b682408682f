"""modelsearch's backend test classes again, on our backend. Each upstream class pins
its backend with ``override_settings``; these subclasses pin ours instead. The upstream
modules are imported as modules, so that their classes are not collected twice."""

from django.test.utils import override_settings
from modelsearch.tests import test_postgres_backend as postgres_tests
from modelsearch.tests import test_sqlite_backend as sqlite_tests

BACKEND = "wagtail_helpcenter.search.backends.database"


def on_our_backend(upstream, **params):
    name = "HelpCenter" + upstream.__name__.removeprefix("Test")
    cls = type(f"Test{name}", (upstream,), {"backend_path": BACKEND, "__module__": __name__})
    return override_settings(MODELSEARCH_BACKENDS={"default": {"BACKEND": BACKEND, **params}})(cls)


TestHelpCenterSQLiteSearchBackend = on_our_backend(sqlite_tests.TestSQLiteSearchBackend)
TestHelpCenterPostgresSearchBackend = on_our_backend(postgres_tests.TestPostgresSearchBackend)
TestHelpCenterPostgresFuzzyThreshold = on_our_backend(
    postgres_tests.TestPostgresFuzzyThreshold, FUZZY_SIMILARITY_THRESHOLD=0.5
)
TestHelpCenterPostgresFuzzyPrefixBoost = on_our_backend(
    postgres_tests.TestPostgresFuzzyPrefixBoost, FUZZY_PREFIX_BOOST=0.5
)
TestHelpCenterPostgresFuzzyLevenshtein = on_our_backend(
    postgres_tests.TestPostgresFuzzyLevenshtein, FUZZY_ALGORITHM="levenshtein"
)
TestHelpCenterPostgresFuzzyLevenshteinRanking = on_our_backend(
    postgres_tests.TestPostgresFuzzyLevenshteinRanking,
    FUZZY_ALGORITHM="levenshtein",
    FUZZY_SIMILARITY_THRESHOLD=0.2,
    FUZZY_PREFIX_BOOST=0.5,
)
TestHelpCenterPostgresFuzzyUnaccent = on_our_backend(postgres_tests.TestPostgresFuzzyUnaccent)
TestHelpCenterPostgresLanguageTextSearch = on_our_backend(
    postgres_tests.TestPostgresLanguageTextSearch, SEARCH_CONFIG="dutch"
)
