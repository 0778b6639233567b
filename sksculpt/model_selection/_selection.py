"""Truth-free rules that pick one sculpted network out of a P_u x P_e (x seed) grid.

Every rule is a pure function of a ``cv_results_`` dict (see
:class:`~sksculpt.SculptingClassifierCV`) and returns the index of the picked
row. Rules read only what a user has without knowing the task's structure:
each network's check accuracy, its size, the structure it was found to have,
and whether its predictions use the paths that structure shows. They pick
among the rows of the user's own seed (``seed == 0``); the other seeds, when
there are any, only vote on which structure recurs.

Every rule considers only *candidate* networks: those that keep the accuracy
threshold and have the fewest spurious paths (input-output pairs their
module graph connects although the network's decisions for that output do
not change with that input; ``cv_results_["spurious_paths"]``) that any
accurate network of the user's seed has, usually none. An accurate network
can keep wiring that carries nothing, and its module graph then claims a
dependence the task does not have; among networks that compute the same
function, the one whose structure shows only what the function uses is the
better account of it.
"""

from collections import Counter

import networkx as nx
import numpy as np

from ._validation import check_cv_results, check_n_sparsest, held_sets

#: The columns every built-in rule reads.
RULE_COLUMNS = ("seed", "accurate", "check_accuracy", "spurious_paths", "edges_left", "structure")


def structure_signature(modules, hierarchy):
    """A canonical, readable string for a detected module structure.

    Each module is described by the input features and outputs it holds and
    the inputs upstream of it and outputs downstream of it along the module
    graph; the signature lists the module descriptions in sorted order, then
    the module edges between them. Two detections get the same signature
    exactly when their module graphs are the same up to module numbering.

    Parameters
    ----------
    modules : list of Module
        ``modules_`` of a fitted detector or classifier.
    hierarchy : networkx.DiGraph
        The matching ``hierarchy_``.

    Returns
    -------
    signature : str

    Examples
    --------
    >>> from sksculpt import ModuleDetector
    >>> import numpy as np
    >>> masks = [np.eye(2, dtype=bool), np.eye(2, dtype=bool)]
    >>> detector = ModuleDetector().fit(masks)
    >>> structure_signature(detector.modules_, detector.hierarchy_)
    'in 0 out 0 | in 1 out 1'
    """
    by_id = {getattr(module, "id", None): module for module in modules} if np.iterable(modules) else {}
    held_sets(hierarchy)
    if set(by_id) != set(hierarchy):
        raise ValueError(
            f"modules and hierarchy must describe one detection: module ids {sorted(map(str, by_id))} against "
            f"module graph nodes {sorted(map(str, hierarchy))}. Pass modules_ and hierarchy_ of one fitted estimator."
        )
    names = module_descriptions(
        hierarchy, {node: by_id[node].inputs for node in hierarchy}, {node: by_id[node].outputs for node in hierarchy}
    )
    order = sorted(names.values())
    edges = sorted(f"{order.index(names[a])}>{order.index(names[b])}" for a, b in hierarchy.edges)
    return " | ".join(order) + (" ; " + " ".join(edges) if edges else "")


def module_descriptions(hierarchy, held_inputs=None, held_outputs=None):
    """Each module of a module graph described by what it holds and where it sits.

    A module is described by the input features and outputs it holds, the
    inputs upstream of it and the outputs downstream of it along the module
    graph: two modules of two networks with the same description compute
    from the same inputs for the same outputs, whatever their numbering.

    Parameters
    ----------
    hierarchy : networkx.DiGraph
        A module graph in the ``hierarchy_`` format.
    held_inputs, held_outputs : dict or None, default=None
        Node to the inputs (outputs) it holds; None reads the nodes'
        ``inputs`` (``outputs``) attributes.

    Returns
    -------
    descriptions : dict
        Node to its description, such as ``"in 0,1 down 0,1"``.

    Examples
    --------
    >>> import networkx as nx
    >>> graph = nx.DiGraph([(0, 1)])
    >>> graph.add_node(0, inputs={0, 1}, outputs=set())
    >>> graph.add_node(1, inputs=set(), outputs={0})
    >>> module_descriptions(graph)
    {0: 'in 0,1 down 0', 1: 'out 0 up 0,1'}
    """
    if held_inputs is None or held_outputs is None:
        held_inputs, held_outputs = held_sets(hierarchy)

    def describe(node):
        upstream = set().union(*(held_inputs[a] for a in nx.ancestors(hierarchy, node)))
        downstream = set().union(*(held_outputs[d] for d in nx.descendants(hierarchy, node)))
        parts = [("in", held_inputs[node]), ("out", held_outputs[node]), ("up", upstream), ("down", downstream)]
        return " ".join(f"{name} {','.join(map(str, sorted(values)))}" for name, values in parts if values)

    return {node: describe(node) for node in hierarchy}


