"""Reversed addresses, kept in the process.

A page asks for the same few hundred addresses again and again: every card's series and tags,
every menu entry, the bylines, the feeds. Django works each one out anew from the URL patterns
(57 reversals on an article page, a tenth of its time). An address depends only on what is
asked, the URL configuration, the script prefix and the language (the `/en/` prefix), so it is
kept under those, and forgotten with every change of settings (tests change the URL
configuration).
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import Library
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as parse_url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf
from django.urls import reverse as reverse_now
from django.utils.html import conditional_escape
from django.utils.translation import get_language

# The site's registry and its archive's most-read articles, for each language.
KEPT = 20_000


def reverse(viewname: str, args=(), kwargs=None, current_app: str | None = None) -> str:
    """django.urls.reverse, for a view's name, from what is kept when it can be."""
    key = (
        get_urlconf(),
        get_script_prefix(),
        get_language(),
        current_app,
        viewname,
        tuple(args),
        tuple(sorted(kwargs.items())) if kwargs else (),
    )
    try:
        return _reversed(*key)
    except TypeError:  # an argument that cannot be a key (a list…): asked anew
        return reverse_now(viewname, args=args, kwargs=kwargs, current_app=current_app)


@lru_cache(maxsize=KEPT)
def _reversed(urlconf, _prefix, _language, current_app, viewname, args, kwargs) -> str:
    return reverse_now(
        viewname, urlconf=urlconf, args=args, kwargs=dict(kwargs), current_app=current_app
    )


@receiver(setting_changed)
def _forget(**kwargs):
    _reversed.cache_clear()


# {% url %}, from what is kept: registered as a built-in of the templates (settings.TEMPLATES),
# so it replaces Django's tag in every template, the admin's included.
register = Library()


class KeptURLNode(URLNode):
    def render(self, context):
        request = getattr(context, "request", None)
        current_app = getattr(request, "current_app", None)
        if current_app is None:
            current_app = getattr(getattr(request, "resolver_match", None), "namespace", None)
        try:
            address = reverse(
                self.view_name.resolve(context),
                args=[arg.resolve(context) for arg in self.args],
                kwargs={name: value.resolve(context) for name, value in self.kwargs.items()},
                current_app=current_app,
            )
        except NoReverseMatch:
            if self.asvar is None:
                raise
            address = ""
        if self.asvar:
            context[self.asvar] = address
            return ""
        return conditional_escape(address) if context.autoescape else address


@register.tag
def url(parser, token):
    node = parse_url(parser, token)
    return KeptURLNode(node.view_name, node.args, node.kwargs, node.asvar)
