from .article import (
    Article,
    ArticleQuerySet,
    published_count,
    published_q,
    slug_base,
    unique_slug,
)
from .editorial import (
    AuditEntry,
    Correction,
    EditingPresence,
    PreviewLink,
    Revision,
    WorkflowStep,
)
from .images import Image, Rendition
from .importing import ImportBatch, ImportRecord, ImportUpload
from .related import RelatedList
from .unknown_names import UnknownName, UnknownNameMention

__all__ = [
    "Article",
    "ArticleQuerySet",
    "AuditEntry",
    "Correction",
    "EditingPresence",
    "Image",
    "ImportBatch",
    "ImportRecord",
    "ImportUpload",
    "PreviewLink",
    "RelatedList",
    "Rendition",
    "Revision",
    "UnknownName",
    "UnknownNameMention",
    "WorkflowStep",
    "published_count",
    "published_q",
    "slug_base",
    "unique_slug",
]
