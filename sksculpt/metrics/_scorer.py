"""The hierarchy match score as a scikit-learn scorer, for grid searches over P_u and P_e."""

from sklearn.utils._param_validation import validate_params

from .._graph_formats import module_graph_of
from ._expected import SKIP_EDGES, expected_module_graph
from ._match import match_module_graphs


@validate_params({"true_graph": "no_validation", "skip_edges": [SKIP_EDGES]}, prefer_skip_nested_validation=True)
def make_hierarchy_scorer(true_graph, *, skip_edges="keep"):
    """Make a scorer that rates a fitted estimator's ``hierarchy_`` against a known task.

    Use it as ``scoring`` of :class:`~sklearn.model_selection.GridSearchCV` (or
    ``cross_validate``, ...), alone or as one entry of a dict of scorers next
    to, say, ``"accuracy"``, to choose the pruning steps ``unit_prune_step``
    and ``edge_prune_step`` that uncover the task's structure.

    Parameters
    ----------
    true_graph : networkx.DiGraph
        The true function graph of the task (format of ``sksculpt.datasets``).
        It is checked, and its expected module graph computed, once here.
    skip_edges : {"keep", "drop"}, default="keep"
        Passed to :func:`~sksculpt.metrics.expected_module_graph`.

    Returns
    -------
    scorer : callable
        ``scorer(estimator, X, y=None) -> float``: the
        :func:`hierarchy_match_score` of ``estimator.hierarchy_`` (or of the
        last step of a fitted :class:`~sklearn.pipeline.Pipeline`); ``X`` and
        ``y`` are ignored, since the structure does not depend on the
        evaluation split. Greater is better. The scorer can be pickled, so it
        works with ``n_jobs`` > 1.

    Raises
    ------
    TypeError
        If ``true_graph`` is not a ``networkx.DiGraph``.
    ValueError
        If ``true_graph`` does not follow the true function graph format.

    See Also
    --------
    hierarchy_match_score : The score, with its formula.

    Notes
    -----
    The score is computed on the fitted estimator alone, so every
    cross-validation fold of one parameter setting scores the structure found
    on that fold's training part.

    Examples
    --------
    >>> import networkx as nx
    >>> from sksculpt.metrics import make_hierarchy_scorer
    >>> G = nx.DiGraph()
    >>> G.add_nodes_from((f"x{i}", {"role": "input", "index": i}) for i in range(4))
    >>> G.add_nodes_from((f"y{j}", {"role": "output", "index": j, "op": "xor"}) for j in range(2))
    >>> G.add_edges_from([("x0", "y0"), ("x1", "y0"), ("x2", "y1"), ("x3", "y1")])
    >>> scorer = make_hierarchy_scorer(G)
    >>> class Fitted:
    ...     hierarchy_ = nx.DiGraph()
    >>> Fitted.hierarchy_.add_node(0, inputs={0, 1, 2, 3}, outputs={0, 1})
    >>> scorer(Fitted(), X=None)
    0.25

    In a grid search: ``GridSearchCV(SculptingClassifier(), param_grid,
    scoring={"structure": scorer, "accuracy": "accuracy"}, refit="structure")``.
    """
    return _HierarchyScorer(true_graph, skip_edges)


class _HierarchyScorer:
    """Callable ``scorer(estimator, X, y=None)`` returned by :func:`make_hierarchy_scorer`."""

    def __init__(self, true_graph, skip_edges):
        self.true_graph = true_graph
        self.skip_edges = skip_edges
        self.expected_graph = expected_module_graph(true_graph, skip_edges=skip_edges)

    def __call__(self, estimator, X, y=None):
        return match_module_graphs(self.expected_graph, module_graph_of(estimator))

    def __repr__(self):
        name = self.true_graph.graph.get("name")
        graph = repr(name) if name else "true_graph"
        reading = "" if self.skip_edges == "keep" else f", skip_edges={self.skip_edges!r}"
        return f"make_hierarchy_scorer({graph}{reading})"
