"""Turn the bytes of a legacy file into clean text, or say why it cannot be imported."""

import unicodedata
from dataclasses import dataclass, field

# Control characters other than tab and newlines never belong in an article.
_CONTROL = {c: None for c in range(32) if chr(c) not in "\t\n\r"} | {0x7F: None}


class LegacyFormatError(ValueError):
    """The file cannot be imported; the message says why, for the report."""


@dataclass
class DecodedText:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode_legacy(data: bytes) -> DecodedText:
    if b"\x00" in data:
        raise LegacyFormatError("binary content (NUL bytes), not a text file")
    warnings = []
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        # Older exports were written by Windows tools; cp1252 decodes any byte but five.
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "latin-1"
        warnings.append(f"not valid UTF-8, decoded as {encoding}")
    text = unicodedata.normalize("NFC", text).translate(_CONTROL)
    if not text.strip():
        raise LegacyFormatError("empty file" if not data else "file holds only whitespace")
    return DecodedText(text=text, encoding=encoding, warnings=warnings)
