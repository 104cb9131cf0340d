from governance.scoping import scope_of


def scope(request):
    """The signed-in user's community (if any), for the sidebar and the page header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"current_community": user.community if user.community_id else None, "user_scope": scope_of(user)}
