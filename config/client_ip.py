"""The client's address as login throttling (django-axes) should see it."""

from django.conf import settings


def client_ip(request) -> str | None:
    """``REMOTE_ADDR``, or behind ``TRUSTED_PROXY_COUNT`` reverse proxies, the X-Forwarded-For entry
    the outermost trusted proxy appended. Entries left of it are whatever the client sent and are
    never trusted, so a client cannot pick the address it is throttled under."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
