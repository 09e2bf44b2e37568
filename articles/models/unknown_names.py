"""Names the linker could not resolve: the queue where the registry grows from the texts.

Every capitalised run of words that no registry spelling covers ("Jean Dupont", "Bonnefoy
Racing") is kept once, by its folded spelling, with the articles that write it and an excerpt
of each; a chief editor turns it into a registry entity or an alias, or ignores it
(articles/services/unknown_names.py).
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _


class UnknownNameQuerySet(models.QuerySet):
    def written(self):
        """Names some article still writes."""
        mentions = UnknownNameMention.objects.filter(unknown_name=OuterRef("pk"))
        return self.filter(Exists(mentions))

    def to_review(self):
        """Names still waiting for a decision that some article writes."""
        return self.written().filter(status=UnknownName.Status.NEW)

    def with_counts(self):
        """Each name's number of articles and the excerpt of its first mention."""
        first = UnknownNameMention.objects.filter(unknown_name=OuterRef("pk")).order_by("pk")
        return self.annotate(
            article_count=Count("mentions"), first_excerpt=Subquery(first.values("excerpt")[:1])
        )


class UnknownName(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("To review")
        ADDED = "added", _("Added to the registry")
        IGNORED = "ignored", _("Ignored")

    name = models.CharField(_("name"), max_length=200)
    key = models.CharField(_("folded spelling"), max_length=200, unique=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.NEW)
    # What it became: "driver:12" (an entity of the registry, new or given this alias).
    resolved_as = models.CharField(_("added as"), max_length=40, blank=True, editable=False)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    resolved_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    created_at = models.DateTimeField(_("first seen"), auto_now_add=True)

    objects = UnknownNameQuerySet.as_manager()

    class Meta:
        verbose_name = _("unknown name")
        verbose_name_plural = _("unknown names")
        ordering = ["name"]

    def __str__(self):
        return self.name


class UnknownNameMention(models.Model):
    """An article that writes an unknown name, with the sentence around its first mention."""

    unknown_name = models.ForeignKey(
        UnknownName, on_delete=models.CASCADE, related_name="mentions", verbose_name=_("name")
    )
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="unknown_name_mentions",
        verbose_name=_("article"),
    )
    excerpt = models.CharField(_("excerpt"), max_length=300)

    class Meta:
        verbose_name = _("mention of an unknown name")
        verbose_name_plural = _("mentions of unknown names")
        constraints = [
            models.UniqueConstraint(
                fields=["unknown_name", "article"], name="one_mention_per_article"
            )
        ]

    def __str__(self):
        return f"{self.unknown_name_id} in {self.article_id}"
