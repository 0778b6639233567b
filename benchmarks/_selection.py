"""Rules that pick one sculpted net per trial out of its P_u x P_e grid.

Each rule takes the trial's grid points (dicts with ``score``, ``accuracy``,
``edges_left``, ``modules`` and ``module_edges``, in grid order) and returns the
picked point, or None when no point qualifies. The first qualifying point in
grid order wins any tie a rule leaves.
"""

from collections import Counter


def pick_oracle(points):
    """The point whose modules match the true task best; ties to the sparsest.

    This is how the paper chose P_u and P_e: knowing the true structure.
    """
    return min(points, key=lambda point: (-point["score"], point["edges_left"]), default=None)


def accurate_points(points, accuracy=1.0):
    """The points whose net keeps ``accuracy`` (share of output bits right on the table)."""
    return [point for point in points if point["accuracy"] >= accuracy]


def pick_sparsest(points, accuracy=1.0):
    """The sparsest net that keeps the accuracy; ties to the most frequent structure among them.

    Needs no ground truth. Sculpting removes what the task does not need, so
    the net with the fewest surviving edges carries the least connectivity
    that is not part of the task's structure.
    """
    candidates = accurate_points(points, accuracy)
    if not candidates:
        return None
    fewest = min(point["edges_left"] for point in candidates)
    return pick_consensus([point for point in candidates if point["edges_left"] == fewest], accuracy)


def pick_consensus(points, accuracy=1.0):
    """The most frequent module structure among the accurate nets; ties to the sparsest.

    Needs no ground truth. P_u and P_e are nuisance parameters: a structure
    that the task imposes is found from many of them, while spurious
    splits and merges vary from one setting to the next.
    """
    candidates = accurate_points(points, accuracy)
    counts = Counter(structure(point) for point in candidates)
    return min(candidates, key=lambda point: (-counts[structure(point)], point["edges_left"]), default=None)


def structure(point):
    """A hashable form of a point's module graph, independent of module numbering.

    Each module is named by the inputs and outputs it holds; the structure is
    the sorted list of module names and the sorted list of edges between names.
    """
    names = [tuple(module) for module in point["modules"]]
    edges = sorted((names[source], names[target]) for source, target in point["module_edges"])
    return tuple(sorted(names)), tuple(edges)


#: Selection rules by name: "oracle" knows the truth, the others do not.
SELECTION_RULES = {"oracle": pick_oracle, "sparsest": pick_sparsest, "consensus": pick_consensus}
