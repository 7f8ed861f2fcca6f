"""Find what the Content Security Policy would block: inline scripts, handlers, style attributes."""

from html.parser import HTMLParser


class InlineFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "script":
            # A data block (type="application/json") is never executed, so CSP does not apply.
            kind = (names.get("type") or "text/javascript").lower()
            if not names.get("src") and ("javascript" in kind or kind == "module"):
                self._in_script = True
                self.problems.append("inline <script>")
        if tag == "style":
            self.problems.append("<style> block")
        for name, value in attrs:
            if name == "style":
                self.problems.append(f"style= on <{tag}>: {value!r}")
            elif name.startswith("on"):
                self.problems.append(f"{name}= on <{tag}>")
            elif name in {"href", "src", "action", "formaction"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"javascript: URL on <{tag}>")
            elif name in {"hx-on", "hx-vals"} or name.startswith("hx-on"):
                self.problems.append(f"{name}= on <{tag}> (evaluated script)")
            elif name == "hx-vals" and (value or "").strip().startswith("js:"):
                self.problems.append(f"hx-vals js: on <{tag}>")

    handle_startendtag = handle_starttag


def inline_code(html: str) -> list[str]:
    finder = InlineFinder()
    finder.feed(html)
    return finder.problems
