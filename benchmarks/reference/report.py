"""Summaries of the reference's trials fitted at the authors' picks, beside the poster's."""

import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from ._protocol import PAPER_SUCCESS, PAPER_WIDTHS
from ._selection import SELECTION_RULES, add_spurious_paths

#: The x axis of each experiment: its name and how to read it off a result's ``trial`` dict.
AXES = {
    "exemplars": ("task", lambda trial: trial["task"] + ("" if trial["hidden_layer_sizes"][0] in PAPER_WIDTHS
                                                         else " (widths 8-20)")),
    "input_overlap_exp": ("overlap o", lambda trial: trial["overlap"]),
    "non_separable_increasing_use": ("use m", lambda trial: trial["m"]),
    "increasing_hierarchical_levels": ("hidden layers", lambda trial: len(trial["hidden_layer_sizes"])),
}

#: Finer groupings: the axis value followed by one more field of the trial.
SPLITS = {
    "none": None,
    "width": lambda trial: f"width {trial['hidden_layer_sizes'][0]}",
    "depth": lambda trial: f"depth {len(trial['hidden_layer_sizes'])}",
    "m": lambda trial: f"m {trial['m']}",
    "seed": lambda trial: f"seed {trial['seed']}",
}


@dataclass(frozen=True)
class PosterExemplar:
    """A net the poster shows: its trial, the authors' pick, and what the figure reads.

    Attributes
    ----------
    figure : str
    task : str
        Task specification (see :func:`benchmarks._protocol.parse_task`).
    hidden_layer_sizes : tuple of int
    seed : int
    unit_prune_step, edge_prune_step : float
    density : float
        Density after sculpting, a fraction.
    units_left : tuple of int or None
        Units per layer the figure shows (None where ``TASKS.md`` does not give them).
    """

    figure: str
    task: str
    hidden_layer_sizes: tuple
    seed: int
    unit_prune_step: float
    edge_prune_step: float
    density: float
    units_left: tuple | None


#: The poster's exemplar nets (``TASKS.md``); each is a row of ``data/reference_trials.csv``.
POSTER_EXEMPLARS = (
    PosterExemplar("headline", "input_separable", (24, 24), 0, 65.0, 1.5, 0.0208, None),
    PosterExemplar("headline", "reused:m=16", (24, 24), 0, 70.0, 2.5, 0.0275, (4, 3, 2, 16)),
    PosterExemplar("headline", "separable_reused", (24, 24), 0, 60.0, 0.5, 0.0189, None),
    PosterExemplar("headline", "single", (24, 24), 0, 15.0, 2.5, 0.0182, None),
    PosterExemplar("overlap", "overlap:overlap=0,m=8", (24, 24), 0, 70.0, 2.5, 0.0281, (8, 4, 2, 8)),
    PosterExemplar("overlap", "overlap:overlap=1,m=8", (24, 24), 0, 55.0, 1.0, 0.0288, (7, 4, 2, 8)),
    PosterExemplar("overlap", "overlap:overlap=2,m=8", (24, 24), 0, 65.0, 2.0, 0.0307, (6, 5, 2, 8)),
    PosterExemplar("overlap", "overlap:overlap=3,m=8", (24, 24), 0, 25.0, 2.0, 0.0315, (5, 3, 3, 8)),
    PosterExemplar("overlap", "overlap:overlap=4,m=8", (36, 36), 1, 60.0, 2.5, 0.0139, (4, 3, 2, 8)),
    PosterExemplar("reuse", "reused:m=2", (24, 24), 5, 45.0, 1.0, 0.0208, (4, 3, 2, 2)),
    PosterExemplar("reuse", "reused:m=4", (24, 24), 0, 55.0, 2.5, 0.0234, (4, 3, 2, 4)),
    PosterExemplar("reuse", "reused:m=8", (24, 24), 0, 40.0, 2.5, 0.0255, (4, 3, 2, 8)),
    PosterExemplar("reuse", "reused:m=12", (24, 24), 0, 65.0, 2.0, 0.026, (4, 3, 2, 12)),
    PosterExemplar("depth", "depth:m=4", (48, 48), 0, 70.0, 2.0, 0.0094, (8, 4, 2, 4)),
    # TASKS.md gives [8, 4, 2, 2, 2, 4] here, six layers for a net of five; the authors' stored
    # masks of this trial read [8, 4, 2, 2, 4].
    PosterExemplar("depth", "depth:m=4", (48, 48, 48), 0, 35.0, 1.0, 0.0052, None),
    PosterExemplar("depth", "depth:m=4", (48, 48, 48, 48), 0, 10.0, 1.0, 0.004, (8, 5, 2, 2, 2, 4)),
)


