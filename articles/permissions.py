"""Who may do what to an article. Every path (form, list action, endpoint) asks here.

Model permissions come from the role groups (migration 0004); the rules that depend on the
article itself — a writer only edits the drafts they created or sign — live here.
"""

from .models import Article


def can_publish(user) -> bool:
    """Publish, schedule, unpublish, send back to draft: the editors' decisions."""
    return user.is_active and user.has_perm("articles.publish_article")


def can_edit_any(user) -> bool:
    return user.is_active and user.has_perm("articles.edit_any_article")


def can_correct(user) -> bool:
    return user.is_active and user.has_perm("articles.add_correction")


def can_manage_tags(user) -> bool:
    """Rename and merge tags: they change every article that carries them."""
    return user.is_active and user.has_perm("taggit.change_tag")


def can_delete(user) -> bool:
    return user.is_active and user.has_perm("articles.delete_article")


def is_own(user, article: Article) -> bool:
    if article.pk is None or article.created_by_id == user.pk:
        return True
    return article.authors.filter(pk=user.pk).exists()


def keeps_the_archive(user) -> bool:
    """Archive staff (and chief editors) import legacy texts; they also edit what was
    imported — fix a derived headline, a link — whatever its status, but publish nothing."""
    return user.is_active and user.has_perm("articles.import_legacy")


def can_edit(user, article: Article | None = None) -> bool:
    """May `user` change this article's text, links and tags (or articles in general)?"""
    if not (user.is_active and user.has_perm("articles.change_article")):
        return False
    if article is None or can_edit_any(user):
        return True
    if article.legacy_id and keeps_the_archive(user):
        return True
    return article.status == Article.Status.DRAFT and is_own(user, article)


def editable_by(user, queryset):
    """The articles of `queryset` that `user` may change."""
    if not (user.is_active and user.has_perm("articles.change_article")):
        return queryset.none()
    if can_edit_any(user):
        return queryset
    from django.db.models import Q

    own_drafts = (Q(created_by=user) | Q(authors=user)) & Q(status=Article.Status.DRAFT)
    if keeps_the_archive(user):
        return queryset.filter(own_drafts | Q(legacy_id__gt="")).distinct()
    return queryset.filter(own_drafts).distinct()
