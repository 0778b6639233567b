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

import numpy as np

from ._rows import _candidate_rows, _fallback, replicates, voting_rows
from ._structures import _count_output_modules, _held_modules, relay_modules
from ._validation import check_cv_results, check_n_sparsest

#: The columns every built-in rule reads.
RULE_COLUMNS = ("seed", "accurate", "check_accuracy", "spurious_paths", "edges_left", "structure")


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


def select_relay_free_vote(cv_results, n_sparsest=3):
    """The structure most seeds reach, relay-free structures first, then those that hold outputs apart.

    Each seed votes for the structures of its ``n_sparsest`` sparsest
    candidate networks, one vote per structure, as in
    :func:`select_seed_vote`. A structure *recurs* when at least half of
    the seeds vote for it and the user's seed (``seed == 0``) found it
    among its candidate networks. Of the recurring structures, those with
    the fewest :func:`relay_modules` come first, then those with the most
    modules holding outputs, then the order of :func:`select_seed_vote`:
    more votes, then found at more grid points, then the sparser network.
    Last, a recurring structure that holds the same inputs and outputs in
    the same modules as the winner, with as many relays, and has more
    modules in between takes its place. The user's sparsest network with the
    winning structure is picked. With no recurring structure the rule picks
    what :func:`select_seed_vote` picks, and whenever its winner recurs with
    no more relays and as many output modules as any other recurring
    structure, and no recurring structure adds modules between its own, the
    two rules agree.

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
    preferred. The same holds one level up: a sub-function that some seeds
    hold in a module of its own (``h`` of the depth task, reading the two
    input modules), and others fold into the modules that read it, is a
    level of the task when the separate version recurs. Only a structure
    that holds the same modules as the winner counts as adding a level: a
    structure that splits an input or output module further is another
    decomposition, and preferring any structure with more modules would pick
    the most fragmented one whenever few seeds vote.

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
    select_seed_vote : The same vote, without its preferences.

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
    winner = min(recurring, key=lambda row: (*preference[row], *order(row)))
    held = _held_modules(hierarchies[winner])
    with_levels = [
        row for row in recurring if preference[row] == preference[winner] and _held_modules(hierarchies[row]) == held
    ]
    return int(min(with_levels, key=lambda row: (-hierarchies[row].number_of_nodes(), *order(row))))
