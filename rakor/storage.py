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
