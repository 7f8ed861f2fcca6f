"""The apps point one way: accounts <- vetting <- profiles <- needs <- matching (<- demo).

A lower app never imports a higher one, not even inside a function (a local import hides a loop, it
does not remove it); a higher app hears a lower one through signals connected in its AppConfig.ready()
(`vetting.signals.application_accepted`, `profiles.signals.profile_changed`,
`needs.signals.need_changed`) or a small registry
(`accounts.names.register_revealer`, `needs.panels.register_panel`). Migrations are left out of the
import walk (they name other apps' models by string) and so are tests; the migration graph has its
own test below: a lower app's migration never depends on a higher app's.

No import against the direction is left. The migration graph keeps its historical edges in
KNOWN_MIGRATIONS, which only shrinks.
"""

import ast
from pathlib import Path

from django.db.migrations.graph import MigrationGraph
from django.db.migrations.loader import MigrationLoader

ROOT = Path(__file__).resolve().parent.parent
# `demo` (the demo world and its `demo_data` command) sits above every app: it drives them all
# through their services, and none of them may import it.
ORDER = ["accounts", "vetting", "profiles", "needs", "matching", "demo"]
RANK = {app: rank for rank, app in enumerate(ORDER)}


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
    new = imports_against_direction()
    assert not new, f"a lower app imports a higher one (use a signal or a hook instead): {sorted(new)}"


def test_the_walk_sees_function_local_imports(tmp_path):
    """Not vacuous: an import inside a function of a lower app is found."""
    app = tmp_path / "vetting"
    app.mkdir()
    (app / "hidden.py").write_text("def f():\n    from matching.models import Match\n    return Match\n")
    for other in ORDER:
        (tmp_path / other).mkdir(exist_ok=True)
    assert imports_against_direction(tmp_path) == {("vetting/hidden.py", "matching.models")}


# Migrations of a lower app that depend on a higher app's, each with why it stays.
KNOWN_MIGRATIONS = {
    # Created Question.skill against profiles.Skill (skills lived in profiles until vetting 0010).
    # Applied history: removing it would mean rewriting vetting 0004 and profiles 0001 (a squash).
    (("vetting", "0004_funnel"), ("profiles", "0001_initial")),
    # profiles forgets Skill (state only) once needs' fields point at vetting.Skill: Django cannot
    # drop a model from the state while another app's field still names it.
    (("profiles", "0017_skill_moved_to_vetting"), ("needs", "0008_skills_from_vetting")),
    # needs drops its matching_* columns only after matching copied them into NeedRanking: the
    # values exist in no other place, so the drop waits for the copy.
    (("needs", "0012_ranking_moved_to_matching"), ("matching", "0015_need_ranking")),
}


def migrations_against_direction(graph=None) -> set[tuple[tuple[str, str], tuple[str, str]]]:
    graph = graph or MigrationLoader(None, ignore_no_migrations=True).graph
    found = set()
    for key, node in graph.node_map.items():
        for parent in node.parents:
            if key[0] in RANK and parent.key[0] in RANK and RANK[parent.key[0]] > RANK[key[0]]:
                found.add((key, parent.key))
    return found


def test_no_new_migration_depends_on_a_higher_app():
    new = migrations_against_direction() - KNOWN_MIGRATIONS
    assert not new, f"a lower app's migration depends on a higher app's: {sorted(new)}"


def test_the_known_migration_list_only_shrinks():
    gone = KNOWN_MIGRATIONS - migrations_against_direction()
    assert not gone, f"fixed, so take them off KNOWN_MIGRATIONS: {sorted(gone)}"


def test_the_migration_walk_sees_a_dependency_on_a_higher_app():
    """Not vacuous: a graph where vetting depends on matching is caught."""
    graph = MigrationGraph()
    lower, higher = ("vetting", "0001_initial"), ("matching", "0001_initial")
    graph.add_node(higher, None)
    graph.add_node(lower, None)
    graph.add_dependency("test", lower, higher)
    assert migrations_against_direction(graph) == {(lower, higher)}
