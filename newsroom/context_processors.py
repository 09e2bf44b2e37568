from django.conf import settings
from django.utils.functional import SimpleLazyObject

from articles.models import published_count
from teams.models import Championship, Manufacturer

NAV_SIZE = 8


def _most_covered(model, relation):
    return list(
        model.objects.annotate(article_count=published_count(relation))
        .filter(article_count__gt=0)
        .order_by("-article_count", "name")[:NAV_SIZE]
    )


def navigation(request):
    """Series and makes for the site menu; lazy, so pages that show no menu pay nothing."""
    return {
        "site_name": settings.PADDOCK_SITE_NAME,
        "nav_championships": SimpleLazyObject(lambda: _most_covered(Championship, "championships")),
        "nav_manufacturers": SimpleLazyObject(lambda: _most_covered(Manufacturer, "manufacturers")),
    }
