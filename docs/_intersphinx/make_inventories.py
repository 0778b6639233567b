"""Write the intersphinx inventories that no offline source provides.

The documentation builds without a network, so intersphinx reads every
inventory from this folder. ``sklearn.inv`` is scikit-learn's own inventory
(1.2, from Debian's ``python-sklearn-doc`` package,
``/usr/share/doc/python-sklearn-doc/html/objects.inv``); its pages keep the
same addresses on https://scikit-learn.org/stable/. ``python.inv`` is
Python's (3.11, from Debian's ``python3.11-doc``,
``/usr/share/doc/python3.11/html/objects.inv``). numpy, scipy, networkx,
matplotlib, torch and skorch ship no inventory in any package this project can
install, so this script writes one for each, holding the names the
documentation cites, at the addresses of those projects' documentation. Cite a
new name of one of them: add it here and rerun, from the repository root::

    python docs/_intersphinx/make_inventories.py
"""

import zlib
from pathlib import Path

#: ``{project: (version, {name: (Sphinx object type, address relative to the docs root)})}``;
#: a final ``$`` in an address stands for the name (the inventory format's shorthand):
#: autodoc anchors every object at its full name.
INVENTORIES = {
    "numpy": ("stable", {
        "numpy.ndarray": ("py:class", "reference/generated/numpy.ndarray.html#$"),
        "numpy.percentile": ("py:function", "reference/generated/numpy.percentile.html#$"),
        "numpy.random.RandomState": ("py:class", "reference/random/legacy.html#$"),
        "numpy.inf": ("py:data", "reference/constants.html#$"),
        "numpy.nan": ("py:data", "reference/constants.html#$"),
        "numpy": ("py:module", "reference/index.html#module-numpy"),
        # What numpydoc links the types "array-like" and "scalar" to.
        "array_like": ("std:term", "glossary.html#term-array_like"),
        "arrays.scalars": ("std:label", "reference/arrays.scalars.html#arrays-scalars"),
    }),
    "scipy": ("stable", {
        "scipy.optimize.linear_sum_assignment": (
            "py:function", "reference/generated/scipy.optimize.linear_sum_assignment.html#$"),
    }),
    "networkx": ("stable", {
        "networkx.DiGraph": ("py:class", "reference/classes/digraph.html#$"),
        "networkx.write_graphml": (
            "py:function",
            "reference/readwrite/generated/networkx.readwrite.graphml.write_graphml.html#"
            + "networkx.readwrite.graphml.write_graphml",
        ),
        # networkx documents the matcher's methods only, on the VF2 page.
        "networkx.algorithms.isomorphism.DiGraphMatcher": (
            "py:class", "reference/algorithms/isomorphism.vf2.html"),
    }),
    "matplotlib": ("stable", {
        "matplotlib.axes.Axes": ("py:class", "api/_as_gen/matplotlib.axes.Axes.html#$"),
        "matplotlib.figure.Figure": ("py:class", "api/_as_gen/matplotlib.figure.Figure.html#$"),
        "matplotlib.collections.LineCollection": ("py:class", "api/collections_api.html#$"),
    }),
    "torch": ("stable", {
        "torch.nn.Module": ("py:class", "generated/torch.nn.Module.html#$"),
        "torch.device": ("py:class", "tensor_attributes.html#$"),
    }),
    "skorch": ("stable", {
        "skorch.NeuralNet": ("py:class", "net.html#skorch.net.NeuralNet"),
        "skorch.NeuralNetClassifier": (
            "py:class", "classifier.html#skorch.classifier.NeuralNetClassifier"),
    }),
}


def inventory(project, version, objects):
    """The bytes of a Sphinx inventory (version 2) holding ``objects``."""
    header = (
        "# Sphinx inventory version 2\n"
        f"# Project: {project}\n"
        f"# Version: {version}\n"
        "# The remainder of this file is compressed using zlib.\n"
    )
    lines = []
    for name, (kind, uri) in sorted(objects.items()):
        lines.append(f"{name} {kind} 1 {uri} -\n")
    return header.encode() + zlib.compress("".join(lines).encode())


if __name__ == "__main__":
    folder = Path(__file__).parent
    for project, (version, objects) in INVENTORIES.items():
        (folder / f"{project}.inv").write_bytes(inventory(project, version, objects))