def replicates(cv_results):
    """The replicate of each row: the seed, and with ``cv`` the fold, its network was sculpted from.

    Networks of one replicate share their seed and training data; each
    replicate is an independent attempt at the task's structure.

    Parameters
    ----------
    cv_results : dict of array-like
        Reads ``seed`` and, when present, ``fold`` (-1 for networks
        sculpted on all the data).

    Returns
    -------
    replicates : ndarray of int
        One label per row; 0 is the user's (seed 0, all the data).
    """
    seeds = np.asarray(cv_results["seed"])
    if "fold" not in cv_results:
        return seeds
    folds = np.asarray(cv_results["fold"])
    return seeds * (int(folds.max()) + 2) + folds + 1


def _own(cv_results):
    """Mask of the user's rows: seed 0, sculpted on all the data."""
    return replicates(cv_results) == 0


def _candidates(cv_results):
    """Mask of the candidate rows: accurate, with no more spurious paths than the user's networks need.

    With held-out columns (``cv``), a row is accurate only when its grid
    point is also within one standard error of the best held-out accuracy
    (see :func:`_generalising`).

    The bar is the fewest ``spurious_paths`` among the user's accurate rows
    (seed 0, all the data); with no accurate row there, every accurate row
    is a candidate.
    """
    accurate = _generalising(cv_results, np.asarray(cv_results["accurate"], dtype=bool))
    spurious = np.asarray(cv_results["spurious_paths"])
    own = accurate & _own(cv_results)
    if not own.any():
        return accurate
    return accurate & (spurious <= spurious[own].min())


def _generalising(cv_results, accurate):
    """``accurate`` less, with ``cv``, the rows whose grid point is clearly worse on held-out data.

    The one-standard-error rule (Breiman et al., 1984): a grid point stays
    when its ``mean_test_accuracy`` is within one standard error of the best
    of the user's accurate grid points. Without held-out columns, ``accurate``.
    """
    if "mean_test_accuracy" not in cv_results:
        return accurate
    mean = np.asarray(cv_results["mean_test_accuracy"])
    own = accurate & _own(cv_results)
    if not own.any():
        return accurate
    best = np.flatnonzero(own)[np.argmax(mean[own])]
    n_folds = sum(1 for column in cv_results if column.startswith("split") and column.endswith("_test_accuracy"))
    standard_error = np.asarray(cv_results["std_test_accuracy"])[best] / np.sqrt(max(n_folds, 1))
    return accurate & (mean >= mean[best] - standard_error)


def _candidate_rows(cv_results):
    """Indices of the user's candidate rows (see :func:`_candidates`)."""
    return np.flatnonzero(_own(cv_results) & _candidates(cv_results))


def _fallback(cv_results):
    """The user's row with the highest check accuracy (the sparsest among equals)."""
    rows = np.flatnonzero(_own(cv_results))
    accuracy = np.asarray(cv_results["check_accuracy"])[rows]
    edges = np.asarray(cv_results["edges_left"])[rows]
    return int(rows[np.lexsort((edges, -accuracy))[0]])


def voting_rows(cv_results, n_sparsest=3):
    """The rows that vote for each replicate: its ``n_sparsest`` sparsest candidate networks.

    Parameters
    ----------
    cv_results : dict of array-like
    n_sparsest : int or None, default=3
        None: every candidate network.

    Returns
    -------
    rows : dict of int to ndarray of int
        Replicate (see :func:`replicates`) to its voting rows, sparsest
        first; a replicate with no candidate network is left out.
    """
    edges = np.asarray(cv_results["edges_left"])
    labels, candidates = replicates(cv_results), _candidates(cv_results)
    voters = {}
    for replicate in np.unique(labels):
        rows = np.flatnonzero((labels == replicate) & candidates)
        if len(rows):
            voters[int(replicate)] = rows[np.argsort(edges[rows], kind="stable")][:n_sparsest]
    return voters


def _sparsest_of(cv_results, rows):
    edges = np.asarray(cv_results["edges_left"])
    return int(rows[np.argmin(edges[rows])])


