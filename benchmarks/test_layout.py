"""The layout of the benchmarks: scripts import library modules, never another script.

(That the benchmarks use sksculpt's public API and its two documented entry
points only is checked by tests/test_architecture.py.)
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parent

def modules():
    paths = ROOT.rglob("*.py")
    return sorted(path for path in paths if "results" not in path.parts and not path.name.startswith("test_"))


def module_name(path):
    return ".".join(("benchmarks", *path.relative_to(ROOT).with_suffix("").parts)).removesuffix(".__init__")


def is_script(path):
    return "__main__" in path.read_text()


def imported(path):
    """Absolute names of the modules (and ``module.name`` of the names) ``path`` imports."""
    package = module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" else module_name(path)
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            names.update(f"{base}.{alias.name}" for alias in node.names)
            names.add(base)
    return names


SCRIPTS = {module_name(path) for path in modules() if is_script(path)}


@pytest.mark.parametrize("path", modules(), ids=module_name)
def test_no_module_imports_a_script(path):
    assert not {name for name in imported(path) if name in SCRIPTS or name.rsplit(".", 1)[0] in SCRIPTS}


def test_every_script_is_a_subpackage_module_with_a_main():
    assert len(SCRIPTS) == 16
    assert all(name.count(".") == 2 for name in SCRIPTS)
