"""The folds of ``cv=``: a splitter, an int or index pairs, checked against the task."""

import numpy as np
from sklearn.model_selection import check_cv


def check_folds(cv, task):
    """The ``(train, test)`` index pairs of ``cv`` over a :class:`~sksculpt._problem.CheckedTask`, checked.

    None gives no folds. Each fold must keep at least 2 training and 1 test
    samples and, for class labels, every class in its training part.
    """
    if cv is None:
        return []
    labels = task.targets if task.kind == "multiclass" else None
    splitter = check_cv(cv, labels, classifier=task.kind == "multiclass")
    try:
        folds = [index_pair(split, len(task.X_checked)) for split in splitter.split(task.X_checked, labels)]
    except (ValueError, TypeError, IndexError) as error:
        hint = ("fit takes no groups: pass the splits themselves, cv=list(GroupKFold(k).split(X, y, groups))"
                if "groups" in str(error) else
                "a stratified splitter needs class labels: use KFold or an int for multi-label targets"
                if task.kind == "multilabel" and "Stratified" in type(cv).__name__ else
                "each split must be a (train, test) pair of integer index arrays")
        raise ValueError(f"cv={cv!r} could not split the {len(task.X_checked)} samples: {error} ({hint}).") \
            from error
    if not folds:
        raise ValueError(f"cv={cv!r} yields no split; give an int of at least 2, a splitter, or (train, test) "
                         "index pairs.")
    for k, (train, test) in enumerate(folds):
        if len(train) < 2 or len(test) < 1:
            raise ValueError(
                f"cv={cv!r} gives fold {k} {len(train)} training and {len(test)} test samples; each fold "
                "needs at least 2 and 1. Use fewer splits or more samples."
            )
        if task.kind == "multiclass" and len(np.unique(task.targets[train])) < len(task.classes):
            missing = sorted(set(task.classes.tolist()) - set(task.classes[np.unique(task.targets[train])].tolist()))
            raise ValueError(
                f"cv={cv!r} leaves class {missing[0]!r} out of the training part of fold {k}, so its "
                "networks could not predict it. Use a stratified splitter (an int cv is stratified), fewer "
                "splits, or more samples of that class."
            )
    return folds


def index_pair(split, n_samples):
    """One ``(train, test)`` split of ``cv`` as two arrays of sample indices, checked."""
    if not isinstance(split, (tuple, list)) or len(split) != 2:
        raise ValueError(f"each split must be a (train, test) pair of index arrays; got {split!r}")
    pair = tuple(np.asarray(part) for part in split)
    for name, part in zip(("train", "test"), pair):
        if part.ndim != 1 or (part.size and not np.issubdtype(part.dtype, np.integer)):
            raise ValueError(f"the {name} part of a split must be a 1-D array of integer indices; got {part!r}")
        if part.size and (part.min() < 0 or part.max() >= n_samples):
            raise ValueError(f"the {name} part of a split holds indices outside 0..{n_samples - 1}")
    return pair
