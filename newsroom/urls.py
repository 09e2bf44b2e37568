from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

admin.site.site_header = _("Paddock — newsroom")
admin.site.site_title = _("Paddock")
admin.site.index_title = _("Editorial desk")

site_patterns = (
    [
        path("", views.HomeView.as_view(), name="home"),
        path("championnats/", views.ChampionshipListView.as_view(), name="championships"),
        path("championnats/<slug:slug>/", views.ChampionshipView.as_view(), name="championship"),
        path("constructeurs/", views.ManufacturerListView.as_view(), name="manufacturers"),
        path("constructeurs/<slug:slug>/", views.ManufacturerView.as_view(), name="manufacturer"),
        path("equipes/", views.TeamListView.as_view(), name="teams"),
        path("equipes/<slug:slug>/", views.TeamView.as_view(), name="team"),
        path("pilotes/", views.DriverListView.as_view(), name="drivers"),
        path("pilotes/<slug:slug>/", views.DriverView.as_view(), name="driver"),
    ],
    "newsroom",
)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
    path("", include(site_patterns)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
