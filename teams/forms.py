from django import forms
from django.utils.translation import gettext_lazy as _

from .models import clean_aliases


class AliasesField(forms.CharField):
    """Edits a JSON list of aliases as one alias per line."""

    widget = forms.Textarea(attrs={"rows": 4, "cols": 60})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        return [line for line in (value or "").splitlines() if line.strip()]

    def clean(self, value):
        return clean_aliases(self.to_python(value))


class RegistryEntityForm(forms.ModelForm):
    aliases = AliasesField(
        label=_("aliases"),
        required=False,
        help_text=_("Other spellings found in texts, one per line (e.g. “WTCR / OSCARO”)."),
    )
