"""The order of the gallery: a newcomer's path through sksculpt."""

#: Example files from the first to read to the last.
LEARNING_PATH = [
    "plot_quickstart.py",  # a first fit and its picture
    "plot_read_hierarchy.py",  # what the picture and the module graph hold
    "plot_function_graph.py",  # a task of one's own
    "plot_truth_free.py",  # choosing P_u and P_e without knowing the structure
    "plot_grid_search.py",  # choosing P_u and P_e when the structure is known
    "plot_two_digits.py",  # images instead of truth tables
    "plot_tabular.py",  # a table of measurements, by name, with the defaults
    "dask_grid_search.py",  # the same search on a cluster
]


def learning_path_key(filename):
    """Sort key of an example file: its place on :data:`LEARNING_PATH`.

    Parameters
    ----------
    filename : str
        File name of the example, as sphinx-gallery passes it.

    Returns
    -------
    key : tuple
        ``(position, filename)``; examples not on the path come last, by name.
    """
    position = LEARNING_PATH.index(filename) if filename in LEARNING_PATH else len(LEARNING_PATH)
    return position, filename
