"""How close a detected module graph is to the one a perfect detection gives."""

import networkx as nx
import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.utils._param_validation import validate_params

from .._graph_formats import held_index_sets, module_graph_of, module_signatures, signature_similarity
from ._expected import SKIP_EDGES, expected_module_graph


@validate_params(
    {"true_graph": "no_validation", "hierarchy": "no_validation", "skip_edges": [SKIP_EDGES]},
    prefer_skip_nested_validation=True,
)
def hierarchy_match_score(true_graph, hierarchy, *, skip_edges="keep"):
    r"""Score how well a detected module hierarchy matches a known function graph.

    The detected module graph is compared with :func:`~sksculpt.metrics.expected_module_graph`
    of ``true_graph``: modules are matched one to one by what they hold and
    see, then the connections between matched modules are compared.

    Parameters
    ----------
    true_graph : networkx.DiGraph
        The true function graph of the task (format of ``sksculpt.datasets``).
    hierarchy : networkx.DiGraph or object
        A detected module graph in the ``hierarchy_`` format (node attributes
        ``inputs`` and ``outputs``: sets of column indices), any fitted object with a ``hierarchy_``
        attribute (``SculptingClassifier``, ``ModuleDetector``), or a fitted
        :class:`~sklearn.pipeline.Pipeline` ending in one.
    skip_edges : {"keep", "drop"}, default="keep"
        Whether the expected module graph keeps the edges that skip a level
        when a longer path joins the same modules (see
        :func:`~sksculpt.metrics.expected_module_graph`); ``"drop"`` scores
        against the reading a layered network shows.

    Returns
    -------
    score : float
        In [0, 1]; 1.0 exactly when the detected module graph equals the
        expected one up to renumbering of the modules: the same modules hold
        the same inputs and outputs and are connected by the same edges.

    Raises
    ------
    TypeError
        If ``true_graph`` is not a ``networkx.DiGraph`` or no module graph can
        be found in ``hierarchy``.
    ValueError
        If either graph does not follow its format, or the hierarchy holds
        columns the task does not have.

    See Also
    --------
    sksculpt.metrics.expected_module_graph : The module graph a perfect detection gives.
    make_hierarchy_scorer : This score as a scorer for model selection.

    Notes
    -----
    A module :math:`M` holds the input columns :math:`I_M` and output columns
    :math:`O_M`. It sees the inputs upstream
    :math:`U_M = I_M \cup \bigcup_{A \in \mathrm{anc}(M)} I_A` and the outputs
    downstream :math:`D_M = O_M \cup \bigcup_{B \in \mathrm{desc}(M)} O_B`.
    With the Jaccard index :math:`J(S, T) = |S \cap T| / |S \cup T|` and
    :math:`J(\emptyset, \emptyset) = 1`, an expected module :math:`E` and a
    detected module :math:`F` have the similarity

    .. math::

        s(E, F) = \tfrac14 \left[ J(I_E, I_F) + J(O_E, O_F)
                  + J(U_E, U_F) + J(D_E, D_F) \right].

    A one-to-one matching :math:`\pi` of expected to detected modules that
    maximises :math:`\sum s(E, \pi(E))` is found with
    :func:`scipy.optimize.linear_sum_assignment`; with :math:`n_e` expected
    and :math:`n_d` detected modules, :math:`\min(n_e, n_d)` pairs are matched
    and the rest stay unmatched. Then

    .. math::

        \text{node} = \frac{\sum_{E} s(E, \pi(E))}{\max(n_e, n_d)}, \qquad
        \text{edge} = \frac{|\pi(\mathcal{E}_e) \cap \mathcal{E}_d|}
                           {|\mathcal{E}_e| + |\mathcal{E}_d|
                            - |\pi(\mathcal{E}_e) \cap \mathcal{E}_d|},

    where :math:`\pi(\mathcal{E}_e)` are the expected edges whose two ends
    are matched, carried through :math:`\pi`, and :math:`\mathcal{E}_d` the
    detected edges (edge = 1 when both graphs have no edge). Edges touching an
    unmatched module are always mismatches; edge weights are ignored. The
    score is

    .. math::

        \text{score} = \text{node} \cdot \frac{1 + \text{edge}}{2}.

    The modules set the scale and wrong connections take up to half of it
    away. Unlike the mean of the two parts, a detection with wrong modules
    cannot earn credit from connections that are right only trivially: one
    single module, hence no edge, on a task without edges keeps its low node
    score instead of gaining half a point. Unlike their product, the score
    still grows with better modules while no edge is right.

    When all modules match exactly (node = 1) but several matchings reach that
    maximum, because modules share a signature :math:`(I, O, U, D)`, the
    matching that keeps the edges is used if one exists (found with
    :class:`networkx.algorithms.isomorphism.DiGraphMatcher`). So the score is
    1 exactly when the two module graphs are isomorphic with equal held
    inputs and outputs, and below 1 otherwise.

    Inputs that no detected module holds are left out of the comparison (and
    an expected module that held only such inputs with them). Sculpting
    removes an input when the network reaches its accuracy without it, as it
    does with the blank border pixels of digit images; the structure is then
    judged on the inputs the network uses. On a Boolean task every input
    matters, so an accurate network keeps them all.

    Mistakes upstream weigh more than the same mistake downstream, since they
    change what every later module sees: a misplaced input changes :math:`I`
    of two modules and :math:`U` of their descendants. Likewise a missing or
    extra edge costs twice: in the edge part, and in :math:`U` and :math:`D`
    of the modules it should (not) join.

    Examples
    --------
    ``y0 = XOR(x0, x1)`` and ``y1 = XOR(x2, x3)``:

    >>> import networkx as nx
    >>> from sksculpt.metrics import hierarchy_match_score
    >>> G = nx.DiGraph()
    >>> G.add_nodes_from((f"x{i}", {"role": "input", "index": i}) for i in range(4))
    >>> G.add_nodes_from((f"y{j}", {"role": "output", "index": j, "op": "xor"}) for j in range(2))
    >>> G.add_edges_from([("x0", "y0"), ("x1", "y0"), ("x2", "y1"), ("x3", "y1")])
    >>> detected = nx.DiGraph()
    >>> detected.add_node(0, inputs={2, 3}, outputs={1})
    >>> detected.add_node(1, inputs={0, 1}, outputs={0})
    >>> hierarchy_match_score(G, detected)
    1.0
    >>> detected.nodes[0]["inputs"], detected.nodes[1]["inputs"] = {1, 2, 3}, {0}
    >>> round(hierarchy_match_score(G, detected), 3)
    0.792
    """
    return match_module_graphs(expected_module_graph(true_graph, skip_edges=skip_edges), module_graph_of(hierarchy))


