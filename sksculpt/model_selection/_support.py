"""How far to trust a found structure: the support of its modules among a search's networks.

A module's support is the share of independent sculpting runs that find
the same module, as a phylogenetic tree prints, on every clade, the share of
bootstrap replicates that hold it (Felsenstein, 1985). A *replicate* is one
seed and one training set (with ``cv``, one fold's training part, or all the
data): its networks share everything but P_u and P_e. Each replicate counts
once, through the networks it would vote with: its ``n_sparsest`` sparsest
candidate networks (accurate, with the fewest spurious paths; see
:func:`~sksculpt.model_selection.select_seed_vote`). Within a replicate, the
share of those networks that hold the module is its vote; the support is
the mean vote over replicates. Lightly pruned networks keep redundant wiring
and show one large module whatever the task, so letting every accurate
network count would lend support to what a network is rather than to what
a task needs.
"""

from collections import Counter

import numpy as np

from ._rows import _candidate_rows, _fallback, voting_rows
from ._selection import RULE_COLUMNS, _vote_order
from ._structures import module_descriptions
from ._validation import check_cv_results, check_n_sparsest

#: The columns support is counted from.
SUPPORT_COLUMNS = ("seed", "accurate", "spurious_paths", "edges_left", "hierarchy")


def _mean_shares(voters, items_of):
    """Each item to the mean, over replicates, of the share of the replicate's voting networks that hold it.

    ``voters`` maps each replicate to its voting rows (see :func:`voting_rows`)
    and ``items_of(row)`` gives the set of items a row's network holds
    (module descriptions, module edges, inputs). Items no network holds are
    left out.
    """
    shares = Counter()
    for rows in voters.values():
        for item, count in Counter(item for row in rows for item in items_of(row)).items():
            shares[item] += count / len(rows)
    return {item: total / len(voters) for item, total in shares.items()}


def _described_edges(hierarchy, descriptions):
    return {(descriptions[source], descriptions[target]) for source, target in hierarchy.edges}


def structure_support(cv_results, hierarchy, *, n_sparsest=3):
    """A module graph with the support of each module and module edge, from a search's networks.

    A module of another network is the same module when it holds the same
    inputs and outputs and sees the same inputs upstream and reaches the same
    outputs downstream (:func:`module_descriptions`); a module edge is the
    same edge when it joins the same two modules.

    Parameters
    ----------
    cv_results : dict of array-like
        ``cv_results_`` of :class:`~sksculpt.SculptingClassifierCV`; reads
        ``seed``, ``fold`` (when present), ``accurate``,
        ``spurious_paths``, ``edges_left`` and ``hierarchy``.
    hierarchy : networkx.DiGraph
        The module graph to support, usually that of a row of ``cv_results``.
    n_sparsest : int or None, default=3
        How many of each replicate's sparsest candidate networks count
        (None: all of them), as in the selection rules' vote.

    Returns
    -------
    supported : networkx.DiGraph
        A copy of ``hierarchy`` whose nodes and edges carry ``support``, a
        float in [0, 1] (NaN when no replicate has a candidate network).
        The graph attributes ``n_replicates`` and ``n_networks`` say how
        many replicates and networks the support counts.

    See Also
    --------
    sksculpt.SculptingClassifierCV : Puts this on its ``hierarchy_``.

    Examples
    --------
    Two seeds, each with one candidate network; both find module ``in 0``,
    only the first finds ``in 1`` as a module of its own:

    >>> import networkx as nx
    >>> import numpy as np
    >>> def graph(*held):
    ...     graph = nx.DiGraph()
    ...     for node, inputs in enumerate(held):
    ...         graph.add_node(node, inputs=set(inputs), outputs=set(inputs))
    ...     return graph
    >>> results = {
    ...     "seed": np.array([0, 1]), "accurate": np.array([True, True]),
    ...     "spurious_paths": np.zeros(2, dtype=int), "edges_left": np.array([4, 6]),
    ...     "hierarchy": [graph([0], [1]), graph([0], [1, 2])],
    ... }
    >>> supported = structure_support(results, results["hierarchy"][0])
    >>> dict(supported.nodes(data="support"))
    {0: 1.0, 1: 0.5}
    """
    cv_results = check_cv_results(cv_results, SUPPORT_COLUMNS, "structure_support")
    check_n_sparsest(n_sparsest)
    descriptions = module_descriptions(hierarchy)
    voters = voting_rows(cv_results, n_sparsest)
    hierarchies = cv_results["hierarchy"]

    def modules_and_edges(row):
        held = module_descriptions(hierarchies[row])
        return set(held.values()) | _described_edges(hierarchies[row], held)

    shares = _mean_shares(voters, modules_and_edges)

    def share(item):
        return float(shares.get(item, 0.0)) if voters else float("nan")

    supported = hierarchy.copy()
    supported.graph.update(n_replicates=len(voters), n_networks=int(sum(len(rows) for rows in voters.values())))
    for node, description in descriptions.items():
        supported.nodes[node]["support"] = share(description)
    for source, target in supported.edges:
        supported.edges[source, target]["support"] = share((descriptions[source], descriptions[target]))
    return supported


