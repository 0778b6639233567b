"""Clusterability test: one cluster, every unit its own cluster, or neither."""

import numpy as np
import scipy.sparse as sp

from ._tree import cut_merge_tree


def random_overlap(k_i, k_j, n_reachable):
    """Mean and standard deviation of the overlap of two randomly wired vectors.

    Parameters
    ----------
    k_i, k_j : int
        Numbers of ones of the two binary feature vectors.
    n_reachable : int
        ``N``, the number of units the vectors run over (the surviving units of the
        next ``step_size`` layers).

    Returns
    -------
    expected : float
        ``E = k_i k_j / N``.
    sd : float
        ``sqrt(N x (1 - x))`` with ``x = k_i k_j / N^2``.

    Raises
    ------
    ValueError
        If a vector has more ones than there are units to reach.

    Notes
    -----
    If each of the ``N`` units were reached by both vectors independently with
    probability ``x = (k_i / N)(k_j / N)``, the overlap would be binomial with
    ``N`` trials: mean ``N x = E``, standard deviation ``sqrt(N x (1 - x))``
    (user guide, *Module detection*, step 4).
    """
    if max(k_i, k_j) > n_reachable:
        raise ValueError(
            f"n_reachable={n_reachable} is smaller than the number of ones of a "
            f"feature vector ({max(k_i, k_j)}); pass the number of units the "
            "vectors run over."
        )
    x = k_i * k_j / n_reachable**2
    return k_i * k_j / n_reachable, float(np.sqrt(n_reachable * x * (1.0 - x)))


def all_separate_evidence(k_i, k_j, k_ij, n_reachable):
    """Evidence that every unit is its own cluster, or None if the rule does not fire.

    Applied to the closest pair of units: the rule fires when
    ``(k_ij < max(k_i, k_j) and k_ij <= E) or k_ij < 1``; the evidence is
    ``(E - k_ij) / sd`` (see :func:`random_overlap` for ``E`` and ``sd``).

    Parameters
    ----------
    k_i, k_j : int
        Numbers of ones of the two feature vectors.
    k_ij : int
        Number of positions where both are one.
    n_reachable : int
        ``N``, the number of units the vectors run over.

    Returns
    -------
    evidence : float or None
        None when the rule does not fire. Where ``sd = 0`` (an empty vector, or both
        vectors full) the overlap is forced, ``k_ij = E``, and the evidence is 0.
    """
    expected, sd = random_overlap(k_i, k_j, n_reachable)
    if (k_ij < max(k_i, k_j) and k_ij <= expected) or k_ij < 1:
        return _z_score(expected - k_ij, sd)
    return None


def single_cluster_evidence(k_i, k_j, k_ij, n_reachable):
    """Evidence that all units form one cluster, or None if the rule does not fire.

    Applied to the two halves of the layer (the OR of the feature vectors inside
    each): the rule fires when ``(k_ij >= 1 and k_ij >= E) or
    k_ij >= max(k_i, k_j)``; the evidence is ``(k_ij - E) / sd`` (see
    :func:`random_overlap`).

    Parameters
    ----------
    k_i, k_j : int
        Numbers of ones of the two feature vectors.
    k_ij : int
        Number of positions where both are one.
    n_reachable : int
        ``N``, the number of units the vectors run over.

    Returns
    -------
    evidence : float or None
        None when the rule does not fire; 0 where ``sd = 0`` as in
        :func:`all_separate_evidence`.
    """
    expected, sd = random_overlap(k_i, k_j, n_reachable)
    if (k_ij >= 1 and k_ij >= expected) or k_ij >= max(k_i, k_j):
        return _z_score(k_ij - expected, sd)
    return None


def resolve_clusterability(separate_evidence, single_evidence):
    """Decide between the two rules of the clusterability test.

    Parameters
    ----------
    separate_evidence, single_evidence : float or None
        Results of :func:`all_separate_evidence` and
        :func:`single_cluster_evidence`, None for a rule that did not fire.

    Returns
    -------
    outcome : {"separate", "single"} or None
        The rule that fired; if both fired, the one with the larger evidence, ties
        going to "single"; None if neither fired.

    Examples
    --------
    >>> resolve_clusterability(1.5, 1.5)
    'single'
    >>> resolve_clusterability(2.0, None)
    'separate'
    """
    if separate_evidence is not None and (
        single_evidence is None or separate_evidence > single_evidence
    ):
        return "separate"
    if single_evidence is not None:
        return "single"
    return None


def clusterability_test(features, tree, n_reachable):
    """Test whether a layer is one cluster, all separate units, or neither.

    Compares feature overlaps with what random wiring would give
    (user guide, *Module detection*, step 4):

    - "all separate": the closest pair of units (the pair joined by the
      agglomerative clustering into ``n - 1`` clusters, i.e. the tree's first
      merge) is tested with :func:`all_separate_evidence`;
    - "single": the layer is cut into 2 clusters, the feature vectors inside each
      are OR-ed, and the two results are tested with
      :func:`single_cluster_evidence`;
    - the outcome follows :func:`resolve_clusterability`.

    Parameters
    ----------
    features : ndarray or sparse matrix of shape (n_units, n_features), bool
        Reachability features of the layer's units, ``n_units >= 2``.
    tree : ndarray of shape (n_units - 1, 4)
        Average-linkage tree of the cosine distances of ``features``.
    n_reachable : int
        ``N``, the number of surviving units in the next ``step_size`` layers.

    Returns
    -------
    outcome : {"separate", "single"} or None
        None when neither rule fires.
    """
    features = (features.toarray() if sp.issparse(features) else np.asarray(features)).astype(bool)
    first, second = features[int(tree[0, 0])], features[int(tree[0, 1])]
    separate = all_separate_evidence(
        np.count_nonzero(first),
        np.count_nonzero(second),
        np.count_nonzero(first & second),
        n_reachable,
    )
    halves = cut_merge_tree(tree, 2)
    first_half, second_half = (features[halves == half].any(axis=0) for half in (0, 1))
    single = single_cluster_evidence(
        np.count_nonzero(first_half),
        np.count_nonzero(second_half),
        np.count_nonzero(first_half & second_half),
        n_reachable,
    )
    return resolve_clusterability(separate, single)


def _z_score(excess, sd):
    """``excess / sd``, 0 where ``sd == 0`` (the overlap is then forced)."""
    return excess / sd if sd > 0 else 0.0
