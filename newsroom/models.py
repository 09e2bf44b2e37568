from django.contrib.postgres.search import SearchVectorField
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class SearchDocument(models.Model):
    """An article as PostgreSQL searches it: its weighted, stemmed, unaccented words.

    Written by newsroom.search.index_articles only. On SQLite the index is the FTS5 table made
    by migration 0003 instead, and this table stays empty.
    """

    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
        verbose_name=_("article"),
    )
    # Both GIN-indexed by migration 0002 (PostgreSQL only: SQLite cannot create that index).
    # head: title (A), linked names and tags (B), standfirst (B); vector: head + body (C).
    # Broad queries rank the newest matches of each (postgres.POOL), so that strong matches
    # anywhere in the archive stay in the running without ranking every article.
    head = SearchVectorField(null=True)
    vector = SearchVectorField(null=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self):
        return str(self.article_id)


class SiteGeneration(models.Model):
    """One row: a counter moved by every write that readers can see.

    It lives in the database, not in a cache, because the database is the one store that every
    process shares in every configuration: two gunicorn workers, a command-line import, a
    second server. The counter moves inside the writing transaction, so a rolled-back write (a
    dry-run import preview) changes nothing, and a committed one is seen by the next request of
    any process (newsroom.freshness).
    """

    value = models.BigIntegerField(_("generation"), default=1)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("site generation")
        verbose_name_plural = _("site generation")

    def __str__(self):
        return str(self.value)


class SiteSummary(models.Model):
    """One row: what every page's frame shows (the newest visible publication, the next
    scheduled one, the menus…), for the generation it was made for (newsroom.freshness).

    Read with the generation, in the one query each request makes anyway, so a page costs no
    more with no cache at all. Made again by the first request that finds it older than the
    generation. A row of its own, not a column of the generation's: writers lock that row until
    they commit (an import, for a whole chunk), and a reader storing a summary must never wait
    for them.
    """

    data = models.JSONField(_("summary"), default=dict, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("site summary")
        verbose_name_plural = _("site summary")

    def __str__(self):
        return str(self.data.get("generation", ""))
