"""Site-wide request hygiene, in one place rather than in every view."""

import re

from django.core.exceptions import SuspiciousOperation
from django.views.defaults import bad_request

# C0 control characters and DEL. Text fields may carry tab and line breaks (a textarea); nothing
# else of these belongs in a path, a query or a form field, and NUL crashes the database drivers.
_IN_PATH_OR_QUERY = re.compile(r"[\x00-\x1f\x7f]")
_IN_FORM_FIELD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ControlCharacterRejected(SuspiciousOperation):
    pass


def _has_control(querydict, pattern):
    return any(
        pattern.search(key) or any(pattern.search(value) for value in values)
        for key, values in querydict.lists()
    )


class RejectControlCharactersMiddleware:
    """A path, query parameter or form field with a control character (``%00`` …) is a 400 with
    the normal error page, before any view or database query sees it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            _IN_PATH_OR_QUERY.search(request.path)
            or _has_control(request.GET, _IN_PATH_OR_QUERY)
            or (request.method == "POST" and _has_control(request.POST, _IN_FORM_FIELD))
        ):
            return bad_request(request, ControlCharacterRejected("control character in the request"))
        return self.get_response(request)
