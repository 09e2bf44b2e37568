"""Everything done to one legacy file before the database: decode, parse, clean, detect, link.

`prepare` is pure CPU work, so `evaluate_import`, dry runs and real runs share it, and the
saving stage receives complete, already-derived files in chunks.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from .decode import LegacyFormatError, decode_legacy
from .language import detect_language
from .link import Linker, LinkResult
from .notes import Note
from .parse import LegacyText, derive, legacy_id_from_name, read_legacy
from .read import SourceFile


@dataclass
class PreparedFile:
    source: SourceFile
    text: LegacyText | None = None
    language: str | None = None
    links: LinkResult | None = None
    warnings: list[Note] = field(default_factory=list)
    error: Note | None = None

    @property
    def legacy_id(self) -> str:
        return self.text.legacy_id if self.text else legacy_id_from_name(self.source.name)


def read_text(source: SourceFile) -> PreparedFile:
    """Decode and split: enough to know the content hash, hence whether it is a duplicate."""
    prepared = PreparedFile(source=source)
    if source.error:
        prepared.error = source.error
        return prepared
    try:
        decoded = decode_legacy(source.data)
        text = read_legacy(decoded.text, name=source.name)
    except LegacyFormatError as error:
        prepared.error = error.note
        return prepared
    prepared.text = text
    prepared.warnings = [*decoded.warnings, *text.warnings]
    return prepared


def enrich(prepared: PreparedFile, *, linker: Linker, cleaning: Iterable[str]) -> PreparedFile:
    """Cleaning, title, language and registry links: the costly part, skipped for duplicates."""
    if prepared.text is None:
        return prepared
    try:
        derive(prepared.text, cleaning=cleaning)
    except LegacyFormatError as error:
        prepared.text, prepared.error = None, error.note
        return prepared
    prepared.language = detect_language(prepared.text.text)
    if prepared.language is None:
        prepared.warnings.append(Note("language_unknown"))
    date = prepared.text.date
    prepared.links = linker.link(prepared.text.text, day=date)
    return prepared
