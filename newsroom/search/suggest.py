"""“Did you mean”: misspelt names corrected against the registry and the tags in use.

A word is only corrected when no published article contains it and it is not a registry word
itself; the closest registry word by trigram similarity (pg_trgm's measure: PostgreSQL computes
it, SQLite computes the same thing here) replaces it if it is close enough.
"""

import re
from collections.abc import Callable, Hashable, Iterable

from django.db.models import Exists, OuterRef
from taggit.models import Tag, TaggedItem

from articles.models import Article
from teams.models import Championship, Driver, Manufacturer, Team

from ..kept import KeptRenders
from .query import WORD, ParsedQuery, fold

# pg_trgm's default threshold is 0.3; names are short, so we ask for a little more.
MIN_SIMILARITY = 0.4
MIN_WORD_CHARS = 3
# The vocabulary of the site as it is now: a search that finds little asks for it, and making
# it (every name, alias and tag, folded) costs more than the search itself.
_kept = KeptRenders(size=2)


def vocabulary_at(moment: Hashable | None) -> dict[str, str]:
    """The vocabulary, kept in the process under `moment`, which every write readers can see
    moves (the site's generation, newsroom.freshness); made anew when `moment` is None."""
    return vocabulary() if moment is None else _kept.get(moment, vocabulary)


def vocabulary() -> dict[str, str]:
    """Registry and tag words, folded → as written ("citroen" → "Citroën"), in two queries."""
    registry = [
        model.objects.order_by().values_list("name", "aliases")
        for model in (Championship, Manufacturer, Team, Driver)
    ]
    names = []
    for name, aliases in registry[0].union(*registry[1:], all=True):
        names += [name, *(aliases or [])]
    # Only tags of published articles: a tag used by a draft alone must not leak.
    used = TaggedItem.objects.filter(
        tag=OuterRef("pk"),
        content_type__app_label="articles",
        content_type__model="article",
        object_id__in=Article.objects.published().order_by().values("pk"),
    )
    names += Tag.objects.filter(Exists(used)).values_list("name", flat=True)
    words = {}
    for name in names:
        for word in WORD.findall(name):
            if len(word) >= MIN_WORD_CHARS:
                words.setdefault(fold(word), word)
    return words


def trigrams(text: str) -> set[str]:
    """pg_trgm's trigrams: each word lower-cased, padded with two spaces before, one after."""
    found = set()
    for word in re.findall(r"[^\W_]+", text.lower()):
        padded = f"  {word} "
        found.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return found


def similarity(a: str, b: str) -> float:
    """pg_trgm's similarity(): shared trigrams over all trigrams of both."""
    ta, tb = trigrams(a), trigrams(b)
    if not ta or not tb:
        return 0.0
    shared = len(ta & tb)
    return shared / (len(ta) + len(tb) - shared)


def closest_in_python(terms: Iterable[str], words: Iterable[str]) -> dict[str, tuple[str, float]]:
    """For each term, the most similar word at MIN_SIMILARITY or more."""
    words = list(words)
    best = {}
    for term in terms:
        scored = [(similarity(term, w), w) for w in words]
        score, word = max(scored, key=lambda s: (s[0], -len(s[1])), default=(0.0, ""))
        if score >= MIN_SIMILARITY:
            best[term] = (word, score)
    return best


def suggestion(
    query: ParsedQuery,
    *,
    found: list[bool],
    closest: Callable[[list[str], list[str]], dict[str, tuple[str, float]]],
    moment: Hashable | None = None,
) -> str:
    """The corrected query text, or "" when there is nothing to correct.

    `found[i]` tells whether query.terms[i] occurs in a published article; `moment`, see
    vocabulary_at.
    """
    words = vocabulary_at(moment)
    unknown = [
        fold(term)
        for term, present in zip(query.terms, found, strict=True)
        if not present and fold(term) not in words and len(term) >= MIN_WORD_CHARS
    ]
    if not unknown:
        return ""
    corrections = {term: words[word] for term, (word, _) in closest(unknown, list(words)).items()}
    if not corrections:
        return ""
    return WORD.sub(lambda m: corrections.get(fold(m.group()), m.group()), query.text)
