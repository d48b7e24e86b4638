"""The wheel carries the packs (and no top-level `rules` package); quick commands stay light."""
from __future__ import annotations

import importlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
HEAVY = ("nltk", "textstat", "pygls", "lsprotocol")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel offline from a copy of the checkout (the checkout itself stays clean)."""
    if importlib.util.find_spec("build") is None:
        pytest.skip("the dev extra's `build` is not installed")
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, src / name)
    for folder in ("lint", "rules"):
        shutil.copytree(REPO / folder, src / folder, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    out = tmp_path_factory.mktemp("dist")
    env = {**os.environ, "PIP_NO_INDEX": "1"}
    proc = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(src)],
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    (whl,) = out.glob("copydesk-*.whl")
    return whl


def test_wheel_holds_every_pack_and_the_syllable_table(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    packs = {f"lint/rules/{p.relative_to(REPO / 'rules').as_posix()}" for p in (REPO / "rules").rglob("*")
             if p.is_file()}
    assert packs and packs <= names
    assert "lint/language/data/syllables.txt" in names
    modules = {p.relative_to(REPO).as_posix() for p in (REPO / "lint").rglob("*.py")}
    assert modules <= names, f"modules missing from the wheel (pyproject's packages list): {modules - names}"
    assert not [n for n in names if n.startswith("rules/")]
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "copydesk = lint.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_wheel_finds_its_packs_and_has_no_rules_package(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    # Python 3.10 reads TOML with tomli, a dependency the wheel names: the one place -S must still see.
    extra = [] if sys.version_info >= (3, 11) else [str(Path(importlib.import_module("tomli").__file__).parent.parent)]
    code = (
        "import importlib.util, json, sys\n"
        f"sys.path[:0] = {[str(site), *extra]!r}\n"
        "from lint.registry.packs import builtin_pack_dir, load_packs\n"
        "rules = load_packs([builtin_pack_dir()])\n"
        "print(json.dumps([str(builtin_pack_dir()), len(rules), importlib.util.find_spec('rules') is None]))\n"
    )
    # -S: no site-packages, so neither the editable install nor the checkout can answer instead.
    proc = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    where, count, no_rules = json.loads(proc.stdout)
    assert where == str(site / "lint" / "rules")
    from lint.registry.packs import load_packs

    assert count == len(load_packs([REPO / "rules"])) > 0
    assert no_rules


def _modules_after(*argv: str) -> list[str]:
    code = (
        "import sys\n"
        "from lint.cli.main import cli\n"
        "try:\n"
        f"    cli({list(argv)!r}, prog_name='copydesk')\n"
        "except SystemExit as e:\n"
        "    assert not e.code, e.code\n"
        f"print('MODULES', sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    return eval(proc.stdout.rsplit("MODULES", 1)[1])  # noqa: S307 (our own printed list)


@pytest.mark.parametrize("argv", [("--version",), ("rules",), ("rule", "ATT001"), ("rule", "vague-source")])
def test_quick_commands_do_not_import_nltk_textstat_or_pygls(argv: tuple[str, ...]) -> None:
    assert _modules_after(*argv) == []


def test_version_matches_the_package_metadata() -> None:
    from importlib.metadata import version

    import lint

    assert version("copydesk") == lint.__version__
