"""ModuleDetector: find the modules of a sculpted network and their hierarchy."""

from numbers import Integral, Real

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin, _fit_context
from sklearn.utils.validation import check_is_fitted

from .._mask_formats import check_layer_sizes, check_masks
from .._validation import StrictInterval
from ._cleanup import remove_dead_units
from ._clustering import cluster_layer
from ._edges import module_edge_counts
from ._merging import merge_clusters
from ._modules import hierarchy_graph, modules_from_labels
from ._reachability import count_reachable_units, reachability_features


class ModuleDetector(TransformerMixin, BaseEstimator):
    """Find the modules of a sculpted network and the hierarchy between them.

    The network analysis of Neural Sculpting (:ref:`user guide <user_guide>`): drop the units
    that lie on no input-to-output path; describe each unit by the units it reaches
    within ``step_size`` steps; cluster each layer (cosine distance, average
    linkage, number of clusters by the modularity metric, checked by a
    clusterability test); give every output its own cluster; merge clusters of
    consecutive layers bottom-up into modules.

    The detector learns a partition of the units into modules. :meth:`transform`
    projects any connectivity of the same architecture onto that partition.

    Parameters
    ----------
    step_size : int or None, default=None
        Longest path length counted in the reachability features; None means the
        number of weight layers, so that every unit sees the outputs (reference).
    merge_threshold : float, default=0.9
        ``tau`` of the cross-layer merge, in (0, 1) (reference 0.9; 0.6 on digit
        images).
    mm_threshold : float, default=0.2
        A layer whose best modularity metric is above ``-mm_threshold`` goes to
        the clusterability test (reference 0.2; 0.3 on digit images).

    Attributes
    ----------
    labels_ : list of ndarray of int
        One per layer (layer 0 = inputs ... last = outputs): module id of each unit,
        -1 for units removed by the clean-up.
    modules_ : list of Module
        The modules ordered by id (consecutive from 0, in order of creation from
        the inputs upwards), each with its units per layer, inputs and outputs.
    hierarchy_ : networkx.DiGraph
        The module graph: a node per module, keyed by its id, with the
        attributes of its :class:`~sksculpt.detection.Module`: ``inputs`` and ``outputs``
        (frozensets of column indices), ``layers`` (tuple), ``units`` (dict of
        layer to tuple of unit indices) and ``n_units``; an edge per ordered
        pair of distinct modules joined by surviving edges, ``weight`` = their
        number; graph attributes ``n_inputs`` and ``n_outputs``. Save it with
        :func:`~sksculpt.detection.write_graphml`.
    n_layers_ : int
        Number of layers of units, inputs and outputs included (weight layers + 1).
    layer_sizes_ : tuple of int
        Number of units of each layer, inputs first.

    See Also
    --------
    sksculpt.SculptingClassifier : produces the sculpted masks, and runs this
        detector at the end of its fit.

    Notes
    -----
    Each step is a pure function in a private module of
    ``sksculpt.detection``, named after the step: the clean-up, the
    reachability features, the per-layer clustering (with the modularity
    metric and the clusterability test) and the cross-layer merge. The
    :ref:`user guide <user_guide>` explains each.

    References
    ----------
    S. M. Patil, L. Michael, C. Dovrolis. "Neural Sculpting: Uncovering
    hierarchically modular task structure in neural networks through pruning and
    network analysis". NeurIPS 2023, arXiv:2305.18402.

    Examples
    --------
    >>> import numpy as np
    >>> from sksculpt.detection import ModuleDetector
    >>> block = np.ones((2, 2), dtype=bool)
    >>> hidden = np.block([[block, ~block], [~block, block]])
    >>> masks = [hidden, np.array([[1, 0], [1, 0], [0, 1], [0, 1]], dtype=bool)]
    >>> detector = ModuleDetector().fit(masks)
    >>> [(sorted(m.inputs), sorted(m.outputs)) for m in detector.modules_]
    [([0, 1], [0]), ([2, 3], [1])]
    >>> detector.transform(masks)
    array([[6, 0],
           [0, 6]])
    """

    _parameter_constraints: dict = {
        "step_size": [StrictInterval(Integral, 1, None, closed="left"), None],
        "merge_threshold": [StrictInterval(Real, 0, 1, closed="neither")],
        "mm_threshold": [StrictInterval(Real, 0, None, closed="left")],
    }

    def __init__(self, step_size=None, merge_threshold=0.9, mm_threshold=0.2):
        self.step_size = step_size
        self.merge_threshold = merge_threshold
        self.mm_threshold = mm_threshold

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        """Find the modules of the sculpted connectivity ``X``.

        Parameters
        ----------
        X : list of array-like of bool, or fitted estimator with ``masks_``
            One mask per weight layer, ``X[l]`` of shape
            ``(n_units[l], n_units[l + 1])``, True (or 1) where the edge survives;
            SciPy sparse masks are accepted. Not modified.
        y : None
            Ignored.

        Returns
        -------
        self : ModuleDetector
            Fitted.

        Raises
        ------
        ValueError
            If the masks are malformed (not 2-D, not 0/1, or with
            consecutive shapes that disagree) or no
            input-to-output path survives in them.
        """
        masks = check_masks(X)
        cleaned, alive = remove_dead_units(masks)
        if not any(mask.any() for mask in cleaned):
            raise ValueError(
                "No path from an input to an output survives in the masks, so there "
                "is nothing to detect; pass connectivity that keeps at least one "
                "input-to-output path (e.g. prune less)."
            )
        step_size = len(masks) if self.step_size is None else self.step_size
        cluster_labels = [
            self._cluster_units(cleaned, alive, layer, step_size) for layer in range(len(masks))
        ]
        cluster_labels.append(np.arange(masks[-1].shape[1]))
        self.labels_ = merge_clusters(cleaned, cluster_labels, self.merge_threshold)
        self.modules_ = modules_from_labels(self.labels_)
        self.n_layers_ = len(self.labels_)
        self.layer_sizes_ = tuple(len(layer_labels) for layer_labels in self.labels_)
        self.hierarchy_ = hierarchy_graph(
            self.modules_,
            module_edge_counts(cleaned, self.labels_, len(self.modules_)),
            n_inputs=self.layer_sizes_[0],
            n_outputs=self.layer_sizes_[-1],
        )
        return self

    def transform(self, X):
        """Count the edges of ``X`` between the detected modules.

        Parameters
        ----------
        X : list of array-like of bool, or fitted estimator with ``masks_``
            Connectivity of the architecture the detector was fitted on.

        Returns
        -------
        counts : ndarray of shape (n_modules, n_modules), int
            ``counts[a, b]`` = number of edges of ``X`` from units of module ``a``
            to units of module ``b``; edges touching units removed by the clean-up
            in :meth:`fit` are ignored. On the fitting masks, the off-diagonal
            entries are the edge weights of ``hierarchy_`` and the diagonal counts
            the edges inside each module.

        Raises
        ------
        ValueError
            If ``X`` is malformed or its layer sizes differ from ``layer_sizes_``.
        """
        check_is_fitted(self)
        masks = check_masks(X)
        check_layer_sizes(masks, self.layer_sizes_)
        return module_edge_counts(masks, self.labels_, len(self.modules_))

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        # X is a list of per-layer masks, not a (n_samples, n_features) matrix.
        tags.input_tags.two_d_array = False
        return tags

    def _cluster_units(self, masks, alive, layer, step_size):
        """Cluster labels of the units of one layer below the outputs (-1 if removed)."""
        units = np.flatnonzero(alive[layer])
        features = reachability_features(masks, layer, step_size)[units, :]
        labels = np.full(alive[layer].shape, -1)
        labels[units] = cluster_layer(
            features, count_reachable_units(alive, layer, step_size), self.mm_threshold
        )
        return labels
