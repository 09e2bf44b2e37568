"""Import reasons and warnings become codes with values, worded when shown (importing.notes).

Records written before hold English sentences; the ones the importer wrote are turned into
their codes, so they read in French like new ones. Anything else is kept verbatim.
"""

import re

from django.db import migrations, models

# The English sentences the importer wrote until now (the patterns are frozen here: the
# messages of today may change, the old rows will not).
REASONS = [
    (r"empty file", "empty_file"),
    (r"binary content \(NUL bytes\), not a text file", "binary_nul"),
    (r"binary content \(control characters\), not a text file", "binary_control"),
    (r"file holds only whitespace", "only_whitespace"),
    (r"unknown text encoding \(neither UTF-8 nor a Western code page\)", "unknown_encoding"),
    (r"no text after the date line", "no_text_after_date"),
    (r"only boilerplate, no article text", "only_boilerplate"),
    (r"symbolic link: not followed .*", "symlink"),
    (
        r"file too large \((?P<size_kb>\d+) KB; a legacy text is at most (?P<limit_kb>\d+) KB\)",
        "too_large",
    ),
    (r"cannot read: (?P<detail>.*)", "cannot_read"),
    (r"not a readable zip archive: (?P<detail>.*)", "bad_archive"),
    (
        r"archive refused: (?P<files>\d+) files, (?P<mb>\d+) MB uncompressed "
        r"\(limits (?P<max_files>\d+) files, (?P<max_mb>\d+) MB\)",
        "archive_too_big",
    ),
    (r"unsafe path in archive \(path traversal\)", "unsafe_path"),
    (r"not a \.txt file", "not_txt"),
    (r"cannot read from archive: (?P<detail>.*)", "cannot_read_in_archive"),
    (r"database: (?P<detail>.*)", "database"),
    (
        r"article #(?P<article>\d+) \(legacy id (?P<legacy_id>.+?)\) was changed in the "
        r"newsroom since it was imported.*",
        "edited_in_newsroom",
    ),
    (
        r"legacy id (?P<legacy_id>.+?) was imported before with other text "
        r"\(article #(?P<article>\d+)\).*",
        "imported_before",
    ),
    (
        r"legacy id (?P<legacy_id>.+?) was imported before with other text "
        r"\(twice in this input\).*",
        "twice_in_input",
    ),
    (r"no “date YYYY-MM” header: imported without a date", "no_date_header"),
    (r"impossible date in header “(?P<header>.*)”: ignored", "impossible_date"),
    (r"not valid UTF-8: decoded as (?P<encoding>\S+) \(detected\)", "not_utf8"),
    (r"language not recognised: French assumed, to check", "language_unknown"),
]
_COMPILED = [(re.compile(pattern, re.DOTALL), code) for pattern, code in REASONS]


def as_note(text):
    if not text:
        return {}
    if isinstance(text, dict):
        return text
    for pattern, code in _COMPILED:
        if match := pattern.fullmatch(text):
            return {"code": code, "params": match.groupdict()}
    return {"code": "text", "params": {"text": text}}


def to_codes(apps, schema_editor):
    ImportRecord = apps.get_model("articles", "ImportRecord")
    changed = []
    for record in ImportRecord.objects.only("reason", "warnings").iterator(chunk_size=2000):
        record.reason_note = as_note(record.reason)
        record.warnings = [as_note(w) for w in record.warnings or []]
        changed.append(record)
        if len(changed) == 2000:
            ImportRecord.objects.bulk_update(changed, ["reason_note", "warnings"])
            changed = []
    ImportRecord.objects.bulk_update(changed, ["reason_note", "warnings"])


def to_sentences(apps, schema_editor):
    """Back to text: the codes' English words are gone with the code that had them, so the
    code stands in for them."""
    ImportRecord = apps.get_model("articles", "ImportRecord")
    for record in ImportRecord.objects.iterator(chunk_size=2000):
        note = record.reason_note or {}
        params = note.get("params") or {}
        record.reason = params.get("text") or note.get("code", "")
        record.warnings = [
            (w.get("params") or {}).get("text") or w.get("code", "") if isinstance(w, dict) else w
            for w in record.warnings or []
        ]
        record.save(update_fields=["reason", "warnings"])


class Migration(migrations.Migration):
    dependencies = [("articles", "0015_unknown_names_queue")]

    operations = [
        migrations.AddField(
            model_name="importrecord",
            name="reason_note",
            field=models.JSONField(blank=True, default=dict, verbose_name="reason"),
        ),
        migrations.RunPython(to_codes, to_sentences, elidable=True),
        migrations.RemoveField(model_name="importrecord", name="reason"),
        migrations.RenameField(model_name="importrecord", old_name="reason_note", new_name="reason"),
    ]
