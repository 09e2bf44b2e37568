"""The newsroom's admin home: what waits for the person, each as a count and a link.

Writers see their drafts and what they submitted; editors also what waits for review and
what goes out; those who import or keep the registry also the titles to review and the
unknown names; the chief editor also the last imports and their failures. A fixed number of
queries, whatever the size of the archive.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import permissions
from ..models import Article, ImportBatch, UnknownName, published_q
from ..services.unknown_names import may_add_to_registry
from . import title_review

RECENT = timedelta(days=7)
LAST_IMPORTS = 5


@dataclass(frozen=True)
class Tile:
    label: str
    count: int
    url: str
    hint: str = ""


def articles_url(**params) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse("admin:articles_article_changelist") + (f"?{query}" if query else "")


def dashboard(request) -> dict | None:
    user = request.user
    if not user.has_perm("articles.view_article"):
        return None
    now = timezone.localtime()
    end_of_day = now.replace(hour=23, minute=59, second=59, microsecond=999999)
    Status = Article.Status
    mine = Q(created_by=user) | Q(authors=user)
    editor = permissions.can_publish(user)
    tiles = [
        Tile(
            _("My drafts"),
            Article.objects.filter(mine, status=Status.DRAFT).distinct().count(),
            articles_url(workflow="mine"),
        )
    ]
    if editor:
        tiles.append(
            Tile(
                _("Waiting for review"),
                Article.objects.filter(status=Status.REVIEW).count(),
                articles_url(workflow="review"),
                _("submitted by writers, for an editor to publish or send back"),
            )
        )
    else:
        tiles.append(
            Tile(
                _("My articles in review"),
                Article.objects.filter(mine, status=Status.REVIEW).distinct().count(),
                articles_url(workflow="review"),
            )
        )
    scheduled = Article.objects.filter(status=Status.PUBLISHED, published_at__gt=now)
    tiles += [
        Tile(
            _("Scheduled today"),
            scheduled.filter(published_at__lte=end_of_day).count(),
            articles_url(workflow="scheduled"),
        ),
        Tile(
            _("Scheduled this week"),
            scheduled.filter(published_at__lte=now + RECENT).count(),
            articles_url(workflow="scheduled"),
        ),
        Tile(
            _("Published in the last 7 days"),
            Article.objects.filter(published_q(now=now), published_at__gte=now - RECENT).count(),
            articles_url(workflow="published"),
        ),
    ]
    if permissions.can_edit(user):
        tiles.append(
            Tile(
                _("Titles to review"),
                title_review.to_review(user).count(),
                reverse("admin:articles_article_titles"),
                _("imported headlines derived from the text"),
            )
        )
    if editor or may_add_to_registry(user, "drivers"):
        tiles.append(
            Tile(
                _("Unknown names"),
                UnknownName.objects.to_review().count(),
                reverse("admin:articles_unknownname_changelist"),
                _("names the registry lacks, found in the texts"),
            )
        )
    imports = None
    if user.has_perm("articles.view_importbatch"):
        ImportBatch.objects.mark_interrupted()  # a process that died cannot say so itself
        imports = list(ImportBatch.objects.imports().select_related("created_by")[:LAST_IMPORTS])
    return {"tiles": tiles, "imports": imports}
