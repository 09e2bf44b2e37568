"""Link imported articles again after the registry has grown, leaving editors' links alone."""

import html
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils.html import strip_tags

from ..models import Article
from .link import Linker
from .save import RELATIONS, relink_article


@dataclass
class RelinkCounts:
    seen: int = 0
    changed: int = 0


def article_text(article: Article) -> str:
    """The text the importer linked: title and standfirst (the lead paragraph), then the body."""
    body = html.unescape(strip_tags(article.body.replace("</p>", "</p>\n\n")))
    # An imported title is the lead's first sentence; when it was cut ("…"), the standfirst
    # holds the whole lead, so reading the title too would count its names twice.
    lead = (
        article.standfirst
        if article.title.endswith("…")
        else f"{article.title}. {article.standfirst}"
    )
    return f"{lead}\n\n{body}".strip()


def relink_articles(*, articles: Iterable[Article], linker: Linker | None = None) -> RelinkCounts:
    linker = linker or Linker.from_registry()
    counts = RelinkCounts()
    for article in articles:
        counts.seen += 1
        before = _snapshot(article)
        with transaction.atomic():
            relink_article(article, linker.link(article_text(article)))
            if _snapshot(article) != before:
                counts.changed += 1
                # Only these two fields: an editor may be saving the article's text right now.
                Article.objects.filter(pk=article.pk).update(
                    imported_links=article.imported_links,
                    primary_championship_id=article.primary_championship_id,
                )
    return counts


def _snapshot(article: Article) -> tuple:
    links = article.imported_links or {}
    return (
        tuple(tuple(sorted(links.get(r, []))) for r in RELATIONS),
        article.primary_championship_id,
    )
