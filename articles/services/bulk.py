"""Changes to many articles at once (the article list's actions): each article is checked and
recorded on its own, and one refusal never stops the others."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import permissions
from ..audit import record
from ..models import Article, AuditEntry, Revision
from ..revisions import ensure_baseline, save_revision
from .effects import announce, keep_primary_in_championships
from .workflow import transition


@dataclass
class BulkResult:
    done: int = 0
    refused: list[str] = field(default_factory=list)  # "title (reason)", one per article


def bulk_transition(*, articles: Iterable[Article], name: str, user) -> BulkResult:
    """The same workflow move on each article; a list action keeps each article's date."""
    result = BulkResult()
    for article in articles:
        try:
            transition(article=article, name=name, user=user, kind=Revision.Kind.BULK)
        except (PermissionDenied, ValidationError) as refusal:
            reason = refusal.messages[0] if isinstance(refusal, ValidationError) else refusal
            result.refused.append(f"{article.title} ({reason})")
        else:
            result.done += 1
    return result


def add_tag(article: Article, name: str) -> bool:
    if name.casefold() in {t.casefold() for t in article.tags.names()}:
        return False
    article.tags.add(name)
    return True


def remove_tag(article: Article, name: str) -> bool:
    matching = [t for t in article.tags.all() if t.name.casefold() == name.casefold()]
    if not matching:
        return False
    article.tags.remove(*matching)
    return True


def set_primary_championship(article: Article, championship) -> bool:
    if article.primary_championship_id == (championship.pk if championship else None):
        return False
    article.primary_championship = championship
    return True


CHANGES = {
    "add_tag": add_tag,
    "remove_tag": remove_tag,
    "set_primary_championship": set_primary_championship,
}


def bulk_edit(*, articles: Iterable[Article], change: str, value, user, message: str) -> BulkResult:
    """Apply one of CHANGES with `value` to each article `user` may edit; each change made is
    a revision and an audit entry worded by `message`."""
    apply = CHANGES[change]
    articles = list(articles)
    editable = set(
        permissions.editable_by(
            user, Article.objects.filter(pk__in=[a.pk for a in articles])
        ).values_list("pk", flat=True)
    )
    result, written = BulkResult(), []
    for article in articles:
        if article.pk not in editable:
            result.refused.append(_("%(title)s (not yours to edit)") % {"title": article.title})
            continue
        with transaction.atomic():
            article = Article.objects.select_for_update().get(pk=article.pk)
            ensure_baseline(article)
            if not apply(article, value):
                continue
            article.save()  # a new version: an editor who had it open must merge
            keep_primary_in_championships(article)
            save_revision(article, user=user, kind=Revision.Kind.BULK, message=message)
            record(AuditEntry.Action.BULK, user=user, article=article, detail=message)
        written.append(article.pk)
        result.done += 1
    announce(written)
    return result
