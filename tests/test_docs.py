"""The documentation: every public name has an API page, the build has no warnings.

The build is nitpicky (every cross-reference must resolve) and offline: its
intersphinx inventories and MathJax come with the checkout and the ``docs``
extra, so this test needs no network.
"""

import importlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PUBLIC_MODULES = [
    "sksculpt",
    "sksculpt.datasets",
    "sksculpt.detection",
    "sksculpt.metrics",
    "sksculpt.model_selection",
    "sksculpt.plotting",
    "sksculpt.pruning",
]
#: Examples the test build runs (a regular expression on their path); the
#: others are rendered without output. The slow ones (grid search, digit
#: images) run in the full build, ``sphinx-build -W -b html docs docs/_build/html``.
QUICK_EXAMPLES = r"(plot_quickstart|plot_function_graph|plot_read_hierarchy)\.py"
DOCS_PACKAGES = [
    "sphinx", "numpydoc", "sphinx_gallery", "pydata_sphinx_theme", "myst_parser", "mathjax", "matplotlib",
]


def documented_names(api_text):
    """``(module, name)`` for every entry of every autosummary table of ``api.rst``."""
    documented, module, in_table = set(), None, False
    for line in api_text.splitlines():
        if match := re.match(r"\.\. currentmodule:: (\S+)", line):
            module = match[1]
        if line.startswith(".. "):
            in_table = line.startswith(".. autosummary::")
        elif in_table and re.fullmatch(r"   [A-Za-z_]\w*", line):
            documented.add((module, line.strip()))
    return documented


def test_every_public_name_is_in_the_api_reference():
    documented = documented_names((ROOT / "docs" / "api.rst").read_text())
    top_level = importlib.import_module("sksculpt")
    missing = []
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            shown_at_top = getattr(top_level, name, None) is getattr(module, name)
            if (module_name, name) not in documented and not (
                shown_at_top and ("sksculpt", name) in documented
            ):
                missing.append(f"{module_name}.{name}")
    assert not missing, f"add these to an autosummary table in docs/api.rst: {missing}"


def test_readme_links_into_the_docs_resolve():
    readme = (ROOT / "README.md").read_text()
    targets = re.findall(r"\]\(((?!https?://)[^)#]+)", readme)
    assert any(target.startswith("docs/") for target in targets)
    assert not [target for target in targets if not (ROOT / target).exists()]


def test_docs_build_without_warnings(tmp_path):
    missing = [name for name in DOCS_PACKAGES if importlib.util.find_spec(name) is None]
    if missing:
        pytest.skip(
            f"building the documentation needs {', '.join(missing)}; "
            'install them with pip install -e ".[test]" (or ".[docs]")'
        )
    # Build a copy, so that the gallery's generated pages stay out of the checkout.
    ignore = shutil.ignore_patterns("_build", "auto_examples", "gen_modules", "__pycache__")
    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=ignore)
    shutil.copytree(ROOT / "examples", tmp_path / "examples", ignore=ignore)
    html = tmp_path / "html"
    build = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-n", "--keep-going", "-q", "-b", "html",
         "-d", str(tmp_path / "doctrees"), str(tmp_path / "docs"), str(html)],
        env={**os.environ, "SKSCULPT_GALLERY_RUN": QUICK_EXAMPLES, "MPLBACKEND": "Agg"},
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert build.returncode == 0, build.stderr[-5000:]

    pages = {page.stem for page in (html / "gen_modules").glob("*.html")}
    for module_name in PUBLIC_MODULES:
        for name in importlib.import_module(module_name).__all__:
            assert {f"{module_name}.{name}", f"sksculpt.{name}"} & pages, f"{module_name}.{name}"
    quickstart = (html / "auto_examples" / "plot_quickstart.html").read_text()
    assert "hierarchy match score: 1.00" in quickstart
    assert str(tmp_path) not in quickstart
    assert (html / "_images" / "sphx_glr_plot_quickstart_001.png").exists()
    assert (html / "auto_examples" / "plot_two_digits.html").exists()

    # No example page shows the return value of a plotting call.
    for page in (html / "auto_examples").glob("plot_*.html"):
        shown = re.findall(r"(?:array\(\[)?&lt;Axes|Text\(\d", page.read_text())
        assert not shown, f"{page.name} prints {shown}: end the block with plt.show()"

    # The reproduction results are a page of the site, with their figures.
    results = (html / "results.html").read_text()
    assert "The headline table" in results and "<table" in results
    assert 'href="results.html"' in (html / "index.html").read_text()
    for figure in re.findall(r"_static/(results_\w+\.png)", (ROOT / "docs" / "results.md").read_text()):
        assert (html / "_images" / figure).exists() or (html / "_static" / figure).exists(), figure

    # Equations render offline, with MathJax from the built site.
    guide = (html / "user_guide.html").read_text()
    assert re.search(r'<script[^>]+src="_static/tex-svg\.js', guide)
    assert (html / "_static" / "tex-svg.js").stat().st_size > 1_000_000
    assert "cdn.jsdelivr.net" not in guide

    # Names of other projects link to their documentation.
    assert "https://networkx.org/documentation/stable/reference/classes/digraph.html" in guide
    assert "https://scikit-learn.org/stable/modules/generated/sklearn.model_selection.GridSearchCV" in guide
    # ... parameter types too.
    api_page = (html / "gen_modules" / "sksculpt.plotting.plot_hierarchy.html").read_text()
    assert "https://networkx.org/documentation/stable/reference/classes/digraph.html" in api_page
    assert "https://docs.python.org/3/library/stdtypes.html#str" in api_page
