"""System check: a configured signing certificate must be able to sign.

Only a certificate named in RAKOR_SIGNING_P12 is checked: a missing demo certificate is made by
`make setup` (manage.py make_demo_certificate), and issuing says so if it is still missing.
"""

from django.conf import settings
from django.core import checks

from documents.signing import certificate_problem


@checks.register(checks.Tags.security)
def check_signing_certificate(app_configs=None, **kwargs):
    if not getattr(settings, "RAKOR_SIGNING_P12", ""):
        return []
    problem = certificate_problem()
    if problem is None:
        return []
    return [
        checks.Error(
            problem,
            hint=f"Check RAKOR_SIGNING_P12 ({settings.RAKOR_SIGNING_P12}) and RAKOR_SIGNING_PASSPHRASE.",
            id="documents.E001",
        )
    ]
