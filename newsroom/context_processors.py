from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_info

from teams.models import Championship, Manufacturer

from .freshness import site_state_of


def _menu(model, request) -> list:
    return site_state_of(request).menu(model)


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
        "nav_championships": SimpleLazyObject(lambda: _menu(Championship, request)),
        "nav_manufacturers": SimpleLazyObject(lambda: _menu(Manufacturer, request)),
        "language_links": SimpleLazyObject(lambda: language_links(request)),
    }
