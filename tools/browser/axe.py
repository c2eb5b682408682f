"""axe-core, the accessibility rules engine, from the npm registry (pinned and checked
against the registry's integrity hash), cached outside the repository.

``python -m tools.browser.axe`` prints the path of ``axe.min.js``, fetching it once.
The browser tests inject it into each page and run it (tests/browser/test_accessibility.py).
"""

import base64
import hashlib
import io
import os
import sys
import tarfile
import urllib.request
from pathlib import Path

VERSION = "4.14.1"
TARBALL = f"https://registry.npmjs.org/axe-core/-/axe-core-{VERSION}.tgz"
# The registry's dist.integrity for that tarball.
INTEGRITY = (
    "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNt"
    "uFooJpZe37OgudVGtQ=="
)
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "wagtail-helpcenter"


def axe_script():
    """The path of axe.min.js, downloaded and verified on first use."""
    target = CACHE / f"axe-core-{VERSION}.min.js"
    if target.exists():
        return target
    with urllib.request.urlopen(TARBALL, timeout=60) as response:  # noqa: S310 - fixed https URL
        archive = response.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(archive).digest()).decode()
    if digest != INTEGRITY:
        raise RuntimeError(f"{TARBALL}: integrity {digest} is not the pinned {INTEGRITY}")
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
        script = tar.extractfile("package/axe.min.js").read()
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    partial.write_bytes(script)
    partial.replace(target)
    return target


if __name__ == "__main__":
    sys.stdout.write(f"{axe_script()}\n")
