"""What a search returns: one page of hits, the (capped) count, pagination and messages."""

from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from articles.models import Article

from .query import ParsedQuery

# Counting every match of a common word over a large archive costs more than the page itself;
# past this many, the page says "more than 500" (25 pages: nobody reads further, filters help).
COUNT_CAP = 500
# A suggestion is looked for only when the search found almost nothing.
SUGGEST_BELOW = 3


@dataclass(frozen=True)
class Filters:
    championship_id: int | None = None
    manufacturer_id: int | None = None
    year: int | None = None

    def apply(self, articles):
        if self.championship_id:
            articles = articles.filter(championships=self.championship_id)
        if self.manufacturer_id:
            articles = articles.filter(manufacturers=self.manufacturer_id)
        if self.year:
            articles = articles.filter(published_at__year=self.year)
        return articles


@dataclass
class Hit:
    article: Article
    snippet: SafeString


@dataclass
class SearchResults:
    query: ParsedQuery
    hits: list[Hit] = field(default_factory=list)
    count: int = 0  # at most COUNT_CAP
    number: int = 1
    page_size: int = 20
    suggestion: str = ""

    @property
    def count_is_capped(self) -> bool:
        return self.count >= COUNT_CAP

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // self.page_size))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def has_other_pages(self) -> bool:
        return self.num_pages > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.page_size + 1 if self.hits else 0


def requested_page(requested) -> int:
    """Forgiving, as ForgivingPaginationMixin: ?page=abc or ?page=-2 is page 1.

    (A page past the end is brought back to the last one once the count is known.)
    """
    try:
        number = int(str(requested))
    except (TypeError, ValueError):  # also Python's limit on digits: ?page=99999…
        return 1
    # No page lies past COUNT_CAP; the bound keeps OFFSET a small integer.
    return min(max(number, 1), COUNT_CAP)
