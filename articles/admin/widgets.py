from django.db.models import Count
from taggit.forms import TagWidget
from taggit.models import Tag


class TagSuggestionsWidget(TagWidget):
    """Taggit's comma-separated input, with the existing tags offered as you type and as chips."""

    template_name = "articles/widgets/tag_suggestions.html"
    popular_count = 24

    class Media:
        js = ["articles/admin/tag_suggestions.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        tags = Tag.objects.annotate(uses=Count("taggit_taggeditem_items")).order_by("-uses", "name")
        names = list(tags.values_list("name", flat=True)[:500])
        context["widget"]["attrs"]["data-tag-suggestions"] = (
            f"{context['widget']['attrs']['id']}_list"
        )
        context["widget"]["suggestions"] = names
        context["widget"]["popular"] = names[: self.popular_count]
        return context
