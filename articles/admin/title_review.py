"""Titles to review: imported articles whose headline was derived from the text, one row each,
title and standfirst editable in place, saved (and marked reviewed) through the service."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from .. import permissions, services
from ..models import Article
from .display import refusal_text

PER_PAGE = 20
FLAG = Article.Flag.TITLE_TO_REVIEW


def to_review(user):
    """The flagged articles `user` may change, the most recent imports first."""
    flagged = Article.objects.filter(flags__icontains=f'"{FLAG}"')  # see FlagFilter
    return permissions.editable_by(user, flagged).order_by("-import_batch_id", "pk")


class HeadlineForm(forms.Form):
    title = forms.CharField(max_length=Article._meta.get_field("title").max_length)
    standfirst = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    loaded_version = forms.IntegerField(widget=forms.HiddenInput)


def titles_view(request, *, admin_site):
    if not permissions.can_edit(request.user):
        raise PermissionDenied
    queue = to_review(request.user)
    page = Paginator(queue, PER_PAGE).get_page(request.GET.get("page"))
    if request.method == "POST":
        return review(request, queue, page)
    rows = [
        (
            article,
            HeadlineForm(
                prefix=f"a{article.pk}",
                initial={
                    "title": article.title,
                    "standfirst": article.standfirst,
                    "loaded_version": article.version,
                },
            ),
        )
        for article in page
    ]
    context = {
        **admin_site.each_context(request),
        "title": _("Titles to review"),
        "opts": Article._meta,
        "rows": rows,
        "page": page,
        "count": page.paginator.count,
    }
    return TemplateResponse(request, "admin/articles/article/titles.html", context)


def review(request, queue, page):
    back = reverse("admin:articles_article_titles") + f"?page={page.number}"
    pk = request.POST.get("article", "")
    article = queue.filter(pk=int(pk)).first() if pk.isascii() and pk.isdigit() else None
    if article is None:
        messages.error(request, _("This article is no longer among the titles to review."))
        return redirect(back)
    form = HeadlineForm(request.POST, prefix=f"a{article.pk}")
    if not form.is_valid():
        messages.error(
            request,
            _("“%(title)s” was not saved: %(errors)s")
            % {"title": article.title, "errors": " ".join(form.errors.get("title", []))},
        )
        return redirect(back)
    data = form.cleaned_data
    try:
        services.review_headline(
            article=article,
            user=request.user,
            title=data["title"],
            standfirst=data["standfirst"],
            loaded_version=data["loaded_version"],
        )
    except (PermissionDenied, ValidationError) as refusal:
        messages.error(request, f"« {article.title} » : {refusal_text(refusal)}")
        return redirect(back)
    messages.success(
        request,
        _("“%(title)s” reviewed: it leaves the titles to review.") % {"title": article.title},
    )
    return redirect(back)


def title_review_urls(admin_site) -> list:
    def view(request):
        return titles_view(request, admin_site=admin_site)

    return [path("titles/", admin_site.admin_view(view), name="articles_article_titles")]
