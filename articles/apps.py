from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")
    # Models whose rows readers see (newsroom.freshness watches their writes). History, audit,
    # presence pings, import batches, records and uploads are the desk's own: writing them must
    # not empty the public page cache.
    public_models = ("article", "image", "rendition", "correction")

    def ready(self):
        from django.db.models.signals import pre_save
        from taggit.models import Tag

        from .tagging import ensure_tag_slug

        pre_save.connect(ensure_tag_slug, sender=Tag, dispatch_uid="articles.tag-slug")

        from django.db.models.signals import post_save

        from .services.unknown_names import KINDS, settle_known_names

        # A name added to the registry anywhere (its admin, a command) leaves the unknown
        # names queue, and the articles that write it are linked to it.
        for model in KINDS.values():
            post_save.connect(
                settle_known_names,
                sender=model,
                dispatch_uid=f"articles.settle-{model._meta.model_name}",
            )
