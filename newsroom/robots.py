"""/robots.txt: crawl the site, not the admin, previews or search results; here is the sitemap."""

from django.conf import settings
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

ROBOTS_MAX_AGE = 24 * 3600


@require_GET
@cache_control(public=True, max_age=ROBOTS_MAX_AGE)
def robots_txt(request):
    # French pages sit at the root, other languages under /<code>/ (newsroom/urls.py).
    roots = ["/"] + [
        f"/{code}/" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
    ]
    return TemplateResponse(
        request,
        "robots.txt",
        {"roots": roots, "sitemap_url": request.build_absolute_uri(reverse("sitemap"))},
        content_type="text/plain; charset=utf-8",
    )
