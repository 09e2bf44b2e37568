"""What the reader typed, cleaned into words worth looking for.

Anything can arrive in ?q=: NUL bytes, control characters, 5,000 characters of noise, search
syntax, emoji. None of it reaches the database as syntax: the backends only ever receive the
words found here, quoted by them.
"""

import re
import unicodedata
from dataclasses import dataclass, field

MAX_QUERY_CHARS = 200
MAX_TERMS = 8
# Longer "words" are noise (a pasted hash, a key held down), never a name or a subject.
MAX_TERM_CHARS = 40

WORD = re.compile(r"[^\W_]+")
# Categories never worth keeping: control, format, surrogate, private use (our snippet markers
# live there), unassigned.
_DROPPED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}
# Letters that have no decomposition but that readers type without their mark.
_FOLDS = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d", "ı": "i"})

# The commonest function words of the article languages. A word in this list is not searched:
# it is in nearly every text, and PostgreSQL's dictionaries leave most of them out of the index.
_STOP_WORDS_BY_LANGUAGE = {
    "fr": "a au aux avec ce ces cette dans de des du elle en est et il ils la le les leur lui "
    "mais me ne nous on ou par pas pour qu que qui sa se ses son sont sur ta te tes ton tu un "
    "une vos votre vous y ete etre",
    "en": "an and are as at be but by for from has have he her his in is it its of on or she "
    "that the their they this to was were will with",
    "it": "al che con da dei del della di e gli il lo nel per sono un una",
    "de": "auf das dem den der des die ein eine einen ist im mit nicht sich und von zu",
    "es": "el las los por se una con del que",
    "pt": "da das do dos em na no os um uma",
    "nl": "de een het in is met op te van",
}
STOP_WORDS = frozenset(w for words in _STOP_WORDS_BY_LANGUAGE.values() for w in words.split())


def fold(text: str) -> str:
    """Lower case without accents: "Citroën" → "citroen", "Œuvre" → "oeuvre"."""
    text = text.casefold().translate(_FOLDS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def clean_text(raw: str) -> str:
    """The query without invisible or unprintable characters, spaces collapsed."""
    text = unicodedata.normalize("NFKC", raw)
    text = "".join(
        " " if c.isspace() else c
        for c in text
        if c.isspace() or unicodedata.category(c) not in _DROPPED_CATEGORIES
    )
    return " ".join(text.split())


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # shown back to the reader in the search box
    terms: tuple[str, ...] = ()  # as typed, without repeats
    problem: str = ""  # see PROBLEMS below; empty when there is something to search
    shortened: bool = False
    common: tuple[str, ...] = field(default=(), compare=False)  # the words left out

    EMPTY = "empty"
    NO_WORDS = "no_words"
    COMMON_WORDS = "common_words"

    @property
    def is_searchable(self) -> bool:
        return bool(self.terms) and not self.problem


def parse(raw: str) -> ParsedQuery:
    text = clean_text(raw or "")
    shortened = len(text) > MAX_QUERY_CHARS
    if shortened:
        text = text[:MAX_QUERY_CHARS].rsplit(" ", 1)[0] if " " in text else text[:MAX_QUERY_CHARS]
    if not text:
        return ParsedQuery(text="", problem=ParsedQuery.EMPTY)
    terms, common, seen = [], [], set()
    for word in WORD.findall(text):
        folded = fold(word)
        if folded in seen or len(word) > MAX_TERM_CHARS:
            continue
        seen.add(folded)
        # One letter is an elision ("l'", "d'") or an initial: not worth a search.
        (common if len(folded) < 2 or folded in STOP_WORDS else terms).append(word)
    if len(terms) > MAX_TERMS:
        terms, shortened = terms[:MAX_TERMS], True
    if not terms:
        problem = ParsedQuery.COMMON_WORDS if common else ParsedQuery.NO_WORDS
        return ParsedQuery(text=text, problem=problem, shortened=shortened, common=tuple(common))
    return ParsedQuery(text=text, terms=tuple(terms), shortened=shortened, common=tuple(common))
