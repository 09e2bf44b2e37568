from django.conf import settings
from django.urls import NoReverseMatch, translate_url
from django.utils.encoding import iri_to_uri
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_info, override

from articles.site.addresses import reverse
from teams.models import Championship, Manufacturer

from .freshness import site_state_of


def _menu(model, request) -> list:
    return site_state_of(request).menu(model)


def language_links(request) -> list[dict]:
    """The current page in each language of the site, for the language menu and hreflang."""
    current = get_language()
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": _in_language(request, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]


def _in_language(request, code: str) -> str:
    """What translate_url gives for the page, from the match the request already has and the
    addresses kept in the process, rather than resolving the path again for each language."""
    match = request.resolver_match
    if match is None or not match.url_name:
        return translate_url(request.get_full_path(), code)
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    with override(code):
        try:
            path = reverse(name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return request.get_full_path()
    query = iri_to_uri(request.META.get("QUERY_STRING", ""))
    return f"{path}?{query}" if query else path


def navigation(request):
    """Series and makes for the site menu; lazy, so pages that show no menu pay nothing."""
    return {
        "site_name": settings.PADDOCK_SITE_NAME,
        "nav_championships": SimpleLazyObject(lambda: _menu(Championship, request)),
        "nav_manufacturers": SimpleLazyObject(lambda: _menu(Manufacturer, request)),
        "language_links": SimpleLazyObject(lambda: language_links(request)),
    }