def select_sparsest(cv_results):
    """The sparsest candidate network; ties to the structure found most often among candidates.

    Sculpting removes what the task does not need, so the accurate network
    with the fewest surviving edges carries the least wiring that is not part
    of the task's structure. Candidates are the accurate networks with the
    fewest spurious paths (see :ref:`spurious_paths` in the truth-free
    guide).

    Parameters
    ----------
    cv_results : dict of array-like
        ``cv_results_`` of :class:`~sksculpt.SculptingClassifierCV`; reads
        ``seed``, ``accurate``, ``check_accuracy``, ``spurious_paths``,
        ``edges_left`` and ``structure``.

    Returns
    -------
    index : int
        The picked row. When no network of the user's seed keeps the
        accuracy threshold, the most accurate one (then the sparsest).
    """
    cv_results = check_cv_results(cv_results, RULE_COLUMNS, "select_sparsest")
    rows = _candidate_rows(cv_results)
    if not len(rows):
        return _fallback(cv_results)
    structures = np.asarray(cv_results["structure"], dtype=object)
    counts = Counter(structures[rows])
    edges = np.asarray(cv_results["edges_left"])
    return int(min(rows, key=lambda row: (edges[row], -counts[structures[row]], row)))


def select_consensus(cv_results):
    """The structure found at most grid points among candidate networks; its sparsest network.

    P_u and P_e are nuisance parameters: a structure the task imposes is found
    from many of them, while spurious splits and merges vary from one setting
    to the next.

    Parameters
    ----------
    cv_results : dict of array-like
        ``cv_results_`` of :class:`~sksculpt.SculptingClassifierCV`, one row
        per network; reads ``seed``, ``accurate``, ``check_accuracy``,
        ``spurious_paths``, ``edges_left`` and ``structure``.

    Returns
    -------
    index : int
        The picked row. When no network of the user's seed keeps the
        accuracy threshold, the most accurate one (then the sparsest).
    """
    cv_results = check_cv_results(cv_results, RULE_COLUMNS, "select_consensus")
    rows = _candidate_rows(cv_results)
    if not len(rows):
        return _fallback(cv_results)
    structures = np.asarray(cv_results["structure"], dtype=object)
    counts = Counter(structures[rows])
    best = max(counts.values())
    winners = [row for row in rows if counts[structures[row]] == best]
    return _sparsest_of(cv_results, np.asarray(winners))


def select_seed_vote(cv_results, n_sparsest=3):
    """The structure that recurs across seeds among their sparsest candidate networks.

    Each seed votes for the structures of its ``n_sparsest`` sparsest
    candidate networks (all of them with None), one vote per structure. The
    structure with the most votes that the user's seed (``seed == 0``) also
    found wins, ties going to the structure found at more grid points, then
    to the sparser network; the user's sparsest network with that structure
    is picked. A structure that many independently trained networks arrive
    at is a property of the task, not of one training run; restricting the
    votes to sparse networks keeps the redundant wiring of lightly pruned
    networks from voting.

    Parameters
    ----------
    cv_results : dict of array-like
        ``cv_results_`` of :class:`~sksculpt.SculptingClassifierCV`, one row
        per network; reads ``seed``, ``accurate``, ``check_accuracy``,
        ``spurious_paths``, ``edges_left`` and ``structure``.
    n_sparsest : int or None, default=3
        How many of each seed's sparsest candidate networks vote (None: all
        of them). Letting every candidate vote does markedly worse: lightly
        pruned networks keep redundant wiring, often one module, and outvote
        the task's structure. The counts on the paper's protocol are on the
        :doc:`/benchmark_log` page ("Choosing the truth-free rule"); the
        rules' results, on the :doc:`/results` page.

    Returns
    -------
    index : int
        The picked row. When no network of the user's seed keeps the
        accuracy threshold, the most accurate one (then the sparsest).
    """
    cv_results = check_cv_results(cv_results, RULE_COLUMNS, "select_seed_vote")
    check_n_sparsest(n_sparsest)
    own = _candidate_rows(cv_results)
    if not len(own):
        return _fallback(cv_results)
    order, _ = _vote_order(cv_results, n_sparsest)
    return int(min(own, key=order))


def _vote_order(cv_results, n_sparsest):
    """The sort key of :func:`select_seed_vote` over rows, and the number of votes of each row's structure.

    A structure's votes are the seeds whose ``n_sparsest`` sparsest candidate
    networks have it; the key sorts rows by more votes, then more networks
    among those with the structure, then fewer edges, then row index.
    """
    structures = np.asarray(cv_results["structure"], dtype=object)
    edges = np.asarray(cv_results["edges_left"])
    votes, found = Counter(), Counter()
    for rows in voting_rows(cv_results, n_sparsest).values():
        votes.update(set(structures[rows]))
        found.update(structures[rows])

    def order(row):
        return -votes[structures[row]], -found[structures[row]], edges[row], row

    return order, lambda row: votes[structures[row]]


