import pytest
from django.core.cache import cache

from topfreelancer.markup import render_markdown
from topfreelancer.ratelimit import rate_limit_hit


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="#" onclick="alert(1)">x</a>',
        "<iframe src='https://evil.example'></iframe>",
        '<p style="background:url(javascript:alert(1))">x</p>',
    ],
)
def test_markdown_renders_attacks_inert(attack):
    html = str(render_markdown(attack))
    for bad in ("<script", "onerror", "javascript:", "onclick", "<iframe", "style="):
        assert bad not in html.lower()


def test_markdown_keeps_formatting_and_safe_links():
    html = str(render_markdown("**bold** and [site](https://example.com)\n\n- one\n- two"))
    assert "<strong>bold</strong>" in html
    assert 'href="https://example.com"' in html and "nofollow" in html
    assert "<li>one</li>" in html


def test_rate_limit_allows_up_to_the_limit_then_refuses():
    cache.clear()
    results = [rate_limit_hit("test:user1", limit=3, period=60) for _ in range(5)]
    assert results == [False, False, False, True, True]
    assert rate_limit_hit("test:user2", limit=3, period=60) is False
