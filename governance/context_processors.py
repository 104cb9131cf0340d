import hashlib

from django.conf import settings

from governance.scoping import scope_of

# How long a rendered sidebar is reused. Its key names everything it shows (see ``_nav_cache_key``), so
# this only bounds how long a deployed template change takes to reach signed-in users.
NAV_CACHE_SECONDS = 300


def scope(request):
    """The signed-in user's community (if any), for the sidebar and the page header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "current_community": user.community if user.community_id else None,
        "user_scope": scope_of(user),
        "nav_cache_key": None if settings.DEBUG else (lambda: _nav_cache_key(user)),
        "nav_cache_seconds": NAV_CACHE_SECONDS,
    }


def _nav_cache_key(user) -> str:
    """The sidebar is the same for every page of one view, user, community and set of permissions: about a
    tenth of a register page's rendering (some forty permission checks and links) is saved by reusing it."""
    permissions = "\n".join(sorted(user.get_all_permissions()))
    digest = hashlib.blake2b(permissions.encode(), digest_size=8).hexdigest()
    return f"{user.pk}-{user.community_id or 0}-{digest}"
