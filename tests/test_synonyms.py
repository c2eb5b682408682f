import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import UserFactory
from wagtail_helpcenter.models import SynonymSet
from wagtail_helpcenter.search.synonyms import expand

pytestmark = pytest.mark.django_db


def test_terms_are_cleaned_and_deduplicated():
    synonyms = SynonymSet(terms=" Refund,money   back , REFUND, reimbursement ,")
    synonyms.full_clean()
    assert synonyms.terms == "refund, money back, reimbursement"


@pytest.mark.parametrize(
    "terms", ["refund", "refund, refund", "", "refund, <script>", "a, " + "x" * 61]
)
def test_bad_synonym_sets_are_refused(terms):
    with pytest.raises(ValidationError) as error:
        SynonymSet(terms=terms).full_clean()
    assert "terms" in error.value.message_dict


def test_expand_adds_words_of_matching_sets_only():
    SynonymSet.objects.create(terms="refund, money back, reimbursement")
    SynonymSet.objects.create(terms="parcel, package")
    assert expand(["reimbursement"]) == ["reimbursement", "refund", "money", "back"]
    assert expand(["money"]) == ["money"]  # half a phrase is not a match
    assert expand(["money", "back"]) == ["money", "back", "refund", "reimbursement"]


def test_editor_manages_synonyms_in_the_admin(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = reverse("wagtailsnippets_wagtail_helpcenter_synonymset:add")
    response = client.post(url, {"terms": "parcel, package, shipment"})
    assert response.status_code == 302
    assert SynonymSet.objects.get().term_list == ["parcel", "package", "shipment"]
    response = client.post(url, {"terms": "parcel"})
    assert response.status_code == 200
    assert "at least two different terms" in response.content.decode()
    assert SynonymSet.objects.count() == 1
