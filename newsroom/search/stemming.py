"""Snowball stemming in Python, for SQLite (FTS5 has no French stemmer) and for its snippets.

PostgreSQL stems with its own copies of the same Snowball algorithms (french_stem, …).
"""

import threading
from functools import lru_cache

import snowballstemmer

# Article.language → Snowball algorithm; any other language is indexed unstemmed.
ALGORITHMS = {
    "fr": "french",
    "en": "english",
    "it": "italian",
    "de": "german",
    "es": "spanish",
    "pt": "portuguese",
    "nl": "dutch",
}

# A Snowball stemmer keeps state while it works: one per thread.
_local = threading.local()


def _stemmer(language: str):
    stemmers = _local.__dict__.setdefault("stemmers", {})
    if language not in stemmers:
        algorithm = ALGORITHMS.get(language)
        stemmers[language] = snowballstemmer.stemmer(algorithm) if algorithm else None
    return stemmers[language]


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    """The stem of one word in `language`, lower case ("Victoires", "fr" → "victoir")."""
    lowered = word.casefold()
    stemmer = _stemmer(language)
    return stemmer.stemWord(lowered) if stemmer else lowered


def stems_in_every_language(word: str) -> set[str]:
    """What `word` may have become in the index, whatever the article's language."""
    return {stem(word, language) for language in ALGORITHMS} | {word.casefold()}
