"""Highlighted extracts: escaped text in which only our own <mark> tags are HTML.

Both backends mark the matched words with two private-use characters, which the article text
cannot contain (documents.tidy removes them); the extract is escaped first and the markers are
turned into <mark> afterwards, so nothing from the article is ever rendered as HTML.
"""

from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .query import WORD, fold
from .stemming import stem

START, STOP = "\ue000", "\ue001"
# Private-use characters the snippet machinery may use (markers, stand-ins); documents.tidy
# removes them from article text.
RESERVED = "".join(chr(c) for c in range(0xE000, 0xE010))
ELLIPSIS = "…"
SNIPPET_WORDS = 30


def render(marked: str, *, full_text: str) -> SafeString:
    """HTML for an extract carrying START/STOP markers, with "…" where the text was cut."""
    bare = " ".join(marked.replace(START, "").replace(STOP, "").split())
    html = escape(" ".join(marked.split())).replace(START, "<mark>").replace(STOP, "</mark>")
    if bare and not full_text.startswith(bare[:30]):
        html = f"{ELLIPSIS} {html}"
    if bare and not full_text.endswith(bare[-30:]):
        html = f"{html} {ELLIPSIS}"
    return mark_safe(html)  # escaped above: only our markers became tags


def python_snippet(text: str, *, language: str, stems: set[str]) -> SafeString:
    """The densest window of SNIPPET_WORDS words, the words whose stem was searched marked.

    `stems` holds the folded stems of the query terms in every language (SQLite backend).
    """
    words = list(WORD.finditer(text))
    if not words:
        return mark_safe("")
    hits = [i for i, w in enumerate(words) if folded_stem(w.group(), language) in stems]
    start = _best_window_start(hits, len(words))
    hits = set(hits)
    end = min(len(words), start + SNIPPET_WORDS)
    pieces, cursor = [], words[start].start()
    for i in range(start, end):
        word = words[i]
        pieces.append(text[cursor : word.start()])
        pieces.append(f"{START}{word.group()}{STOP}" if i in hits else word.group())
        cursor = word.end()
    if end == len(words):
        pieces.append(text[cursor:])
    return render("".join(pieces), full_text=text)


@lru_cache(maxsize=200_000)
def folded_stem(word: str, language: str) -> str:
    # Kept like the stems: an extract reads every word of its article, and words repeat.
    return fold(stem(word, language))


def _best_window_start(hits: list[int], total: int) -> int:
    if not hits:
        return 0
    lead = 4  # a few words of context before the first highlighted one
    best, best_count = 0, -1
    for first in hits:
        start = max(0, min(first - lead, total - SNIPPET_WORDS))
        count = sum(1 for h in hits if start <= h < start + SNIPPET_WORDS)
        if count > best_count:
            best, best_count = start, count
    return best