#: Task families whose even outputs copy one sub-function and odd outputs another.
EVEN_ODD_FAMILIES = ("reused", "overlap", "depth")


def _group_order(group):
    """Sort key of a group: numbers inside text labels compare as numbers ("m 2" before "m 12")."""
    return tuple(
        tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", value))
        if isinstance(value, str) else (value,)
        for value in group
    )


def _groups(results, experiment, split):
    """``(group, results)`` pairs along the experiment's axis (and the split's field), in axis order."""
    axis, finer = AXES[experiment][1], SPLITS[split]
    groups = defaultdict(list)
    for result in results:
        value = axis(result["trial"])
        groups[(value, finer(result["trial"])) if finer else (value,)].append(result)
    return sorted(groups.items(), key=lambda item: _group_order(item[0]))


def _trial_id(result):
    trial = result["trial"]
    return trial["experiment"], trial["task"], tuple(trial["hidden_layer_sizes"]), trial["seed"]


def summarise_picked(results, experiment, split="none"):
    """One row per value of an experiment's axis: successes and densities at the authors' picks.

    A trial succeeds when a net sculpted at one of its picks matches the
    task's structure exactly (hierarchy match score 1.0).

    Parameters
    ----------
    results : list of dict
        :func:`~benchmarks._reference_trial.fit_picked` results of one experiment.
    experiment : str
        Key of :data:`AXES`.
    split : str, default="none"
        Key of :data:`SPLITS`: group further by width, depth, m or seed.

    Returns
    -------
    rows : list of dict
        Sorted by group: ``group``, ``trials``, ``successes``, ``picks``
        (rows fitted), ``pick_successes``, ``accurate`` (picks whose net
        keeps every output bit right; None when no accuracy is known), ``density`` and ``score`` (medians
        over picks), ``seconds`` (summed fit time) and ``paper`` (the poster's
        ``(successes, trials)`` where it reports one, else None).
    """
    rows = []
    for group, members in _groups(results, experiment, split):
        trials = defaultdict(list)
        for result in members:
            trials[_trial_id(result)].append(result["point"]["score"] == 1.0)
        points = [result["point"] for result in members]
        accuracies = [point["accuracy"] for point in points if point["accuracy"] is not None]
        rows.append(dict(
            group=" ".join(map(str, group)),
            trials=len(trials),
            successes=sum(any(picks) for picks in trials.values()),
            picks=len(points),
            pick_successes=sum(point["score"] == 1.0 for point in points),
            accurate=sum(accuracy == 1.0 for accuracy in accuracies) if accuracies else None,
            density=float(np.median([point["density"] for point in points])),
            score=float(np.median([point["score"] for point in points])),
            seconds=sum(point["seconds"] for point in points if point["seconds"] is not None),
            paper=PAPER_SUCCESS.get(group[0]) if experiment == "exemplars" and len(trials) == 36 else None,
        ))
    return rows


