"""{% cached_card profile %}...{% endcached_card %}: a catalogue card from the cache when
profiles.rendered.attach_cards found it there, else rendered and stored under its key. A profile
without a key (not prepared by attach_cards) is rendered as it is, and nothing is stored.

{% cached_html key %}...{% endcached_html %}: the block from the cache under `key` (made by
profiles.rendered), else rendered and stored; with an empty key, rendered and not stored."""

from django import template
from django.core.cache import cache
from django.utils.safestring import mark_safe

from profiles.rendered import RENDER_TIMEOUT

register = template.Library()


class CachedCardNode(template.Node):
    def __init__(self, nodelist, profile):
        self.nodelist = nodelist
        self.profile = profile

    def render(self, context):
        profile = self.profile.resolve(context)
        html = getattr(profile, "card_html", None)
        if html is not None:
            return mark_safe(html)  # our own rendering, escaped when it was made
        html = self.nodelist.render(context)
        key = getattr(profile, "card_key", None)
        if key:
            cache.set(key, str(html), RENDER_TIMEOUT)
            profile.card_html = str(html)
        return html


@register.tag
def cached_card(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% cached_card profile %} takes one argument")
    nodelist = parser.parse(("endcached_card",))
    parser.delete_first_token()
    return CachedCardNode(nodelist, parser.compile_filter(bits[1]))


class CachedHTMLNode(template.Node):
    def __init__(self, nodelist, key):
        self.nodelist = nodelist
        self.key = key

    def render(self, context):
        key = self.key.resolve(context)
        html = cache.get(key) if key else None
        if html is not None:
            return mark_safe(html)  # our own rendering, escaped when it was made
        html = self.nodelist.render(context)
        if key:
            cache.set(key, str(html), RENDER_TIMEOUT)
        return html


@register.tag
def cached_html(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% cached_html key %} takes one argument")
    nodelist = parser.parse(("endcached_html",))
    parser.delete_first_token()
    return CachedHTMLNode(nodelist, parser.compile_filter(bits[1]))
