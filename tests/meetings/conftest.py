import pytest

from documents.signing import make_demo_p12


@pytest.fixture(scope="session")
def demo_p12(tmp_path_factory):
    """One demo certificate for the run (certificates of attendance are signed when issued)."""
    path = tmp_path_factory.mktemp("signing") / "demo-signing.p12"
    make_demo_p12(path)
    return path


@pytest.fixture(autouse=True)
def _signing_settings(settings, demo_p12):
    """Sign with the session's demo certificate, never with a file in the real ./private."""
    settings.RAKOR_SIGNING_P12 = ""
    settings.RAKOR_SIGNING_DEMO_P12 = demo_p12
