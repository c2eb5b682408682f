"""What every embedder does: text in, one unit-length float32 vector per text out."""

import numpy as np

# A question is cut to this many characters before it is embedded: the model reads
# about 512 tokens, and a 10,000-character "question" must not cost a second of CPU.
MAX_QUERY_CHARACTERS = 1000
MAX_PASSAGE_CHARACTERS = 2000


class EmbeddingError(Exception):
    """The embedder failed or returned something that is not a usable vector."""


class BaseEmbedder:
    """Subclasses implement ``_embed(texts, is_query)`` returning one vector per text
    (a sequence of floats each) and may set ``dimensions``; ``identity`` names the model,
    so a changed model re-embeds every passage."""

    dimensions = None

    def __init__(self, options):
        self.options = options

    @property
    def identity(self):
        raise NotImplementedError

    def _embed(self, texts, is_query):
        raise NotImplementedError

    def embed_queries(self, texts):
        return self._checked([text[:MAX_QUERY_CHARACTERS] for text in texts], True)

    def embed_passages(self, texts):
        return self._checked([text[:MAX_PASSAGE_CHARACTERS] for text in texts], False)

    def _checked(self, texts, is_query):
        if not texts:
            return np.zeros((0, self.dimensions or 0), dtype=np.float32)
        try:
            vectors = np.asarray(self._embed(texts, is_query), dtype=np.float32)
        except EmbeddingError:
            raise
        except Exception as error:  # a model or a network fails in many ways
            raise EmbeddingError(f"{type(error).__name__}: {error}") from error
        if vectors.ndim != 2 or vectors.shape[0] != len(texts):
            raise EmbeddingError(
                f"expected {len(texts)} vectors, got an array of shape {vectors.shape}"
            )
        if self.dimensions is not None and vectors.shape[1] != self.dimensions:
            raise EmbeddingError(
                f"expected vectors of {self.dimensions} dimensions, got {vectors.shape[1]}"
            )
        if not np.isfinite(vectors).all():
            raise EmbeddingError("the embedder returned NaN or infinite values")
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        if (norms < 1e-6).any():
            raise EmbeddingError("the embedder returned an all-zero vector")
        return vectors / norms
