"""The admin is the authoring tool. Each module registers what it configures: articles, images,
legacy imports, tags and the audit trail."""

from . import article, audit, images, imports, tags  # noqa: F401  (they register themselves)
