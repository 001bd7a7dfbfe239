"""A small per-IP rate limit for public POSTs, counted in Django's cache.

The cache must be shared between app servers for the limit to hold across them (settings.CACHES:
Redis when REDIS_URL is set). Counters live in fixed windows: simple, and good enough to stop a
script hammering a form; a person never meets the limit.
"""

import functools

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

from rakor.clientip import client_ip


def public_post_rate():
    """(requests, seconds) for public POSTs: settings.RAKOR_PUBLIC_POST_RATE, default 20 a minute."""
    return settings.RAKOR_PUBLIC_POST_RATE


def hit(key, limit, window, using=None) -> bool:
    """Count one request under ``key``; False once more than ``limit`` came within the window.

    ``using``: a cache other than the default (tests use it to act as two worker processes).
    """
    store = using or cache
    # incr first: once the counter exists (every request but the first of a window) that is the
    # only call; add-then-incr cost nine statements per request in the database cache, this six.
    try:
        count = store.incr(key)
    except ValueError:  # no counter yet, or it expired
        if store.add(key, 1, window):
            count = 1
        else:  # another worker created it in between
            try:
                count = store.incr(key)
            except ValueError:
                store.set(key, 1, window)
                count = 1
    return count <= limit


def limit_public_posts(scope):
    """Decorator: POSTs beyond the public rate per client IP get the 429 page; GETs pass."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST":
                limit, window = public_post_rate()
                if not hit(f"ratelimit:{scope}:{client_ip(request)}", limit, window):
                    response = render(request, "429.html", status=429)
                    response["Retry-After"] = str(window)
                    return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
