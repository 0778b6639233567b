"""Summaries of trial results: success per task and selection rule, next to the paper's."""

from collections import defaultdict

import numpy as np

from ..common.facts import PAPER_SUCCESS
from ..common.selection import SELECTION_RULES


def is_success(point):
    """A picked net succeeds when its modules match the true task exactly (score 1.0)."""
    return point is not None and point["score"] == 1.0


def architecture(trial):
    """The trials that differ only in seed share this key: their grids vote together."""
    return trial["task"], trial["width"], trial["depth"]


def by_task(trial):
    """Group trials by task specification."""
    return trial["task"]


def summarise(results, rules=SELECTION_RULES, group=by_task):
    """One row per group of trials: successes and picked densities per rule, wall time.

    Parameters
    ----------
    results : list of dict
        :func:`~benchmarks.paper.trial.sculpt_trials` results.
    rules : dict of str to callable, default=SELECTION_RULES
    group : callable, default=by_task
        Maps a result's ``trial`` dict to its group (e.g. the task, the depth).

    Returns
    -------
    rows : list of dict
        Per group, in first-seen order: ``group``, ``trials``, ``paper``
        (the paper's ``(successes, trials)`` when the group is one of its
        tasks, else None), and per rule ``<rule>_successes`` and
        ``<rule>_density`` (median density of the picked nets, NaN if none
        was picked), plus ``seconds`` (summed trial wall time).
    """
    groups = defaultdict(list)
    seeds_of = defaultdict(list)
    for result in results:
        groups[group(result["trial"])].append(result)
        seeds_of[architecture(result["trial"])].append(result)
    rows = []
    for name, group_results in groups.items():
        row = dict(group=name, trials=len(group_results), paper=PAPER_SUCCESS.get(name))
        for name, rule in rules.items():
            picked = [
                rule(result["points"], [other["points"] for other in seeds_of[architecture(result["trial"])]
                                        if other is not result])
                for result in group_results
            ]
            row[f"{name}_successes"] = sum(map(is_success, picked))
            for field in ("score", "density"):
                values = [point[field] for point in picked if point is not None]
                row[f"{name}_{field}"] = float(np.median(values)) if values else float("nan")
        row["seconds"] = sum(result["seconds"] for result in group_results)
        rows.append(row)
    return rows


def markdown_table(rows, rules=tuple(SELECTION_RULES)):
    """The rows of :func:`summarise` as a Markdown table."""
    header = ["trials of", "paper"] + [f"{rule} success (median density)" for rule in rules] + ["trial time"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        paper = f"{row['paper'][0]}/{row['paper'][1]}" if row["paper"] else "-"
        cells = [
            f"{row[f'{rule}_successes']}/{row['trials']} ({100 * row[f'{rule}_density']:.2f} %)" for rule in rules
        ]
        lines.append(f"| {row['group']} | {paper} | " + " | ".join(cells) + f" | {row['seconds']:.0f} s |")
    return "\n".join(lines)
