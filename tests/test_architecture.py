"""The project's shape: imports run one way (import-linter contracts in pyproject.toml), short modules."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LINT_IMPORTS = str(Path(sys.executable).parent / "lint-imports")
MAX_LINES = 400


def our_apps():
    """The installed apps whose code is in this project (not in the virtual environment)."""
    for config in apps.get_app_configs():
        path = Path(config.path)
        if path.is_relative_to(ROOT) and ".venv" not in path.relative_to(ROOT).parts:
            yield config


def lint_imports(cwd):
    # cwd first on the path, so a temporary tree shadows the project's packages.
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache"],
        cwd=cwd,
        env={"PATH": str(Path(sys.executable).parent), "PYTHONPATH": str(cwd)},
        capture_output=True,
        text=True,
        check=False,
    )


def test_imports_run_one_way():
    result = lint_imports(ROOT)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_every_app_of_ours_is_under_the_import_contracts():
    # import-linter refuses a root package that does not exist yet, so an app is added to the
    # contracts when it lands (minutes); this keeps a new app from escaping them unnoticed.
    linter = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    ours = {config.name for config in our_apps()}
    forbidden = next(c for c in linter["contracts"] if c["type"] == "forbidden")["forbidden_modules"]

    assert ours <= set(linter["root_packages"])
    assert ours - {"rakor"} <= set(forbidden)


def write_package(root, name, source=""):
    package = root / name
    package.mkdir()
    (package / "__init__.py").write_text(source)


def test_the_import_contracts_break_on_a_wrong_way_import(tmp_path):
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for name in ["meetings", "minutes", "programs"]:
        write_package(tmp_path, name)
    write_package(tmp_path, "agencies", "import meetings\n")  # an app importing one to its right
    write_package(tmp_path, "documents")
    write_package(tmp_path, "rakor", "import documents\n")  # the project package importing an app

    result = lint_imports(tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "agencies -> meetings" in result.stdout
    assert "rakor -> documents" in result.stdout
    assert "2 broken" in result.stdout


def app_modules():
    for config in our_apps():
        for module in Path(config.path).rglob("*.py"):
            if "migrations" not in module.parts and module.name != "demo.py":
                yield module


def test_no_app_module_is_longer_than_400_lines():
    lengths = {str(m.relative_to(ROOT)): len(m.read_text().splitlines()) for m in app_modules()}

    assert "meetings/views/public.py" in lengths
    assert {path: n for path, n in lengths.items() if n > MAX_LINES} == {}
