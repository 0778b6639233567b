"""The codebase's structure, checked: the layers, no private name across a package line, lint, module size.

The Architecture section of the README describes what these tests enforce.
"""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "sksculpt"
#: A module may be longer than this only if its docstring says why ("Longer than ... because").
MAX_MODULE_LINES = 400


def tool(name):
    """The console script ``name`` of the running interpreter's environment."""
    path = Path(sys.executable).with_name(name)
    if not path.exists():
        found = shutil.which(name)
        if found is None:
            pytest.fail(f"{name} is not installed: install the test extra, pip install -e '.[test]'.")
        path = Path(found)
    return str(path)


def modules():
    """Every module of the package: its dotted name, path and parsed source."""
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, path, ast.parse(path.read_text(), filename=str(path))


def imported_modules(name, path, tree):
    """``(line, module, names)`` for every ``from ... import ...`` of ``tree``, relative imports resolved."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            yield node.lineno, target, [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, []


def subpackage(dotted):
    """The subpackage a dotted name lies in (``sksculpt.metrics`` for ``sksculpt.metrics._match``),
    or None for the package's top-level modules."""
    parts = dotted.split(".")
    return ".".join(parts[:2]) if len(parts) > 2 or (PACKAGE / parts[-1]).is_dir() and len(parts) == 2 else None


def private_crossings(name, path, tree):
    """Imports of ``tree`` that reach into another subpackage's private modules or names.

    The top-level private modules (``sksculpt._validation``, ...) are the
    package's shared internals, open to all; a subpackage is entered through
    its namespace, and a private subpackage (``sksculpt._engine``) only so.
    """
    home, found = subpackage(name), []
    for line, target, names in imported_modules(name, path, tree):
        there = subpackage(target) if target.startswith("sksculpt.") else None
        if there is None or there == home:
            continue
        inner = target[len(there) + 1:].split(".") if target != there else []
        if any(part.startswith("_") for part in inner) or (inner and there.split(".")[1].startswith("_")):
            found.append(f"{path.relative_to(ROOT)}:{line} imports {target}")
        found += [f"{path.relative_to(ROOT)}:{line} imports {n} from {target}" for n in names if n.startswith("_")]
    return found


def test_no_private_module_or_name_crosses_a_subpackage_line():
    crossings = [crossing for module in modules() for crossing in private_crossings(*module)]
    assert crossings == [], (
        "Import another subpackage through its namespace (from ..metrics import x), or move a helper that "
        "several subpackages share into a top-level private module:\n" + "\n".join(crossings)
    )


def test_the_benchmarks_use_the_public_api_and_the_two_documented_entry_points():
    allowed = {"sksculpt._grid": {"fit_grid"}, "sksculpt._engine": None}  # None: the engine's namespace
    found = []
    for path in sorted((ROOT / "benchmarks").rglob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        for line, target, names in imported_modules("benchmarks.x", path, tree):
            if not target.startswith("sksculpt"):
                continue
            private = any(part.startswith("_") for part in target.split(".")[1:])
            if private and not (target in allowed and (allowed[target] is None or set(names) <= allowed[target])):
                found.append(f"{path.relative_to(ROOT)}:{line} imports {target}")
            found += [f"{path.relative_to(ROOT)}:{line} imports {n} from {target}" for n in names if n.startswith("_")]
    assert found == [], "\n".join(found)


def test_the_layers_hold():
    result = subprocess.run([tool("lint-imports")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_ruff_finds_nothing():
    result = subprocess.run(
        [tool("ruff"), "check", "--no-cache", "sksculpt", "benchmarks", "tests", "examples", "docs/conf.py"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_long_modules_say_why():
    long_unexplained = []
    for name, path, tree in modules():
        n_lines = len(path.read_text().splitlines())
        docstring = ast.get_docstring(tree) or ""
        if n_lines > MAX_MODULE_LINES and "Longer than" not in docstring:
            long_unexplained.append(f"{name}: {n_lines} lines")
    assert long_unexplained == [], (
        f"Split these modules, or say in their docstring why they are longer than {MAX_MODULE_LINES} lines "
        "('Longer than ... because ...'):\n" + "\n".join(long_unexplained)
    )
