"""The address a request came from, also behind nginx or a load balancer.

Behind proxies REMOTE_ADDR is the nearest proxy's address, so login lock-outs (django-axes) and rate
limits would count every visitor as one. With BEHIND_PROXY set, each of the PROXY_COUNT proxies we
run appends the address it saw to X-Forwarded-For; the client is the entry PROXY_COUNT places from
the right. Entries further left come from the client itself and are never trusted.
"""

from django.conf import settings


def client_ip(request):
    """The client's IP address as a string (REMOTE_ADDR unless settings.RAKOR_PROXY_COUNT > 0)."""
    proxies = settings.RAKOR_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
