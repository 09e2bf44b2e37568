"""Detect the language of an article with lingua, among the languages the newsroom imports."""

import threading

from lingua import IsoCode639_1, LanguageDetector, LanguageDetectorBuilder

SUPPORTED = ("fr", "en", "it", "es", "de", "pt", "nl")
# Detection time grows with the length read (about 0.75 µs per character on the 2-core bench
# machine): 400 characters (some 60 words) cost about 0.3 ms, 1000 would cost 0.75 ms, and every
# 400-character window of the sample texts is recognised.
SAMPLE_LENGTH = 400
# Below this many letters ("Bravo !", a score line) the guess is a coin toss.
MIN_LETTERS = 20
# lingua's confidence values sum to 1 over the candidates; real paragraphs score 1.0 for their
# language, while short or mixed snippets ("pole position", "Ogier en tête") stay under 0.75.
MIN_CONFIDENCE = 0.75

_lock = threading.Lock()
_detector: LanguageDetector | None = None


def _get_detector() -> LanguageDetector:
    """The one detector of the process, built on first use."""
    global _detector
    if _detector is None:
        with _lock:  # two threads starting together must not build two detectors
            if _detector is None:
                codes = [getattr(IsoCode639_1, code.upper()) for code in SUPPORTED]
                # Low-accuracy mode reads trigrams only: ~20-40 MB instead of ~250 MB with every
                # model, and no loss on texts of a paragraph or more. Models load lazily.
                _detector = (
                    LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
                    .with_low_accuracy_mode()
                    .build()
                )
    return _detector


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language, or None when it is too short or unclear."""
    sample = text[:SAMPLE_LENGTH]
    if len(text) > SAMPLE_LENGTH and " " in sample:
        sample = sample.rsplit(" ", 1)[0]  # a word cut in half reads as another language
    if sum(map(str.isalpha, sample)) < MIN_LETTERS:
        return None
    best = _get_detector().compute_language_confidence_values(sample)[0]
    if best.value < MIN_CONFIDENCE:
        return None
    return best.language.iso_code_639_1.name.lower()
