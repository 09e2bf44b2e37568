"""Turn the bytes of a legacy file into clean text, or say why it cannot be imported."""

import re
import unicodedata
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

from .notes import Note

# Control characters other than tab and newlines never belong in an article (a regex is much
# faster than str.translate with a mapping on long texts).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Older exports came from Windows and Mac tools of Western Europe.
_FALLBACK_ENCODINGS = ["cp1252", "latin_1", "iso8859_15", "mac_roman"]
_MAX_CONTROL_RATIO = 0.01
_MAX_CONTROL_STRAY = 8  # a few stray control characters are dropped, not fatal


class LegacyFormatError(ValueError):
    """The file cannot be imported; its note says why, for the report."""

    def __init__(self, code: str, **params):
        self.note = Note(code, params)
        super().__init__(code)

    def __str__(self):
        return str(self.note)


@dataclass
class DecodedText:
    text: str
    encoding: str
    warnings: list[Note] = field(default_factory=list)


def decode_legacy(data: bytes) -> DecodedText:
    if not data:
        raise LegacyFormatError("empty_file")
    if b"\x00" in data:
        raise LegacyFormatError("binary_nul")
    warnings = []
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = _decode_fallback(data)
        warnings.append(Note("not_utf8", {"encoding": encoding}))
    stripped, controls = _CONTROL.subn("", text)
    if controls > max(_MAX_CONTROL_STRAY, _MAX_CONTROL_RATIO * len(text)):
        raise LegacyFormatError("binary_control")
    text = unicodedata.normalize("NFC", stripped)
    if not text.strip():
        raise LegacyFormatError("only_whitespace")
    return DecodedText(text=text, encoding=encoding, warnings=warnings)


def _decode_fallback(data: bytes) -> tuple[str, str]:
    best = from_bytes(data, cp_isolation=_FALLBACK_ENCODINGS).best()
    if best is None:
        raise LegacyFormatError("unknown_encoding")
    return str(best), best.encoding
