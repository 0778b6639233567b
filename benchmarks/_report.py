"""Summaries of trial results: success per task and selection rule, next to the paper's."""

from collections import defaultdict

import numpy as np

from ._protocol import PAPER_SUCCESS
from ._selection import SELECTION_RULES


def is_success(point):
    """A picked net succeeds when its modules match the true task exactly (score 1.0)."""
    return point is not None and point["score"] == 1.0


def summarise(results, rules=SELECTION_RULES):
    """One row per task: trials, successes and picked densities per rule, wall time.

    Parameters
    ----------
    results : list of dict
        :func:`~benchmarks._trial.sculpt_grid` results.
    rules : dict of str to callable, default=SELECTION_RULES

    Returns
    -------
    rows : list of dict
        Per task, in first-seen order: ``task``, ``trials``, ``paper``
        (``(successes, trials)`` or None), and per rule ``<rule>_successes``
        and ``<rule>_density`` (median density of the picked nets, NaN if
        none was picked), plus ``seconds`` (summed trial wall time).
    """
    by_task = defaultdict(list)
    for result in results:
        by_task[result["trial"]["task"]].append(result)
    rows = []
    for task, task_results in by_task.items():
        row = dict(task=task, trials=len(task_results), paper=PAPER_SUCCESS.get(task))
        for name, rule in rules.items():
            picked = [rule(result["points"]) for result in task_results]
            row[f"{name}_successes"] = sum(map(is_success, picked))
            densities = [point["density"] for point in picked if point is not None]
            row[f"{name}_density"] = float(np.median(densities)) if densities else float("nan")
        row["seconds"] = sum(result["seconds"] for result in task_results)
        rows.append(row)
    return rows


def markdown_table(rows, rules=tuple(SELECTION_RULES)):
    """The rows of :func:`summarise` as a Markdown table."""
    header = ["task", "paper"] + [f"{rule} success (median density)" for rule in rules] + ["trial time"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        paper = f"{row['paper'][0]}/{row['paper'][1]}" if row["paper"] else "-"
        cells = [
            f"{row[f'{rule}_successes']}/{row['trials']} ({100 * row[f'{rule}_density']:.2f} %)" for rule in rules
        ]
        lines.append(f"| {row['task']} | {paper} | " + " | ".join(cells) + f" | {row['seconds'] / 60:.1f} min |")
    return "\n".join(lines)
