"""User-written text: CommonMark rendered by cmark (C, linear time), then sanitized by nh3 (an allow-list).

Rendered once, when the text is saved: a model keeps the HTML beside the Markdown in a
`RenderedHTMLField`, and pages show that HTML as it is, so no GET parses Markdown.
"""

import re

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options
from django.db import models
from django.utils.safestring import SafeString, mark_safe
from typing_extensions import override

# fmt: off
ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "h3", "h4", "h5", "h6", "a", "hr",
}
# fmt: on
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}

# One line opens at most MAX_NESTING block containers (">" quotes, list items); the markers past
# that are dropped, the line's text kept. html5ever, under nh3, takes time quadratic in the depth of
# nested blockquotes (">" * 20,000: 1 s). Deeper nesting then needs a staircase of lines, each
# repeating the markers of the last: in 20,000 characters quotes stay at 32 levels and an indented
# list reaches about 140 (bench/markup.py has both staircases).
MAX_NESTING = 32
_MARKER = r"[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]))"
_DEEP_LINE_START = re.compile(f"^((?:{_MARKER}){{{MAX_NESTING}}})(?:{_MARKER})+", re.MULTILINE)


def render_markdown(text: str) -> SafeString:
    """Safe HTML from Markdown: scripts, event handlers, styles and javascript: links are removed.

    Linear in the input: cmark is the CommonMark reference parser, tested against pathological
    inputs (bench/markup.py measures the worst of a family of them; at most 100 ms at 20,000 chars).
    Raw HTML in the source is dropped by cmark (its default "safe" mode) and whatever remains is
    filtered again by nh3.
    """
    text = _DEEP_LINE_START.sub(r"\1", text or "")
    html = cmarkgfm.markdown_to_html(text, options=Options.CMARK_OPT_VALIDATE_UTF8)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )
    return mark_safe(clean)


class RenderedHTMLField(models.TextField):
    """The sanitized HTML of the Markdown field `source`, written on every save and bulk_create.

    Never edited by hand (not in forms or admin); read back as safe HTML, so a template shows
    `{{ profile.summary_html }}` as it is. A queryset `.update()` of the source skips it: write
    Markdown through save() (services, forms, admin all do), or call `rerender()` afterwards.
    """

    def __init__(self, *args, source: str, **kwargs):
        self.source = source
        kwargs.update(editable=False, blank=True, default="")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for key in ("editable", "blank", "default"):
            kwargs.pop(key, None)
        return name, path, args, {**kwargs, "source": self.source}

    @override
    def pre_save(self, model_instance, add):
        html = render_markdown(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, html)
        return str(html)

    @override
    def from_db_value(self, value, expression, connection):
        return mark_safe(value)


def rerender(queryset, batch_size: int = 500) -> int:
    """Render again every RenderedHTMLField of the rows (data migrations, a changed allow-list)."""
    fields = [f for f in queryset.model._meta.concrete_fields if isinstance(f, RenderedHTMLField)]
    if not fields:
        return 0
    rows, count = [], 0
    for obj in queryset.only("pk", *(f.source for f in fields)).iterator(chunk_size=batch_size):
        for field in fields:
            setattr(obj, field.attname, str(render_markdown(getattr(obj, field.source))))
        rows.append(obj)
        if len(rows) >= batch_size:
            count += queryset.model._base_manager.bulk_update(rows, [f.name for f in fields])
            rows = []
    return count + queryset.model._base_manager.bulk_update(rows, [f.name for f in fields])
