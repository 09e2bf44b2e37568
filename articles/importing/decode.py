"""Turn the bytes of a legacy file into clean text, or say why it cannot be imported."""

import re
import unicodedata
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

# Control characters other than tab and newlines never belong in an article (a regex is much
# faster than str.translate with a mapping on long texts).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Older exports came from Windows and Mac tools of Western Europe.
_FALLBACK_ENCODINGS = ["cp1252", "latin_1", "iso8859_15", "mac_roman"]
_MAX_CONTROL_RATIO = 0.01
_MAX_CONTROL_STRAY = 8  # a few stray control characters are dropped, not fatal


class LegacyFormatError(ValueError):
    """The file cannot be imported; the message says why, for the report."""


@dataclass
class DecodedText:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode_legacy(data: bytes) -> DecodedText:
    if not data:
        raise LegacyFormatError("empty file")
    if b"\x00" in data:
        raise LegacyFormatError("binary content (NUL bytes), not a text file")
    warnings = []
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = _decode_fallback(data)
        warnings.append(f"not valid UTF-8: decoded as {encoding} (detected)")
    stripped, controls = _CONTROL.subn("", text)
    if controls > max(_MAX_CONTROL_STRAY, _MAX_CONTROL_RATIO * len(text)):
        raise LegacyFormatError("binary content (control characters), not a text file")
    text = unicodedata.normalize("NFC", stripped)
    if not text.strip():
        raise LegacyFormatError("file holds only whitespace")
    return DecodedText(text=text, encoding=encoding, warnings=warnings)


def _decode_fallback(data: bytes) -> tuple[str, str]:
    best = from_bytes(data, cp_isolation=_FALLBACK_ENCODINGS).best()
    if best is None:
        raise LegacyFormatError("unknown text encoding (neither UTF-8 nor a Western code page)")
    return str(best), best.encoding
