"""Keep the search index current: article saves and deletions, link and tag changes, imports,
and renamed registry entities or tags (their names are indexed with each linked article)."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from taggit.models import Tag, TaggedItem

from articles.models import Article
from articles.signals import announcement_follows, articles_changed
from teams.models import Championship, Driver, Manufacturer, Team

from . import index_articles, remove_articles
from .documents import NAMED_RELATIONS

RENAMEABLE = (Championship, Manufacturer, Team, Driver, Tag)


def article_saved(sender, instance, raw=False, **kwargs):
    # loaddata: the fixtures' links are not there yet; reindex_search afterwards. A service's
    # save: indexed once, when the service announces it (articles.signals).
    if not raw and not announcement_follows():
        index_articles([instance.pk])


def article_deleted(sender, instance, **kwargs):
    remove_articles([instance.pk])


def articles_written(sender, ids, **kwargs):
    index_articles(ids)


def links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A link or a tag was added or removed, from the article's side or the entity's side."""
    if isinstance(instance, Article):
        if action in {"post_add", "post_remove", "post_clear"} and not announcement_follows():
            index_articles([instance.pk])
        return
    if not reverse or sender is TaggedItem:
        return  # a tag of another model, or a side we do not index from
    if action == "pre_clear":
        # After the clear nothing says which articles were linked: remember them now.
        column = _column_for(sender, type(instance))
        instance._search_unlinked = list(
            sender.objects.filter(**{column: instance.pk}).values_list("article_id", flat=True)
        )
    elif action == "post_clear":
        index_articles(getattr(instance, "_search_unlinked", []))
    elif action in {"post_add", "post_remove"}:
        index_articles(pk_set or [])


def _column_for(through, model) -> str:
    return next(f.attname for f in through._meta.fields if f.related_model is model)


def name_about_to_change(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    fields = ["name", "aliases"] if hasattr(instance, "aliases") else ["name"]
    before = sender.objects.filter(pk=instance.pk).values_list(*fields).first()
    instance._search_renamed = before is not None and list(before) != [
        getattr(instance, f) for f in fields
    ]


def name_changed(sender, instance, created, raw=False, **kwargs):
    if raw or created or not getattr(instance, "_search_renamed", False):
        return
    if sender is Tag:
        ids = TaggedItem.objects.filter(
            tag=instance, content_type__app_label="articles", content_type__model="article"
        ).values_list("object_id", flat=True)
    else:
        ids = instance.articles.values_list("pk", flat=True)
    index_articles(list(ids))


def connect() -> None:
    uid = "newsroom.search"
    post_save.connect(article_saved, sender=Article, dispatch_uid=f"{uid}.saved")
    post_delete.connect(article_deleted, sender=Article, dispatch_uid=f"{uid}.deleted")
    articles_changed.connect(articles_written, dispatch_uid=f"{uid}.changed")
    for relation in NAMED_RELATIONS:
        through = getattr(Article, relation).through
        m2m_changed.connect(links_changed, sender=through, dispatch_uid=f"{uid}.{relation}")
    m2m_changed.connect(links_changed, sender=TaggedItem, dispatch_uid=f"{uid}.tags")
    for model in RENAMEABLE:
        name = model._meta.label_lower
        pre_save.connect(name_about_to_change, sender=model, dispatch_uid=f"{uid}.pre.{name}")
        post_save.connect(name_changed, sender=model, dispatch_uid=f"{uid}.post.{name}")
