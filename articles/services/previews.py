"""Shared previews of unpublished articles: made by those who may edit the article, listed on
it, withdrawn at any time."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .. import permissions
from ..audit import record
from ..models import Article, AuditEntry, PreviewLink


def share_preview(*, article: Article, user) -> PreviewLink:
    """A preview link of `article`, valid PADDOCK_PREVIEW_MAX_AGE seconds unless withdrawn."""
    if user is not None and not permissions.can_edit(user, article):
        raise PermissionDenied(_("Only those who may edit this article can share a preview."))
    link = PreviewLink.objects.create(
        article=article,
        created_by=user if user is not None and user.is_authenticated else None,
        expires_at=timezone.now() + timedelta(seconds=settings.PADDOCK_PREVIEW_MAX_AGE),
    )
    when = formats.date_format(timezone.localtime(link.expires_at), "DATETIME_FORMAT")
    record(
        AuditEntry.Action.PREVIEW_LINK,
        user=user,
        article=article,
        detail=_("Valid until %(when)s") % {"when": when},
    )
    return link


def revoke_preview(*, link: PreviewLink, user) -> PreviewLink:
    """Withdraw a link: whoever received it gets "withdrawn" from now on."""
    made_it = user is not None and link.created_by_id == user.pk
    if user is not None and not (made_it or permissions.can_edit(user, link.article)):
        raise PermissionDenied(_("Only those who may edit this article can withdraw its links."))
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.revoked_by = user if user is not None and user.is_authenticated else None
        link.save(update_fields=["revoked_at", "revoked_by"])
        record(AuditEntry.Action.PREVIEW_REVOKE, user=user, article=link.article)
    return link