def match_module_graphs(expected, detected):
    """Score a detected module graph against an expected one.

    The computation of :func:`~sksculpt.hierarchy_match_score` once the expected module
    graph is known (see its Notes for the formula).

    Parameters
    ----------
    expected : networkx.DiGraph
        Output of :func:`expected_module_graph`.
    detected : networkx.DiGraph
        A module graph in the ``hierarchy_`` format.

    Returns
    -------
    score : float
        In [0, 1].
    """
    size = expected.graph["n_inputs"], expected.graph["n_outputs"]
    detected_held = held_index_sets(detected, *size)
    used_inputs = frozenset().union(*(inputs for inputs, _ in detected_held.values()))
    expected, expected_held = _restrict_to_inputs(expected, held_index_sets(expected, *size), used_inputs)
    expected_signatures = module_signatures(expected, expected_held)
    detected_signatures = module_signatures(detected, detected_held)
    expected_modules, detected_modules = list(expected_signatures), list(detected_signatures)

    similarity = np.zeros((len(expected_modules), len(detected_modules)))
    for row, expected_module in enumerate(expected_modules):
        for column, detected_module in enumerate(detected_modules):
            similarity[row, column] = signature_similarity(
                expected_signatures[expected_module], detected_signatures[detected_module]
            )
    rows, columns = linear_sum_assignment(similarity, maximize=True)
    node_score = similarity[rows, columns].sum() / max(len(expected_modules), len(detected_modules))

    matching = {
        expected_modules[row]: detected_modules[column] for row, column in zip(rows, columns)
    }
    edge_score = _edge_score(expected, detected, matching)
    if node_score == 1.0 and edge_score < 1.0 and _isomorphic_by_signature(
        expected, detected, expected_signatures, detected_signatures
    ):
        edge_score = 1.0
    return float(node_score * (1 + edge_score) / 2)


def _restrict_to_inputs(module_graph, held, used_inputs):
    """Keep only ``used_inputs`` in the held sets; drop modules left holding nothing.

    Only modules that held inputs and nothing else can be emptied; they are
    removed from a copy of the graph with their edges.
    """
    restricted = {module: (inputs & used_inputs, outputs) for module, (inputs, outputs) in held.items()}
    emptied = [
        module for module, (inputs, outputs) in restricted.items() if held[module][0] and not inputs and not outputs
    ]
    if not emptied:
        return module_graph, restricted
    module_graph = module_graph.copy()
    module_graph.remove_nodes_from(emptied)
    return module_graph, {module: sets for module, sets in restricted.items() if module not in emptied}


def _edge_score(expected, detected, matching):
    """Jaccard index of the expected edges carried through ``matching`` and the detected edges."""
    expected_edges, detected_edges = set(expected.edges()), set(detected.edges())
    kept = sum(
        (matching[source], matching[target]) in detected_edges
        for source, target in expected_edges
        if source in matching and target in matching
    )
    union = len(expected_edges) + len(detected_edges) - kept
    return kept / union if union else 1.0


def _isomorphic_by_signature(expected, detected, expected_signatures, detected_signatures):
    """Whether a graph isomorphism maps every module to one with the same signature."""
    matcher = nx.isomorphism.DiGraphMatcher(
        _signature_graph(expected, expected_signatures),
        _signature_graph(detected, detected_signatures),
        node_match=lambda first, second: first["signature"] == second["signature"],
    )
    return matcher.is_isomorphic()


def _signature_graph(module_graph, signatures):
    """A plain DiGraph of the modules, each labelled with its signature only."""
    graph = nx.DiGraph()
    graph.add_nodes_from(
        (module, {"signature": signature}) for module, signature in signatures.items()
    )
    graph.add_edges_from(module_graph.edges())
    return graph
