"""The text the importer links, read back from a saved article (for `relink`, which the
services run: articles.services.relink_articles)."""

from ..models import Article
from ..sanitize import plain_text


def article_text(article: Article) -> str:
    """The text the importer linked: title and standfirst (the lead paragraph), then the body."""
    body = plain_text(article.body.replace("</p>", "</p>\n\n").replace("</h2>", "</h2>\n\n"))
    # An imported title is (part of) the lead's first sentence: when the standfirst (titles
    # cut with "…" by earlier imports) or the body's first paragraph holds that sentence whole,
    # reading the title too would count its names twice.
    first_paragraph = body.split("\n\n", 1)[0].casefold()
    title = article.title.rstrip("…").strip()
    repeated = article.title.endswith("…") or (title and title.casefold() in first_paragraph)
    lead = article.standfirst if repeated else f"{article.title}. {article.standfirst}"
    return f"{lead}\n\n{body}".strip()
