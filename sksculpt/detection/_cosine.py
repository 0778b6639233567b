"""Cosine distances between binary feature vectors."""

import numpy as np
import scipy.sparse as sp
from scipy.spatial.distance import pdist, squareform


def cosine_distance_matrix(features):
    """Cosine distances between the rows of a feature matrix.

    Parameters
    ----------
    features : {ndarray, sparse matrix} of shape (n_units, n_features)
        One feature vector per row (binary reachability vectors here).

    Returns
    -------
    distances : ndarray of shape (n_units, n_units)
        Symmetric, float64, zero diagonal.

    Notes
    -----
    ``d(u, v) = 1 - <u, v> / (|u| |v|)``, computed by
    ``scipy.spatial.distance.pdist(features, "cosine")`` on float64 values, so the
    numbers are the very ones that ``scipy.cluster.hierarchy.linkage(features,
    metric="cosine")`` (and with it scikit-learn's ``AgglomerativeClustering(
    metric="cosine")``) works on.

    A zero row has no direction, so its cosine is undefined (0/0). Here a zero row
    stands for a unit that reaches nothing: it shares no reachable unit with any
    other unit, so it is put at distance 1, the distance between two vectors with
    nothing in common, from every other row (zero rows included) and at 0 from
    itself. scikit-learn's ``cosine_distances`` makes the same choice.

    Examples
    --------
    >>> import numpy as np
    >>> cosine_distance_matrix(np.array([[1, 0], [1, 1], [0, 0]]))
    array([[0.        , 0.29289322, 1.        ],
           [0.29289322, 0.        , 1.        ],
           [1.        , 1.        , 0.        ]])
    """
    dense = features.toarray() if sp.issparse(features) else np.asarray(features)
    dense = dense.astype(np.float64)
    distances = squareform(pdist(dense, "cosine"))
    zero_rows = ~dense.any(axis=1)
    distances[zero_rows, :] = 1.0
    distances[:, zero_rows] = 1.0
    np.fill_diagonal(distances, 0.0)
    return distances
