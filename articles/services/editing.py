"""Writing an article: create or save it, restore a revision, add corrections."""

from collections.abc import Callable, Iterable, Mapping
from copy import copy
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions
from ..audit import record
from ..models import Article, AuditEntry, Correction, Revision, unique_slug
from ..revisions import FOREIGN_KEYS, RESTORABLE_FIELDS, ensure_baseline, revision_label
from ..revisions import save_revision as store_revision
from ..workflow import Plan, plan_transition
from .effects import (
    announced_writes,
    keep_primary_in_championships,
    mark_revised,
    resolve_date_flag,
    resolve_title_flag,
    text_changed,
)
from .unknown_names import queue_article_names
from .workflow import record_step


class EditRefused(ValidationError):
    """A save that would lose someone's work, or that cannot say what it started from."""


@dataclass(frozen=True)
class Saved:
    article: Article
    created: bool
    plan: Plan | None  # the workflow move made with the save, if any
    revision: Revision


def save_article(
    *,
    article: Article,
    user,
    loaded_version: int | None = None,
    write_relations: Callable[[Article], None] | None = None,
    add_links: Mapping[str, Iterable] | None = None,
    plan: Plan | None = None,
    transition: str = "",
    when=None,
    comment: str = "",
) -> Saved:
    """Create `article` (no pk) or save the changes made to it, as `user` wrote them.

    `loaded_version` is the version the person started from: required to change an existing
    article, and refused if someone saved it since. `write_relations(article)` writes links,
    tags, authors and inline rows once the row is saved (the admin form's save_m2m); `add_links`
    adds registry entities per relation of Article.LINK_FIELDS, and tag names under "tags". A
    workflow move is either planned already (`plan`, checked by the form) or named
    (`transition`).
    `user=None` is the site's operator at the command line (no role applies).
    """
    created = article.pk is None
    with announced_writes() as written:
        if created:
            if user is not None and not user.has_perm("articles.add_article"):
                raise PermissionDenied(_("You may not write articles."))
            if article.created_by_id is None and user is not None:
                article.created_by = user
            was_live, changed_text = False, True
        else:
            stored = Article.objects.select_for_update().get(pk=article.pk)
            check_version(stored, loaded_version)
            if user is not None and not permissions.can_edit(user, stored):
                raise PermissionDenied(_("You may not edit this article."))
            ensure_baseline(stored)
            was_live, changed_text = stored.is_published(), text_changed(article, stored)
            if user is not None:
                resolve_title_flag(article, stored)
        if plan is None and transition:
            plan = plan_transition(user, article, transition, when=when)
        mark_revised(article, was_live=was_live, text_changed=changed_text)
        resolve_date_flag(article)
        if not article.slug:
            article.slug = unique_slug(article.title, exclude_pk=article.pk)
        article.full_clean(exclude=["version"])
        article.save()
        if write_relations is not None:
            write_relations(article)
        for relation, values in (add_links or {}).items():
            if relation != "tags" and relation not in Article.LINK_FIELDS:
                raise ValueError(f"{relation} is not a link of an article")
            getattr(article, relation).add(*values)
        if created and user is not None and not article.authors.exists():
            article.authors.add(user)
        keep_primary_in_championships(article)
        if plan is not None:
            record_step(article, plan, user=user, comment=comment)
        if created or plan is None:
            action = AuditEntry.Action.CREATE if created else AuditEntry.Action.EDIT
            record(action, user=user, article=article, detail="" if plan else comment)
        if created and user is not None:
            # The autosave of this new article, kept before it had an id, is now superseded.
            Revision.objects.filter(
                article=None, created_by=user, kind=Revision.Kind.AUTOSAVE
            ).delete()
        revision = store_revision(
            article,
            user=user,
            kind=Revision.Kind.WORKFLOW if plan else Revision.Kind.EDIT,
            message=str(plan.action.label) if plan else comment,
        )
        if changed_text:
            queue_article_names(article)
        written.add(article.pk)
    return Saved(article=article, created=created, plan=plan, revision=revision)


