"""The audit trail: one call per editorial write, from the service that makes it."""

from .models import AuditEntry


def record(action, *, user=None, article=None, object_repr="", detail="") -> AuditEntry:
    """Note that `user` did `action` (an AuditEntry.Action) on `article` or another object."""
    if user is not None and not user.is_authenticated:
        user = None
    return AuditEntry.objects.create(
        action=action,
        user=user,
        article=article,
        object_repr=(object_repr or (article.title if article else ""))[:300],
        detail=detail,
    )
