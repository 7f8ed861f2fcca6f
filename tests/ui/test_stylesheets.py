"""One stylesheet system: tokens (static/css/tokens.css) and rules that use them.

Every project stylesheet is parsed; a selector is defined once per media condition across all of
them (two definitions with different values is how `.form-row` once differed page to page), colours
are written only as tokens, and no template carries an inline style (CSP style-src 'self').
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CSS_DIR = ROOT / "static" / "css"
TOKENS = CSS_DIR / "tokens.css"
COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsla?\(")


def stylesheets() -> list[Path]:
    return sorted(CSS_DIR.glob("*.css"))


def rules(text: str):
    """(at-rule context, selector list, declarations) of every style rule, comments stripped."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    stack, pos, start = [], 0, 0
    while pos < len(text):
        char = text[pos]
        if char == "{":
            stack.append(text[start:pos].strip())
            start = pos + 1
        elif char == "}":
            head = stack.pop() if stack else ""
            body = text[start:pos].strip()
            if not head.startswith("@") and not any(outer.startswith("@keyframes") for outer in stack):
                yield " ".join(stack), head, body
            start = pos + 1
        elif char == ";" and not stack:
            start = pos + 1
        pos += 1


def selectors(head: str) -> list[str]:
    return [" ".join(part.split()) for part in head.split(",") if part.strip()]


def test_the_parser_sees_rules_media_and_keyframes():
    sample = "a, b > c { x: 1 } @media (min-width: 1px) { a { x: 2 } } @keyframes s { to { x: 3 } }"
    assert [(media, selectors(head)) for media, head, _ in rules(sample)] == [
        ("", ["a", "b > c"]),
        ("@media (min-width: 1px)", ["a"]),
    ]


def properties(body: str) -> list[str]:
    return [part.split(":", 1)[0].strip() for part in body.split(";") if ":" in part]


def test_no_selector_is_defined_twice():
    """A property of a selector is set in one place (per media condition) in all the stylesheets:
    grouping (`h1, h2 { margin }` then `h1 { font-size }`) is fine, a second value is not."""
    seen, twice = {}, []
    for path in stylesheets():
        for media, head, body in rules(path.read_text()):
            for selector in selectors(head):
                for name in properties(body):
                    key = (media, selector, name)
                    if key in seen:
                        where = f"{seen[key]} and {path.name}"
                        twice.append(f"{selector} {{ {name} }} ({media or 'no media'}) in {where}")
                    seen.setdefault(key, path.name)
    assert not twice, "defined twice:\n" + "\n".join(twice)


def test_colours_come_from_the_tokens():
    loose = []
    for path in stylesheets():
        if path == TOKENS:
            continue
        for _media, head, body in rules(path.read_text()):
            if COLOUR.search(body):
                loose.append(f"{path.name}: {head} {{ {body} }}")
    assert not loose, "a colour outside tokens.css (add a token):\n" + "\n".join(loose)


def test_tokens_define_colours_spacing_type_and_radii():
    text = TOKENS.read_text()
    for token in ("--ink", "--accent", "--ok", "--bad", "--space-2", "--text-sm", "--radius"):
        assert f"{token}:" in text


def test_no_inline_styles_in_templates():
    templates = [*ROOT.glob("*/templates/**/*.html"), *(ROOT / "templates").glob("**/*.html")]
    inline = re.compile(r"\sstyle=|<style")
    offenders = [str(path.relative_to(ROOT)) for path in templates if inline.search(path.read_text())]
    assert not offenders, offenders
