"""The text of each article as the index sees it: weighted fields, HTML stripped."""

import html
import re
from collections import defaultdict
from dataclasses import dataclass

from taggit.models import TaggedItem

from articles.models import Article

from .snippets import RESERVED

# Relations whose names (and aliases) make an article findable by the entities it covers.
NAMED_RELATIONS = ("championships", "manufacturers", "teams", "drivers")

_BLOCK_TAG = re.compile(r"</?(?:p|br|li|ul|ol|h\d|blockquote|div|tr|td|th|table|hr)\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"<[^>]*>")
# A regular expression rather than str.translate, which looks each character of a text with
# accents up in Python's mapping: six times slower on an article.
_NOT_TEXT = re.compile(f"[{RESERVED}\x00]")


def plain_text(markup: str) -> str:
    """The words of sanitised article HTML, for indexing and snippets (never rendered as HTML).

    Bodies went through nh3 on save, so a regular expression is enough here, and it is much
    faster than an HTML parser over a whole archive. Block tags become spaces so that the last
    word of a paragraph does not run into the first word of the next.
    """
    text = _ANY_TAG.sub("", _BLOCK_TAG.sub(" ", markup or ""))
    return tidy(html.unescape(text))


def tidy(text: str) -> str:
    """Plain text with spaces collapsed and without the characters snippets use as markers."""
    return " ".join(_NOT_TEXT.sub("", text or "").split())


@dataclass
class Document:
    article_id: int
    language: str
    title: str
    names: str  # linked championships, manufacturers, teams, drivers (+ aliases) and tags
    standfirst: str
    body: str


def load_documents(ids: list[int]) -> list[Document]:
    """The documents of these articles, in a fixed number of queries (6) whatever their number."""
    names = defaultdict(list)
    for relation in NAMED_RELATIONS:
        through = getattr(Article, relation).through
        entity = getattr(Article, relation).field.m2m_reverse_field_name()
        rows = through.objects.filter(article_id__in=ids).values_list(
            "article_id", f"{entity}__name", f"{entity}__aliases"
        )
        for article_id, name, aliases in rows:
            names[article_id] += [name, *(aliases or [])]
    tags = TaggedItem.objects.filter(
        content_type__app_label="articles", content_type__model="article", object_id__in=ids
    ).values_list("object_id", "tag__name")
    for article_id, tag in tags:
        names[article_id].append(tag)
    articles = Article.objects.filter(pk__in=ids).values_list(
        "pk", "language", "title", "standfirst", "body"
    )
    return [
        Document(
            article_id=pk,
            language=language,
            title=tidy(title),
            names=tidy(" · ".join(names[pk])),
            standfirst=tidy(standfirst),
            body=plain_text(body),
        )
        for pk, language, title, standfirst, body in articles
    ]
