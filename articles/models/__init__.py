from .article import Article, ArticleQuerySet, published_count, slug_base, unique_slug
from .importing import ImportBatch, ImportRecord

__all__ = [
    "Article",
    "ArticleQuerySet",
    "ImportBatch",
    "ImportRecord",
    "published_count",
    "slug_base",
    "unique_slug",
]
