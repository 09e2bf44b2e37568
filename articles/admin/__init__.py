"""The admin is the authoring tool. Each module registers what it configures: articles, images,
legacy imports, tags, the unknown names queue and the audit trail."""

from . import article, audit, images, imports, tags, unknown_names  # noqa: F401  (they register themselves)
