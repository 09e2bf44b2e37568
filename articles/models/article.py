from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from unidecode import unidecode

from teams.models import Car, Championship, Circuit, Driver, Event, Manufacturer, Team

from ..sanitize import sanitize_html
from ..site.addresses import reverse
from .links import CARD, attach_links


def published_q(*, prefix: str = "", now=None) -> models.Q:
    """The rule of `published()` as a condition, for queries that combine it with others
    (`prefix="article__"` reaches articles through a relation)."""
    return models.Q(
        **{
            f"{prefix}status": Article.Status.PUBLISHED,
            f"{prefix}published_at__lte": now or timezone.now(),
        }
    )


class ArticleQuerySet(models.QuerySet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._links = ()  # relations read by links.attach_links once the rows are fetched

    def _clone(self):
        clone = super()._clone()
        clone._links = self._links
        return clone

    def _fetch_all(self):
        fetching = self._result_cache is None
        super()._fetch_all()
        if fetching and self._links and self._iterable_class is models.query.ModelIterable:
            attach_links(
                dict.fromkeys(self._links, self._result_cache), pictures=self._result_cache
            )

    def published(self):
        """Visible to readers: published status and a publication time that has passed.

        The only visibility rule: every public page, list, hub, count and feed starts here.
        A published article with a future date is scheduled and appears by itself when due.
        """
        return self.filter(published_q())

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def with_links(self, *relations):
        """Reads these relations of every fetched article in one query (models/links.py)."""
        clone = self._chain()
        clone._links = (*self._links, *relations)
        return clone

    def cards(self):
        """The columns an article card shows: not the body, nor what only editors see."""
        return self.select_related("primary_championship", "hero_image").defer("body", *UNSHOWN)

    def for_listing(self):
        """Everything an article card shows, in two queries whatever their number: the
        articles, then their tags with their pictures' renditions."""
        return self.cards().with_links(*CARD)

    def for_detail(self):
        """The article of a page, with its kept ranking of related articles; its links are read
        with the related articles' (see articles/site/views.article_page)."""
        return self.select_related("primary_championship", "hero_image", "related_list").defer(
            *UNSHOWN
        )


# Columns no public page shows: the import's notes and the editors' bookkeeping, and a series'
# other names (for matching, not for showing). Each is one more value to read and convert on
# every card (several of them JSON to decode).
UNSHOWN = (
    "flags",
    "imported_links",
    "dismissed_links",
    "legacy_id",
    "source_file",
    "content_hash",
    "import_batch",
    "created_by",
    "version",
    "created_at",
    "updated_at",
    "primary_championship__aliases",
)


def published_count(relation: str) -> Coalesce:
    """Annotation: how many published articles point at the outer row through `relation`."""
    counted = (
        Article.objects.published()
        .filter(**{relation: models.OuterRef("pk")})
        .order_by()
        .values(relation)
        .annotate(n=models.Count("pk", distinct=True))
        .values("n")
    )
    return Coalesce(models.Subquery(counted), 0)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")

    class DatePrecision(models.TextChoices):
        DAY = "day", _("Day")
        MONTH = "month", _("Month only")

    class Language(models.TextChoices):
        FRENCH = "fr", _("French")
        ENGLISH = "en", _("English")
        ITALIAN = "it", _("Italian")
        GERMAN = "de", _("German")
        SPANISH = "es", _("Spanish")
        PORTUGUESE = "pt", _("Portuguese")
        DUTCH = "nl", _("Dutch")

    # The article's links to the registry, in the order forms and pages show them: revisions,
    # the importer, the admin, the demo loader, the editing script and the tests read this.
    LINK_FIELDS = (
        "championships",
        "manufacturers",
        "teams",
        "drivers",
        "cars",
        "circuits",
        "events",
    )

    class Flag(models.TextChoices):
        NO_DATE = "no_date", _("No date in the source")
        TITLE_TO_REVIEW = "title_to_review", _("Title derived from the text")
        LONG_TEXT_SPLIT = "long_text_split", _("Very long paragraph split at sentences")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    standfirst = models.TextField(_("standfirst"), blank=True)
    body = models.TextField(_("body"), blank=True, help_text=_("HTML, sanitised on save."))
    language = models.CharField(
        _("language"), max_length=5, choices=Language, default=Language.FRENCH
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("publication date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision, default=DatePrecision.DAY
    )
    byline = models.CharField(_("byline"), max_length=200, blank=True)
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="articles", blank=True, verbose_name=_("authors")
    )
    source = models.CharField(_("source"), max_length=200, blank=True)
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)
    hero_image = models.ForeignKey(
        "articles.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hero_of",
        verbose_name=_("hero image"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="created_articles",
        verbose_name=_("created by"),
        help_text=_("A writer may edit the drafts they created or sign."),
    )
    revised_at = models.DateTimeField(
        _("updated on"),
        null=True,
        blank=True,
        help_text=_("Last change to the text of the article while it was on the site."),
    )

    tags = TaggableManager(_("tags"), blank=True)
    primary_championship = models.ForeignKey(
        Championship,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lead_articles",
        verbose_name=_("primary championship"),
    )
    championships = models.ManyToManyField(
        Championship, related_name="articles", blank=True, verbose_name=_("championships")
    )
    manufacturers = models.ManyToManyField(
        Manufacturer, related_name="articles", blank=True, verbose_name=_("manufacturers")
    )
    teams = models.ManyToManyField(
        Team, related_name="articles", blank=True, verbose_name=_("teams")
    )
    drivers = models.ManyToManyField(
        Driver, related_name="articles", blank=True, verbose_name=_("drivers")
    )
    cars = models.ManyToManyField(Car, related_name="articles", blank=True, verbose_name=_("cars"))
    circuits = models.ManyToManyField(
        Circuit, related_name="articles", blank=True, verbose_name=_("circuits")
    )
    # A round of a season: "Rallye du Portugal" in a 2021 text is the 2021 event.
    events = models.ManyToManyField(
        Event, related_name="articles", blank=True, verbose_name=_("events")
    )

    # Provenance of imported texts.
    legacy_id = models.CharField(_("legacy id"), max_length=100, blank=True, db_index=True)
    source_file = models.CharField(_("source file"), max_length=500, blank=True)
    content_hash = models.CharField(
        _("content hash"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("SHA-256 of the normalised legacy text."),
    )
    flags = models.JSONField(_("points to check"), default=list, blank=True)
    import_batch = models.ForeignKey(
        "articles.ImportBatch",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("import batch"),
    )
    imported_links = models.JSONField(
        _("links set by the importer"),
        default=dict,
        blank=True,
        help_text=_(
            "Registry ids the importer proposed, per relation: re-linking never touches other "
            "links, nor brings back one an editor removed."
        ),
    )

    dismissed_links = models.JSONField(
        _("dismissed link suggestions"),
        default=list,
        blank=True,
        editable=False,
        help_text=_(
            'Suggestions the writer dismissed on the form ("drivers:12"): not offered again.'
        ),
    )

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-pk"]
        # Visible articles newest first, ids included: a deep page finds its ids in the index
        # alone, without visiting the rows it skips (ForgivingPaginationMixin).
        indexes = [
            models.Index(fields=["status", "published_at", "id"], name="article_newest_visible")
        ]
        permissions = [
            ("publish_article", _("Can publish, schedule and unpublish articles")),
            ("edit_any_article", _("Can edit articles written by others")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="article_published_has_date",
                violation_error_message=_("A published article needs a publication date."),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "review", "published", "unpublished"]),
                name="article_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(date_precision__in=["day", "month"]),
                name="article_date_precision_valid",
            ),
            models.UniqueConstraint(
                fields=["legacy_id"],
                condition=~models.Q(legacy_id=""),
                name="article_legacy_id_unique",
                violation_error_message=_("Another article was imported from this legacy id."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        if not self.slug:
            self.slug = unique_slug(self.title, exclude_pk=self.pk)
        if not self._state.adding:
            self.version += 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        local = timezone.localtime(self.published_at)
        return reverse(
            "articles:detail",
            kwargs={"year": local.year, "month": local.month, "slug": self.slug},
        )

    def is_published(self) -> bool:
        """The rule of ArticleQuerySet.published() for one article."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return self.status == self.Status.PUBLISHED and not self.is_published()


def slug_base(title: str, *, max_length: int = 200) -> str:
    """The slug of a title, leaving room for a suffix that makes it unique."""
    # Transliterated, so a title in another script keeps a readable address ("Москва" ->
    # "moskva") rather than none.
    return (slugify(unidecode(title or "")) or "article")[: max_length - 12].strip("-")


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    """A slug for `title` that no other article uses ("titre", "titre-2", …)."""
    base = slug_base(title)
    taken = set(
        Article.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
