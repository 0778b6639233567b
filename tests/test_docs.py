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
import textwrap
import time
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


#: A code block of the docs that the snippet test skips, because it runs for
#: minutes or needs a cluster, is preceded by this comment: ``.. slow`` in
#: reStructuredText, ``<!-- slow -->`` in Markdown.
SLOW_MARKERS = (".. slow", "<!-- slow -->")
#: The pages whose Python blocks the snippet test runs.
SNIPPET_PAGES = sorted(
    [*(ROOT / "docs").glob("*.rst"), *(ROOT / "docs").glob("*.md"), ROOT / "README.md"]
)


def python_blocks(text, markdown):
    """``(line, code, slow)`` of each Python code block of a page, in order.

    reStructuredText blocks are ``.. code-block:: python`` directives, Markdown
    blocks ```` ```python ```` fences. A block is slow when the last non-blank
    line before it is one of :data:`SLOW_MARKERS`.
    """
    lines = text.splitlines()
    blocks = []
    for number, line in enumerate(lines):
        if markdown:
            start = re.fullmatch(r"\s*```python\s*", line)
        else:
            start = re.fullmatch(r"(\s*)\.\. code-block:: python\s*", line)
        if not start:
            continue
        before = [previous.strip() for previous in lines[:number] if previous.strip()]
        slow = bool(before) and before[-1] in SLOW_MARKERS
        body = []
        if markdown:
            for following in lines[number + 1:]:
                if following.strip().startswith("```"):
                    break
                body.append(following)
        else:
            indent = len(start[1])
            rest = iter(lines[number + 1:])
            for following in rest:  # the directive's options, then its content
                if following.strip() and not following.strip().startswith(":"):
                    body.append(following)
                    break
            for following in rest:
                if following.strip() and len(following) - len(following.lstrip()) <= indent:
                    break
                body.append(following)
        blocks.append((number + 1, textwrap.dedent("\n".join(body)).strip() + "\n", slow))
    return blocks


def test_python_blocks_are_read_with_their_slow_marker():
    rst = (
        "Text:\n\n.. code-block:: python\n   :caption: x\n\n   a = 1\n\n   b = a\n\nAfter.\n\n"
        ".. slow\n\n.. code-block:: python\n\n   c = 2\n"
    )
    assert python_blocks(rst, markdown=False) == [(3, "a = 1\n\nb = a\n", False), (14, "c = 2\n", True)]
    md = "```python\nx = 1\n```\n\n<!-- slow -->\n```python\ny = 2\n```\n```bash\nls\n```\n"
    assert python_blocks(md, markdown=True) == [(1, "x = 1\n", False), (6, "y = 2\n", True)]


@pytest.mark.slow
@pytest.mark.parametrize("page", SNIPPET_PAGES, ids=lambda page: page.relative_to(ROOT).as_posix())
def test_code_blocks_of_the_docs_run_as_shown(page, tmp_path, monkeypatch):
    """Each page's Python blocks run in order, in one namespace, as a reader would paste them."""
    blocks = [block for block in python_blocks(page.read_text(), page.suffix == ".md") if not block[2]]
    if not blocks:
        pytest.skip("no Python block to run")
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    monkeypatch.chdir(tmp_path)  # caches such as memory="sculpt-cache" go here
    namespace = {"__name__": "__docs__"}
    started = time.perf_counter()
    try:
        for line, code, _ in blocks:
            try:
                exec(compile(code, f"{page.name}:{line}", "exec"), namespace)
            except Exception as error:
                raise AssertionError(f"the block at {page.name}:{line} fails: {error!r}\n{code}") from error
    finally:
        plt.close("all")
    print(f"{page.name}: {len(blocks)} blocks in {time.perf_counter() - started:.1f} s")


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


@pytest.mark.slow
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
