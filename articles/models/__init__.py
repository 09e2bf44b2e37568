from .article import Article, ArticleQuerySet, published_count, slug_base, unique_slug
from .importing import ImportBatch, ImportRecord, ImportUpload

__all__ = [
    "Article",
    "ArticleQuerySet",
    "ImportBatch",
    "ImportRecord",
    "ImportUpload",
    "published_count",
    "slug_base",
    "unique_slug",
]
