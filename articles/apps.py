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
