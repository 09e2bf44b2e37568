"""Every change to an article goes through one of these functions, and nothing else writes one.

Each is a plain function with keyword-only arguments that owns its transaction and does every
side effect of the write: the permission check (articles/permissions.py), the version check,
a revision, an audit entry, `revised_at` when a live text changes, the person's autosave purge,
and the announcement (`articles.signals.articles_changed`) that the search index and the public
site's validators follow. The admin, the importer, the commands and the demo loader call them.
"""

from .bulk import BulkResult, bulk_edit, bulk_transition
from .editing import (
    EditRefused,
    Saved,
    delete_articles,
    restore_revision,
    review_headline,
    save_article,
    save_corrections,
)
from .imports import relink_articles, write_import_chunk
from .previews import revoke_preview, share_preview
from .tags import merge_tags, rename_tag
from .workflow import transition

__all__ = [
    "BulkResult",
    "EditRefused",
    "Saved",
    "bulk_edit",
    "bulk_transition",
    "delete_articles",
    "merge_tags",
    "relink_articles",
    "rename_tag",
    "restore_revision",
    "review_headline",
    "revoke_preview",
    "save_article",
    "save_corrections",
    "share_preview",
    "transition",
    "write_import_chunk",
]
