"""Warnings of sksculpt."""

__all__ = ["StructureWarning"]


class StructureWarning(UserWarning):
    """The reported structure is weakly supported, or sculpting stalled.

    Issued by :class:`~sksculpt.SculptingClassifierCV` when a module of the
    picked structure is found by too few of the search's independent runs
    (its ``support`` is below ``min_support``), and by both estimators when
    sculpting stopped with much of the network left because its pruning
    steps kept failing the accuracy bar. In both cases the modules read off
    the network are more likely an accident of one training run than a
    property of the task. Like scikit-learn's
    :class:`~sklearn.exceptions.ConvergenceWarning`, it can be turned into an
    error or silenced with :mod:`warnings` filters.

    Examples
    --------
    >>> import warnings
    >>> from sksculpt import StructureWarning
    >>> issubclass(StructureWarning, UserWarning)
    True
    >>> warnings.simplefilter("error", StructureWarning)  # make weak structures fail loudly
    >>> warnings.resetwarnings()
    """
