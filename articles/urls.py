from django.urls import path, register_converter

from . import preview, views


class MonthConverter:
    regex = "0[1-9]|1[0-2]"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):02d}"


register_converter(MonthConverter, "month")

app_name = "articles"
urlpatterns = [
    path("actualites/", views.ArticleListView.as_view(), name="list"),
    path(
        "actualites/<int:year>/<month:month>/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="detail",
    ),
    path("tags/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("apercu/<str:token>/", preview.preview_view, name="preview"),
]
