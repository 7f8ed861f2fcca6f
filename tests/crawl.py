"""Crawl the site as one user and find English interface text on Russian pages.

What counts as English interface text (`EnglishFinder`):
- an English msgid of the project's catalogues whose Russian differs (brand names, "Python", codes
  translate to themselves and are skipped). A msgid of three or more words (its longest literal
  part, between placeholders) is searched in the page's whole visible text; a shorter one must be a
  whole text node or a whole attribute text (`title`, `placeholder`, `aria-label`, `alt`, a button's
  `value`), so an English word inside a person's own text is not a finding;
- the English name or text of a reference row (skills, specializations, levels, stages, reason
  templates, screening and test questions, answer choices, rubric criteria and anchors) whose
  Russian differs, by the same rule.
Visible text excludes `<script>`, `<style>` and any element marked with another language
(`lang="en"`: text deliberately in another language, such as a reason shown to a moderator in the
applicant's language, or the language switcher's "English").
"""

import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import django.contrib.admin
import polib
from django.apps import apps
from django.utils.functional import Promise
from django.utils.text import capfirst

from topfreelancer.messages import APPS, locale_dirs

VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
}  # fmt: skip
SKIPPED = {"script", "style", "textarea"}  # code, and a form's value (like an input's)
# Attributes a person reads or hears; the data- ones are put on the page by the site's scripts.
TEXT_ATTRIBUTES = (
    *("title", "placeholder", "aria-label", "alt"),
    *("data-label", "data-used-label", "data-confirm"),
)
PLACEHOLDER = re.compile(r"%\([^)]*\)[sdfr]|%[sdfr]|%\([^)]*\)\.\d+f|\{[a-z_]*\}")
SPACE = re.compile(r"\s+")
LETTERS = re.compile(r"[A-Za-z]{2,}")


def normalize(text: str) -> str:
    return SPACE.sub(" ", text).strip()


# Reference data a person reads, as (model label, English field, Russian field).
REFERENCE_FIELDS = [
    ("vetting.Skill", "name", "name_ru"),
    ("vetting.Level", "name_en", "name_ru"),
    ("vetting.Level", "description_en", "description_ru"),
    ("vetting.Specialization", "name_en", "name_ru"),
    ("vetting.Specialization", "description_en", "description_ru"),
    ("vetting.Stage", "name_en", "name_ru"),
    ("vetting.Stage", "instructions_en", "instructions_ru"),
    ("vetting.ScreeningQuestion", "text_en", "text_ru"),
    ("vetting.Question", "text_en", "text_ru"),
    ("vetting.Choice", "text_en", "text_ru"),
    ("vetting.RubricCriterion", "name_en", "name_ru"),
    ("vetting.RubricAnchor", "text_en", "text_ru"),
    ("vetting.ReasonTemplate", "title_en", "title_ru"),
    ("vetting.ReasonTemplate", "text_en", "text_ru"),
]


# The admin marks each field's row and column with `field-<name>`: the English field of reference
# data is English by design there.
NOT_INTERFACE_CLASSES = {f"field-{english}" for _label, english, _russian in REFERENCE_FIELDS}
# An outbound email's text is in its recipient's language, whoever reads the outbox.
NOT_INTERFACE_CLASSES |= {"field-subject", "field-body"}
# A changelist's checkbox is labelled with its row's own text (the object's str: data, not interface).
NOT_INTERFACE_CLASSES |= {"action-select"}
# What people wrote (a profile's summary, a need's description, a message), in their own language.
NOT_INTERFACE_CLASSES |= {"user-text"}


class Page(HTMLParser):
    """The visible text of a Russian page (text nodes and text attributes) and its links."""

    def __init__(self, language: str = "ru"):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[tuple[str, bool]] = []  # (tag, text inside is skipped)
        self.nodes: list[str] = []
        self.links: list[str] = []

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        lang = (attrs.get("lang") or "").split("-")[0]
        classes = set((attrs.get("class") or "").split())
        skip = (
            self.skipping
            or tag in SKIPPED
            or (bool(lang) and lang != self.language)
            or bool(classes & NOT_INTERFACE_CLASSES)
        )
        if not skip:
            texts = [attrs.get(name) for name in TEXT_ATTRIBUTES]
            if tag == "input" and attrs.get("type") in ("submit", "button", "reset"):
                texts.append(attrs.get("value"))
            self.nodes += [normalize(t) for t in texts if t and normalize(t)]
        if tag not in VOID:
            self.stack.append((tag, skip))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if not self.skipping and (text := normalize(data)):
            self.nodes.append(text)

    @property
    def text(self) -> str:
        return "\n".join(self.nodes)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def catalogue_pairs() -> list[tuple[str, str]]:
    """(English msgid, Russian msgstr) of every entry of the project's Russian catalogues and of the
    Django admin's (its templates and its scripts' texts)."""
    admin_locale = Path(django.contrib.admin.__file__).parent / "locale" / "ru" / "LC_MESSAGES"
    paths = [directory / "ru" / "LC_MESSAGES" / "django.po" for directory in locale_dirs()]
    paths += [admin_locale / "django.po", admin_locale / "djangojs.po"]
    pairs = []
    for path in paths:
        if not path.exists():
            continue
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            if entry.msgid_plural:
                forms = list(entry.msgstr_plural.values())
                pairs += [(entry.msgid, forms[0] if forms else ""), (entry.msgid_plural, " ".join(forms))]
            else:
                pairs.append((entry.msgid, entry.msgstr))
    return pairs


