"""Parameter and target validation, shared by every part of sksculpt.

sksculpt validates parameters one way, scikit-learn's: estimators declare a
``_parameter_constraints`` dict checked at the start of ``fit`` (through
``sklearn.base._fit_context``), functions and splitters declare theirs with
:func:`sklearn.utils._param_validation.validate_params`. This module adds the
constraints scikit-learn lacks and the checks that need more than a
constraint (a torch device that must exist, a target that must be 0/1).
"""

import os
import warnings
from numbers import Integral

import numpy as np
import torch
from scipy import sparse
from sklearn.utils._param_validation import Interval, validate_parameter_constraints
from sklearn.utils.multiclass import type_of_target
from sklearn.utils.validation import check_memory


class StrictInterval(Interval):
    """An :class:`~sklearn.utils._param_validation.Interval` that refuses booleans.

    scikit-learn's ``Interval(Integral, 1, None)`` accepts ``True`` (a bool is an
    int in Python); ``batch_size=True`` or ``lr=True`` is a mistake, not a 1.

    Parameters
    ----------
    type : {numbers.Integral, numbers.Real}
        The numbers of the interval.
    left, right : int, float or None
        Bounds; None is unbounded.
    closed : {"left", "right", "both", "neither"}
        Which bounds belong to the interval.
    """

    def is_satisfied_by(self, val):
        return not isinstance(val, (bool, np.bool_)) and super().is_satisfied_by(val)


def check_elements(values, name, constraints, caller_name):
    """Check each item of a sequence parameter against the same constraints.

    Parameters
    ----------
    values : sequence
        The items, already known to be a sequence.
    name : str
        The parameter's name; an item is named ``name[i]`` in errors.
    constraints : list
        scikit-learn parameter constraints every item must satisfy.
    caller_name : str
        The function or class, for error messages.

    Raises
    ------
    sklearn.utils._param_validation.InvalidParameterError
        (a ValueError and TypeError) naming the first bad item.
    """
    validate_parameter_constraints(
        {f"{name}[{i}]": constraints for i in range(len(values))},
        {f"{name}[{i}]": value for i, value in enumerate(values)},
        caller_name=caller_name,
    )


def check_hidden_layer_sizes(hidden_layer_sizes):
    """Return ``hidden_layer_sizes`` as a tuple of positive ints.

    ``_parameter_constraints`` has already checked that it is an int or an
    array-like; this checks its items, as
    :class:`~sklearn.neural_network.MLPClassifier` does.

    Raises
    ------
    ValueError
        If it is empty or an item is not a positive integer.
    """
    sizes = (hidden_layer_sizes,) if isinstance(hidden_layer_sizes, Integral) else tuple(hidden_layer_sizes)
    if not sizes:
        raise ValueError(
            "hidden_layer_sizes must hold at least one width, one per hidden layer, "
            f"e.g. (24, 24); got {hidden_layer_sizes!r}."
        )
    check_elements(
        sizes, "hidden_layer_sizes", [StrictInterval(Integral, 1, None, closed="left")],
        "SculptingClassifier",
    )
    return tuple(int(size) for size in sizes)


def check_device(device):
    """Return ``device`` as a :class:`torch.device` that exists on this machine.

    Parameters
    ----------
    device : str or torch.device
        Such as ``"cpu"``, ``"cuda"``, ``"cuda:1"`` or ``"mps"``.

    Returns
    -------
    device : torch.device

    Raises
    ------
    ValueError
        If torch does not know the device, or this machine does not have it.
    """
    try:
        parsed = torch.device(device)
    except (RuntimeError, TypeError):
        raise ValueError(
            f"device={device!r} is not a torch device; pass e.g. 'cpu', 'cuda' or 'cuda:0'."
        ) from None
    if parsed.type == "cuda":
        count = torch.cuda.device_count() if torch.cuda.is_available() else 0
        if count == 0 or (parsed.index is not None and parsed.index >= count):
            raise ValueError(
                f"device={device!r} but this machine has {count} CUDA device(s) that torch can "
                "use; pass device='cpu' (or a CUDA index below the count)."
            )
    elif parsed.type == "mps" and not torch.backends.mps.is_available():
        raise ValueError(f"device={device!r} but MPS is not available here; pass device='cpu'.")
    elif parsed.type not in ("cpu", "cuda", "mps"):
        raise ValueError(
            f"device={device!r}: sksculpt trains on 'cpu', 'cuda' or 'mps'; pass one of them."
        )
    return parsed


def check_stratifiable(labels, classes, validation_fraction):
    """Check that a stratified hold-out of ``validation_fraction`` can keep every class.

    Parameters
    ----------
    labels : ndarray of int
        Encoded class labels, indices into ``classes``.
    classes : ndarray
        The user's class labels.
    validation_fraction : float
        The share held out.

    Raises
    ------
    ValueError
        If a class has fewer than two samples, naming the class as the user wrote it.
    """
    rare = classes[np.bincount(labels, minlength=len(classes)) < 2]
    if rare.size:
        raise ValueError(
            f"validation_fraction={validation_fraction} holds out a stratified share of every "
            f"class, which needs at least 2 samples per class; class(es) {rare.tolist()} have 1. "
            "Add samples of them, or pass validation_fraction=None to check on the training data."
        )


