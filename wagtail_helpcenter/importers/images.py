"""Find the files behind imported ``<img>`` tags and make them Wagtail images."""

import hashlib
import io
import os
import warnings
from pathlib import Path
from urllib.parse import unquote, urlparse

import willow
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField

from ..cleaning import without_control_characters
from ..conf import get_config
from .downloads import DownloadRefused, allowed_networks, download_image

MAX_IMAGE_BYTES = 10 * 1024 * 1024
# No SVG: it can carry script, and Pillow cannot check it.
PILLOW_FORMATS = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif", "WEBP": ".webp", "BMP": ".bmp"}


class ImageNotFound(Exception):
    pass


class ImageResolver:
    """Looks for an image in the export folder (by its path, then by its file name in
    ``attachments/``) and, when allowed, downloads it. Images already in the library
    (same file contents) are reused, so a re-import does not duplicate them."""

    def __init__(self, export_dir, download=False, save=True):
        self.export_dir = Path(export_dir).resolve()
        self.download = download
        self.save = save
        self.cache = {}
        config = get_config()
        self.timeout = config["IMPORT_DOWNLOAD_TIMEOUT_SECONDS"]
        try:
            self.networks = allowed_networks(config["IMPORT_DOWNLOAD_ALLOWED_NETWORKS"])
        except ValueError as error:
            raise ImproperlyConfigured(
                f"WAGTAIL_HELPCENTER['IMPORT_DOWNLOAD_ALLOWED_NETWORKS']: {error}"
            ) from None

    def remembered(self):
        return set(self.cache)

    def forget_all_but(self, sources):
        """Forget the images found since ``remembered()`` returned ``sources``: the record
        that stored them was rolled back, and them with it."""
        for src in set(self.cache) - sources:
            del self.cache[src]

    def resolve(self, src, title):
        if src not in self.cache:
            data, name = self._read(src)
            self.cache[src] = self._image_for(data, name, title)
        return self.cache[src]

    def _read(self, src):
        try:
            parsed = urlparse(src)
        except ValueError:  # such as "http://[broken"
            raise ImageNotFound(f"{src} is not a valid address") from None
        name = os.path.basename(unquote(parsed.path)) or "image"
        for candidate in self._local_candidates(parsed, name):
            if candidate.is_file():
                if candidate.stat().st_size > MAX_IMAGE_BYTES:
                    raise ImageNotFound(f"{candidate.name} is larger than 10 MB")
                return candidate.read_bytes(), name
        if parsed.scheme in ("http", "https") and self.download:
            return self._download(src), name
        if parsed.scheme in ("http", "https"):
            raise ImageNotFound(
                f"{src} is not in the export's attachments/ folder "
                "(pass --download-images to fetch it)"
            )
        raise ImageNotFound(f"{src} is not in the export folder")

    def _local_candidates(self, parsed, name):
        path = unquote(parsed.path)
        if "\x00" in path:  # no file has a NUL in its name ("%00"), and pathlib raises on it
            return []
        candidates = []
        if not parsed.scheme and not parsed.netloc:
            candidates.append((self.export_dir / path.lstrip("/")).resolve())
        candidates.append((self.export_dir / "attachments" / name).resolve())
        # Never read outside the export folder, whatever "../" the HTML contains.
        return [path for path in candidates if path.is_relative_to(self.export_dir)]

    def _download(self, url):
        try:
            return download_image(
                url, max_bytes=MAX_IMAGE_BYTES, timeout=self.timeout, networks=self.networks
            )
        except DownloadRefused as error:
            raise ImageNotFound(f"{url}: {error}") from None

    def _image_for(self, data, name, title):
        _check_pixels(data, name)
        image_format = _image_format(data)
        if image_format not in PILLOW_FORMATS:
            raise ImageNotFound(f"{name} is not a PNG, JPEG, GIF, WebP or BMP image")
        if not self.save:
            return None
        image_model = get_image_model()
        file_hash = hashlib.sha1(data, usedforsecurity=False).hexdigest()
        existing = image_model.objects.filter(file_hash=file_hash).first()
        if existing:
            return existing
        # Percent escapes can spell control characters ("%01"): not in a stored name.
        stem = without_control_characters(Path(name).stem)[:80] or "image"
        name = stem + PILLOW_FORMATS[image_format]
        image = image_model(title=(title or name)[:255])
        image.file = ImageFile(io.BytesIO(data), name=name)
        image.save()
        return image


def _check_pixels(data, name):
    """Refuse what Wagtail's own upload form refuses: more pixels, all frames counted, than
    WAGTAILIMAGES_MAX_IMAGE_PIXELS. A small file can hold a huge image, and its first
    rendition then takes seconds and gigabytes."""
    upload = SimpleUploadedFile(name, data)
    try:
        with warnings.catch_warnings():
            # Pillow warns past its own limit; Wagtail's check below decides.
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            upload.image = willow.Image.open(io.BytesIO(data))
            WagtailImageField().check_image_pixel_size(upload)
    except ValidationError as error:
        raise ImageNotFound(f"{name}: {' '.join(error.messages)}") from None
    except Exception:  # not an image Willow reads: _image_format says what it is
        return


def _image_format(data):
    try:
        with PILImage.open(io.BytesIO(data)) as picture:
            picture.verify()
            return picture.format
    except Exception:  # Pillow raises many kinds of errors for a broken file
        return None
