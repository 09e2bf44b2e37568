"""Why a legacy file was refused, or what to check in one: a code and its values.

Import records store the code and the values (`ImportRecord.reason`, `.warnings`); the words
come when a page, the command or a report shows them, in the reader's language. An archivist
reads French in the admin, and rewording a message rewords every past record with it.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    # Files that cannot be read.
    "symlink": _("symbolic link: not followed (copy the file into the folder to import it)"),
    "too_large": _("file too large (%(size_kb)s KB; a legacy text is at most %(limit_kb)s KB)"),
    "cannot_read": _("cannot read the file: %(detail)s"),
    "bad_archive": _("not a readable zip archive: %(detail)s"),
    "archive_too_big": _(
        "archive refused: %(files)s files, %(mb)s MB uncompressed (at most %(max_files)s "
        "files and %(max_mb)s MB)"
    ),
    "unsafe_path": _("unsafe path in the archive (it climbs out of the archive's folder)"),
    "not_txt": _("not a .txt file"),
    "cannot_read_in_archive": _("cannot read the file in the archive: %(detail)s"),
    # Files that are not legacy texts.
    "empty_file": _("empty file"),
    "binary_nul": _("binary content (NUL bytes), not a text file"),
    "binary_control": _("binary content (control characters), not a text file"),
    "only_whitespace": _("the file holds only blank space"),
    "unknown_encoding": _("unknown text encoding (neither UTF-8 nor a Western code page)"),
    "no_text_after_date": _("no text after the date line"),
    "only_boilerplate": _("only page furniture (share buttons, credits…), no article text"),
    # Saving.
    "database": _("the database refused the file: %(detail)s"),
    "edited_in_newsroom": _(
        "article #%(article)s (legacy id %(legacy_id)s) was changed in the newsroom since it "
        "was imported: the newsroom's version is kept and this file was not applied"
    ),
    "imported_before": _(
        "legacy id %(legacy_id)s was imported before with another text (article "
        "#%(article)s): that article was kept as it is"
    ),
    "twice_in_input": _(
        "legacy id %(legacy_id)s appears twice in this import with different texts; only the "
        "first one was imported"
    ),
    # Warnings: imported, to check.
    "no_date_header": _("no “date YYYY-MM” line at the top: imported without a date"),
    "impossible_date": _("impossible date in the top line “%(header)s”: ignored"),
    "not_utf8": _("not UTF-8: read as %(encoding)s (detected)"),
    "language_unknown": _("language not recognised: French assumed, to check"),
}


# What to do about it, which depends on where the note is read: a command-line flag means
# nothing in the admin, a checkbox nothing in a terminal.
ADMIN_HINTS = {
    "imported_before": _(
        "To replace it, upload the file again with “Replace articles whose legacy file "
        "changed” ticked."
    ),
}
COMMAND_HINTS = {
    "imported_before": "run the import again with --update to replace it",
}


@dataclass(frozen=True)
class Note:
    code: str
    params: dict = field(default_factory=dict, hash=False)

    def __str__(self):
        template = MESSAGES.get(self.code)
        if template is None:
            # A record written before codes existed keeps its text as it was.
            return str(self.params.get("text", self.code))
        return str(template) % self.params if self.params else str(template)

    def to_json(self) -> dict:
        return {"code": self.code, "params": self.params}

    @classmethod
    def from_json(cls, value) -> "Note | None":
        if not value:
            return None
        if isinstance(value, dict):
            return cls(str(value.get("code", "")), dict(value.get("params") or {}))
        return cls("text", {"text": str(value)})


def note_text(value, hints: dict | None = None) -> str:
    """The words of a stored note (a reason or one warning), or "" for none; with `hints`
    (ADMIN_HINTS, COMMAND_HINTS), followed by what to do about it."""
    note = Note.from_json(value)
    if note is None:
        return ""
    hint = (hints or {}).get(note.code)
    return f"{note}. {hint}" if hint else str(note)
