"""Checks of SculptingClassifier's hyperparameters and targets."""

from numbers import Integral, Real

import numpy as np
from sklearn.utils import check_scalar
from sklearn.utils.multiclass import type_of_target


def check_hidden_layer_sizes(hidden_layer_sizes):
    """Return ``hidden_layer_sizes`` as a tuple of positive ints, or raise ValueError."""
    sizes = (hidden_layer_sizes,) if isinstance(hidden_layer_sizes, Integral) else hidden_layer_sizes
    try:
        sizes = tuple(sizes)
    except TypeError:
        sizes = None
    if not sizes or not all(isinstance(s, Integral) and not isinstance(s, bool) and s > 0 for s in sizes):
        raise ValueError(
            "hidden_layer_sizes must be a non-empty sequence of positive integers, one width per "
            f"hidden layer, e.g. (24, 24); got {hidden_layer_sizes!r}."
        )
    return tuple(int(s) for s in sizes)


def check_sculpting_params(estimator):
    """Validate the scalar hyperparameters of a SculptingClassifier (ValueError/TypeError)."""
    check_scalar(estimator.lr, "lr", Real, min_val=0, include_boundaries="neither")
    check_scalar(estimator.batch_size, "batch_size", Integral, min_val=1)
    check_scalar(estimator.max_epochs, "max_epochs", Integral, min_val=1)
    check_scalar(estimator.weight_decay, "weight_decay", Real, min_val=0)
    check_scalar(estimator.input_noise, "input_noise", Real, min_val=0)
    for name in ("unit_prune_step", "edge_prune_step"):
        check_scalar(getattr(estimator, name), name, Real, min_val=0, max_val=100, include_boundaries="neither")
    check_scalar(
        estimator.accuracy_threshold, "accuracy_threshold", Real, min_val=0, max_val=1, include_boundaries="right"
    )
    if estimator.validation_fraction is not None:
        check_scalar(
            estimator.validation_fraction, "validation_fraction", Real, min_val=0, max_val=1,
            include_boundaries="neither",
        )
    check_scalar(estimator.verbose, "verbose", Integral, min_val=0)


def target_kind(y):
    """``"multilabel"`` for a 0/1 indicator matrix, ``"multiclass"`` for class labels.

    Raises
    ------
    ValueError
        For continuous targets, matrices that are not 0/1, or a single class.
    """
    kind = type_of_target(y, input_name="y", raise_unknown=True)
    if kind == "multilabel-indicator":
        return "multilabel"
    if kind in ("binary", "multiclass"):
        if np.unique(y).size < 2:
            raise ValueError(
                "y holds a single class; sculpting needs at least two classes to learn a task."
            )
        return "multiclass"
    if np.ndim(y) == 2:
        raise ValueError(
            "Multi-label targets must be a 0/1 indicator matrix of shape (n_samples, n_outputs); "
            f"y is 2-D but its type is {kind!r} (values other than 0 and 1?)."
        )
    raise ValueError(
        f"SculptingClassifier needs class labels or a 0/1 multi-label matrix; y has type {kind!r}. "
        "For regression targets use a regressor."
    )
