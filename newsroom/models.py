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


class CacheKey(models.Model):
    """What a write last changed, one row per key: "article-12", "championship-3" (a row shown
    on a page), "articles:team-7" (which articles a list of that team holds), "articles" (which
    articles the site lists at all), "chrome" (the menus every page shows)…

    A cached page keeps the keys of everything it showed and the site generation it was
    rendered at; it is current while none of its keys moved past that generation
    (newsroom.invalidation writes the rows, newsroom.page_cache reads them). A write therefore
    re-renders the pages that show what it changed and no other.
    """

    key = models.CharField(_("key"), max_length=200, primary_key=True)
    generation = models.BigIntegerField(_("generation"))
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("cache key")
        verbose_name_plural = _("cache keys")

    def __str__(self):
        return self.key


class ListedArticle(models.Model):
    """Where a published article was listed when last written: its date and the keys of the
    lists it belongs to (its series, makes, teams, drivers, tags and authors).

    A write compares the article with this row to tell an edit that changes lists (a
    publication, a new date, a new link) from one that does not (a corrected title): only the
    first re-renders the lists. Not a foreign key: the row must outlive a deleted article, to
    say which lists lost it.
    """

    article_id = models.BigIntegerField(_("article"), primary_key=True)
    published_at = models.DateTimeField(_("published at"), null=True)
    keys = models.JSONField(_("list keys"), default=list)

    class Meta:
        verbose_name = _("listed article")
        verbose_name_plural = _("listed articles")

    def __str__(self):
        return str(self.article_id)
