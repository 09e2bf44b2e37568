"""Admin pages to upload legacy texts: form, progress and preview, confirmation, report."""

import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ..importing.report import unknown_name_counts
from ..importing.upload import UploadError, check_upload, confirm_upload, process_step, start_upload
from ..models import ImportRecord, ImportUpload

PERMISSION = "articles.import_legacy"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Legacy file"),
        help_text=gettext_lazy("A .txt file or a .zip archive of .txt files."),
    )
    source = forms.CharField(label=gettext_lazy("Source"), max_length=200, required=False)
    publish = forms.BooleanField(
        label=gettext_lazy("Publish dated texts at their legacy date"), required=False
    )
    update = forms.BooleanField(
        label=gettext_lazy("Replace articles whose legacy file changed"), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # check_upload needs a path: small uploads live in memory until saved.
        with tempfile.NamedTemporaryFile(suffix=Path(upload.name).suffix) as copy:
            for chunk in upload.chunks():
                copy.write(chunk)
            copy.flush()
            try:
                self.file_count = check_upload(upload.name, upload.size, Path(copy.name))
            except UploadError as error:
                raise forms.ValidationError(str(error)) from error
        upload.seek(0)
        return upload


def _check(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def upload_view(request, *, admin_site):
    _check(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = ImportUpload.objects.create(
            file=data["file"],
            original_name=Path(data["file"].name).name[:255],
            source=data["source"],
            publish=data["publish"],
            update=data["update"],
            total=form.file_count,
            created_by=request.user,
        )
        start_upload(upload=upload)
        return redirect("admin:articles_importupload_progress", upload.pk)
    context = {
        **admin_site.each_context(request),
        "title": _("Import legacy texts"),
        "form": form,
        "uploads": ImportUpload.objects.select_related("batch")[:10],
    }
    return TemplateResponse(request, "admin/articles/import_upload.html", context)


def progress_view(request, pk, *, admin_site):
    _check(request)
    upload = get_object_or_404(ImportUpload, pk=pk)
    records = None
    counts = {}
    unknown_names = []
    batch = upload.batch if upload.batch_id else upload.preview_batch
    if upload.state in (ImportUpload.State.PREVIEWED, ImportUpload.State.DONE) and batch:
        found = dict(
            batch.records.values_list("outcome").annotate(n=Count("pk")).values_list("outcome", "n")
        )
        counts = {
            label: found[code] for code, label in ImportRecord.Outcome.choices if code in found
        }
        unknown_names = unknown_name_counts(batch.records.values_list("links", flat=True))
        paginator = Paginator(batch.records.order_by("pk"), 100)
        records = paginator.get_page(request.GET.get("page"))
    context = {
        **admin_site.each_context(request),
        "media": forms.Media(js=["articles/admin/import_progress.js"]),
        "title": _("Import of %(name)s") % {"name": upload.original_name},
        "upload": upload,
        "records": records,
        "counts": counts,
        "unknown_names": unknown_names,
        "batch": batch,
        "step_url": reverse("admin:articles_importupload_step", args=[upload.pk]),
        "confirm_url": reverse("admin:articles_importupload_confirm", args=[upload.pk]),
    }
    return TemplateResponse(request, "admin/articles/import_progress.html", context)


@require_POST
def step_view(request, pk, *, admin_site):
    _check(request)
    upload = process_step(upload=get_object_or_404(ImportUpload, pk=pk))
    if request.headers.get("X-Requested-With") != "fetch":  # the no-JavaScript button
        return redirect("admin:articles_importupload_progress", upload.pk)
    running = upload.state in (ImportUpload.State.PREVIEWING, ImportUpload.State.IMPORTING)
    return JsonResponse(
        {
            "state": upload.state,
            "state_label": upload.get_state_display(),
            "processed": upload.processed,
            "total": upload.total,
            "running": running,
        }
    )


@require_POST
def confirm_view(request, pk, *, admin_site):
    _check(request)
    upload = get_object_or_404(ImportUpload, pk=pk)
    if upload.state != ImportUpload.State.PREVIEWED:
        messages.error(request, _("This upload is not waiting for confirmation."))
    else:
        confirm_upload(upload=upload)
    return redirect("admin:articles_importupload_progress", upload.pk)
