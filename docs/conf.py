"""Sphinx configuration of the sksculpt documentation.

Build the HTML pages, warnings as errors, from the repository root::

    sphinx-build -W -b html docs docs/_build/html

The gallery is built from ``examples/`` by sphinx-gallery, which runs every
``plot_*.py`` example and shows its output and figures. The environment
variable ``SKSCULPT_GALLERY_RUN`` narrows that to the examples whose path
matches a regular expression (e.g. ``quickstart``); the others are shown
without running them.
"""

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
    "sphinx.ext.mathjax",
    "numpydoc",
    "sphinx_gallery.gen_gallery",
]

templates_path = ["_templates"]
exclude_patterns = ["_build"]
autosummary_generate = True
numpydoc_show_class_members = False

html_theme = "pydata_sphinx_theme"
html_static_path = ["_static"]
html_title = f"sksculpt {release}"
html_theme_options = {"navigation_with_keys": False}

sphinx_gallery_conf = {
    "examples_dirs": str(DOCS.parent / "examples"),
    "gallery_dirs": "auto_examples",
    "filename_pattern": os.environ.get("SKSCULPT_GALLERY_RUN", r"/plot_"),
    "reset_argv": "gallery_arguments.figure_path_argument",
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
