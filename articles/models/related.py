"""The related articles of each article, as last ranked (articles/site/related.py).

Ranking what an article shares with every other is the most expensive query of its page; its
answer changes only when that article's links change or as new articles appear. So the ranking
is kept here: made by the first page that needs it, forgotten by the write path when the
article is written (services.effects.announce), made again when older than a day so that newer
articles get their place. Readers never see an unpublished article through it: the ids are
read through ArticleQuerySet.published().
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RelatedList(models.Model):
    article = models.OneToOneField(
        "articles.Article",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="related_list",
        verbose_name=_("article"),
    )
    # The best-ranked first; more than a page shows, for those unpublished since.
    ids = models.JSONField(_("related articles"), default=list)
    made_at = models.DateTimeField(_("ranked at"))

    class Meta:
        verbose_name = _("related articles")
        verbose_name_plural = _("related articles")

    def __str__(self):
        return str(self.article_id)