def picked_table(rows, axis_label):
    """The rows of :func:`summarise_picked` as a Markdown table."""
    header = [axis_label, "successes / trials", "poster", "picks right", "picks accurate",
              "median density", "median score", "fit time"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        paper = f"{row['paper'][0]}/{row['paper'][1]}" if row["paper"] else "-"
        accurate = "-" if row["accurate"] is None else f"{row['accurate']}/{row['picks']}"
        lines.append(
            f"| {row['group']} | {row['successes']}/{row['trials']} | {paper} | "
            f"{row['pick_successes']}/{row['picks']} | {accurate} | "
            f"{100 * row['density']:.2f} % | {row['score']:.3f} | {row['seconds']:.0f} s |"
        )
    return "\n".join(lines)


def find_exemplar(results, exemplar):
    """The picked result of a poster exemplar, or None when it was not run."""
    for result in results:
        trial, point = result["trial"], result["point"]
        if (trial["task"], tuple(trial["hidden_layer_sizes"]), trial["seed"], point["unit_step"],
                point["edge_step"]) == (exemplar.task, exemplar.hidden_layer_sizes, exemplar.seed,
                                        exemplar.unit_prune_step, exemplar.edge_prune_step):
            return result
    return None


def exemplar_table(results):
    """A Markdown table of the poster's exemplar nets beside the same settings sculpted here."""
    header = ["figure", "task", "architecture", "seed", "P_u / P_e", "score", "density (poster)",
              "units left (poster)"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for exemplar in POSTER_EXEMPLARS:
        result = find_exemplar(results, exemplar)
        if result is None:
            continue
        point = result["point"]
        poster_units = list(exemplar.units_left) if exemplar.units_left else "-"
        lines.append(
            f"| {exemplar.figure} | {exemplar.task} | {list(exemplar.hidden_layer_sizes)} | {exemplar.seed} | "
            f"{exemplar.unit_prune_step:g} / {exemplar.edge_prune_step:g} | {point['score']:.3f} | "
            f"{100 * point['density']:.2f} % ({100 * exemplar.density:.2f} %) | "
            f"{point['units_left']} ({poster_units}) |"
        )
    return "\n".join(lines)


def pick_with_sibling_seeds(results, rules=SELECTION_RULES):
    """Make every grid trial's ``picks`` again, the trials of its other seeds voting; in place.

    A trial's siblings are the trials of ``results`` with the same experiment,
    task and architecture and another seed, as ``SculptingClassifierCV(n_seeds=...)``
    sculpts them; each rule picks among the trial's own points. Without
    siblings in ``results`` (a run of one seed) a truth-free rule sees one seed.
    Every point's ``spurious_paths`` is set first (see
    :func:`~benchmarks._selection.add_spurious_paths`).

    Parameters
    ----------
    results : list of dict
        :func:`~benchmarks._reference_trial.grid_trial` results.
    rules : dict, default=SELECTION_RULES

    Returns
    -------
    results : list of dict
    """
    by_architecture = defaultdict(list)
    for result in results:
        add_spurious_paths(result)
        trial = result["trial"]
        by_architecture[(trial["experiment"], trial["task"], tuple(trial["hidden_layer_sizes"]))].append(result)
    for siblings in by_architecture.values():
        for result in siblings:
            others = [other["points"] for other in sorted(siblings, key=lambda other: other["trial"]["seed"])
                      if other is not result]
            result["picks"] = {name: rule(result["points"], others) for name, rule in rules.items()}
    return results


def summarise_grid(results, experiment, split="none"):
    """One row per value of an experiment's axis: successes of the authors' picks and of each rule on the grid.

    Parameters
    ----------
    results : list of dict
        :func:`~benchmarks._reference_trial.grid_trial` results of one experiment.
    experiment : str
        Key of :data:`AXES`.
    split : str, default="none"
        Key of :data:`SPLITS`: group further by width, depth, m or seed.

    Returns
    -------
    rows : list of dict
        Sorted by group: ``group``, ``trials``, ``authors`` (trials where a
        grid point at one of the authors' picks scores 1.0) and, per
        selection rule, the trials whose picked point scores 1.0.
    """
    rows = []
    for group, members in _groups(results, experiment, split):
        row = dict(group=" ".join(map(str, group)), trials=len(members))
        row["authors"] = sum(any(point is not None and point["score"] == 1.0 for point in result["authors"])
                             for result in members)
        for rule in SELECTION_RULES:
            row[rule] = sum(result["picks"][rule] is not None and result["picks"][rule]["score"] == 1.0
                            for result in members)
        rows.append(row)
    return rows


def grid_table(rows, axis_label):
    """The rows of :func:`summarise_grid` as a Markdown table (successes / trials)."""
    columns = ["authors", *SELECTION_RULES]
    header = [axis_label, *(f"{column} pick" for column in columns)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        lines.append(f"| {row['group']} | " + " | ".join(f"{row[column]}/{row['trials']}" for column in columns) + " |")
    return "\n".join(lines)


def _outputs_label(outputs, n_outputs, even_odd):
    """How a module's outputs read: all of them, the even or odd ones (even/odd tasks), or their indices."""
    if len(outputs) == n_outputs and n_outputs > 1:
        return "all outputs"
    if even_odd and outputs == list(range(0, n_outputs, 2)):
        return "even outputs"
    if even_odd and outputs == list(range(1, n_outputs, 2)):
        return "odd outputs"
    return " ".join(f"y{index}" for index in outputs)


def structure_of(result):
    """A detected module graph as text, the same for nets that differ only in their number of outputs.

    Each module reads ``{inputs, outputs}``: its held inputs (``x0``...) and
    outputs (``all outputs``; ``even outputs`` / ``odd outputs`` on the
    reused, overlap and depth tasks, where the even outputs copy one
    sub-function and the odd ones another; else ``y0``...), ``{hidden}`` for
    a module holding neither. Modules are sorted, then the module edges.

    Parameters
    ----------
    result : dict
        A picked or authors result: ``trial``, ``modularity`` and ``point``
        with ``modules`` and ``module_edges``.

    Returns
    -------
    structure : str
    """
    n_outputs = result["modularity"][-1]
    even_odd = result["trial"]["family"] in EVEN_ODD_FAMILIES
    labels = []
    for inputs, outputs in result["point"]["modules"]:
        items = [f"x{index}" for index in inputs.split(",") if index]
        if outputs:
            items.append(_outputs_label([int(index) for index in outputs.split(",")], n_outputs, even_odd))
        labels.append("{" + (" ".join(items) or "hidden") + "}")
    edges = sorted(f"{labels[source]} -> {labels[target]}" for source, target in result["point"]["module_edges"])
    return " ".join(sorted(labels)) + ("; " + ", ".join(edges) if edges else "")


def summarise_structures(results, experiment, split="none", top=3):
    """The most common detected structures in each group of an experiment's axis.

    Parameters
    ----------
    results : list of dict
        Picked or authors results of one experiment.
    experiment : str
        Key of :data:`AXES`.
    split : str, default="none"
        Key of :data:`SPLITS`.
    top : int, default=3
        Structures listed per group, most picks first.

    Returns
    -------
    rows : list of dict
        ``group``, ``picks`` (nets in the group), ``structure``, ``score``,
        ``count`` (nets with that structure) and ``trials`` (trials with at
        least one such net), ``top`` rows per group, groups in axis order.
    """
    rows = []
    for group, members in _groups(results, experiment, split):
        nets, trials, scores = defaultdict(int), defaultdict(set), {}
        for result in members:
            structure = structure_of(result)
            nets[structure] += 1
            trials[structure].add(_trial_id(result))
            scores[structure] = result["point"]["score"]
        for structure in sorted(nets, key=lambda name: (-nets[name], name))[:top]:
            rows.append(dict(group=" ".join(map(str, group)), picks=len(members), structure=structure,
                             score=scores[structure], count=nets[structure], trials=len(trials[structure])))
    return rows


def structure_table(rows, axis_label):
    """The rows of :func:`summarise_structures` as a Markdown table."""
    header = [axis_label, "nets", "trials", "score", "modules; module edges"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        lines.append(f"| {row['group']} | {row['count']}/{row['picks']} | {row['trials']} | {row['score']:.3f} | "
                     f"{row['structure']} |")
    return "\n".join(lines)
