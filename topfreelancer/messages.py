"""Extract translatable strings: project-wide ones into topfreelancer/locale, each app into its own.

    python -m topfreelancer.messages [ROOT]      # what `make messages` runs (then compilemessages)

Each app keeps its own catalogue so that apps can change in parallel without touching one file.
The translations test runs this on a copy of the tree to find strings missing from a catalogue.
"""

import os
import subprocess
import sys
from pathlib import Path

APPS = ["accounts", "vetting", "profiles", "needs", "matching"]
LANGUAGES = ["ru"]
ROOT = Path(__file__).resolve().parent.parent


def locale_dirs(root: Path = ROOT) -> list[Path]:
    return [root / "topfreelancer" / "locale", *(root / app / "locale" for app in APPS)]


def extract(root: Path = ROOT) -> None:
    python, manage = sys.executable, str(root / "manage.py")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "topfreelancer.settings", "PYTHONPATH": str(root)}
    langs = [arg for code in LANGUAGES for arg in ("-l", code)]
    ignores = [
        arg
        for name in [*APPS, ".venv", "node_modules", "bench", "tests", "staticfiles", "media"]
        for arg in ("--ignore", name)
    ]
    (root / "topfreelancer" / "locale").mkdir(exist_ok=True)
    run = lambda cwd, *extra: subprocess.run(  # noqa: E731
        [python, manage, "makemessages", *langs, "--no-obsolete", *extra],
        cwd=cwd,
        env=env,
        check=True,
        capture_output=True,
    )
    run(root, *ignores)
    for app in APPS:
        (root / app / "locale").mkdir(exist_ok=True)
        run(root / app)


if __name__ == "__main__":
    extract(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT)