def module_support_table(cv_results, *, n_sparsest=3):
    """The support of every module that any counted network holds.

    Parameters
    ----------
    cv_results : dict of array-like
        As for :func:`structure_support`.
    n_sparsest : int or None, default=3

    Returns
    -------
    support : dict of str to float
        Module description (:func:`module_descriptions`) to its support,
        from the most supported down.

    Examples
    --------
    >>> import networkx as nx
    >>> import numpy as np
    >>> graph = nx.DiGraph()
    >>> graph.add_node(0, inputs={0}, outputs={0})
    >>> results = {"seed": np.array([0]), "accurate": np.array([True]), "spurious_paths": np.array([0]),
    ...            "edges_left": np.array([1]), "hierarchy": [graph]}
    >>> module_support_table(results)
    {'in 0 out 0': 1.0}
    """
    cv_results = check_cv_results(cv_results, SUPPORT_COLUMNS, "module_support_table")
    check_n_sparsest(n_sparsest)
    shares = _mean_shares(
        voting_rows(cv_results, n_sparsest),
        lambda row: set(module_descriptions(cv_results["hierarchy"][row]).values()),
    )
    return {module: float(share) for module, share in sorted(shares.items(), key=lambda item: (-item[1], item[0]))}


def input_support(cv_results, n_features, *, n_sparsest=3):
    """The share of runs whose sculpted networks keep each input feature: stability selection.

    Sculpting drops the inputs a network does not need; an input that the
    networks of most runs (seeds, folds) keep is one the task needs, as
    stability selection keeps the features that survive resampling
    (Meinshausen and Bühlmann, 2010). Counted like module support: within
    each run, the share of its voting networks whose modules hold the input;
    then the mean over runs. Where exact modules rarely recur (many
    features, sampled data), which inputs recur still says what the
    structure is built from.

    Parameters
    ----------
    cv_results : dict of array-like
        As for :func:`structure_support`.
    n_features : int
    n_sparsest : int or None, default=3

    Returns
    -------
    support : ndarray of float, shape (n_features,)
        NaN everywhere when no run has a candidate network.

    Examples
    --------
    >>> import networkx as nx
    >>> import numpy as np
    >>> def graph(inputs):
    ...     graph = nx.DiGraph()
    ...     graph.add_node(0, inputs=set(inputs), outputs={0})
    ...     return graph
    >>> results = {"seed": np.array([0, 1]), "accurate": np.array([True, True]),
    ...            "spurious_paths": np.zeros(2, dtype=int), "edges_left": np.array([3, 4]),
    ...            "hierarchy": [graph([0, 1]), graph([0])]}
    >>> input_support(results, 3).tolist()
    [1.0, 0.5, 0.0]
    """
    cv_results = check_cv_results(cv_results, SUPPORT_COLUMNS, "input_support")
    check_n_sparsest(n_sparsest)
    voters = voting_rows(cv_results, n_sparsest)
    if not voters:
        return np.full(n_features, np.nan)
    shares = _mean_shares(
        voters, lambda row: set().union(*(held for _, held in cv_results["hierarchy"][row].nodes(data="inputs")))
    )
    return np.array([shares.get(feature, 0.0) for feature in range(n_features)])


def weakest_support(hierarchy):
    """The lowest ``support`` on a module graph's nodes (NaN when it has none)."""
    values = [support for _, support in hierarchy.nodes(data="support") if support is not None]
    return float(np.nanmin(values)) if values and not np.all(np.isnan(values)) else float("nan")


def select_majority(cv_results, n_sparsest=3):
    """The majority-rule consensus structure: the modules more than half of the replicates find.

    As a majority-rule consensus tree keeps the clades found in more than
    half of the bootstrap trees, this rule keeps the modules whose support
    (see :func:`structure_support`) exceeds one half, and reads the
    structure from a network of the user's that holds them: the user's
    candidate network holding the most majority modules, then the fewest
    others, then the one :func:`select_seed_vote` ranks first.

    Parameters
    ----------
    cv_results : dict of array-like
        ``cv_results_`` of :class:`~sksculpt.SculptingClassifierCV`; reads
        ``seed``, ``fold`` (when present), ``accurate``,
        ``check_accuracy``, ``spurious_paths``, ``edges_left``,
        ``structure`` and ``hierarchy``.
    n_sparsest : int or None, default=3
        How many of each replicate's sparsest candidate networks count.

    Returns
    -------
    index : int
        The picked row. When no network of the user's seed keeps the
        accuracy threshold, the most accurate one (then the sparsest).

    Examples
    --------
    Three seeds; the user's sparsest network finds one module of both
    columns, the other seeds find modules ``in 0 out 0`` and ``in 1 out 1``
    apart, and so does the user's second network:

    >>> import networkx as nx
    >>> import numpy as np
    >>> def graph(*held):
    ...     graph = nx.DiGraph()
    ...     for node, columns in enumerate(held):
    ...         graph.add_node(node, inputs=set(columns), outputs=set(columns))
    ...     return graph
    >>> apart, joined = graph([0], [1]), graph([0, 1])
    >>> results = {
    ...     "seed": np.array([0, 0, 1, 2]), "accurate": np.ones(4, dtype=bool),
    ...     "check_accuracy": np.ones(4), "spurious_paths": np.zeros(4, dtype=int),
    ...     "edges_left": np.array([4, 6, 5, 5]),
    ...     "structure": np.array(["joined", "apart", "apart", "apart"], dtype=object),
    ...     "hierarchy": [joined, apart, apart, apart],
    ... }
    >>> select_majority(results, n_sparsest=1)
    1
    """
    cv_results = check_cv_results(cv_results, (*RULE_COLUMNS, "hierarchy"), "select_majority")
    own = _candidate_rows(cv_results)
    if not len(own):
        return _fallback(cv_results)
    majority = {module for module, support in module_support_table(cv_results, n_sparsest=n_sparsest).items()
                if support > 0.5}
    order, _ = _vote_order(cv_results, n_sparsest)

    def key(row):
        held = set(module_descriptions(cv_results["hierarchy"][row]).values())
        return -len(held & majority), len(held - majority), order(row)

    return int(min(own, key=key))