def untranslated_names() -> list[tuple[str, str]]:
    """Field and model names of the project's models that are not marked for translation: Django
    makes them from the code's names ("created at"), so a page showing them is English."""
    pairs = []
    for model in apps.get_models():
        if model._meta.app_label not in APPS:
            continue
        names = [model._meta.verbose_name, model._meta.verbose_name_plural]
        names += [
            f.verbose_name
            for f in model._meta.get_fields()
            if getattr(f, "verbose_name", None) and not f.auto_created  # "ID" is Django's
        ]
        pairs += [(capfirst(n), "") for n in names if not isinstance(n, Promise)]
    return pairs


def reference_pairs() -> list[tuple[str, str]]:
    pairs = []
    for label, english, russian in REFERENCE_FIELDS:
        pairs += apps.get_model(label).objects.values_list(english, russian)
    return pairs


@dataclass
class EnglishFinder:
    """Finds English strings (`pairs` of English and Russian) in a Russian page.

    A string of three or more words and 16 or more characters (its longest literal part between
    placeholders) is searched in the whole visible text; a shorter one must be a whole text node or
    attribute text (placeholders standing for anything), optionally followed by ":" or ".".
    """

    pairs: list[tuple[str, str]]
    long: dict[str, str] = field(default_factory=dict)  # literal -> the English it comes from
    whole: dict[str, str] = field(default_factory=dict)  # a whole node -> the English
    patterns: list[tuple[re.Pattern, str]] = field(default_factory=list)  # whole nodes with placeholders
    any_pattern: re.Pattern | None = None

    def __post_init__(self):
        for english, russian in self.pairs:
            english = english.strip()
            if not english or normalize(russian) == normalize(english) or not LETTERS.search(english):
                continue
            for line in english.split("\n"):
                line = normalize(line)
                parts = [part.replace("%%", "%") for part in PLACEHOLDER.split(line)]
                literal = max(parts, key=len).strip(" .,:;()%")
                if len(literal.split()) >= 3 and len(literal) >= 16:
                    self.long.setdefault(literal, english)
                elif not LETTERS.search(PLACEHOLDER.sub("", line)):
                    continue  # nothing but placeholders and punctuation
                elif PLACEHOLDER.search(line):
                    if len(LETTERS.findall(PLACEHOLDER.sub("", line))) < 2:
                        continue  # "%(count)s years": too little of it is English to tell
                    regex = ".+?".join(re.escape(part) for part in parts)
                    self.patterns.append((re.compile(regex + r"[:.]?"), english))
                else:
                    self.whole.setdefault(parts[0], english)
        # A text the same in both languages somewhere (a reference row's "Python", a test answer's
        # Python "None") is a name there: never a finding, even where a catalogue translates it.
        same = {normalize(e) for e, r in self.pairs if normalize(e) and normalize(e) == normalize(r)}
        self.whole = {node: english for node, english in self.whole.items() if node not in same}
        if self.patterns:
            self.any_pattern = re.compile("|".join(f"(?:{regex.pattern})" for regex, _ in self.patterns))

    def find(self, page: Page) -> list[str]:
        text = page.text
        found = {english for literal, english in self.long.items() if literal in text}
        for node in set(page.nodes):
            bare = node.rstrip(":.")
            if node in self.whole or bare in self.whole:
                found.add(self.whole.get(node) or self.whole[bare])
            elif self.any_pattern and self.any_pattern.fullmatch(node):
                found.update(english for regex, english in self.patterns if regex.fullmatch(node))
        return sorted(found)


@dataclass
class CrawlResult:
    visited: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)  # url -> status or exception
    english: dict[str, list[str]] = field(default_factory=dict)  # url -> English strings found


NEVER = (
    "/accounts/logout/",
    "/admin/logout/",
    "/i18n/",
    "/static/",
    "/media/",
    "/healthz",
    "/admin/password_change/",
)


def shape(url: str) -> str:
    """Pages of one kind share a shape: ids become N, and every query of one path is one shape
    (the admin's filters and sorts make thousands of combinations of the same page)."""
    parts = urlsplit(url)
    return re.sub(r"/\d+/", "/N/", parts.path) + ("?" if parts.query else "")


def crawl(client, starts: list[str], finder: EnglishFinder, *, limit: int, per_shape: int = 2) -> CrawlResult:
    """Breadth-first over the site's links from `starts`, at most `limit` pages and `per_shape`
    pages of one shape (so a list of 200 profiles costs two visits, not 200), and one of a page's
    queries (a changelist's filters and sorts)."""
    result = CrawlResult()
    queue = deque(starts)
    seen: set[str] = set(starts)
    shapes: dict[str, int] = {}
    while queue and len(result.visited) < limit:
        url = queue.popleft()
        key = shape(url)
        if shapes.get(key, 0) >= (1 if key.endswith("?") else per_shape):
            continue
        shapes[key] = shapes.get(key, 0) + 1
        result.visited.append(url)
        try:
            response = client.get(url, HTTP_ACCEPT_LANGUAGE="ru")
        except Exception as exc:  # a 500 raised through the test client
            result.errors[url] = f"{type(exc).__name__}: {exc}"
            continue
        if response.status_code >= 500:
            result.errors[url] = str(response.status_code)
            continue
        if response.status_code in (301, 302, 303, 307, 308):
            target = response.headers["Location"]
            if target.startswith("/") and target not in seen:
                seen.add(target)
                queue.append(target)
            continue
        if "text/html" not in response.get("Content-Type", "") or getattr(response, "streaming", False):
            continue
        page = parse(response.content.decode())
        if found := finder.find(page):
            result.english[url] = found
        for href in page.links:
            href = urldefrag(href)[0]
            if href.startswith("?"):
                href = urlsplit(url).path + href
            if not href.startswith("/") or href.startswith("//") or href.startswith(NEVER):
                continue
            if href not in seen:
                seen.add(href)
                queue.append(href)
    return result