def check_targets(y):
    """Check the targets of a classifier and say how to read them.

    Parameters
    ----------
    y : array-like or sparse matrix of shape (n_samples,) or (n_samples, n_outputs)
        Class labels, or a 0/1 multi-label indicator matrix (dense or sparse).

    Returns
    -------
    y : ndarray
        The targets, dense; a single column is raveled into labels.
    kind : {"multilabel", "multiclass"}
        ``"multilabel"`` for a 0/1 matrix of several columns, else class labels.

    Raises
    ------
    ValueError
        For continuous targets, a matrix of values other than 0 and 1, or
        targets that hold a single class (every column constant).
    """
    y = y.toarray() if sparse.issparse(y) else np.asarray(y)
    if y.ndim == 2 and y.shape[1] == 1:
        y = y.ravel()
    if y.ndim == 2:
        values = np.unique(y)
        if not np.isin(values, (0, 1)).all():
            raise ValueError(
                "Multi-label targets must be a 0/1 indicator matrix of shape (n_samples, "
                f"n_outputs); y is 2-D with the values {values[:6].tolist()}"
                f"{' ...' if values.size > 6 else ''}. Map them to 0/1 (e.g. (y > 0).astype(int)) "
                "or pass class labels as a 1-D array."
            )
        constant = np.flatnonzero((y == y[:1]).all(axis=0))
        if constant.size == y.shape[1]:
            raise ValueError(
                "Every column of y is constant, so there is nothing to learn; pass targets "
                "whose outputs vary across samples."
            )
        if constant.size:
            warnings.warn(
                f"Output column(s) {constant.tolist()} of y are constant: they depend on no input, "
                "so sculpting cuts them off from every input. Drop them unless that is intended.",
                UserWarning,
                stacklevel=4,  # check_targets < fit < _fit_context < the caller
            )
        return y.astype(np.int64), "multilabel"
    kind = type_of_target(y, input_name="y", raise_unknown=True)
    if kind not in ("binary", "multiclass"):
        raise ValueError(
            f"SculptingClassifier needs class labels or a 0/1 multi-label matrix; y has type "
            f"{kind!r}. For regression targets use a regressor."
        )
    if np.unique(y).size < 2:
        raise ValueError(
            "y holds a single class; sculpting needs at least two classes to learn a task."
        )
    return y, "multiclass"



def check_memory_location(memory):
    """:func:`sklearn.utils.validation.check_memory` that also takes a path-like folder; refuses an empty path."""
    location = os.fspath(memory) if isinstance(memory, os.PathLike) else memory
    if isinstance(location, str) and not location.strip():
        raise ValueError(
            f"memory={memory!r} names no folder (joblib would write into the working directory); give a cache "
            "folder, a joblib.Memory, or None for no cache."
        )
    return check_memory(location)


#: Fewest percent a pruning step may be when it is below one unit or edge: 1,000 rounds cover the network.
MIN_SUBUNIT_STEP = 0.1


def check_prune_steps(steps, hidden_layer_sizes, n_edges):
    """Refuse pruning steps that prune nothing for over a thousand rounds.

    A schedule prunes whole units and edges: a step below one hidden unit
    (P_u) or one edge (P_e) prunes nothing in some rounds. That is harmless
    at the paper's steps on small networks, but a step below
    :data:`MIN_SUBUNIT_STEP` percent that is also below one item needs over
    a thousand rounds to cover the network (``unit_prune_step=0.01`` ran
    8,674 rounds), so it is refused.

    Parameters
    ----------
    steps : dict of str to sequence of float
        Parameter name to its values, in percent; names holding ``unit``
        are unit steps, the others edge steps.
    hidden_layer_sizes : tuple of int
    n_edges : int
        Weights of the dense network.

    Raises
    ------
    ValueError
        Naming the parameter, the value and the smallest step allowed.
    """
    for name, values in steps.items():
        is_unit = "unit" in name
        one = 100.0 / (sum(hidden_layer_sizes) if is_unit else n_edges)
        small = [value for value in values if value < min(one, MIN_SUBUNIT_STEP)]
        if small:
            what = f"one of the {sum(hidden_layer_sizes)} hidden units" if is_unit else f"one of the {n_edges} edges"
            raise ValueError(
                f"{name}={small[0]!r} % is less than {what} ({one:.4g} %): most steps would prune nothing and "
                f"sculpting would run over a thousand rounds. Use steps of at least {min(one, MIN_SUBUNIT_STEP):.4g} "
                "(the paper's grid starts at 5 for P_u and 0.5 for P_e)."
            )
