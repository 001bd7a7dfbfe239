"""Private file storage: files that are never served by URL, only streamed by the app."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files that are never served by URL (assignment letters, issued documents: personal data).

    Stored under settings.PRIVATE_MEDIA_ROOT (default BASE_DIR/"private"), outside MEDIA_ROOT;
    the app streams them to those allowed. The folder is read on every use so tests can move it.
    """

    @property
    def base_location(self):
        return Path(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return str(self.base_location.resolve())

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no URL; stream them from a view that checks access.")


_private_storage = PrivateStorage()


def private_storage():
    """The private storage (a callable, so migrations do not freeze a path)."""
    return _private_storage


def discard_written(fieldfile):
    """Delete the file ``fieldfile`` wrote to storage, if it wrote one.

    For services whose transaction fails after a model's save wrote its upload: the row is rolled
    back, so the file must go too, or it stays on disk with nothing pointing at it.
    """
    if fieldfile and getattr(fieldfile, "_committed", False) and fieldfile.name:
        fieldfile.storage.delete(fieldfile.name)
