"""The table of a search (``cv_results_``) and the summaries read from it.

Pure functions of the sculpted points, the folds and the checked task: one
row per network (:func:`search_results`), the held-out columns of ``cv``,
and the ``structure_support_`` summary.
"""

from dataclasses import replace

import numpy as np

from ._records import count_hidden_units
from .model_selection import structure_signature, weakest_support


def final_accuracy(records):
    """Check accuracy of the network a sculpting run leaves: its last accepted step's, else the dense round's."""
    accepted = [record for record in records if record.accepted]
    return (accepted[-1] if accepted else records[0]).accuracy

def named_signature(modules, hierarchy):
    """:func:`~sksculpt.model_selection.structure_signature`, written with the names of the inputs
    and outputs where the modules have them (a relabelling: equal structures keep equal signatures)."""
    inputs, outputs = named_sets(modules)
    named = [replace(m, inputs=frozenset(inputs[m.id]), outputs=frozenset(outputs[m.id])) for m in modules]
    return structure_signature(named, hierarchy)

def named_sets(modules):
    """Each module's held inputs and outputs as names where it has them, else as indices.

    Parameters
    ----------
    modules : list of Module

    Returns
    -------
    inputs, outputs : dict
        Module id to the set of names (or indices) it holds.
    """
    inputs = {m.id: set(m.inputs if m.input_names is None else m.input_names) for m in modules}
    outputs = {m.id: set(m.outputs if m.output_names is None else m.output_names) for m in modules}
    return inputs, outputs

def object_array(values):
    """A 1-D object array holding ``values`` as they are (graphs are not unpacked)."""
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array

def held_out_columns(points, n_seeds, folds, task):
    """``fold``, ``test_accuracy`` and, per (seed, P_u, P_e), ``split<k>_test_accuracy`` and their mean and std.

    Networks sculpted on all the data are fold -1; the network of fold k is
    scored on fold k's test part, with scikit-learn's accuracy (weighted by
    the task's sample weights, if any).
    """
    fold = np.array([point["problem"] // n_seeds - 1 for point in points])
    test_accuracy = np.full(len(points), np.nan)
    for row, point in enumerate(points):
        if fold[row] >= 0:
            test = folds[fold[row]][1]
            y_test = task.classes[task.targets[test]] if task.kind == "multiclass" else task.targets[test]
            weight = None if task.sample_weight is None else task.sample_weight[test]
            test_accuracy[row] = point["estimator"].score(task.X_checked[test], y_test, sample_weight=weight)
    setting = [(point["problem"] % n_seeds, point["unit_prune_step"], point["edge_prune_step"]) for point in points]
    by_fold = {(setting[row], fold[row]): test_accuracy[row] for row in range(len(points)) if fold[row] >= 0}
    splits = np.array([[by_fold[key, k] for k in range(len(folds))] for key in setting])
    columns = dict(fold=fold, test_accuracy=test_accuracy)
    columns.update({f"split{k}_test_accuracy": splits[:, k] for k in range(len(folds))})
    columns.update(mean_test_accuracy=splits.mean(axis=1), std_test_accuracy=splits.std(axis=1))
    return columns

def support_summary(supported, inputs):
    """``structure_support_``: each module's, module edge's and input's support, the weakest, and what was counted."""
    return dict(
        modules=dict(supported.nodes(data="support")),
        edges={(source, target): support for source, target, support in supported.edges(data="support")},
        inputs=inputs,
        min_support=weakest_support(supported),
        n_replicates=supported.graph["n_replicates"],
        n_networks=supported.graph["n_networks"],
    )

def search_results(points, problems, n_seeds, folds, task):
    """The ``cv_results_`` of a search: one row per sculpted network, its setting, seed, accuracy,
    what is left of it and its structure; with folds, the held-out columns (:func:`held_out_columns`).

    Parameters
    ----------
    points : list of dict
        From :func:`~sksculpt._grid.sculpt_chunk`, each with its ``problem``
        (the position in ``problems``), in the order of the rows.
    problems : list of SculptingProblem
        The seeds on all the data, then those of each fold.
    n_seeds : int
    folds : list of tuple of ndarray
        ``(train, test)`` index pairs; empty without ``cv``.
    task : CheckedTask

    Returns
    -------
    cv_results : dict of str to ndarray
    """
    estimators = [point["estimator"] for point in points]
    accuracy = np.array([final_accuracy(estimator.sculpt_history_) for estimator in estimators])
    results = dict(
        param_unit_prune_step=np.array([point["unit_prune_step"] for point in points]),
        param_edge_prune_step=np.array([point["edge_prune_step"] for point in points]),
        seed=np.array([point["problem"] % n_seeds for point in points]),
        random_state=np.array([problems[point["problem"]].random_state for point in points]),
        check_accuracy=accuracy,
        accurate=np.array([any(r.accepted for r in estimator.sculpt_history_) and bool(estimator.modules_)
                           for estimator in estimators]),
        spurious_paths=np.array([point["spurious_paths"] for point in points]),
        edges_left=np.array([sum(int(mask.sum()) for mask in e.masks_) for e in estimators]),
        units_left=np.array([count_hidden_units(e.masks_) for e in estimators]),
        density=np.array([e.density_ for e in estimators]),
        n_modules=np.array([len(e.modules_) for e in estimators]),
        structure=object_array([named_signature(e.modules_, e.hierarchy_) for e in estimators]),
        hierarchy=object_array([e.hierarchy_ for e in estimators]),
        selected=np.zeros(len(points), dtype=bool),
    )
    if folds:
        results.update(held_out_columns(points, n_seeds, folds, task))
    return results
