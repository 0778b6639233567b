"""Checks of what the selection rules and support functions are given."""

from collections.abc import Mapping
from numbers import Integral

import networkx as nx
import numpy as np


def check_cv_results(cv_results, columns, caller):
    """Check that ``cv_results`` is a ``cv_results_``-like dict with the columns ``caller`` reads.

    Parameters
    ----------
    cv_results : object
        Should map column names to sequences of one length, with a ``seed``
        column holding seed 0 (the user's) and, when ``accurate`` is read, a
        boolean ``accurate`` column.
    columns : iterable of str
        The columns ``caller`` reads.
    caller : str
        The function's name, for messages.

    Returns
    -------
    cv_results : Mapping
        ``cv_results`` itself, or the columns of a pandas DataFrame of it as
        a dict of arrays.

    Raises
    ------
    TypeError, ValueError
        Naming ``cv_results``, what is missing or wrong, and where it comes from.
    """
    if hasattr(cv_results, "columns") and hasattr(cv_results, "to_numpy"):  # pandas.DataFrame(cv_results_)
        cv_results = {column: cv_results[column].to_numpy() for column in cv_results.columns}
    if not isinstance(cv_results, Mapping):
        raise TypeError(
            f"{caller} takes cv_results, the cv_results_ dict of a fitted SculptingClassifierCV; "
            f"got {type(cv_results).__name__}."
        )
    missing = [column for column in columns if column not in cv_results]
    if missing:
        raise ValueError(
            f"{caller} reads the cv_results columns {sorted(columns)}; {missing} missing. Pass the cv_results_ "
            "of a fitted SculptingClassifierCV (GridSearchCV results have other columns: use "
            "select_sparsest_refit there)."
        )
    lengths = {column: len(cv_results[column]) for column in columns}
    if len(set(lengths.values())) > 1:
        raise ValueError(f"The cv_results columns of {caller} must have one length; got {lengths}.")
    if not np.any(np.asarray(cv_results["seed"]) == 0):
        raise ValueError(
            f"{caller} picks among the rows of seed 0, the user's (random_state's in a search); cv_results has "
            "none. Pass a search's cv_results_, or relabel the seed whose network you want as 0."
        )
    if "accurate" in columns and np.asarray(cv_results["accurate"]).dtype != bool:
        raise ValueError(
            f"cv_results['accurate'] must hold booleans; got dtype {np.asarray(cv_results['accurate']).dtype}."
        )
    return cv_results


def check_n_sparsest(n_sparsest):
    """Check ``n_sparsest``: a positive int or None."""
    if n_sparsest is not None and (isinstance(n_sparsest, (bool, np.bool_)) or not isinstance(n_sparsest, Integral)
                                   or n_sparsest < 1):
        raise ValueError(f"n_sparsest must be a positive int or None (every network); got {n_sparsest!r}.")


def held_sets(hierarchy):
    """The ``inputs`` and ``outputs`` each node of a module graph holds: two dicts of node to set.

    Raises
    ------
    TypeError, ValueError
        If ``hierarchy`` is not a module graph (``hierarchy_``) or a node lacks an attribute.
    """
    if not isinstance(hierarchy, nx.DiGraph):
        raise TypeError(
            f"hierarchy must be a module graph (networkx.DiGraph, such as hierarchy_); got {type(hierarchy).__name__}."
        )
    held = ({}, {})
    for node, data in hierarchy.nodes(data=True):
        for sets, name in zip(held, ("inputs", "outputs")):
            if name not in data:
                raise ValueError(
                    f"Module {node!r} has no {name!r} attribute; every node of a module graph needs 'inputs' "
                    "and 'outputs' (sets of column indices, as on hierarchy_)."
                )
            sets[node] = data[name]
    return held
