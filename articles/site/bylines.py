"""Author pages: the public address of each person who signs articles.

A reader sees a name, so the address is made of the name ("/auteurs/jeanne-martin/"); the
username and email stay private. Two people with the same name are told apart by the order
their accounts were created in ("jeanne-martin", "jeanne-martin-2"), which a newcomer cannot
change. The slugs are computed rather than stored: the newsroom has a few dozen accounts, read
in one small query, and nothing has to be kept in step when someone changes their name.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from articles.site.addresses import reverse

from ..models import Article
from . import cache_keys


@dataclass(frozen=True)
class Author:
    pk: int
    name: str
    slug: str

    def get_absolute_url(self) -> str:
        return reverse("articles:author", kwargs={"slug": self.slug})


def public_name(first_name: str, last_name: str) -> str:
    """The name printed under articles; empty for an account without one (never the username)."""
    return " ".join(f"{first_name} {last_name}".split())


def authors_by_pk(people=None) -> dict[int, Author]:
    """Every account with a name, as the Author readers know: from `people`, (pk, first name,
    last name) in account order as models.links reads them, else in one query."""
    # Who signs what, and under which address, follows every account's name.
    cache_keys.record(cache_keys.PEOPLE)
    if people is None:
        people = (
            get_user_model()
            .objects.exclude(first_name="", last_name="")
            .order_by("pk")
            .values_list("pk", "first_name", "last_name")
        )
    authors, taken = {}, set()
    for pk, first_name, last_name in people:
        name = public_name(first_name, last_name)
        base = slugify(name)
        if not base:
            continue
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        authors[pk] = Author(pk, name, slug)
    return authors


def author_by_slug(slug: str) -> Author | None:
    return next((a for a in authors_by_pk().values() if a.slug == slug), None)


def article_authors(article: Article, people=None) -> list[Author]:
    """The signatories of `article` who have a public name (reads prefetched `authors`)."""
    signed = list(article.authors.all())
    if not signed:
        return []
    authors = authors_by_pk(people)
    return [authors[user.pk] for user in signed if user.pk in authors]
