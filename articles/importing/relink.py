"""The text the importer links, read back from a saved article (for `relink`, which the
services run: articles.services.relink_articles)."""

from ..models import Article
from ..sanitize import plain_text


def article_text(article: Article) -> str:
    """The text the importer linked: title and standfirst (the lead paragraph), then the body."""
    body = plain_text(article.body.replace("</p>", "</p>\n\n"))
    # An imported title is the lead's first sentence; when it was cut ("…"), the standfirst
    # holds the whole lead, so reading the title too would count its names twice.
    lead = (
        article.standfirst
        if article.title.endswith("…")
        else f"{article.title}. {article.standfirst}"
    )
    return f"{lead}\n\n{body}".strip()