def relay_modules(hierarchy):
    """The relay modules of a module graph: modules that hold nothing and are fed by one module at most.

    A relay holds no input and no output and combines nothing: it passes on
    what a single module computes. A layered network puts such units between
    a sub-function and its readers when they sit more than one layer apart,
    and the detection cuts the sub-function there; a function graph has no
    counterpart (a module that holds nothing reads at least two modules,
    like ``h = XOR(g1, g2)`` of the depth task).

    Parameters
    ----------
    hierarchy : networkx.DiGraph
        A module graph in the ``hierarchy_`` format.

    Returns
    -------
    relays : list
        The relay nodes, in node order.

    Examples
    --------
    >>> import networkx as nx
    >>> graph = nx.DiGraph([(0, 1), (1, 2), (1, 3)])
    >>> for node, held in {0: ({0, 1}, set()), 1: (set(), set()), 2: (set(), {0}), 3: (set(), {1})}.items():
    ...     graph.add_node(node, inputs=held[0], outputs=held[1])
    >>> relay_modules(graph)
    [1]
    """
    inputs, outputs = held_sets(hierarchy)
    return [
        node for node in hierarchy
        if not inputs[node] and not outputs[node] and len(set(hierarchy.predecessors(node)) - {node}) <= 1
    ]


def _count_output_modules(hierarchy):
    """How many modules of a module graph hold outputs."""
    return sum(1 for _, data in hierarchy.nodes(data=True) if data["outputs"])


def select_relay_free_vote(cv_results, n_sparsest=3):
    """The structure most seeds reach, relay-free structures first, then those that hold outputs apart.

    Each seed votes for the structures of its ``n_sparsest`` sparsest
    candidate networks, one vote per structure, as in
    :func:`select_seed_vote`. A structure *recurs* when at least half of
    the seeds vote for it and the user's seed (``seed == 0``) found it
    among its candidate networks. Of the recurring structures, those with
    the fewest :func:`relay_modules` come first, then those with the most
    modules holding outputs, then the order of :func:`select_seed_vote`:
    more votes, then found at more grid points, then the sparser network;
    the user's sparsest network with the winning structure is picked. With
    no recurring structure the rule picks what :func:`select_seed_vote`
    picks, and whenever its winner recurs with no more relays and as many
    output modules as any other recurring structure the two rules agree.

    The seeds of a deep network often agree on the task's modules with a
    relay cut into them (a sub-function's units split between two layers,
    the upper part holding nothing and passing the lower part on), and
    sometimes that cut version gets the most votes. Relays are the
    network's layering, not the task's, so a recurring structure without
    them is preferred. Likewise, sparse networks often compute two groups
    of outputs with a few shared units where other accurate networks, of
    at least half of the seeds, keep them apart: the shared units are one
    way to compute the outputs, the separate modules show that the groups
    need none, so the recurring structure with more output modules is
    preferred.

    Parameters
    ----------
    cv_results : dict of array-like
        ``cv_results_`` of :class:`~sksculpt.SculptingClassifierCV`; reads
        ``seed``, ``accurate``, ``check_accuracy``, ``spurious_paths``,
        ``edges_left``, ``structure`` and ``hierarchy``.
    n_sparsest : int or None, default=3
        How many of each seed's sparsest candidate networks vote (None: all
        of them). Between 1 and 8 the choice changes little; letting every
        candidate vote does worse. The counts on the paper's protocol are on the
        :doc:`/benchmark_log` page ("Choosing the truth-free rule"), the
        rule's results on the :doc:`/results` page.

    Returns
    -------
    index : int
        The picked row. When no network of the user's seed keeps the
        accuracy threshold, the most accurate one (then the sparsest).

    See Also
    --------
    select_seed_vote : The same vote, without the two preferences.

    Examples
    --------
    Two seeds; the sparsest network of each has the input module's output
    passed on through a relay, the next one not. Both structures recur; the
    relay-free one is picked although it is denser:

    >>> import networkx as nx
    >>> import numpy as np
    >>> def modules(relay):
    ...     graph = nx.DiGraph()
    ...     graph.add_node(0, inputs={0, 1}, outputs=set())
    ...     graph.add_node(1, inputs=set(), outputs={0})
    ...     if relay:
    ...         graph.add_node(2, inputs=set(), outputs=set())
    ...         graph.add_edges_from([(0, 2), (2, 1)])
    ...     else:
    ...         graph.add_edge(0, 1)
    ...     return graph
    >>> results = {
    ...     "seed": np.array([0, 0, 1, 1]),
    ...     "accurate": np.array([True, True, True, True]),
    ...     "check_accuracy": np.ones(4),
    ...     "spurious_paths": np.zeros(4, dtype=int),
    ...     "edges_left": np.array([10, 12, 11, 13]),
    ...     "structure": np.array(["relayed", "direct", "relayed", "direct"], dtype=object),
    ...     "hierarchy": np.array([modules(True), modules(False), modules(True), modules(False)], dtype=object),
    ... }
    >>> select_seed_vote(results), select_relay_free_vote(results)
    (0, 1)
    """
    cv_results = check_cv_results(cv_results, (*RULE_COLUMNS, "hierarchy"), "select_relay_free_vote")
    check_n_sparsest(n_sparsest)
    own = _candidate_rows(cv_results)
    if not len(own):
        return _fallback(cv_results)
    order, votes = _vote_order(cv_results, n_sparsest)
    n_replicates = len(np.unique(replicates(cv_results)))
    recurring = [row for row in own if 2 * votes(row) >= n_replicates]
    if not recurring:
        return int(min(own, key=order))
    hierarchies = cv_results["hierarchy"]
    preference = {
        row: (len(relay_modules(hierarchies[row])), -_count_output_modules(hierarchies[row])) for row in recurring
    }
    return int(min(recurring, key=lambda row: (*preference[row], *order(row))))


