"""User-written text is Markdown rendered through nh3: markup survives, scripts do not."""

import pytest
from django.urls import reverse

from tests.factories import ProfileFactory
from tests.profiles.factories import ExperienceFactory

pytestmark = pytest.mark.django_db

EVIL = '**Bold** <script>alert("x")</script> <img src=x onerror="alert(1)"> [link](javascript:alert(2))'


def test_profile_page_renders_markdown_and_strips_scripts(client):
    profile = ProfileFactory(summary=EVIL, headline='<script>alert("h")</script>Head')
    ExperienceFactory(profile=profile, contribution=EVIL, task="<iframe src=//evil></iframe>Task")
    body = client.get(reverse("profiles:detail", args=[profile.pk])).content.decode()
    assert "<strong>Bold</strong>" in body
    assert "<script>alert" not in body
    assert "onerror" not in body
    assert "javascript:" not in body
    assert "<iframe" not in body
    assert "&lt;script&gt;alert(&quot;h&quot;)&lt;/script&gt;Head" in body  # the headline is plain text


def test_catalogue_card_escapes_the_headline(client):
    ProfileFactory(headline='<script>alert("card")</script>Card')
    body = client.get(reverse("profiles:catalogue")).content.decode()
    assert '<script>alert("card")' not in body
    assert "&lt;script&gt;" in body
