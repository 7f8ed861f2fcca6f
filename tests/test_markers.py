"""Every test that needs PostgreSQL, Redis or real threads on the database carries the `services`
marker, so that the SQLite step of CI (`-m 'not services'`) deselects it instead of skipping or
failing it (.ci/run)."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
# A call to one of these, or a parameter of this name, means the test needs a real service.
SERVICE_CALLS = {"require_postgres", "broker_reachable"}
SERVICE_FIXTURES = {"celery_worker", "redis_server", "redis_cache"}
# Threads need one only when they reach the database (each on its own connection: SQLite serializes
# them), that is when the test uses it.
THREAD_CALLS = {"Thread", "ThreadPoolExecutor", "run_together", "in_threads"}
DB_FIXTURES = {"db", "transactional_db", "live_server"}


def marks_services(decorators) -> bool:
    return any("mark.services" in ast.unparse(decorator) for decorator in decorators)


def needs_services(function: ast.FunctionDef, *, module_uses_db: bool = False) -> bool:
    args = {arg.arg for arg in function.args.args}
    if SERVICE_FIXTURES & args:
        return True
    uses_db = (
        module_uses_db
        or bool(DB_FIXTURES & args)
        or any("django_db" in ast.unparse(decorator) for decorator in function.decorator_list)
    )
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if called in SERVICE_CALLS or (called in THREAD_CALLS and uses_db):
                return True
    return False


def unmarked_service_tests(source: str) -> list[str]:
    module = ast.parse(source)
    module_uses_db = False
    for node in module.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if any(getattr(t, "id", "") == "pytestmark" for t in targets):
            if marks_services([node.value]):
                return []
            module_uses_db = "django_db" in ast.unparse(node.value)
    return [
        node.name
        for node in module.body
        if isinstance(node, ast.FunctionDef)
        and node.name.startswith("test_")
        and needs_services(node, module_uses_db=module_uses_db)
        and not marks_services(node.decorator_list)
    ]


def test_tests_that_need_services_are_marked():
    unmarked = {
        str(path.relative_to(TESTS)): names
        for path in sorted(TESTS.rglob("test_*.py"))
        if (names := unmarked_service_tests(path.read_text()))
    }
    assert unmarked == {}


def test_the_check_sees_an_unmarked_thread_test():
    source = (
        "import threading, pytest\n"
        "def test_a(transactional_db):\n    threading.Thread(target=print).start()\n"
        "@pytest.mark.services\ndef test_b(celery_worker):\n    pass\n"
        "def test_c(celery_worker):\n    pass\n"
        "def test_d(db):\n    pass\n"
        "def test_e():\n    threading.Thread(target=print).start()\n"
    )
    assert unmarked_service_tests(source) == ["test_a", "test_c"]
    assert unmarked_service_tests("import pytest\npytestmark = [pytest.mark.services]\n" + source) == []