def edges_left_score(estimator, X=None, y=None):
    """Minus the number of edges a fitted sculpting estimator keeps: a scorer (greater is sparser).

    For scikit-learn's :class:`~sklearn.model_selection.GridSearchCV`, not
    for :class:`~sksculpt.SculptingClassifierCV` (whose ``cv_results_``
    already has ``edges_left``). With ``GridSearchCV(scoring={"accuracy":
    "accuracy", "edges": edges_left_score}, refit=select_sparsest_refit)``
    a plain grid search over ``unit_prune_step`` and ``edge_prune_step``
    picks the sparsest accurate network; the search's ``cv_results_`` then
    has the columns ``mean_test_edges`` (minus the mean number of edges over
    the folds) and ``split<k>_test_edges``, which
    :func:`select_sparsest_refit` reads.

    Parameters
    ----------
    estimator : SculptingClassifier
        Fitted.
    X, y : ignored
        Present for the scorer signature.

    Returns
    -------
    score : float
    """
    if not hasattr(estimator, "masks_"):
        raise TypeError(
            f"edges_left_score scores a fitted SculptingClassifier (it reads masks_); got {type(estimator).__name__} "
            "without masks_. Use it as a GridSearchCV scorer, which passes fitted estimators."
        )
    return -float(sum(int(mask.sum()) for mask in estimator.masks_))


def select_sparsest_refit(cv_results):
    """``refit=`` for :class:`~sklearn.model_selection.GridSearchCV`: the sparsest most accurate candidate.

    Reads scikit-learn's ``GridSearchCV.cv_results_`` layout, one row per
    parameter setting, not the one row per network of
    :class:`~sksculpt.SculptingClassifierCV` that the ``select_*`` rules
    read: the ``mean_test_accuracy`` and ``mean_test_edges`` columns of a
    grid search scored with ``{"accuracy": ..., "edges": edges_left_score}``.
    Among the settings of the highest mean accuracy, it picks the one with
    the fewest edges. It knows nothing of seeds, structures or spurious
    paths.

    Parameters
    ----------
    cv_results : dict
        ``GridSearchCV.cv_results_``.

    Returns
    -------
    index : int
    """
    missing = [column for column in ("mean_test_accuracy", "mean_test_edges") if column not in cv_results]
    if missing:
        raise ValueError(
            f"select_sparsest_refit reads GridSearchCV's {missing} columns, from scoring={{'accuracy': 'accuracy', "
            "'edges': edges_left_score}}. For SculptingClassifierCV's cv_results_ use select_sparsest."
        )
    accuracy = np.asarray(cv_results["mean_test_accuracy"])
    edges = -np.asarray(cv_results["mean_test_edges"])
    return int(np.lexsort((edges, -accuracy))[0])
