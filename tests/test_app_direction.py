"""The apps point one way: accounts <- vetting <- profiles <- needs <- matching.

A lower app never imports a higher one, not even inside a function (a local import hides a loop, it
does not remove it); a higher app hears a lower one through signals connected in its AppConfig.ready()
(`vetting.signals.application_accepted`, `profiles.signals.profile_changed`,
`needs.signals.need_changed`) or a small registry
(`accounts.names.register_revealer`, `needs.panels.register_panel`). Migrations are left out
(they name other apps' models by string) and so are tests.

The imports against the direction that are still in the code are listed in KNOWN, each with what
should replace it. The test fails on any import that is not listed, and on a listed one that is gone,
so the list only shrinks (issue 10).
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ORDER = ["accounts", "vetting", "profiles", "needs", "matching"]
RANK = {app: rank for rank, app in enumerate(ORDER)}

KNOWN = {
    ("needs/demo.py", "matching.models"),
    ("needs/demo.py", "matching.services"),
    # The vetting demo names the skills its questions verify.
    ("vetting/demo.py", "profiles.models"),
}


def imports_against_direction(root: Path = ROOT) -> set[tuple[str, str]]:
    found = set()
    for app in ORDER:
        for path in (root / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
                if isinstance(node, ast.Import):
                    modules = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    modules = [node.module]
                else:
                    continue
                for module in modules:
                    top = module.split(".")[0]
                    if top in RANK and RANK[top] > RANK[app]:
                        found.add((path.relative_to(root).as_posix(), ".".join(module.split(".")[:2])))
    return found


def test_no_new_import_against_the_direction():
    new = imports_against_direction() - KNOWN
    assert not new, f"a lower app imports a higher one (use a signal or a hook instead): {sorted(new)}"


def test_the_known_list_only_shrinks():
    gone = KNOWN - imports_against_direction()
    assert not gone, f"fixed, so take them off KNOWN: {sorted(gone)}"


def test_the_walk_sees_function_local_imports(tmp_path):
    """Not vacuous: an import inside a function of a lower app is found."""
    app = tmp_path / "vetting"
    app.mkdir()
    (app / "hidden.py").write_text("def f():\n    from matching.models import Match\n    return Match\n")
    for other in ORDER:
        (tmp_path / other).mkdir(exist_ok=True)
    assert imports_against_direction(tmp_path) == {("vetting/hidden.py", "matching.models")}
