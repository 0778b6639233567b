"""Command-line arguments that sphinx-gallery gives the examples it runs."""

from pathlib import Path


def figure_path_argument(gallery_conf, script_vars):
    """Give each example, as its one argument, a path in the built gallery for its figure.

    Examples that save a figure (``plot_quickstart.py``) write it to their first
    argument, so building the documentation never writes into ``examples/``.

    Parameters
    ----------
    gallery_conf : dict
        sphinx-gallery's configuration.
    script_vars : dict
        sphinx-gallery's description of the example being run; ``target_file``
        is its copy in the built gallery.

    Returns
    -------
    argv : list of str
        ``[<gallery copy of the example>.png]``.
    """
    return [str(Path(script_vars["target_file"]).with_suffix(".png"))]
