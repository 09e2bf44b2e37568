from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_info

from articles.models import Article
from teams.models import Championship, Manufacturer

from .freshness import site_state

NAV_SIZE = 8


def _count_most_covered(model) -> list:
    """The entities with the most published articles: one grouped count over the links (a
    join, not a subquery per entity)."""
    visible = Article.objects.published().values("pk")
    return list(
        model.objects.filter(articles__in=visible)
        .annotate(article_count=Count("articles"))
        .order_by("-article_count", "name")[:NAV_SIZE]
    )


def _most_covered(model, request) -> list:
    # Counting every link of 100,000 articles takes a while: the menu is counted once per
    # state of the site (newsroom.freshness), not once per page.
    state = getattr(request, "site_state", None) or site_state()
    key = f"paddock:menu:{model._meta.model_name}:{state.token}"
    return cache.get_or_set(key, lambda: _count_most_covered(model), 24 * 3600)


def language_links(request) -> list[dict]:
    """The current page in each language of the site, for the language menu and hreflang."""
    current = get_language()
    path = request.get_full_path()
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]


def navigation(request):
    """Series and makes for the site menu; lazy, so pages that show no menu pay nothing."""
    return {
        "site_name": settings.PADDOCK_SITE_NAME,
        "nav_championships": SimpleLazyObject(lambda: _most_covered(Championship, request)),
        "nav_manufacturers": SimpleLazyObject(lambda: _most_covered(Manufacturer, request)),
        "language_links": SimpleLazyObject(lambda: language_links(request)),
    }
