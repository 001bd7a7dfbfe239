import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads in tests go to a throw-away folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
