"""Sphinx configuration of the sksculpt documentation.

Build the HTML pages from the repository root, warnings as errors and every
cross-reference checked (``nitpicky`` is on, so ``-n`` is implied)::

    sphinx-build -W -b html docs docs/_build/html

The build needs no network: intersphinx reads its inventories from
``docs/_intersphinx`` and MathJax is served from the built pages (the
``django-static-mathjax`` package of the ``docs`` extra ships it), so the
pages show their equations offline too.

The gallery is built from ``examples/`` by sphinx-gallery, which runs every
``plot_*.py`` example and shows its output and figures. The environment
variable ``SKSCULPT_GALLERY_RUN`` narrows that to the examples whose path
matches a regular expression (e.g. ``quickstart``); the others are shown
without running them.
"""

import importlib.util
import os
import sys
from pathlib import Path

import sksculpt

DOCS = Path(__file__).parent
sys.path.insert(0, str(DOCS / "sphinxext"))

project = "sksculpt"
author = "the sksculpt developers"
copyright = "the sksculpt developers"
release = version = sksculpt.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.intersphinx",
    "sphinx.ext.mathjax",
    "myst_parser",
    "numpydoc",
    "sphinx_gallery.gen_gallery",
]

templates_path = ["_templates"]
exclude_patterns = ["_build", "_intersphinx"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
autosummary_generate = True
numpydoc_show_class_members = False
# Parameter types link where a name is known: numpydoc's own (Python's
# builtins, numpy's arrays) and those below; other words stay plain text.
numpydoc_xref_param_type = True
numpydoc_xref_ignore = "all"
numpydoc_xref_aliases = {
    alias: f":class:`{alias} <{target}>`"
    for alias, target in {
        "DiGraph": "networkx.DiGraph",
        "networkx.DiGraph": "networkx.DiGraph",
        "Axes": "matplotlib.axes.Axes",
        "matplotlib.axes.Axes": "matplotlib.axes.Axes",
        "Bunch": "sklearn.utils.Bunch",
        "SculptingClassifier": "sksculpt.SculptingClassifier",
        "ModuleDetector": "sksculpt.ModuleDetector",
        "FunctionGraph": "sksculpt.datasets.FunctionGraph",
        "Module": "sksculpt.detection.Module",
        "PruningStep": "sksculpt.pruning.PruningStep",
        "SculptingNet": "sksculpt.SculptingNet",
        "SculptRecord": "sksculpt.SculptRecord",
    }.items()
}
nitpicky = True
myst_heading_anchors = 3
# $...$ and $$...$$ in the Markdown pages are equations, as :math: is in the reStructuredText ones.
myst_enable_extensions = ["dollarmath"]

# Offline inventories (see docs/_intersphinx/make_inventories.py).
intersphinx_mapping = {
    name: (url, f"_intersphinx/{name}.inv")
    for name, url in {
        "python": "https://docs.python.org/3/",
        "sklearn": "https://scikit-learn.org/stable/",
        "numpy": "https://numpy.org/doc/stable/",
        "scipy": "https://docs.scipy.org/doc/scipy/",
        "networkx": "https://networkx.org/documentation/stable/",
        "matplotlib": "https://matplotlib.org/stable/",
        "torch": "https://docs.pytorch.org/docs/stable/",
        "skorch": "https://skorch.readthedocs.io/en/stable/",
    }.items()
}

# MathJax 3, all in one file (TeX input, SVG output with its fonts), copied
# into the pages' _static folder.
if (mathjax_package := importlib.util.find_spec("mathjax")) is None:
    raise ImportError(
        'the documentation serves MathJax from the django-static-mathjax package; '
        'install it with pip install -e ".[docs]"'
    )
MATHJAX = Path(mathjax_package.origin).parent / "static" / "mathjax" / "es5" / "tex-svg.js"
mathjax_path = MATHJAX.name

html_theme = "pydata_sphinx_theme"
html_static_path = ["_static", str(MATHJAX)]
html_css_files = ["sksculpt.css"]
html_title = f"sksculpt {release}"
html_theme_options = {"navigation_with_keys": False}
# Pages without sub-pages get no (empty) section navigation, and a wider column.
html_sidebars = {page: [] for page in ("index", "install", "user_guide", "truth_free", "results", "benchmark_log")}
# The gallery's pages too: their code and output then get the full width.
html_sidebars["auto_examples/*"] = []

sphinx_gallery_conf = {
    "examples_dirs": str(DOCS.parent / "examples"),
    "gallery_dirs": "auto_examples",
    "filename_pattern": os.environ.get("SKSCULPT_GALLERY_RUN", r"/plot_"),
    "reset_argv": "gallery_arguments.figure_path_argument",
    "within_subsection_order": "gallery_order.learning_path_key",
    "doc_module": ("sksculpt",),
    "backreferences_dir": "gen_modules/backreferences",
    "abort_on_example_error": True,
    "download_all_examples": False,
    "remove_config_comments": True,
    "write_computation_times": False,
}


def skip_metadata_request_methods(app, what, name, obj, skip, options):
    """Leave out the ``set_*_request`` methods scikit-learn generates on every estimator.

    They belong to scikit-learn's metadata routing and are documented there.
    """
    if name.startswith("set_") and name.endswith("_request"):
        return True
    return None


def setup(app):
    """Connect the documentation's own event handlers."""
    app.connect("autodoc-skip-member", skip_metadata_request_methods)
