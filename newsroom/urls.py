import re
from urllib.parse import urlsplit

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import Http404
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog
from django.views.static import serve

from . import calendar_feed, robots, season_views, sitemaps, two_factor, views
from .api.routes import api
from .search.views import SearchView

admin.site.site_header = _("Paddock — newsroom")
admin.site.site_title = _("Paddock")
admin.site.index_title = _("Editorial desk")
# The admin login asks for the authenticator's code of those who turned two-factor on.
admin.site.login_form = two_factor.StaffLoginForm
admin.site.login_template = "admin/paddock_login.html"

site_patterns = (
    [
        path("", views.HomeView.as_view(), name="home"),
        path("championnats/", views.ChampionshipListView.as_view(), name="championships"),
        path("championnats/<slug:slug>/", views.ChampionshipView.as_view(), name="championship"),
        path(
            "championnats/<slug:slug>/calendrier.ics",
            calendar_feed.championship_calendar,
            name="championship_calendar",
        ),
        path(
            "championnats/<slug:slug>/<slug:season>/",
            season_views.SeasonView.as_view(),
            name="season",
        ),
        path(
            "championnats/<slug:slug>/<slug:season>/<slug:event>/",
            season_views.EventView.as_view(),
            name="event",
        ),
        path("constructeurs/", views.ManufacturerListView.as_view(), name="manufacturers"),
        path("constructeurs/<slug:slug>/", views.ManufacturerView.as_view(), name="manufacturer"),
        path("equipes/", views.TeamListView.as_view(), name="teams"),
        path("equipes/<slug:slug>/", views.TeamView.as_view(), name="team"),
        path("pilotes/", views.DriverListView.as_view(), name="drivers"),
        path("pilotes/<slug:slug>/", views.DriverView.as_view(), name="driver"),
        path("recherche/", SearchView.as_view(), name="search"),
    ],
    "newsroom",
)

urlpatterns = [
    # The rich text editor's own strings (dialogs) in the site's language, next to the admin's.
    path(
        "admin/jsi18n/editor/",
        JavaScriptCatalog.as_view(packages=["django_prose_editor"]),
        name="editor_jsi18n",
    ),
    path("admin/double-authentification/", two_factor.set_up_view, name="two_factor"),
    path("admin/", admin.site.urls),
    # One robots.txt and one set of sitemaps for the whole site, whatever the language.
    path("robots.txt", robots.robots_txt, name="robots"),
    # The read API for partner sites and apps (newsroom/api/), in no language of its own.
    path("api/v1/", api.urls),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-news.xml", sitemaps.news, name="sitemap_news"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap_section"),
    # French at the root, English under /en/: the language is in the address, so every page
    # has one language whoever asks (and a cache can keep it).
    *i18n_patterns(
        path("", include("articles.urls")),
        path("", include(site_patterns)),
        prefix_default_language=False,
    ),
]


# django.conf.urls.static.static() adds nothing when DEBUG is off, and `make run` serves the site
# with DEBUG off: media are served here when SERVE_MEDIA says this machine holds them. In
# production they come from object storage through a CDN, never through the app servers.
def serve_media(request, path):
    if path.startswith("imports/"):
        # Archives uploaded before they were kept in PRIVATE_MEDIA_ROOT (migration 0008 moves
        # them): never public.
        raise Http404
    # MEDIA_ROOT is read per request, so a test that moves it is served from the new place.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


if settings.SERVE_MEDIA and not urlsplit(settings.MEDIA_URL).netloc:
    urlpatterns += [
        re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$", serve_media)
    ]
