"""Markdown is rendered in linear time, once, when it is saved; pages show the stored HTML."""

import importlib
import time

import pytest
from django.apps import apps
from django.urls import reverse

from accounts.models import OutboundEmail
from bench.markup import pathological_inputs
from needs.models import Need
from profiles.models import Experience
from tests.factories import ProfileFactory, SpecializationFactory
from tests.needs.factories import NeedFactory
from topfreelancer import markup
from topfreelancer.markup import MAX_NESTING, render_markdown, rerender
from topfreelancer.text import truncate_over_cap
from vetting.models import Stage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", list(pathological_inputs()))
def test_pathological_input_of_20000_chars_renders_in_well_under_a_second(name):
    """A generous bound (the benchmark holds the 100 ms one): catches a super-linear renderer."""
    text = pathological_inputs()[name]
    start = time.perf_counter()
    render_markdown(text)
    assert time.perf_counter() - start < 1.0


def test_a_line_opens_at_most_max_nesting_containers_and_keeps_its_text():
    html = str(render_markdown(">" * 5000 + " deepest words"))
    assert html.count("<blockquote>") == MAX_NESTING == html.count("</blockquote>")
    assert "deepest words" in html
    assert str(render_markdown("1. " * 5000 + "x")).count("<ol>") == MAX_NESTING
    stairs = "".join(">" * (MAX_NESTING * k) + " a\n" for k in range(1, 10))
    assert str(render_markdown(stairs)).count("<blockquote>") == MAX_NESTING


def test_markdown_keeps_its_formatting():
    html = str(
        render_markdown(
            "### Title\n\n> quoted *em*\n\n1. one\n2. `two`\n\n<b>raw</b> & [x](https://e.org 't')"
        )
    )
    assert "<h3>Title</h3>" in html and "<blockquote>" in html and "<em>em</em>" in html
    assert "<ol>" in html and "<code>two</code>" in html and "&amp;" in html
    assert '<a href="https://e.org" title="t" rel="nofollow noopener noreferrer">x</a>' in html


def test_saving_renders_the_html_once_and_pages_do_not_parse_markdown(client, monkeypatch):
    profile = ProfileFactory(summary="I carry **releases**.")
    assert "<strong>releases</strong>" in profile.summary_html
    profile.refresh_from_db()
    assert "<strong>releases</strong>" in profile.summary_html

    def no_parsing_on_get(_text):
        raise AssertionError("Markdown parsed while answering a GET")

    monkeypatch.setattr(markup, "render_markdown", no_parsing_on_get)
    body = client.get(reverse("profiles:detail", args=[profile.pk])).content.decode()
    assert "<strong>releases</strong>" in body


def test_bulk_create_renders_and_a_partial_save_leaves_the_html_alone():
    profile = ProfileFactory()
    Experience.objects.bulk_create(
        [
            Experience(
                profile=profile,
                organization="o",
                started_on="2020-01-01",
                task="*t*",
                role="r",
                contribution="c",
            )
        ]
    )
    entry = Experience.objects.get(profile=profile)
    assert entry.task_html == "<p><em>t</em></p>\n" and entry.contribution_html == "<p>c</p>\n"
    entry.task = "**changed**"
    entry.save(update_fields=["role"])
    entry.refresh_from_db()
    assert entry.task_html == "<p><em>t</em></p>\n"


def test_stage_instructions_saved_in_admin_are_rendered_per_language(admin_client):
    stage = Stage.objects.create(
        specialization=SpecializationFactory(), position=1, kind="work_sample", name_en="W", name_ru="Р"
    )
    url = reverse("admin:vetting_stage_change", args=[stage.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(instructions_en="Send a **draft**", instructions_ru="Пришлите *черновик*")
    data.update({f"{prefix}-TOTAL_FORMS": 0 for prefix in ("criteria",)})
    data.update({f"{prefix}-INITIAL_FORMS": 0 for prefix in ("criteria",)})
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    stage.refresh_from_db()
    assert stage.instructions_html_en == "<p>Send a <strong>draft</strong></p>\n"
    assert stage.instructions_html_ru == "<p>Пришлите <em>черновик</em></p>\n"


def test_rerender_and_the_data_migration_fix_rows_written_around_save():
    need = NeedFactory(description="old")
    Need.objects.filter(pk=need.pk).update(description="**new**", title="Blog\neditor")
    migration = importlib.import_module("needs.migrations.0005_text_caps")
    migration.fit_existing_rows(apps, None)
    need.refresh_from_db()
    assert need.description_html == "<p><strong>new</strong></p>\n" and need.title == "Blog editor"
    Need.objects.filter(pk=need.pk).update(description="*again*")
    assert rerender(Need.objects.all()) == 1
    need.refresh_from_db()
    assert need.description_html == "<p><em>again</em></p>\n"


def test_truncate_over_cap_cuts_only_the_long_values():
    long = OutboundEmail.objects.create(to="a@example.com", subject="s", body="x" * 50)
    short = OutboundEmail.objects.create(to="b@example.com", subject="s", body="short")
    truncate_over_cap(OutboundEmail, {"body": 10})
    long.refresh_from_db()
    short.refresh_from_db()
    assert long.body == "x" * 10 and short.body == "short"
