"""The tables of the calibration, from its records: reliability per support bin, the warning's hit rates.

Pure functions over the records of :mod:`benchmarks.reference.calibration`
(one per pick: ``success``, and ``modules``, tuples of support, whether the
module is in the expected graph, and its description; ``verdicts`` and
``verdict`` once the truth table has judged them), so they are tested
without a grid.
"""

from .decompositions import ADMITTED, ERROR

#: Support bins of the reliability table (left-closed; the last one includes 1).
BINS = (0.0, 0.25, 0.5, 0.8, 1.0)
#: Warning levels tried.
LEVELS = (0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)


def weakest(record):
    """The lowest support among the modules of a pick: the warning fires when it is below the level."""
    return min(support for support, _, _ in record["modules"])


def module_right(record, right, description, admitted=False):
    """Whether a module of a pick counts as right: in the expected graph, or (``admitted``) admitted by the table."""
    if right or not admitted:
        return right
    return record.get("verdicts", {}).get(description, (ERROR,))[0] in ADMITTED


def pick_right(record, admitted=False):
    """Whether a pick counts as right: it shows the expected structure, or (``admitted``) every module of it
    that the expected graph lacks is admitted by the truth table (see
    :func:`benchmarks.reference.calibration.admit_decompositions`)."""
    return record["success"] or (admitted and record.get("verdict") == "admitted")


def reliability(records, admitted=False):
    """Rows of (bin, modules, right) over the given records' modules (``admitted``: see :func:`module_right`)."""
    rows = []
    for low, high in zip(BINS[:-1], BINS[1:]):
        inside = [module_right(record, right, description, admitted)
                  for record in records for support, right, description in record["modules"]
                  if low <= support < high or (high == 1.0 and support == 1.0)]
        rows.append((f"[{low:g}, {high:g}{']' if high == 1.0 else ')'}", len(inside), sum(inside)))
    return rows


def warning_rates(records, admitted=False):
    """Rows of (level, wrong picks warned / wrong picks, right picks warned / right picks).

    ``admitted``: picks whose every module not in the expected graph is
    admitted by the truth table count right (see :func:`pick_right`); picks
    that could not be judged (not reproduced) are left out.
    """
    rows = []
    if admitted:
        records = [record for record in records if record.get("verdict") != "not reproduced"]
    supports = [(weakest(record), pick_right(record, admitted)) for record in records]
    for level in LEVELS:
        wrong = [value < level for value, success in supports if not success]
        right = [value < level for value, success in supports if success]
        rows.append((level, sum(wrong), len(wrong), sum(right), len(right)))
    return rows


#: Kinds of wrong picks, by what module support can see of them (:func:`wrong_pick_kinds`).
WRONG_KINDS = (
    "every module in the expected graph (the edges or levels differ)",
    "modules beyond the graph, all supported at the level or above",
    "a module beyond the graph supported below the level",
)


def wrong_pick_kinds(records, level):
    """Rows of (kind, wrong picks, warned at ``level``) over the wrong picks of ``records``.

    Module support can only flag a wrong pick through a weakly supported
    module. A pick whose every module is a module of the expected graph is
    wrong in how they connect (a level merged away); a pick whose modules
    beyond the graph are all supported at ``level`` or above is a structure
    the seeds agree on. Neither is flagged unless a right module happens to
    be weakly supported. Only the third kind is flagged by construction.

    Parameters
    ----------
    records : list of dict
        Records of :func:`calibrate` (``success`` and ``modules``: tuples of
        support, right and description).
    level : float
        The warning level.

    Returns
    -------
    rows : list of tuple
        ``(kind, count, warned)`` for each of :data:`WRONG_KINDS`.

    Examples
    --------
    >>> records = [dict(success=False, modules=[(1.0, True, "a"), (0.5, True, "b")]),
    ...            dict(success=False, modules=[(1.0, True, "a"), (0.9, False, "c")]),
    ...            dict(success=False, modules=[(0.4, False, "d")]),
    ...            dict(success=True, modules=[(0.2, True, "a")])]
    >>> [(count, warned) for _, count, warned in wrong_pick_kinds(records, 0.7)]
    [(1, 1), (1, 0), (1, 1)]
    """
    counts = {kind: [0, 0] for kind in WRONG_KINDS}
    for record in records:
        if record["success"]:
            continue
        beyond = [support for support, right, _ in record["modules"] if not right]
        kind = WRONG_KINDS[0] if not beyond else WRONG_KINDS[1] if min(beyond) >= level else WRONG_KINDS[2]
        counts[kind][0] += 1
        counts[kind][1] += weakest(record) < level
    return [(kind, count, warned) for kind, (count, warned) in counts.items()]