def review_headline(
    *, article: Article, user, title: str, standfirst: str, loaded_version: int | None
) -> Saved:
    """An editor's reading of an imported headline: title and standfirst as they want them,
    and the article leaves the titles to review, even when they kept both."""
    article.title, article.standfirst = " ".join(title.split()), standfirst.strip()
    article.flags = [flag for flag in article.flags if flag != Article.Flag.TITLE_TO_REVIEW]
    return save_article(
        article=article, user=user, loaded_version=loaded_version, comment=_("Headline reviewed")
    )


def check_version(stored: Article, loaded_version: int | None) -> None:
    if loaded_version is None:
        raise EditRefused(
            _(
                "This save does not say which version of the article it started from, so it "
                "could overwrite someone else's work: nothing was saved. Reload the article "
                "and make your change again."
            ),
            code="no_version",
        )
    if loaded_version != stored.version:
        raise EditRefused(
            _(
                "Someone else saved this article while you were editing it. Nothing was "
                "saved: check their changes and save again."
            ),
            code="conflict",
        )


def save_corrections(
    *, article: Article, corrections: Iterable[Correction], deleted: Iterable[Correction], user
) -> None:
    """Add, change or remove public correction notes; a live article shows it was updated."""
    corrections, deleted = list(corrections), list(deleted)
    with announced_writes() as written:
        for correction in corrections:
            if correction.pk is None and user is not None and user.is_authenticated:
                correction.created_by = user
            correction.article = article
            correction.save()
            record(AuditEntry.Action.CORRECT, user=user, article=article, detail=correction.text)
        for correction in deleted:
            correction.delete()
        if corrections and article.is_published():
            article.revised_at = timezone.now()
            Article.objects.filter(pk=article.pk).update(revised_at=article.revised_at)
        if corrections or deleted:
            written.add(article.pk)


def restore_revision(*, revision: Revision, user) -> Article:
    """Bring back a revision's content, links and tags, as a new revision.

    Status and publication time are workflow decisions: a restore never publishes or
    unpublishes anything. A live article whose text changes shows "mis à jour le".
    """
    with announced_writes() as written:
        article = Article.objects.select_for_update().get(pk=revision.article_id)
        if user is not None and not permissions.can_edit(user, article):
            raise PermissionDenied(_("You may not edit this article."))
        ensure_baseline(article)
        stored = copy(article)  # as saved, to tell whether readers will see another text
        data = revision.data
        for name in RESTORABLE_FIELDS:
            if name not in data:
                continue
            if name in FOREIGN_KEYS:
                pk = data[name]
                exists = FOREIGN_KEYS[name].objects.filter(pk=pk).exists()
                setattr(article, f"{name}_id", pk if exists else None)
            else:
                setattr(article, name, data[name])
        mark_revised(
            article, was_live=stored.is_published(), text_changed=text_changed(article, stored)
        )
        article.save()
        for relation in Article.LINK_FIELDS:
            if relation in data:
                model = Article._meta.get_field(relation).related_model
                getattr(article, relation).set(model.objects.filter(pk__in=data[relation]))
        if "authors" in data:
            article.authors.set(get_user_model().objects.filter(pk__in=data["authors"]))
        if "tags" in data:
            article.tags.set(data["tags"], clear=True)
        keep_primary_in_championships(article)
        label = revision_label(revision)
        store_revision(
            article,
            user=user,
            kind=Revision.Kind.RESTORE,
            message=_("Restored from %(revision)s") % {"revision": label},
        )
        record(AuditEntry.Action.RESTORE, user=user, article=article, detail=label)
        written.add(article.pk)
    return article


def delete_articles(*, articles: Iterable[Article], user) -> int:
    """Delete articles for good (the chief editor's call), each noted in the audit trail."""
    if user is not None and not permissions.can_delete(user):
        raise PermissionDenied(_("Only the chief editor can delete articles."))
    articles = list(articles)
    with announced_writes() as written:  # the search index drops them; cached pages go
        for article in articles:
            record(AuditEntry.Action.DELETE, user=user, article=article, object_repr=article.title)
        ids = [article.pk for article in articles]
        Article.objects.filter(pk__in=ids).delete()
        written.update(ids)
    return len(ids)
