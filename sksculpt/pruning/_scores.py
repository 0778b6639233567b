"""Pruning scores: loss sensitivity of hidden units, magnitude of edges."""

import numpy as np

from ._masks import check_same_shapes


def loss_sensitivity(activations, gradients):
    r"""Loss sensitivity of each hidden unit.

    .. math::

        s_u = \frac{1}{N} \sum_{n=1}^{N}
              \left| a_{n,u} \, \frac{\partial \ell_n}{\partial a_{n,u}} \right|

    where :math:`a_{n,u}` is the activation of unit :math:`u` on sample
    :math:`n` and :math:`\ell_n` that sample's loss (Patil et al., 2023,
    section 3.1: the first-order estimate of the change in loss when the unit
    is removed). Because sample :math:`n`'s loss depends only on its own
    activations, the gradient of :math:`\sum_n \ell_n` with respect to the
    activation matrix holds every per-sample gradient at once.

    Parameters
    ----------
    activations : list of array-like of shape (n_samples, width)
        Hidden activations, one array per hidden layer.
    gradients : list of array-like of shape (n_samples, width)
        Gradient of the summed per-sample loss with respect to each activation.

    Returns
    -------
    scores : list of ndarray of shape (width,)
        One score per hidden unit, per hidden layer. Units that are pruned
        have zero activation and so score 0.

    Examples
    --------
    >>> import numpy as np
    >>> loss_sensitivity([np.array([[1.0, 2.0], [3.0, 0.0]])],
    ...                  [np.array([[0.5, -1.0], [-1.0, 4.0]])])
    [array([1.75, 1.  ])]
    """
    check_same_shapes(activations, gradients, ("activations", "gradients"))
    return [np.abs(np.asarray(a) * np.asarray(g)).mean(axis=0) for a, g in zip(activations, gradients)]


def edge_magnitude(weights, masks):
    """Magnitude score of every edge: ``|w|``, and 0 where the edge is masked.

    Parameters
    ----------
    weights : list of ndarray of shape (units in, units out)
    masks : list of bool ndarray, same shapes

    Returns
    -------
    scores : list of ndarray, same shapes

    Examples
    --------
    >>> import numpy as np
    >>> edge_magnitude([np.array([[-2.0, 0.5]])], [np.array([[True, False]])])
    [array([[2., 0.]])]
    """
    check_same_shapes(weights, masks, ("weights", "masks"))
    return [np.where(m, np.abs(w), 0.0) for w, m in zip(weights, masks)]
