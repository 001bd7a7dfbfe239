"""A short way through the middleware stack for the one public, anonymous, read-only file download.

``/v/<code>/unduh/`` serves stored bytes to anyone who has the printed code: it needs no session,
language, CSRF, user, messages, htmx or history, yet each of those middlewares costs time on every
request (most of it, for a small PDF). Placed right after SecurityMiddleware (which still adds
HSTS, nosniff, the referrer policy), this middleware answers a found public document itself, with
the site's Content-Security-Policy and X-Frame-Options that the skipped middlewares would add.
Everything else (a miss, a code over the rate limit, another method) goes down the normal stack
to the normal view, so 404 and 429 pages, and the counting of failed lookups, stay in one place.
"""

import re
from functools import cached_property

from django.conf import settings
from django.urls import reverse

from documents.views import serve_public_document


class PublicDownloadMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def _pattern(self):
        # From the URLconf, so a changed route cannot silently bypass this path; computed on first
        # use because the URLconf is not loaded yet when middlewares are built.
        before, after = reverse("documents:download", args=["CODE"]).split("CODE")
        return re.compile(re.escape(before) + r"([A-Za-z0-9]{1,32})" + re.escape(after) + r"\Z")

    @cached_property
    def _security_headers(self):
        from csp.utils import build_policy

        headers = {"X-Frame-Options": settings.X_FRAME_OPTIONS}
        policy = build_policy()
        if policy:
            headers["Content-Security-Policy"] = policy
        return headers

    def __call__(self, request):
        if request.method == "GET":
            match = self._pattern.match(request.path_info)
            if match:
                response = serve_public_document(request, match[1])
                if response is not None:
                    for name, value in self._security_headers.items():
                        response[name] = value
                    return response
        return self.get_response(request)
