from django import template

from topfreelancer.markup import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    """{{ profile.summary|markdown }}: Markdown rendered and sanitized."""
    return render_markdown(text)
