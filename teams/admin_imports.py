"""The admin's import of calendars, entry lists and results: upload, preview (the import run and
rolled back, so it shows exactly what will happen), confirm, report. The same import as
`manage.py import_registry_csv` (teams/csv_import.py)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .csv_import import MAX_FILE_BYTES, ImportFileError, import_files, read_upload
from .models import RegistryImport


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "A calendar, an entry list or results (.csv), or a .zip archive of them."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        data = upload.read()
        try:
            self.sources = read_upload(upload.name, data)
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from error
        self.data_bytes = data
        return upload


@admin.register(RegistryImport)
class RegistryImportAdmin(admin.ModelAdmin):
    list_display = ["original_name", "state", "created_by", "created_at", "imported_at"]
    list_filter = ["state"]
    list_select_related = ["created_by"]
    search_fields = ["original_name"]
    date_hierarchy = "created_at"

    # No bulk deletion: it would not ask, import by import, whether it was made.
    actions = None

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # A preview can be cancelled; an import made stays on record.
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.state == RegistryImport.State.PREVIEWED)

    def get_urls(self):
        return [
            path(
                "<int:pk>/confirmer/",
                self.admin_site.admin_view(self.confirm_view),
                name="teams_registryimport_confirm",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            report = import_files(form.sources, dry_run=True)
            upload = RegistryImport.objects.create(
                original_name=form.cleaned_data["file"].name[:255],
                data=form.data_bytes,
                preview=report.as_dict(),
                created_by=request.user,
            )
            return redirect("admin:teams_registryimport_change", upload.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import calendars, entry lists or results"),
            "form": form,
            "adminform": form,
        }
        return TemplateResponse(request, "admin/teams/registryimport/upload.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        if not str(object_id).isdigit():
            raise Http404
        uploads = RegistryImport.objects.select_related("created_by")
        upload = get_object_or_404(uploads, pk=object_id)
        shown = upload.report if upload.state == RegistryImport.State.IMPORTED else upload.preview
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import of %(name)s") % {"name": upload.original_name},
            "upload": upload,
            "report": shown,
            "can_confirm": upload.state == RegistryImport.State.PREVIEWED
            and self.has_add_permission(request),
            "can_cancel": self.has_delete_permission(request, upload),
        }
        return TemplateResponse(request, "admin/teams/registryimport/report.html", context)

    def confirm_view(self, request, pk):
        if request.method != "POST" or not self.has_add_permission(request):
            raise PermissionDenied
        upload = get_object_or_404(RegistryImport, pk=pk)
        if upload.state != RegistryImport.State.PREVIEWED:
            messages.error(request, _("This import was already made."))
            return redirect("admin:teams_registryimport_change", upload.pk)
        report = import_files(read_upload(upload.original_name, bytes(upload.data)))
        upload.report = report.as_dict()
        upload.state = RegistryImport.State.IMPORTED
        upload.imported_at = timezone.now()
        upload.save(update_fields=["report", "state", "imported_at"])
        if report.problems:
            messages.warning(
                request,
                _("Imported; %(count)s line(s) refused, listed below with their reason.")
                % {"count": len(report.problems)},
            )
        else:
            messages.success(request, _("Imported."))
        return HttpResponseRedirect(reverse("admin:teams_registryimport_change", args=[upload.pk]))
